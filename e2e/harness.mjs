// Test harness for the end-to-end tests: serves dist/ on 127.0.0.1 and drives Debian's Chromium with playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const DIST = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Serves a folder (dist/ by default) on 127.0.0.1 at a free port; resolves to { url, close, requests }. */
export async function serve(dir = DIST) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      await stat(file);
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium; `userDataDir` gives a persistent profile (for reload and kill tests). */
export async function launch({ userDataDir, viewport = { width: 1280, height: 900 } } = {}) {
  const opts = { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS };
  if (userDataDir) {
    const context = await chromium.launchPersistentContext(userDataDir, { ...opts, viewport, acceptDownloads: true });
    return { context, browser: null, close: () => context.close() };
  }
  const browser = await chromium.launch(opts);
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  return { context, browser, close: () => browser.close() };
}

/** Opens the app; collects console errors and page errors in `errors`. Waits until the app has rendered. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('h1');
  return { page, errors };
}

// ---- Helpers for the form tests (e2e/form*.test.mjs) ----

/**
 * A fresh context and page on a browser from `launch()` (no persistent profile): its own storage, so no draft of an
 * earlier test leaks in. Resolves to { page, context, errors, close }.
 */
export async function freshPage(launched, url, { viewport = { width: 1280, height: 900 }, locale = 'en-US' } = {}) {
  if (!launched.browser) throw new Error('freshPage needs a browser from launch() without userDataDir');
  const context = await launched.browser.newContext({ viewport, locale, acceptDownloads: true });
  const { page, errors } = await openApp(context, url);
  await page.waitForSelector('[data-row] [name="unit_name"]');
  return { page, context, errors, close: () => context.close() };
}

/**
 * Wraps a test body: a fresh page (own context) per test, closed afterwards; the test fails on any console error.
 * `env` returns `{ browser, server }` (set up in `before`, so read when the test runs).
 */
export function withFreshPage(env, body, opts) {
  return async () => {
    const { browser, server } = env();
    const p = await freshPage(browser, server.url, opts);
    try {
      await body(p.page);
      assert.deepEqual(p.errors, [], 'no console error');
    } finally {
      await p.close();
    }
  };
}

/** The control `name` inside the project row with display index `row` (0-based, the `data-row` value). */
export function rowControl(page, row, name) {
  return page.locator(`[data-row="${row}"] [name="${name}"]`);
}

/** A once-per-table control (`recommender`, `filler`, `filler_phone`, `fill_date`, `recommender_head`). */
export function tableControl(page, name) {
  return page.locator(`[name="${name}"]:not([data-row] *)`);
}

/** Focuses a text control, empties it with the keyboard, and types `text` key by key (no `fill`). */
export async function typeText(control, text, { clear = true } = {}) {
  await control.focus();
  if (clear) {
    await control.press('ControlOrMeta+A');
    await control.press('Backspace');
  } else {
    await control.press('End');
  }
  if (text) await control.pressSequentially(text);
}

/** The control's data-state, aria-invalid and the text of the element its aria-describedby names. */
export async function fieldStatus(control) {
  return control.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    const message = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
    const field = el.closest('.field');
    const fix = field?.querySelector('[data-action="apply-fix"]');
    return {
      state: el.getAttribute('data-state'),
      invalid: el.getAttribute('aria-invalid'),
      describedby: ids,
      message,
      value: el.value,
      fix: fix ? fix.textContent.trim() : null,
    };
  });
}

/** Polls `read()` until it returns something deep-equal to `want` (JSON comparison) or `timeout` ms pass; returns
 * the last value read, so the caller's assertion shows what was there. */
export async function eventually(read, want, timeout = 3000) {
  const deadline = Date.now() + timeout;
  let got;
  for (;;) {
    got = await read();
    if (JSON.stringify(got) === JSON.stringify(want) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Number of project rows shown, and their `data-row` values and 序号 in display order. */
export async function rowsInfo(page) {
  return page.$$eval('[data-row]', (rows) => rows.map((r) => {
    const seq = r.querySelector('.seq');
    return { row: r.getAttribute('data-row'), seq: seq?.getAttribute('data-seq'), seqText: seq?.textContent.replace(/\s+/g, ' ').trim() };
  }));
}

/** The number in the `data-issue-count` element. */
export async function issueCount(page) {
  return Number((await page.locator('[data-issue-count]').innerText()).trim());
}

/**
 * Chooses an option of a native <select> with the keyboard only: focus, Home, then ArrowDown to the option whose
 * value is `value` (as a user on Windows/Linux does; each step fires `change`). Throws if the value is not offered.
 */
export async function chooseWithKeys(select, value) {
  await select.focus();
  const { target, current } = await select.evaluate((el, v) => ({
    target: [...el.options].findIndex((o) => o.value === v), current: el.selectedIndex,
  }), value);
  if (target < 0) throw new Error(`option ${value} is not offered by ${await select.getAttribute('name')}`);
  const key = target >= current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await select.press(key);
}

/** A complete, valid project row (滨海新区 code) and table fields, as the form expects them. */
export const VALID_ROW = {
  unit_name: '天津滨海精密制造有限公司',
  credit_code: '911201163409833307',
  industry: '36',
  district: '滨海新区',
  scale: '中型企业',
  ownership: '有限责任公司',
  project_name: '汽车零部件焊接质量提升攻关',
  topic_type: '问题解决型',
  leader_name: '张伟',
  leader_phone: '13800138000',
  email: 'zhangwei@163.com',
};
export const VALID_TABLE = {
  recommender: '滨海新区市场监督管理局',
  recommender_head: '李明',
  filler: '王芳',
  filler_phone: '022-29361296',
};
/** The keys typed into the date input (en-US locale: month, day, year) and the value they give. */
export const VALID_DATE = { keys: '04122021', value: '2021-04-12' };

/** Enters a row's values with the keyboard: text typed key by key, selects chosen with arrow keys, Tab to leave. */
export async function enterRow(page, row, values) {
  for (const [name, value] of Object.entries(values)) {
    const control = rowControl(page, row, name);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await chooseWithKeys(control, value);
    else await typeText(control, value);
    await page.keyboard.press('Tab');
  }
}

/** Enters the table fields with the keyboard (the date through its segments in an en-US locale). */
export async function enterTable(page, values, date = VALID_DATE) {
  for (const [name, value] of Object.entries(values)) {
    await typeText(tableControl(page, name), value);
    await page.keyboard.press('Tab');
  }
  if (date) {
    const d = tableControl(page, 'fill_date');
    await d.focus();
    await page.keyboard.type(date.keys);
    await page.keyboard.press('Tab');
  }
}

/** The intake report while it asks what to do (a dialog). */
export const intakeReport = (page) => page.locator('[role="alertdialog"][data-import-report]');

/**
 * Chooses `files` (paths or { name, mimeType, buffer }) in the import input, waits for the intake report and answers
 * it with `action` ('confirm', 'merge' or 'cancel'; null: leave it open). Resolves to the report's entries:
 * [{ file, rows, status, text }].
 */
export async function importFiles(page, files, action = 'confirm', { timeout = 30000, before } = {}) {
  await page.setInputFiles('[data-action=import-draft]', files);
  const report = intakeReport(page);
  await report.waitFor({ timeout });
  const entries = await report.locator('[data-import-file]').evaluateAll((els) => els.map((e) => ({
    file: e.getAttribute('data-file'), rows: Number(e.getAttribute('data-rows')), status: e.getAttribute('data-status'),
    text: e.textContent,
  })));
  if (before) await before(report);
  if (action) await report.locator(`[data-action="${action}"]`).click();
  return entries;
}
