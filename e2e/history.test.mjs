// Earlier years and expected submitters (issue 17), end to end: an earlier year's table (made by openpyxl:
// tests/data/history/make.py) and a list of expected units are imported; a reworded earlier project typed in
// 项目名称 is a warning naming the year, an unrelated one is not; the number of units not yet sent falls as the
// enterprises' files come in through the intake; after a reload both the history and the list are still there, and
// neither ever enters the table or its export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { serve, launch, openApp, importFiles, rowControl, typeText, fieldStatus, eventually } from './harness.mjs';
import { exportXlsx, downloadOf } from './drafts-harness.mjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { unzip, sharedStrings } from './zip.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname, 'tests/data');
const HISTORY = join(ROOT, 'history', '2020年项目汇总.xlsx');
const EXPECTED = join(ROOT, 'history', '应报单位名单.xlsx');
const intake = (name) => join(ROOT, 'intake', name);

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const missing = async (page) => {
  const el = page.locator('[data-expected-missing]');
  return (await el.count()) ? Number((await el.innerText()).trim()) : null;
};
const saved = (page) => page.waitForSelector('[data-reference-status="saved"]', { timeout: 10000 });

/** Types a project name in the first row and leaves the field; resolves to its state and message. */
async function typeProject(page, text) {
  const control = rowControl(page, 0, 'project_name');
  await typeText(control, text);
  await page.keyboard.press('Tab');
  return fieldStatus(control);
}

test('history warns on a reworded earlier project, the missing count falls with each file, both survive a reload', { timeout: 120000 }, async () => {
  const context = await browser.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=project_name]');

  await page.setInputFiles('[data-action=import-history]', HISTORY);
  await page.waitForSelector('[data-history-file]', { timeout: 30000 });
  assert.match(await page.locator('[data-history-file]').innerText(), /2020年.*3 个单位、4 个项目/);
  await saved(page);

  await typeText(rowControl(page, 0, 'unit_name'), '天津市甲机械制造有限公司');
  await page.keyboard.press('Tab');
  const similar = await typeProject(page, '转向节铸件气孔缺陷率降低攻关');
  assert.equal(similar.state, 'warning', JSON.stringify(similar));
  assert.match(similar.message, /^与2020年本单位项目“降低转向节铸件气孔缺陷率”相似（相似度 \d+%），通知要求不得与历年项目雷同/);

  const unrelated = await typeProject(page, '提高静脉输液一次穿刺成功率');
  assert.equal(unrelated.state, 'ok', JSON.stringify(unrelated));
  assert.equal(unrelated.message, '');

  // Another unit's earlier project, word for word: the copy warning names that unit.
  const copied = await typeProject(page, '提升铝合金轮毂涂装附着力');
  assert.equal(copied.state, 'warning');
  assert.match(copied.message, /2020年天津乙汽车部件有限公司项目“提高铝合金轮毂涂装附着力”相同或几乎相同.*不得抄袭/);

  // The expected units: four; the table holds 甲 (typed), so three have not sent.
  await page.setInputFiles('[data-action=import-expected]', EXPECTED);
  assert.equal(await eventually(() => missing(page), 3, 15000), 3);
  await saved(page);

  // The enterprises' files through the intake: 甲 and 丁 (variants.xlsx) replace the table, then 甲 and 乙 (Word).
  await importFiles(page, [intake('variants.xlsx')], 'confirm');
  assert.equal(await eventually(() => missing(page), 2, 15000), 2, '乙 and 戊 have not sent');
  await importFiles(page, [intake('word-table.docx')], 'merge');
  assert.equal(await eventually(() => missing(page), 1, 15000), 1, '戊 has not sent');
  assert.match(await page.locator('[data-expected-missing-list]').innerText(), /天津戊科技（集团）有限公司/);

  // The history never enters the table or the official export.
  const download = await exportXlsx(page);
  const strings = sharedStrings(unzip(download.bytes)).join('\n');
  assert.doesNotMatch(strings, /降低转向节铸件气孔缺陷率|天津市第一中心医院|天津戊科技/);

  await page.reload();
  await page.waitForSelector('[data-history-file]', { timeout: 15000 });
  assert.match(await page.locator('[data-history-file]').innerText(), /2020年/);
  assert.equal(await eventually(() => missing(page), 1, 15000), 1, 'the list is kept and matched again');
  // The warning is back on a project typed after the reload.
  const again = await typeProject(page, '减少转向节铸件气孔缺陷率');
  assert.equal(again.state, 'warning');
  assert.match(again.message, /2020年/);
  assert.deepEqual(errors, [], 'no console error');
  await context.close();
});

test('a pasted list: names with other bracket and space forms match; the missing list can be downloaded', { timeout: 60000 }, async () => {
  const context = await browser.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  await typeText(rowControl(page, 0, 'unit_name'), '天津丙(集团)有限公司');
  await page.keyboard.press('Tab');
  await typeText(page.locator('[data-expected-paste]'), '天津丙（集团） 有限公司\n天津己有限公司，91120222MA05T1234X');
  await page.locator('[data-action=use-expected-text]').click();
  assert.equal(await eventually(() => missing(page), 1, 5000), 1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-action=download-missing]').click(),
  ]);
  const text = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  assert.match(text, /天津己有限公司\t91120222MA05T1234X/);
  assert.doesNotMatch(text, /天津丙/);
  assert.deepEqual(errors, [], 'no console error');
  await context.close();
});

