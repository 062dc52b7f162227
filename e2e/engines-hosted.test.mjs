// The hosted release in Chromium and in Firefox: load without console errors, type and see findings, autosave and
// reload, export download, import; offline after one visit with no 新版本可用 banner on a first install; the page
// offers the one-file copy; a page that cannot start says so (no WebAssembly, its wasm missing) and a slow but working
// start does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from './harness.mjs';
import { ENGINES, launchEngine, newContext, newPage, openApp, typeInto, fieldState, saved, downloaded, importFiles, sleep } from './engines.mjs';
import { unzip, sharedStrings } from './zip.mjs';

const DIST = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');
const temps = [];
let server;
before(async () => { server = await serve(); });
after(async () => {
  await server?.close();
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A copy of dist/ in a temporary folder (changed by a test without touching dist/). */
function distCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-hosted-'));
  temps.push(dir);
  cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** Polls for `ms` and fails if the start-failed note is ever on the page; resolves when the app has mounted. */
async function neverStartFailed(page, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    assert.equal(await page.$('[data-notice=start-failed]'), null, 'no start-failed note on a start that works');
    if (await page.$('[data-save-status]')) return;
    if (Date.now() > deadline) throw new Error('the app did not start');
    await sleep(250);
  }
}

for (const engine of ENGINES) {
  test(`${engine}: load, findings, autosave and reload, export, import; the page offers the one-file copy`, { timeout: 120000 }, async () => {
    const launched = await launchEngine(engine);
    try {
      const context = await newContext(launched);
      const { page, errors } = await openApp(context, server.url);
      const link = await page.$eval('[data-action=download-offline]', (a) => ({ href: a.getAttribute('href'), download: a.getAttribute('download'), text: a.textContent }));
      assert.deepEqual([link.href, link.text], ['shenbao-offline.html', '下载单文件版']);
      assert.match(link.download, /\.html$/);
      assert.match(await page.$eval('.offline-copy', (e) => e.textContent), /压缩/);
      assert.equal(await page.$('[data-notice=file-storage]'), null, 'a hosted page says nothing about files');

      const phone = '[data-row="0"] [name=leader_phone]';
      await typeInto(page, phone, '1380013800');
      await page.waitForFunction((s) => document.querySelector(s).getAttribute('data-state') === 'error', {}, phone);
      assert.equal((await fieldState(page, phone)).invalid, 'true');
      await typeInto(page, '[data-row="0"] [name=unit_name]', '天津双引擎测试有限公司');
      await saved(page);
      await page.reload();
      await page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]')?.value === '天津双引擎测试有限公司', { timeout: 20000 });

      await page.click('[data-action=export-xlsx]');
      await page.waitForSelector('[data-action=confirm]', { timeout: 10000 });
      await page.click('[data-action=confirm]');
      const xlsx = await downloaded(launched.downloads, '.xlsx');
      assert.ok(sharedStrings(unzip(readFileSync(xlsx))).includes('天津双引擎测试有限公司'));

      // Import it into another browser context (its own, empty storage): the report, then apply.
      const other = await newContext(launched);
      const second = await openApp(other, server.url);
      const entries = await importFiles(second.page, [xlsx]);
      assert.deepEqual(entries.map((e) => [e.status, e.rows]), [['ok', 1]]);
      await second.page.click('[data-import-report] [data-action=confirm]');
      await second.page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]')?.value === '天津双引擎测试有限公司', { timeout: 20000 });
      assert.deepEqual(errors, []);
      assert.deepEqual(second.errors, []);
    } finally {
      await launched.browser.close();
    }
  });

  test(`${engine}: offline after one visit, and a first install never offers an update`, { timeout: 120000 }, async () => {
    const own = await serve(distCopy());
    const launched = await launchEngine(engine);
    try {
      const { page, errors } = await openApp(launched.browser, own.url);
      await page.evaluate(() => navigator.serviceWorker.ready);
      // Watch the banner from now on: the first install's events (installed, activated, claimed) all come here.
      for (let i = 0; i < 12; i++) {
        assert.equal(await page.$('[data-notice=update]'), null, 'no 新版本可用 on a first install');
        await sleep(250);
      }
      if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, { timeout: 20000 });
      await page.waitForSelector('[data-row="0"] [name=unit_name]');
      assert.equal(await page.$('[data-notice=update]'), null, 'no 新版本可用 after the first reload either');
      await own.close();
      await page.reload();
      await page.waitForSelector('[data-row="0"] [name=unit_name]', { timeout: 20000 });
      await typeInto(page, '[data-row="0"] [name=unit_name]', '离线单位');
      await saved(page);
      assert.deepEqual(errors, []);
    } finally {
      await launched.browser.close();
      await own.close().catch(() => {});
    }
  });

  test(`${engine}: without WebAssembly the page says what to use instead`, { timeout: 60000 }, async () => {
    const launched = await launchEngine(engine);
    try {
      const { page } = await newPage(launched.browser);
      await page.evaluateOnNewDocument(() => { delete window.WebAssembly; });
      await page.goto(server.url);
      const note = await page.waitForSelector('[data-notice=start-failed]', { timeout: 5000 });
      const text = await note.evaluate((e) => e.textContent);
      assert.match(text, /WebAssembly/);
      assert.match(text, /Edge/);
      assert.match(text, /极速模式/);
    } finally {
      await launched.browser.close();
    }
  });

  test(`${engine}: a page whose wasm cannot be loaded says so; a slow start that works does not`, { timeout: 90000 }, async () => {
    const broken = distCopy();
    for (const n of readdirSync(broken).filter((n) => /^shenbao-.*_bg\.wasm$/.test(n))) unlinkSync(join(broken, n));
    const own = await serve(broken);
    // The release again, its app wasm answered 12 s late (longer than the check's 10 s wait).
    const slow = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
      const send = () => {
        try {
          const body = readFileSync(join(DIST, path));
          const type = path.endsWith('.wasm') ? 'application/wasm' : path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8';
          res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
        } catch { res.writeHead(404).end(); }
      };
      if (/^\/shenbao-.*_bg\.wasm$/.test(path)) setTimeout(send, 12000); else send();
    });
    await new Promise((ok) => slow.listen(0, '127.0.0.1', ok));
    const launched = await launchEngine(engine);
    try {
      const { page } = await newPage(launched.browser);
      await page.goto(own.url);
      const note = await page.waitForSelector('[data-notice=start-failed]', { timeout: 20000 });
      assert.match(await note.evaluate((e) => e.textContent), /没有正常启动[\s\S]*Edge/);
      assert.equal(await page.$('[data-save-status]'), null);

      const late = await newPage(launched.browser);
      await late.page.goto(`http://127.0.0.1:${slow.address().port}/`, { waitUntil: 'domcontentloaded' });
      await neverStartFailed(late.page, 40000);
      await sleep(600);
      assert.equal(await late.page.$('[data-notice=start-failed]'), null);
    } finally {
      await launched.browser.close();
      await own.close();
      await new Promise((ok) => slow.close(ok));
    }
  });
}
