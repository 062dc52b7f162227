// Helpers for e2e/drafts.test.mjs and e2e/offline-privacy.test.mjs: a Chromium we start (and can SIGKILL) ourselves,
// whole-form reads, sample data typed with the keyboard, downloads read back as text, localStorage reads.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, VALID_ROW, VALID_TABLE, VALID_DATE, enterRow, enterTable } from './harness.mjs';

/** A fresh, empty Chromium profile folder; `remove()` deletes it. */
export async function tempProfile() {
  const dir = await mkdtemp(join(tmpdir(), 'shenbao-e2e-profile-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Starts /usr/bin/chromium as our own child process (its own process group) on `userDataDir`, and connects to it over
 * CDP. `kill()` sends SIGKILL to the whole process group (no clean shutdown) and resolves once the browser is gone.
 */
export async function spawnChromium(userDataDir) {
  const child = spawn('/usr/bin/chromium', [
    ...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, '--lang=en-US',
    '--no-default-browser-check', 'about:blank',
  ], { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8' } });
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let log = '';
  const ws = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Chromium printed no DevTools address:\n${log}`)), 30000);
    child.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    exited.then(({ code, signal }) => { clearTimeout(timer); fail(new Error(`Chromium exited (${code ?? signal}):\n${log}`)); });
  });
  const browser = await chromium.connectOverCDP(ws);
  const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
  return {
    browser,
    context: browser.contexts()[0],
    pid: child.pid,
    /** SIGKILL to the browser's whole process group; resolves with how the main process ended. */
    kill: async () => { killGroup('SIGKILL'); return exited; },
    /** Orderly end for the cleanup path (still a kill: we never need this profile afterwards). */
    close: async () => { await browser.close().catch(() => {}); killGroup('SIGKILL'); await exited; },
  };
}

/** True while any process of the process group `pgid` is alive. */
export function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/** Every named control of the form: { table: {name: value}, rows: [{name: value}] } in display order. */
export async function readForm(page) {
  return page.evaluate(() => {
    const table = {};
    for (const n of ['recommender', 'recommender_head', 'filler', 'filler_phone', 'fill_date']) {
      const el = [...document.querySelectorAll(`[name="${n}"]`)].find((e) => !e.closest('[data-row]'));
      table[n] = el ? el.value : null;
    }
    const rows = [...document.querySelectorAll('[data-row]')].map((r) => Object.fromEntries(
      [...r.querySelectorAll('input[name], select[name], textarea[name]')].map((el) => [el.name, el.value])));
    return { table, rows };
  });
}

/** Only the values that were entered: every non-empty value of readForm (keeps comparisons readable). */
export function nonEmpty(form) {
  const pick = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v != null));
  return { table: pick(form.table), rows: form.rows.map(pick) };
}

/** A second, different project row (selects included). */
export const ROW_B = {
  unit_name: '天津武清智能装备股份有限公司',
  credit_code: '91120114MA05K7XY3B',
  industry: '34',
  district: '武清区',
  scale: '小型企业',
  ownership: '股份有限公司',
  project_name: '数控机床主轴精度保持性攻关',
  topic_type: '创新型',
  leader_name: '赵丽',
  leader_phone: '022-82119876',
  email: 'zhaoli@wq-zb.cn',
  remarks: '第二个项目',
};
export const ROW_A = { ...VALID_ROW, remarks: '首个项目' };

/** Types the table fields (with the date) and two project rows, all with the keyboard. */
export async function enterTwoRows(page) {
  await enterTable(page, VALID_TABLE, VALID_DATE);
  await enterRow(page, 0, ROW_A);
  await page.locator('[data-action="add-row"]').click();
  await page.locator('[data-row="1"] [name="unit_name"]').waitFor();
  await enterRow(page, 1, ROW_B);
}

/** What readForm should give after enterTwoRows (only the non-empty values). */
export const TWO_ROWS = {
  table: { ...VALID_TABLE, fill_date: VALID_DATE.value },
  rows: [ROW_A, ROW_B],
};

/** Runs `click()` and resolves to the download it caused: { name, text, bytes }. */
export async function downloadOf(page, click, timeout = 30000) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
  const path = await dl.path();
  const bytes = await readFile(path);
  return { name: dl.suggestedFilename(), text: bytes.toString('utf8'), bytes, download: dl };
}

/** Clicks export-xlsx, confirms the "errors left" dialog if it comes, and resolves to the download (see downloadOf). */
export async function exportXlsx(page) {
  return downloadOf(page, async () => {
    const confirm = page.locator('[role="alertdialog"] [data-action="confirm"]');
    const dialogShown = confirm.waitFor({ timeout: 30000 }).then(() => true, () => false);
    const downloaded = page.waitForEvent('download', { timeout: 30000 }).then(() => false, () => false);
    await page.locator('[data-action="export-xlsx"]').click();
    if (await Promise.race([dialogShown, downloaded])) await confirm.click();
  });
}

/** All localStorage keys and values of the page's origin. */
export async function localStore(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
}

/** The parsed draft stored under `shenbao.tj-quality-2021.draft`, or null. */
export async function storedDraft(page) {
  const raw = await page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft'));
  return raw == null ? null : JSON.parse(raw);
}

/** Waits until the save status reads `已保存 HH:MM:SS`; returns the text. */
export async function waitSaved(page, timeout = 5000) {
  const status = page.locator('[data-save-status]');
  await status.filter({ hasText: /^已保存 \d{2}:\d{2}:\d{2}$/ }).waitFor({ timeout });
  return (await status.innerText()).trim();
}

/** The local date in the page, YYYY-MM-DD. */
export async function pageToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}
