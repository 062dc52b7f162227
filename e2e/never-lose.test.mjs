// Never lose the table: each case starts from a table the user has filled and ends, after a reload, with that table
// intact and the user told what happened. A 2,500-character 备注 from Excel (kept and flagged, saved, restored, and
// read back from the draft file); imports over the hard caps (refused with the numbers, nothing changes); a full
// storage (the draft file it offers imports back); a crafted file and a worker that never answers (an answer within
// the time budget, export still works afterwards); cancelling a slow read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openApp, rowControl, fieldStatus } from './harness.mjs';
import { downloadOf, exportXlsx, readForm, waitSaved } from './drafts-harness.mjs';
import { zip } from './zip.mjs';

let server, browser;
const dir = mkdtempSync(join(tmpdir(), 'shenbao-never-lose-'));
const file = (name, content) => { const p = join(dir, name); writeFileSync(p, content); return p; };

before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page in its own context (own storage); `serviceWorkers: 'block'` where a test routes the worker's script. */
const fresh = async (options = {}) => {
  const context = await browser.browser.newContext({ acceptDownloads: true, ...options });
  const { page, errors } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  return { page, errors, context };
};
const result = (page) => page.locator('[data-result]');

const ROW = {
  unit_name: '天津市某某汽车零部件有限公司', credit_code: '91120116340983330E', industry: '36', district: '滨海新区',
  scale: '中型企业', ownership: '有限责任公司', ownership_other: '', project_name: '降低壳体铸造缺陷率',
  topic_type: '问题解决型', leader_name: '张伟', leader_phone: '13800138000', email: 'zw@example.com', remarks: '',
};
function draftText(rows, table = {}) {
  return JSON.stringify({ format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0',
    writer: 'x', seq: 1, declaration: { recommender: '', recommender_head: '', filler: '', filler_phone: '',
      fill_date: '', ...table, rows: rows.map((r, i) => ({ id: i + 1, ...ROW, ...r })) } });
}

/** The user's own table: one row typed in the page, saved. */
async function userTable(page) {
  await rowControl(page, 0, 'unit_name').fill('天津某某机械制造有限公司');
  await rowControl(page, 0, 'project_name').fill('提高齿轮箱装配一次合格率');
  await rowControl(page, 0, 'project_name').press('Tab');
  await waitSaved(page);
  return readForm(page);
}

/** Reloads and waits until the stored draft was read (the status no longer says it is reading). */
async function reloaded(page) {
  await page.reload();
  await page.waitForSelector('[data-row] [name=unit_name]');
  await page.waitForFunction(() => !/正在读取/.test(document.querySelector('[data-save-status]')?.textContent ?? '正在读取'));
  await page.waitForTimeout(300);
  return readForm(page);
}

const REMARK = '项'.repeat(2500);

