// The recommending unit's intake, end to end: files made by real programs (tests/data/intake/make.py: openpyxl,
// python-docx, LibreOffice; an Excel-style GBK CSV) chosen at once → the report → apply → the table with each row's
// file, values normalised on the way in, the problems of what was imported, the exported .xlsx read back; the same
// file twice; a revised file; an unreadable file among good ones; cancel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, launch, openApp, importFiles, intakeReport } from './harness.mjs';
import { exportXlsx, readForm } from './drafts-harness.mjs';
import { unzip, sharedStrings, zip } from './zip.mjs';

const DATA = resolve(new URL('..', import.meta.url).pathname, 'tests/data/intake');
const fixture = (name) => join(DATA, name);
const dir = mkdtempSync(join(tmpdir(), 'shenbao-intake-'));

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = async () => {
  const context = await browser.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  return { page, errors, context };
};
const sources = (page) => page.locator('[data-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source')));
const names = (page) => page.locator('[data-row] [name=project_name]').evaluateAll((els) => els.map((e) => e.value));

test('six formats at once: report, apply, provenance, normalised values, the imported problems, the export', { timeout: 90000 }, async () => {
  const { page, errors, context } = await fresh();
  const scan = join(dir, '扫描件.pdf');
  writeFileSync(scan, '%PDF-1.4\n%scan\n');
  const entries = await importFiles(page, [
    fixture('variants.xlsx'), fixture('word-table.docx'), fixture('excel-gbk.csv'), fixture('xlwt.xls'), scan,
    fixture('variants.ods'),
  ]);
  assert.deepEqual(entries.map((e) => [e.file, e.status, e.rows]), [
    ['variants.xlsx', 'partial', 3], // a hidden row and a 合计 row skipped
    ['word-table.docx', 'partial', 1], // 甲's two projects are already in variants.xlsx
    ['excel-gbk.csv', 'duplicate', 0], // the same three projects again
    ['xlwt.xls', 'partial', 1], // Excel 97-2003 by xlwt: its hidden row skipped, three projects already here
    ['扫描件.pdf', 'refused', 0],
    ['variants.ods', 'duplicate', 0], // OpenDocument, the same projects as variants.xlsx
  ]);
  assert.match(entries[0].text, /隐藏行/);
  assert.match(entries[0].text, /合计行/);
  assert.match(entries[0].text, /产值（万元）/, 'a column the table has no place for is listed');
  assert.match(entries[3].text, /隐藏行/);
  assert.match(entries[4].text, /PDF/);
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 5, null, { timeout: 30000 });
  assert.deepEqual(await sources(page), ['variants.xlsx', 'variants.xlsx', 'variants.xlsx', 'word-table.docx', 'xlwt.xls']);
  assert.deepEqual(await names(page), ['降低齿轮箱装配不良率', '提高铸件一次合格率', '提升贴片焊接直通率', '新型制动盘轻量化设计', '20210409']);
  const form = await readForm(page);
  assert.equal(form.rows[1].unit_name, '天津市甲机械制造有限公司', 'the merged unit filled down');
  assert.equal(form.rows[3].credit_code, '91120116MA06ABCD1X', 'full-width made half-width on the way in');
  assert.equal(form.table.recommender, '', 'several files: no enterprise footer becomes the table\'s');
  assert.match(await page.locator('[data-row] .source').first().innerText(), /variants\.xlsx/);
  // The report stays reachable after applying.
  assert.equal(await page.locator('[data-import-report] [data-import-file]').count(), 6);

  // What the user did not type shows its problems at once: the code Excel stored as a number is an error already.
  const code = page.locator('[data-row="2"] [name=credit_code]');
  await page.waitForFunction(() => document.querySelector('[data-row="2"] [name=credit_code]')?.getAttribute('data-state') === 'error');
  assert.equal(await code.getAttribute('data-state'), 'error');

  // The credit code Excel stored as a number is an error that says so (the export lists what is left).
  await page.locator('[data-action="export-xlsx"]').click();
  const dialog = page.locator('[role="alertdialog"]');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /存成了数字/);
  await dialog.locator('[data-action="cancel"]').click();

  const exported = await exportXlsx(page);
  const strings = sharedStrings(unzip(exported.bytes)).join('\n');
  assert.ok(strings.includes('91120116MA06ABCD1X'), 'the normalised code is what the official table holds');
  assert.ok(!/[０-９Ａ-Ｚ]/.test(strings), 'no full-width letters or digits in the official table');
  assert.ok(!strings.includes('variants.xlsx'), 'where a row came from is never written into the official table');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same file again is caught; a revised file can replace its unit\'s rows; cancel changes nothing', { timeout: 90000 }, async () => {
  const { page, context } = await fresh();
  await importFiles(page, fixture('variants.xlsx'));
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 3, null, { timeout: 30000 });
  const before = await readForm(page);

  const again = await importFiles(page, fixture('variants.xlsx'), 'merge');
  assert.deepEqual(again.map((e) => [e.status, e.rows]), [['duplicate', 0]]);
  assert.deepEqual(await readForm(page), before, 'nothing doubled');

  // 甲 sends a revised table: one project, a new phone.
  const row = { id: 1, unit_name: '天津市甲机械制造有限公司', credit_code: '91120222MA05T1234X', industry: '34',
    district: '武清区', scale: '中型企业', ownership: '私营企业', ownership_other: '', project_name: '降低齿轮箱装配不良率',
    topic_type: '问题解决型', leader_name: '张三', leader_phone: '13900000000', email: 'zhangsan@jia.cn', remarks: '',
    source: { file: '', sheet: '', row: 0, number_code: '' } };
  const revised = join(dir, '甲（修改后）.json');
  writeFileSync(revised, JSON.stringify({ format: 'shenbao-draft', version: 2, saved_at: '2021-04-10T09:00:00',
    app_version: '0.1.0', writer: 'x', seq: 1, declaration: { recommender: '', recommender_head: '', filler: '',
      filler_phone: '', fill_date: '', rows: [row] } }));

  const cancelled = await importFiles(page, revised, 'cancel');
  assert.match(cancelled[0].text, /修改后重新报送/);
  assert.equal(await intakeReport(page).count(), 0);
  assert.deepEqual(await readForm(page), before, 'cancel changes nothing');

  await importFiles(page, revised, 'merge', {
    before: (report) => report.locator('[data-choice="replace-revised"]').click(),
  });
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2, null, { timeout: 30000 });
  const after = await readForm(page);
  assert.deepEqual(after.rows.map((r) => [r.project_name, r.leader_phone]), [
    ['提升贴片焊接直通率', '13600136000'],
    ['降低齿轮箱装配不良率', '13900000000'],
  ]);
  assert.deepEqual(await sources(page), ['variants.xlsx', '甲（修改后）.json']);
  await context.close();
});

test('a table with a large embedded scan (22 MB) is read like the same table without it', { timeout: 90000 }, async () => {
  const { page, errors, context } = await fresh();
  const parts = Object.fromEntries(unzip(readFileSync(fixture('variants.xlsx'))));
  parts['xl/media/image1.jpeg'] = randomBytes(22 * 1024 * 1024);
  const big = join(dir, '盖章扫描件在内.xlsx');
  writeFileSync(big, zip(parts));
  const entries = await importFiles(page, big);
  assert.deepEqual(entries.map((e) => [e.status, e.rows]), [['partial', 3]]);
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 3, null, { timeout: 30000 });
  assert.deepEqual(await names(page), ['降低齿轮箱装配不良率', '提高铸件一次合格率', '提升贴片焊接直通率']);
  assert.deepEqual(errors, []);
  await context.close();
});
