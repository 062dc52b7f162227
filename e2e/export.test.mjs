// The product's output: export-xlsx downloads the official table (read back here), and the print view is the same
// table on A4 landscape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openApp } from './harness.mjs';
import { unzip, sharedStrings } from './zip.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fillValid(page) {
  await page.fill('[name=recommender]', '天津市宝坻区市场监督管理局');
  const row = page.locator('[data-row="0"]');
  await row.locator('[name=unit_name]').fill('天津宝坻示例汽车零部件有限公司');
  await row.locator('[name=credit_code]').fill('91120224064012553U');
  await row.locator('[name=industry]').selectOption('36');
  await row.locator('[name=district]').selectOption('宝坻区');
  await row.locator('[name=scale]').selectOption('中型企业');
  await row.locator('[name=ownership]').selectOption('有限责任公司');
  await row.locator('[name=project_name]').fill('=1+1 降低焊接缺陷率');
  await row.locator('[name=topic_type]').selectOption('问题解决型');
  await row.locator('[name=leader_name]').fill('张伟');
  await row.locator('[name=leader_phone]').fill('13800138000');
  await row.locator('[name=email]').fill('quality@example.com');
  await page.fill('[name=recommender_head]', '王明');
  await page.fill('[name=filler]', '李华');
  await page.fill('[name=filler_phone]', '022-29361296');
  await page.fill('[name=fill_date]', '2021-04-09');
  await page.locator('[name=fill_date]').blur();
}

test('export-xlsx downloads the official table, every value a text cell', async () => {
  const { page, errors } = await openApp(await browser.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }), server.url);
  await fillValid(page);
  await page.waitForFunction(() => document.querySelector('[data-issue-count]').textContent.trim() === '0');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=export-xlsx]')]);
  assert.equal(download.suggestedFilename(), '2021年天津市质量攻关重点项目申报表-天津宝坻示例汽车零部件有限公司.xlsx');
  const files = unzip(readFileSync(await download.path()));
  const strings = sharedStrings(files);
  for (const s of ['附表', '2021年天津市质量攻关重点项目申报表', '统一社会信用代码', '91120224064012553U', '汽车制造业',
    '宝坻区', '=1+1 降低焊接缺陷率', 'quality@example.com']) {
    assert.ok(strings.some((x) => x.includes(s)), `the sheet holds "${s}"`);
  }
  assert.ok(strings.some((x) => x.includes('推荐单位(公章)') && x.includes('天津市宝坻区市场监督管理局')));
  assert.ok(strings.some((x) => x.includes('2021年4月9日')), 'the date is written the Chinese way');
  const sheet = files.get('xl/worksheets/sheet1.xml').toString('utf8');
  assert.ok(!/<f>/.test(sheet), 'no formula was made from user text');
  assert.match(sheet, /orientation="landscape"/);
  assert.match(sheet, /<mergeCell /);
  assert.deepEqual(errors, []);
});

test('export with errors asks first, then exports on confirm', async () => {
  const { page } = await openApp(await browser.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }), server.url);
  await page.fill('[data-row="0"] [name=unit_name]', '天津某公司');
  await page.click('[data-action=export-xlsx]');
  const dialog = page.locator('[role=alertdialog]');
  await dialog.waitFor();
  assert.ok((await dialog.locator('li').count()) > 0, 'the confirmation lists the errors');
  await page.click('[data-action=cancel]');
  assert.equal(await dialog.count(), 0);
  await page.click('[data-action=export-xlsx]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action=confirm]')]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
});

test('the print view is the official table on A4 landscape, without buttons', async () => {
  const { page } = await openApp(await browser.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }), server.url);
  await fillValid(page);
  await page.click('[data-action=show-preview]');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('[data-action=add-row]').isVisible(), false, 'no buttons on paper');
  assert.equal(await page.locator('.guidance').isVisible(), false, 'no help text on paper');
  assert.equal(await page.locator('table.official-table').isVisible(), true);
  const cells = await page.locator('table.official-table tbody tr').first().locator('td').allInnerTexts();
  assert.equal(cells[0], '1');
  assert.equal(cells[2], '91120224064012553U');
  assert.equal(cells[3], '汽车制造业');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  assert.ok(box, 'the PDF has a page box');
  assert.ok(Number(box[1]) > Number(box[2]), `landscape page (${box[1]}×${box[2]})`);
  if (process.env.SHENBAO_PDF_OUT) (await import('node:fs')).writeFileSync(process.env.SHENBAO_PDF_OUT, pdf);
});