test('an Excel table with a 2,500-character 备注: kept whole and flagged, saved, restored, and its draft file reads back',
  { timeout: 90000 }, async () => {
    // The .xlsx as rust_xlsxwriter writes it (this tool's export of a table holding such a 备注).
    const maker = await fresh();
    await maker.page.setInputFiles('[data-action=import-draft]', file('long.json', draftText([{ remarks: REMARK }])));
    await maker.page.click('[data-import-report] [data-action=confirm]', { timeout: 30000 });
    await result(maker.page).filter({ hasText: '已导入' }).waitFor({ timeout: 30000 });
    const xlsx = file('long-remark.xlsx', (await exportXlsx(maker.page)).bytes);
    await maker.context.close();

    const { page, errors, context } = await fresh();
    const mine = await userTable(page);
    await page.setInputFiles('[data-action=import-draft]', xlsx);
    await page.click('[data-action=merge]', { timeout: 30000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2);
    const remarks = rowControl(page, 1, 'remarks');
    assert.equal((await remarks.inputValue()).length, 2500, 'nothing cut');
    // Flagged: the table counts an error, and the field says the limit and the length (never that text was dropped).
    assert.ok(Number(await page.locator('[data-issue-count]').innerText()) >= 1);
    await remarks.focus();
    await remarks.press('Tab');
    const st = await fieldStatus(remarks);
    assert.equal(st.state, 'error');
    assert.match(st.message, /2500字/);
    assert.match(st.message, /200字/);
    assert.doesNotMatch(st.message, /保留/);
    await waitSaved(page, 10000);

    const afterReload = await reloaded(page);
    assert.equal(afterReload.rows.length, 2, 'the table is not empty after a reload');
    assert.deepEqual(afterReload.rows[0], mine.rows[0]);
    assert.equal(afterReload.rows[1].remarks, REMARK);
    assert.equal(await page.locator('[data-notice=corrupt]').count(), 0, 'the stored draft is read, not refused');

    // 导出草稿 → import in another browser profile: the same table.
    const draft = await downloadOf(page, () => page.locator('[data-action="export-draft"]').click());
    const other = await fresh();
    await other.page.setInputFiles('[data-action=import-draft]', file('back.json', draft.text));
    await other.page.click('[data-import-report] [data-action=confirm]', { timeout: 30000 });
    await result(other.page).filter({ hasText: '已导入' }).waitFor({ timeout: 30000 });
    assert.deepEqual(await readForm(other.page), afterReload);
    await other.context.close();
    assert.deepEqual(errors, []);
    await context.close();
  });

test('imports over the hard caps are refused with the numbers; the table is as it was, also after a reload',
  { timeout: 120000 }, async () => {
    const { page, errors, context } = await fresh();
    const mine = await userTable(page);
    const refused = async (paths, pattern) => {
      await page.setInputFiles('[data-action=import-draft]', paths);
      await page.locator('[data-result]', { hasText: pattern }).waitFor({ timeout: 30000 });
      const text = await result(page).innerText();
      assert.match(text, pattern);
      assert.match(text, /当前内容没有改变/);
      assert.deepEqual(await readForm(page), mine);
    };
    // A draft file of 20,001 rows.
    await refused(file('too-many.json', draftText(Array.from({ length: 20001 }, () => ({})))), /20001.*20000/);
    // Two files that together would take the table past 20,000 rows.
    const half = draftText(Array.from({ length: 10000 }, () => ({})));
    await refused([file('a.json', half), file('b.json', half)], /20001 个项目.*20000/);
    // A million-row sheet (a few hundred KB zipped): refused with its row count before any row is built.
    const million = sheet([row(1, HEADERS), '<row><c><v>1</v></c></row>'.repeat(1_000_000)]);
    await refused(file('million.xlsx', million), /1000001 行.*20000 个项目/);
    // An Excel cell longer than Excel itself allows.
    await refused(file('huge-cell.xlsx', sheet([row(1, HEADERS), row(2, [1, '某某公司', 'x'.repeat(40000)])])), /40000/);
    assert.deepEqual(await reloaded(page), mine);
    assert.deepEqual(errors, []);
    await context.close();
  });

test('full storage: the warning offers the draft file, it imports back, and a reload restores the latest table',
  { timeout: 90000 }, async () => {
    const { page, context } = await fresh();
    await userTable(page);
    const filled = await page.evaluate(() => {
      let n = 0;
      for (const size of [256 * 1024, 4096, 64, 1]) {
        try { for (;;) { localStorage.setItem(`f${n}`, 'x'.repeat(size)); n++; } } catch { /* full at this size */ }
      }
      return n;
    });
    assert.ok(filled > 0);
    await rowControl(page, 0, 'remarks').fill('存储满了之后写的');
    await rowControl(page, 0, 'remarks').press('Tab');
    const warning = page.locator('[role=alert][data-notice=storage]');
    await warning.waitFor({ timeout: 10000 }).catch(async (e) => {
      throw new Error(`${e.message}\nstatus: ${await page.locator('[data-save-status]').innerText()}; filled ${filled}`);
    });
    assert.match(await warning.innerText(), /导出草稿/);
    assert.match(await warning.innerText(), /导入草稿/, 'it says how to get the file back in');
    assert.match(await page.locator('[data-save-status]').innerText(), /未能保存/, 'never 已保存 while not saved');
    const table = await readForm(page);
    const draft = await downloadOf(page, () => warning.locator('[data-action="export-draft-now"]').click());

    const other = await fresh();
    await other.page.setInputFiles('[data-action=import-draft]', file('full.json', draft.text));
    await other.page.click('[data-import-report] [data-action=confirm]', { timeout: 30000 });
    await result(other.page).filter({ hasText: '已导入' }).waitFor({ timeout: 30000 });
    assert.deepEqual(await readForm(other.page), table, 'the draft file of a full storage imports back');
    await other.context.close();

    // The IndexedDB copy got the latest change while localStorage was full.
    assert.deepEqual(await reloaded(page), table);
    assert.doesNotMatch(await page.locator('[data-save-status]').innerText(), /已保存/, 'localStorage is still full');
    await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (/^f\d+$/.test(k)) localStorage.removeItem(k); });
    await context.close();
  });

