// Start-up (issue "start in a blink"): the frame index.html paints before the app starts is styled, says it is
// loading, takes no input, and sits where the app then draws the same things (no layout jump); the app replaces it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PLACES = ['.app-header', '.toolbar', '.annex', '.form-title'];
const places = (page) => page.evaluate((sel) => sel.map((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return [s, Math.round(r.top), Math.round(r.left), Math.round(r.height)];
}), PLACES);

test('before the app starts: the header and the form\'s frame are painted, loading is said, nothing takes input', { timeout: 60000 }, async () => {
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The app never starts: its wasm is not delivered.
  await page.route(/shenbao-[0-9a-f]+_bg\.wasm$/, (route) => route.abort());
  await page.goto(server.url);
  await page.waitForSelector('#boot .form-title');
  assert.match(await page.locator('#boot').innerText(), /正在加载/);
  assert.equal(await page.locator('#boot').getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('input, textarea, select, button, [contenteditable]').count(), 0,
    'nothing that could swallow typing before the app is there');
  const header = await page.locator('#boot .app-header').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(header, 'rgb(11, 61, 110)', 'styled by the app\'s stylesheet');
  const frame = await places(page);

  const { page: app, errors } = await openApp(context, server.url);
  await app.waitForSelector('[data-row] [name=unit_name]');
  assert.equal(await app.locator('#boot').count(), 0, 'the app replaced the frame');
  assert.deepEqual(await places(app), frame, 'the app draws the header, toolbar and title where the frame had them');
  assert.deepEqual(errors, []);
  await context.close();
});
