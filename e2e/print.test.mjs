// The printout and blank rows: the print view holds exactly the rows the .xlsx holds, numbered alike; a blank row
// among filled ones is one warning, not a row of errors; the printed columns fit their text; pages are numbered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, freshPage } from './harness.mjs';
import { unzip, sharedStrings } from './zip.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const UNIT = '天津宝坻示例汽车零部件有限公司';

async function fillTable(page) {
  await page.fill('[name=recommender]', '天津市宝坻区市场监督管理局');
  await page.fill('[name=recommender_head]', '王明');
  await page.fill('[name=filler]', '李华');
  await page.fill('[name=filler_phone]', '022-29361296');
  await page.fill('[name=fill_date]', '2021-04-09');
  await page.locator('[name=fill_date]').blur();
}

async function fillRow(page, i, { project, remarks = '', email = 'quality@example.com' }) {
  const row = page.locator(`[data-row="${i}"]`);
  await row.locator('[name=unit_name]').fill(UNIT);
  await row.locator('[name=credit_code]').fill('91120224064012553U');
  await row.locator('[name=industry]').selectOption('36');
  await row.locator('[name=district]').selectOption('宝坻区');
  await row.locator('[name=scale]').selectOption('中型企业');
  await row.locator('[name=ownership]').selectOption('有限责任公司');
  await row.locator('[name=project_name]').fill(project);
  await row.locator('[name=topic_type]').selectOption('问题解决型');
  await row.locator('[name=leader_name]').fill('张伟');
  await row.locator('[name=leader_phone]').fill('13800138000');
  await row.locator('[name=email]').fill(email);
  if (remarks) await row.locator('[name=remarks]').fill(remarks);
  await row.locator('[name=email]').blur();
}

const issueCount = (page) => page.locator('[data-issue-count]').textContent().then((t) => Number(t.trim()));

/** The .xlsx's project rows: [序号, 申报单位名称, 项目名称] from the sheet XML (序号 a number cell, the rest text). */
function xlsxRows(bytes) {
  const files = unzip(bytes);
  const strings = sharedStrings(files);
  const sheet = files.get('xl/worksheets/sheet1.xml').toString('utf8');
  const rows = [];
  for (const [, r, body] of sheet.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    if (Number(r) < 5) continue; // 附表, title, 推荐单位, headers
    const cell = (col) => new RegExp(`<c r="${col}${r}"([^>]*)>(?:<v>([^<]*)</v>)?`).exec(body);
    const a = cell('A');
    if (!a || /t="s"/.test(a[1]) || a[2] === undefined) break; // the footer: text, not a 序号
    const text = (col) => { const c = cell(col); return c && c[2] !== undefined ? strings[Number(c[2])] : ''; };
    rows.push([a[2], text('B'), text('H')]);
  }
  return rows;
}

/** The print view's project rows: [序号, 申报单位名称, 项目名称], in print media. */
async function printedRows(page) {
  await page.click('[data-action=show-preview]');
  await page.emulateMedia({ media: 'print' });
  const rows = await page.locator('table.official-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
  return rows.map((cells) => [cells[0], cells[1], cells[7]]);
}

test('a blank row in the middle is neither printed nor numbered, and the printout numbers rows as the .xlsx does', async () => {
  const { page, errors, close } = await freshPage(browser, server.url);
  await fillTable(page);
  await fillRow(page, 0, { project: '降低焊接缺陷率' });
  await page.click('[data-action=add-row]');
  await page.click('[data-action=add-row]');
  await fillRow(page, 2, { project: '提高涂装一次合格率' });
  assert.equal(await page.locator('[data-row]').count(), 3);
  await page.waitForFunction(() => document.querySelector('[data-issue-count]').textContent.trim() === '0');
  // No error left (the blank row adds none): the export downloads at once.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-xlsx]')]);
  const exported = xlsxRows(readFileSync(await download.path()));
  assert.deepEqual(exported, [['1', UNIT, '降低焊接缺陷率'], ['2', UNIT, '提高涂装一次合格率']]);
  const printed = await printedRows(page);
  assert.deepEqual(printed, exported, 'the printout holds the exported rows with the exported 序号');
  // Filling the middle row numbers it, on paper as in the file.
  await page.emulateMedia({ media: 'screen' });
  await page.fill('[data-row="1"] [name=remarks]', '补充项目');
  await page.waitForFunction(() => document.querySelectorAll('table.official-table tbody tr').length === 3);
  const serials = await page.locator('table.official-table tbody td.num').allInnerTexts();
  assert.deepEqual(serials, ['1', '2', '3']);
  assert.deepEqual(errors, []);
  await close();
});

test('a blank second row shows one warning and no error, and the export dialog does not count it', async () => {
  const { page, errors, close } = await freshPage(browser, server.url);
  await page.fill('[data-row="0"] [name=unit_name]', '天津某某有限公司');
  await page.locator('[data-row="0"] [name=unit_name]').blur();
  await page.waitForFunction(() => Number(document.querySelector('[data-issue-count]').textContent) > 0);
  const before = await issueCount(page);
  await page.click('[data-action=add-row]');
  await page.locator('[data-row="1"] [name=unit_name]').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await issueCount(page), before, 'the blank row adds no error to the count');
  await page.click('[data-action=export-xlsx]');
  const dialog = page.locator('[role=alertdialog]');
  await dialog.waitFor();
  assert.equal(await dialog.locator('h2').innerText(), `还有 ${before} 处错误`);
  assert.equal(await dialog.locator('li').count(), before);
  assert.ok(!(await dialog.innerText()).includes('第2'), 'no error of the blank row is listed');
  await page.click('[data-action=cancel]');
  // Every finding now shows: the blank row has one warning, on its first field, and no error.
  const blank = page.locator('[data-row="1"]');
  assert.equal(await blank.locator('[data-state=error]').count(), 0);
  assert.equal(await blank.locator('[data-state=warning]').count(), 1);
  const field = blank.locator('[name=unit_name]');
  assert.equal(await field.getAttribute('data-state'), 'warning');
  const describedBy = await field.getAttribute('aria-describedby');
  const message = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText();
  assert.match(message, /空行.*不包括.*删除/);
  // The first row's errors still show.
  assert.ok(await page.locator('[data-row="0"] [data-state=error]').count() > 0);
  assert.deepEqual(errors, []);
  await close();
});

