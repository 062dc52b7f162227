// A recommending unit imports the official tables its enterprises e-mail (.xlsx, from this tool or typed in
// Excel/WPS): one file fills the table, several are merged in the order chosen, a file that is not the table is
// refused and nothing changes. The .xlsx is read in the export worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openApp, importFiles } from './harness.mjs';
import { exportXlsx, readForm } from './drafts-harness.mjs';
import { zip } from './zip.mjs';

let server, browser;
const dir = mkdtempSync(join(tmpdir(), 'shenbao-import-xlsx-'));
const file = (name, content) => { const p = join(dir, name); writeFileSync(p, content); return p; };

before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = async () => {
  const { page, errors } = await openApp(await browser.browser.newContext({ acceptDownloads: true }), server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  return { page, errors };
};
const result = (page) => page.locator('[data-result]');
const rowCount = (page) => page.locator('[data-row]').count();

const ROWS = [
  { unit_name: '天津市某某汽车零部件有限公司', credit_code: '91120116340983330E', industry: '36', district: '滨海新区',
    scale: '中型企业', ownership: '有限责任公司', ownership_other: '', project_name: '降低壳体铸造缺陷率 <一期> & "二期"',
    topic_type: '问题解决型', leader_name: '张伟', leader_phone: '13800138000', email: 'zw@example.com', remarks: '=1+1' },
  { unit_name: '天津某某医院', credit_code: '12120000401359321Y', industry: '84', district: '和平区', scale: '不适用',
    ownership: '其他（请注明）', ownership_other: '事业单位', project_name: '缩短门诊等候时间\n第二行',
    topic_type: '创新型', leader_name: '李娜', leader_phone: '022-23456789', email: '', remarks: '' },
];
const TABLE = { recommender: '天津市滨海新区市场监督管理局', recommender_head: '王明', filler: '李华',
  filler_phone: '022-29361296', fill_date: '2021-04-09' };
function draftFile(name, rows) {
  const env = { format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0', writer: 'x',
    seq: 1, declaration: { ...TABLE, rows: rows.map((r, i) => ({ id: i + 1, ...r })) } };
  return file(name, JSON.stringify(env));
}

let exported;
async function exportedTable() {
  if (exported) return exported;
  const { page } = await fresh();
  await importFiles(page, draftFile('source.json', ROWS));
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2);
  const form = await readForm(page);
  exported = { path: file('exported.xlsx', (await exportXlsx(page)).bytes), form };
  return exported;
}

test('an .xlsx exported by the page imports back into an empty table with every value', { timeout: 60000 }, async () => {
  const { path, form } = await exportedTable();
  assert.equal(form.rows[0].unit_name, ROWS[0].unit_name);
  const { page, errors } = await fresh();
  await importFiles(page, path);
  await result(page).waitFor({ timeout: 30000 });
  assert.match(await result(page).innerText(), /已导入 2 个项目/);
  assert.deepEqual(await readForm(page), form, 'the same rows and table fields as the page that exported it');
  assert.deepEqual(errors, []);
});

test('several .xlsx files and a draft at once are merged in the order chosen; the same file twice is caught', { timeout: 60000 }, async () => {
  const { path } = await exportedTable();
  const { page } = await fresh();
  const extra = draftFile('extra.json', [{ ...ROWS[0], unit_name: '天津某某草稿公司', credit_code: '', project_name: '草稿里的项目' }]);
  const entries = await importFiles(page, [path, extra, path]);
  assert.deepEqual(entries.map((e) => [e.rows, e.status]), [[2, 'ok'], [1, 'ok'], [0, 'duplicate']]);
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 3, null, { timeout: 30000 });
  assert.match(await result(page).innerText(), /已导入 3 个项目，表格现有 3 个项目/);
  const names = await page.locator('[data-row] [name=unit_name]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(names, [ROWS[0].unit_name, ROWS[1].unit_name, '天津某某草稿公司']);
  const seqs = await page.locator('[data-row] .seq').evaluateAll((els) => els.map((e) => e.getAttribute('data-seq')));
  assert.deepEqual(seqs, ['1', '2', '3']);
});

