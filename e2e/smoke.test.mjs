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