test('the reference goes into a draft file only when chosen, and such a file brings it to another browser', { timeout: 90000 }, async () => {
  const context = await browser.browser.newContext({ acceptDownloads: true });
  const { page, errors } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  await page.setInputFiles('[data-action=import-history]', HISTORY);
  await page.waitForSelector('[data-history-file]', { timeout: 30000 });
  await typeText(rowControl(page, 0, 'unit_name'), '天津市甲机械制造有限公司');
  await page.keyboard.press('Tab');
  const plain = await downloadOf(page, () => page.locator('[data-action=export-draft]').click());
  assert.equal(JSON.parse(plain.text).reference, undefined, 'not chosen: not in the file');
  await page.locator('[data-include-reference]').check();
  const withRef = await downloadOf(page, () => page.locator('[data-action=export-draft]').click());
  assert.match(JSON.parse(withRef.text).reference, /降低转向节铸件气孔缺陷率/);
  assert.doesNotMatch(JSON.stringify(JSON.parse(withRef.text).declaration), /降低转向节铸件气孔缺陷率/);
  await context.close();

  const other = await browser.browser.newContext({ acceptDownloads: true });
  const { page: page2, errors: errors2 } = await openApp(other, server.url);
  await page2.waitForSelector('[data-row] [name=unit_name]');
  const file = join(mkdtempSync(join(tmpdir(), 'shenbao-history-')), 'draft.json');
  writeFileSync(file, withRef.bytes);
  await importFiles(page2, [file], 'confirm');
  await page2.waitForSelector('[data-history-file]', { timeout: 15000 });
  const status = await typeProject(page2, '转向节铸件气孔缺陷率降低');
  assert.equal(status.state, 'warning');
  assert.match(status.message, /2020年本单位项目/);
  assert.deepEqual([...errors, ...errors2], [], 'no console error');
  await other.close();
});

test('a file whose year cannot be read asks for it; the warnings name the year given', { timeout: 60000 }, async () => {
  const context = await browser.browser.newContext();
  const { page, errors } = await openApp(context, server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  const file = join(mkdtempSync(join(tmpdir(), 'shenbao-history-')), '往年项目.csv');
  writeFileSync(file, '天津市质量攻关项目汇总\n序号,申报单位名称,统一社会信用代码,项目名称\n1,天津乙汽车部件有限公司,,提高铝合金轮毂涂装附着力\n');
  await page.setInputFiles('[data-action=import-history]', file);
  const year = page.locator('[data-action=set-history-year]');
  await year.waitFor({ timeout: 30000 });
  const before = await typeProject(page, '铝合金轮毂涂装附着力提升研究');
  assert.equal(before.state, 'warning');
  assert.match(before.message, /^与往年天津乙汽车部件有限公司项目/);
  await year.fill('2019');
  await year.press('Tab');
  await page.waitForSelector('[data-history-year]');
  assert.match(await page.locator('[data-history-file]').innerText(), /2019年/);
  const after = await typeProject(page, '提升铝合金轮毂涂装的附着力');
  assert.match(after.message, /^与2019年天津乙汽车部件有限公司项目/);
  assert.deepEqual(errors, [], 'no console error');
  await context.close();
});

test('removing an earlier year or clearing the list of units asks first; cancelling keeps them', { timeout: 60000 }, async () => {
  const context = await browser.browser.newContext();
  const { page, errors } = await openApp(context, server.url);
  await page.setInputFiles('[data-action=import-history]', HISTORY);
  await page.waitForSelector('[data-history-file]', { timeout: 30000 });
  await page.setInputFiles('[data-action=import-expected]', EXPECTED);
  await page.waitForSelector('[data-expected-missing]', { timeout: 30000 });
  const units = await missing(page);
  assert.ok(units > 0, String(units));
  const asked = [];
  let answer = false;
  page.on('dialog', (d) => { asked.push(d.message()); return answer ? d.accept() : d.dismiss(); });

  await page.locator('[data-history-file] [data-action=remove-history]').click();
  await page.locator('[data-action=clear-expected]').click();
  assert.deepEqual(asked.map((m) => m.slice(0, 7)), ['移除历年项目“', '清空应报单位名']);
  assert.equal(await page.locator('[data-history-file]').count(), 1, 'cancelled: the file stays');
  assert.equal(await missing(page), units, 'cancelled: the list stays');

  answer = true;
  await page.locator('[data-history-file] [data-action=remove-history]').click();
  await page.locator('[data-history-file]').waitFor({ state: 'detached' });
  await page.locator('[data-action=clear-expected]').click();
  assert.equal(await eventually(() => missing(page), null), null);
  assert.deepEqual(errors, []);
  await context.close();
});