test('one .xlsx into a non-empty table offers merge; merge appends', { timeout: 60000 }, async () => {
  const { path } = await exportedTable();
  const { page } = await fresh();
  await page.fill('[data-row="0"] [name=unit_name]', '原有单位');
  await importFiles(page, path, 'merge');
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 3);
  const names = await page.locator('[data-row] [name=unit_name]').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(names, ['原有单位', ROWS[0].unit_name, ROWS[1].unit_name]);
});

/** A minimal .xlsx as another program might write it: inline strings, a `x:` prefix, the header row lower down. */
function handMadeXlsx(rowsXml) {
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Sheet1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${rowsXml}</x:sheetData></x:worksheet>`,
  });
}
const xmlRow = (r, cells) => `<x:row r="${r}">${cells.map((t, i) => {
  const ref = `${String.fromCharCode(65 + i)}${r}`;
  if (typeof t === 'number') return `<x:c r="${ref}"><x:v>${t}</x:v></x:c>`;
  const esc = t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<x:c r="${ref}" t="inlineStr"><x:is><x:t>${esc}</x:t></x:is></x:c>`;
}).join('')}</x:row>`;

test('a table typed in another program imports: header found by its text, a phone typed as a number', { timeout: 60000 }, async () => {
  const headers = ['序号', '申报单位名称', '统一社会信用代码', '所属行业', '所在区', '企业规模', '企业性质', '项目名称',
    '课题类型', '项目及负责人及联系方式', '电子邮箱', '备注'];
  const bytes = handMadeXlsx([
    xmlRow(1, ['附表']),
    xmlRow(3, ['推荐单位(公章):和平区市场监管局']),
    xmlRow(5, headers),
    xmlRow(6, [1, '天津某某电子有限公司', '91120101MA05M8XY3K', '计算机、通信和其他电子设备制造业', '和平区', '小型企业',
      '私营企业', '提升贴片良率', '问题解决型', '赵六 13912345678', 'zl@example.com', '']),
    xmlRow(7, [2, '天津某某食品有限公司', '', '食品制造业', '西青区', '', '', '减少包装破损', '创新型', '钱七', '', '']),
    xmlRow(8, ['推荐部门负责人:孙八', '', '', '填报人:周九', '', '', '联系人电话:', 13800138000]),
  ].join(''));
  const { page, errors } = await fresh();
  await importFiles(page, file('hand-made.XLSX', bytes));
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2, null, { timeout: 30000 });
  const form = await readForm(page);
  assert.equal(form.table.recommender, '和平区市场监管局');
  assert.equal(form.table.recommender_head, '孙八');
  assert.equal(form.table.filler, '周九');
  assert.equal(form.rows[0].unit_name, '天津某某电子有限公司');
  assert.equal(form.rows[0].industry, '39');
  assert.equal(form.rows[0].district, '和平区');
  assert.equal(form.rows[0].topic_type, '问题解决型');
  assert.equal(form.rows[1].project_name, '减少包装破损');
  assert.equal(form.rows[1].leader_name, '钱七');
  assert.deepEqual(errors, []);
});

test('a file that is not the table is refused, names the file, and nothing changes', { timeout: 60000 }, async () => {
  const { page } = await fresh();
  await page.fill('[data-row="0"] [name=unit_name]', '原有单位');
  const before = await readForm(page);
  await page.setInputFiles('[data-action=import-draft]', file('not-a-table.xlsx', handMadeXlsx(xmlRow(1, ['随便什么表格', '没有表头']))));
  await result(page).waitFor({ timeout: 30000 });
  assert.match(await result(page).innerText(), /Excel 文件“not-a-table\.xlsx”无法导入：未找到申报表的表头.*当前内容没有改变/);
  await page.setInputFiles('[data-action=import-draft]', file('broken.xlsx', Buffer.from('this is not a zip file at all')));
  await page.locator('[data-result]', { hasText: 'broken.xlsx' }).waitFor({ timeout: 30000 });
  assert.match(await result(page).innerText(), /Excel 文件“broken\.xlsx”无法导入：无法识别的文件格式/);
  assert.deepEqual(await readForm(page), before);
  assert.equal(await rowCount(page), 1);
});