test('a fresh form of blank rows still asks for every required field', async () => {
  const { page, close } = await freshPage(browser, server.url);
  await page.click('[data-action=add-row]');
  await page.locator('[data-row="1"] [name=unit_name]').waitFor();
  await page.click('[data-action=export-xlsx]');
  await page.locator('[role=alertdialog]').waitFor();
  await page.click('[data-action=cancel]');
  for (const i of [0, 1]) {
    assert.equal(await page.locator(`[data-row="${i}"] [name=unit_name]`).getAttribute('data-state'), 'error');
  }
  await close();
});

test('printed columns fit their text: a 19-character remark takes at most 3 lines, the header 备注 one', async () => {
  const { page, close } = await freshPage(browser, server.url);
  await fillTable(page);
  const remark = '已于二〇二〇年申报市级技术中心并通过了'; // 19 characters
  assert.equal([...remark].length, 19);
  await fillRow(page, 0, { project: '降低焊接缺陷率', remarks: remark });
  await page.click('[data-action=show-preview]');
  await page.emulateMedia({ media: 'print' });
  const m = await page.evaluate(() => {
    const lineOf = (el) => { const r = document.createRange(); r.selectNodeContents(el); return r; };
    const tr = document.querySelector('table.official-table tbody tr');
    const tds = tr.querySelectorAll('td');
    const line = lineOf(tds[0]).getBoundingClientRect().height; // the 序号: one line
    const remarkLines = lineOf(tds[11]).getClientRects().length;
    const ths = document.querySelectorAll('table.official-table thead th');
    const code = tds[2];
    return {
      line, rowHeight: tr.getBoundingClientRect().height, remarkLines,
      remarkHeader: lineOf(ths[11]).getClientRects().length,
      codeFits: code.scrollWidth <= code.clientWidth,
      emailText: tds[10].innerText,
    };
  });
  assert.ok(m.line > 5, `a line has a height (${m.line})`);
  assert.ok(m.remarkLines <= 3, `the remark takes ${m.remarkLines} lines`);
  // Three lines and the cell's padding and leading (at 3 % the remark alone made it some 19 lines tall).
  assert.ok(m.rowHeight <= 4 * m.line, `the row is ${m.rowHeight}px tall, a line ${m.line}px`);
  assert.equal(m.remarkHeader, 1, 'the header 备注 is on one line');
  assert.ok(m.codeFits, 'the credit code fits its column');
  assert.equal(m.emailText.replace(/\n/g, ''), 'quality@example.com', 'the address is printed whole');
  await close();
});

test('the printed PDF numbers its pages as the .xlsx footer does (第 1 页 共 N 页)', async () => {
  const { page, close } = await freshPage(browser, server.url);
  await fillTable(page);
  await fillRow(page, 0, { project: '降低焊接缺陷率' });
  // Enough rows for two pages.
  for (let i = 0; i < 24; i++) await page.click('[data-row="0"] [data-action=duplicate-row]');
  assert.equal(await page.locator('[data-row]').count(), 25);
  await page.click('[data-action=show-preview]');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-print-'));
  try {
    writeFileSync(join(dir, 'p.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim());
    assert.ok(pages.length >= 2, `two pages or more (${pages.length})`);
    pages.forEach((p, i) => {
      assert.match(p, new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pages.length}\\s*页`), `page ${i + 1} is numbered`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await close();
});