test('a crafted file (a cell of bare &) is answered within 15 s, and export still works', { timeout: 60000 }, async () => {
  const { page, errors, context } = await fresh();
  const mine = await userTable(page);
  const crafted = sheet([row(1, HEADERS), row(2, [1, '某某公司', '&'.repeat(5_000_000)], { raw: true })]);
  assert.ok(crafted.length < 64 * 1024, `a small file (${crafted.length} bytes)`);
  const started = Date.now();
  await page.setInputFiles('[data-action=import-draft]', file('crafted.xlsx', crafted));
  await result(page).waitFor({ timeout: 15000 });
  assert.ok(Date.now() - started < 15000);
  // Refused by the reader for the cell's length (5,000,000 characters), not given up by the time budget.
  assert.match(await result(page).innerText(), /crafted\.xlsx.*无法导入.*5000000/);
  assert.doesNotMatch(await result(page).innerText(), /秒仍未完成/);
  assert.deepEqual(await readForm(page), mine);
  const exported = await exportXlsx(page);
  assert.ok(exported.bytes.length > 1000, 'export works after the refused file');
  assert.deepEqual(errors, []);
  await context.close();
});

/** A worker script that says it is ready and then never answers (as a reader stuck on a file would). */
const STUCK_WORKER = 'self.postMessage({ ready: true }); self.onmessage = () => {};';

/** A fresh page whose first worker is stuck; the restarted one is the real worker. `workersStarted()` counts them.
 * The route is the context's, set before the page opens: a route set after the first load raced that page's idle
 * preload of the worker (on a busy machine it took the stuck script, and the reloaded page got the real one). */
async function withStuckFirstWorker() {
  const context = await browser.browser.newContext({ acceptDownloads: true, serviceWorkers: 'block' });
  let started = 0;
  await context.route('**/worker_loader.js', (route) => (started++ === 0
    ? route.fulfill({ contentType: 'text/javascript', body: STUCK_WORKER }) : route.continue()));
  const { page } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  return { page, context, workersStarted: () => started };
}

test('a worker that never answers: the read is given up within its budget, the file named, and export works',
  { timeout: 90000 }, async () => {
    const { page, context, workersStarted } = await withStuckFirstWorker();
    const mine = await userTable(page);
    const good = file('good.xlsx', sheet([row(1, HEADERS), row(2, [1, '某某公司', '91120116340983330E'])]));
    const started = Date.now();
    await page.setInputFiles('[data-action=import-draft]', good);
    await result(page).waitFor({ timeout: 20000 });
    assert.match(await result(page).innerText(), /good\.xlsx.*无法导入.*秒仍未完成.*当前内容没有改变/);
    assert.ok(Date.now() - started < 20000);
    assert.deepEqual(await readForm(page), mine);
    const exported = await exportXlsx(page);
    assert.ok(exported.bytes.length > 1000, 'the restarted worker exports');
    assert.ok(workersStarted() >= 2, 'a fresh worker was started');
    await context.close();
  });

test('a slow read can be cancelled; nothing changes and the next import works', { timeout: 60000 }, async () => {
  const { page, context } = await withStuckFirstWorker();
  const mine = await userTable(page);
  const good = file('slow.xlsx', sheet([row(1, HEADERS), row(2, [1, '天津某某公司', '91120116340983330E'])]));
  await page.setInputFiles('[data-action=import-draft]', good);
  await page.click('[data-action=cancel-read]', { timeout: 5000 });
  await result(page).waitFor({ timeout: 5000 });
  assert.match(await result(page).innerText(), /slow\.xlsx.*已取消读取.*当前内容没有改变/);
  assert.deepEqual(await readForm(page), mine);
  await page.setInputFiles('[data-action=import-draft]', good);
  await page.click('[data-action=merge]', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2);
  await context.close();
});

const HEADERS = ['序号', '申报单位名称', '统一社会信用代码', '所属行业', '所在区', '企业规模', '企业性质', '项目名称',
  '课题类型', '项目及负责人及联系方式', '电子邮箱', '备注'];

/** A sheet row of inline strings; with `raw`, text goes in unescaped (for crafted content). */
function row(r, cells, { raw = false } = {}) {
  return `<row r="${r}">${cells.map((t, i) => {
    const ref = `${String.fromCharCode(65 + i)}${r}`;
    if (typeof t === 'number') return `<c r="${ref}"><v>${t}</v></c>`;
    const text = raw ? t : t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  }).join('')}</row>`;
}

/** A one-sheet .xlsx package around the given rows. */
function sheet(rows) {
  const body = rows.join('');
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
  });
}
