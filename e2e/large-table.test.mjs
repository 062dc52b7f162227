// Large tables (issue 8): a 5000-row merged table imports without freezing, only the blocks near the viewport are
// on the page, and scrolling, jumping, typing, keyboard navigation and export reach every row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, withFreshPage, rowControl, typeText, eventually } from './harness.mjs';
import { unzip, sharedStrings } from './zip.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });
const env = () => ({ browser, server });

const golden = JSON.parse(fs.readFileSync(path.join(here, '..', 'tests', 'golden', 'declaration.json'), 'utf8'));

/** A credit code with a correct check character (the golden file's one is deliberately wrong). */
const VALID_CODE = '91120222MA05M8XY32';

/** A draft file of `n` projects of one enterprise; row `bad` (0-based) gets a credit code with a wrong check character. */
function draftFile(n, bad) {
  const base = { ...golden.rows[0], credit_code: VALID_CODE };
  const rows = Array.from({ length: n }, (_, i) => ({
    ...base, id: i + 1, project_name: `第${i + 1}号质量攻关项目`,
  }));
  if (bad !== undefined) rows[bad].credit_code = VALID_CODE.slice(0, 17) + 'K';
  return JSON.stringify({ format: 'shenbao-draft', version: 1, saved_at: '2026-11-25T10:00:00', app_version: '0.1.0', writer: '', seq: 1, declaration: { ...golden, rows } });
}

async function importDraft(page, text) {
  await page.locator('input[type="file"][data-action="import-draft"]').setInputFiles(
    { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  await page.locator('[role="alertdialog"][data-import-report] [data-action="confirm"]').click({ timeout: 60000 });
}

const rendered = (page) => page.locator('[data-row]').count();
const scrollToRow = (page, i) => page.evaluate((i) => {
  // The list's spacers stand for the rows left out, so the scroll position of row i is proportional.
  const list = document.getElementById('projects');
  const total = Number(list.dataset.rowTotal);
  const top = list.getBoundingClientRect().top + window.scrollY;
  window.scrollTo(0, top + (list.scrollHeight * i) / total);
}, i);

test('a 5000-row draft file: on screen at once, few blocks in the page, every row reachable by scrolling',
  withFreshPage(env, async (page) => {
    const t0 = Date.now();
    await importDraft(page, draftFile(5000));
    await page.waitForFunction(() => document.getElementById('projects').dataset.rowTotal === '5000', null, { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('[data-row="0"] [name=project_name]')?.value === '第1号质量攻关项目');
    const ms = Date.now() - t0;
    console.log(`# 5000-row draft file imported, first rows on screen after ${ms} ms`);
    assert.ok(ms < 15000, `imported in ${ms} ms`);
    const n = await rendered(page);
    assert.ok(n >= 2 && n <= 40, `only the blocks near the viewport are in the page: ${n}`);
    // The page is as tall as the whole table, so the scrollbar covers every row.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height > 5000 * 300, `page height ${height}`);

    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const last = rowControl(page, 4999, 'project_name');
    await last.waitFor({ timeout: 5000 });
    assert.equal(await last.inputValue(), '第5000号质量攻关项目');
    assert.equal(await page.locator('[data-row="4999"] .seq').getAttribute('data-seq'), '5000');
    assert.ok(await rendered(page) <= 40);

    for (const i of [1234, 2500, 3999]) {
      await scrollToRow(page, i);
      const c = rowControl(page, i, 'project_name');
      await c.waitFor({ timeout: 5000 });
      assert.equal(await c.inputValue(), `第${i + 1}号质量攻关项目`, `row ${i} shows its own data`);
    }

    // Export takes every row, not only those on the page .
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60000 }),
      page.click('[data-action=export-xlsx]'),
    ]);
    const files = unzip(fs.readFileSync(await download.path()));
    const strings = sharedStrings(files);
    for (const i of [1, 2500, 5000]) {
      assert.ok(strings.includes(`第${i}号质量攻关项目`), `the file holds project ${i}`);
    }
  }));

