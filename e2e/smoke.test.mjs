// The page loads, shows the title and the 12 official headers in order, and logs no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp } from './harness.mjs';

const HEADERS = [
  '序号', '申报单位名称(与公章一致)', '统一社会信用代码', '所属行业', '所在区', '企业规模', '企业性质', '项目名称',
  '课题类型(问题解决型、创新型)', '项目及负责人及联系方式', '电子邮箱', '备注',
];

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page loads with its title, the 12 headers in order, and no console error', async () => {
  const { page, errors } = await openApp(browser.context, server.url);
  assert.equal(await page.title(), '2021年天津市质量攻关重点项目申报表 填报助手');
  assert.equal((await page.locator('h1').first().innerText()).trim(), '2021年天津市质量攻关重点项目申报表 填报助手');
  const headers = await page.locator('table.official-table thead th').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.replace(/\s+/g, '')), HEADERS);
  for (const label of ['推荐部门负责人:', '填报人:', '联系人电话:', '日期:', '推荐单位(公章):']) {
    assert.ok((await page.locator(`text=${label}`).count()) > 0, `footer/header field ${label} is shown`);
  }
  await page.waitForTimeout(300);
  assert.deepEqual(errors, []);
});

test('helpers: 填入今天 fills the date field with today, 推荐单位 suggests the district bureaus', async () => {
  const ctx = await browser.browser.newContext();
  const { page, errors } = await openApp(ctx, server.url);
  await page.click('[data-action=fill-today]');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  assert.equal(await page.inputValue('[name=fill_date]'), today);
  assert.equal(await page.getAttribute('[name=fill_date]', 'data-state'), 'ok');
  const list = await page.getAttribute('[name=recommender]', 'list');
  const options = await page.locator(`datalist#${list} option`).evaluateAll((os) => os.map((o) => o.value));
  assert.equal(options.length, 16);
  assert.ok(options.includes('天津市武清区市场监督管理局'));
  assert.deepEqual(errors, []);
  await ctx.close();
});
