// Updates never strand a user: a new release installs beside the running one and waits; the page offers
// 新版本可用，点击刷新; switching keeps the draft and ends on the new release's cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, launch, openApp } from './harness.mjs';

const dist = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');
let server, browser, dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shenbao-update-'));
  cpSync(dist, dir, { recursive: true });
  server = await serve(dir);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const controlled = (page) => page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20000 });

test('a new release waits, the banner switches to it, and the draft survives', async () => {
  const { page, errors } = await openApp(browser.context, server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await controlled(page);
  const oldCaches = await page.evaluate(() => caches.keys());
  assert.equal(oldCaches.filter((k) => k.startsWith('shenbao-')).length, 1);
  assert.equal(await page.locator('[data-notice=update]').count(), 0, 'no banner without a new release');

  await page.locator('[data-row="0"] [name=unit_name]').pressSequentially('天津更新测试有限公司');
  await page.waitForFunction(() => /已保存/.test(document.querySelector('[data-save-status]').textContent));

  // Publish a "new release": a different service worker build id.
  const swPath = join(dir, 'sw.js');
  writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/const BUILD = '[^']*';/, "const BUILD = 'next-release';"));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.locator('[data-notice=update]').waitFor({ timeout: 20000 });
  // The running page keeps working on the old release meanwhile.
  assert.equal(await page.locator('[data-row="0"] [name=unit_name]').inputValue(), '天津更新测试有限公司');

  await Promise.all([page.waitForEvent('load'), page.click('[data-action=apply-update]')]);
  await page.waitForSelector('[name=unit_name]');
  await page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]').value === '天津更新测试有限公司');
  const keys = await page.evaluate(() => caches.keys());
  assert.deepEqual(keys.filter((k) => k.startsWith('shenbao-')), ['shenbao-next-release'], 'only the new release is cached');
  assert.equal(await page.locator('[data-notice=update]').count(), 0);
  assert.deepEqual(errors, []);
});