test('in a large table: typing stays with its row, Tab walks into the next row, the summary and a new row jump to it',
  withFreshPage(env, async (page) => {
    await importDraft(page, draftFile(1000, 700));
    await page.waitForFunction(() => document.getElementById('projects').dataset.rowTotal === '1000', null, { timeout: 30000 });
    await page.locator('[data-issue-count]').filter({ hasText: /^1$/ }).waitFor({ timeout: 10000 });

    // The summary lists the bad credit code of row 701; its link renders that row and focuses the field.
    // Open 查看全部问题 (clicked again only if a click did not open it) and wait for its entry for 序号 701.
    const details = page.locator('.summary details');
    const isOpen = () => details.evaluate((d) => d.open);
    assert.equal(await eventually(async () => {
      if (!(await isOpen())) await page.locator('.summary summary').click();
      return isOpen();
    }, true, 5000), true, '查看全部问题 opens');
    const jump = page.locator('[data-action="jump"]').filter({ hasText: '序号 701' });
    await jump.first().waitFor({ timeout: 10000 }).catch(async () => {
      const seen = await page.evaluate(() => ({
        count: document.querySelector('[data-issue-count]')?.textContent,
        entries: [...document.querySelectorAll('[data-action="jump"]')].slice(0, 3).map((e) => e.textContent),
      }));
      assert.fail(`no entry for 序号 701 in the list: ${JSON.stringify(seen)}`);
    });
    await jump.first().click();
    await eventually(() => page.evaluate(() => [document.activeElement?.name, document.activeElement?.closest('[data-row]')?.dataset.row]),
      ['credit_code', '700'], 5000);

    // Typing there changes that row, and the count follows.
    const code = rowControl(page, 700, 'credit_code');
    await typeText(code, VALID_CODE);
    await page.keyboard.press('Tab');
    await page.locator('[data-issue-count]').filter({ hasText: /^0$/ }).waitFor({ timeout: 5000 });

    // The focused row stays on the page while the user scrolls a few screens away and back.
    await code.focus();
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(300);
    assert.ok(await page.evaluate(() => document.activeElement?.name === 'credit_code' && document.activeElement.isConnected),
      'the focused field was not taken off the page');
    await page.keyboard.type('X');
    assert.equal(await code.inputValue(), VALID_CODE + 'X', 'typing still goes into the focused field');

    // Tab from a row's last field goes into the next row, not past the rendered blocks.
    await rowControl(page, 700, 'remarks').focus();
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => document.activeElement?.closest('[data-row]')?.dataset.row ?? document.activeElement?.dataset.action ?? null);
    assert.equal(where, '701', `focus after the last field of row 701: ${where}`);

    // A new project at the end of the table is rendered and focused wherever the user was.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('[data-action="add-row"]').click();
    await eventually(() => page.evaluate(() => [document.activeElement?.name, document.activeElement?.closest('[data-row]')?.dataset.row]),
      ['unit_name', '1000'], 5000);
    assert.equal(await page.locator('#projects').getAttribute('data-row-total'), '1001');
  }));

test('scrolling a large table of uneven blocks on a phone: the page moves with the wheel and never shows a blank gap',
  withFreshPage(env, async (page) => {
    // Every seventh project has a long remark, so blocks differ in height.
    const text = JSON.parse(draftFile(1000));
    text.declaration.rows.forEach((r, i) => { if (i % 7 === 0) r.remarks = '很长的备注'.repeat(40); });
    await importDraft(page, JSON.stringify(text));
    await page.waitForFunction(() => document.getElementById('projects').dataset.rowTotal === '1000', null, { timeout: 30000 });
    await page.waitForTimeout(300);
    // In the page's margin: over a field, the wheel would scroll that field first (a long 备注 is a scrollable
    // textarea), and where the fields fall depends on every block's height.
    await page.mouse.move(4, 400);
    const state = () => page.evaluate(() => {
      const list = document.getElementById('projects');
      const [a, b] = [...list.querySelectorAll(':scope > .spacer')].map((s) => s.getBoundingClientRect());
      const blank = (r) => r.height > 0 && r.bottom > 1 && r.top < innerHeight - 1;
      return { y: scrollY, blank: blank(a) || blank(b) };
    });
    let before = await state();
    for (let i = 0; i < 60; i++) {
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(50);
      const now = await state();
      assert.ok(!now.blank, `step ${i}: a spacer is in view (blank page) at y=${now.y}`);
      assert.ok(now.y - before.y > 500, `step ${i}: the wheel moved the page by ${now.y - before.y} px, not ~700`);
      before = now;
    }
  }, { viewport: { width: 375, height: 700 } }));
