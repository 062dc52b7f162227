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
      await page.click('[data-action=download-offline]');
      const copy = await downloaded(launched.downloads, '.html');
      assert.ok(readFileSync(copy).equals(readFileSync(join(DIST, 'shenbao-offline.html'))), 'the link downloads the one-file copy');

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
      assert.match(await page.$eval('#boot .boot-loading', (e) => e.textContent), /没有启动/, 'the painted frame no longer says 正在加载');
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

/** Seeds the store the way a version before the edition's keys left it: localStorage `shenbao.draft…` and the
 * IndexedDB database `shenbao` with its `journal`, on a page of the app's origin that is not the app. */
async function seedLegacy(page, url, { local, journal, extra = {}, current = {} }) {
  await page.goto(`${url}icon.svg`);
  await page.evaluate(async ({ local, journal, extra, current }) => {
    for (const [k, v] of Object.entries({ 'shenbao.draft': local, ...extra, ...current })) if (v != null) localStorage.setItem(k, v);
    if (!journal) return;
    await new Promise((ok, fail) => {
      const open = indexedDB.open('shenbao', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('journal');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('journal', 'readwrite');
        tx.objectStore('journal').put(journal, 'draft');
        tx.oncomplete = () => { open.result.close(); ok(); };
        tx.onerror = () => fail(tx.error);
      };
    });
  }, { local, journal, extra, current });
}

/** localStorage as an object, and the names of the origin's IndexedDB databases. */
function stores(page) {
  return page.evaluate(async () => ({
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    dbs: (await indexedDB.databases()).map((d) => d.name).sort(),
  }));
}

for (const engine of ENGINES) {
  test(`${engine}: drafts under the keys before the edition's are moved to the edition's keys, losing nothing`, { timeout: 90000 }, async () => {
    const launched = await launchEngine(engine);
    try {
      // A real draft text of this release, to make older copies from.
      const maker = await openApp(await newContext(launched), server.url);
      await typeInto(maker.page, '[data-row="0"] [name=unit_name]', '草稿样本单位');
      await saved(maker.page);
      const sample = JSON.parse(await maker.page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft')));
      const draft = (unit, seq) => JSON.stringify({ ...sample, seq, declaration: { ...sample.declaration, rows: [{ ...sample.declaration.rows[0], unit_name: unit }] } });

      // 1. Only legacy copies: the journal's is the newer; a backup, an undo and another tool's key beside them.
      const first = await newPage(await newContext(launched));
      await seedLegacy(first.page, server.url, {
        local: draft('本地旧单位', 3),
        journal: { seq: 4, saved_at: sample.saved_at, text: draft('日志旧单位', 4) },
        extra: { 'shenbao.draft.head': 'oldtab:3', 'shenbao.draft.undo': draft('撤销旧单位', 2), 'shenbao.draft.backup.2021-04-01T08:00:00': '无法读取的旧文本', 'shenbao-other.draft': '别的工具' },
      });
      first.errors.length = 0; // the seeding page's own favicon request (404) is not the app's
      await first.page.goto(server.url);
      await first.page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]')?.value === '日志旧单位', { timeout: 20000 });
      let got;
      for (let i = 0; i < 40; i++) { got = await stores(first.page); if (!got.dbs.includes('shenbao')) break; await sleep(250); }
      assert.deepEqual(Object.keys(got.local).filter((k) => k === 'shenbao.draft' || k.startsWith('shenbao.draft.')), [], 'no legacy key is left');
      assert.equal(got.local['shenbao.tj-quality-2021.draft.undo'], draft('撤销旧单位', 2));
      assert.equal(got.local['shenbao.tj-quality-2021.draft.backup.2021-04-01T08:00:00'], '无法读取的旧文本');
      assert.equal(got.local['shenbao-other.draft'], '别的工具', 'another tool\'s key is left alone');
      assert.deepEqual(got.dbs, ['shenbao.tj-quality-2021'], 'the legacy database is gone once its journal moved');

      // 2. Both a legacy and a current draft: the current one stays, the legacy text is kept as a backup.
      const second = await newPage(await newContext(launched));
      await seedLegacy(second.page, server.url, {
        local: draft('旧版本单位', 7),
        current: { 'shenbao.tj-quality-2021.draft': draft('新版本单位', 2) },
      });
      second.errors.length = 0;
      await second.page.goto(server.url);
      await second.page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]')?.value === '新版本单位', { timeout: 20000 });
      const now = await stores(second.page);
      const after = now.local;
      assert.equal(after['shenbao.draft'], undefined);
      assert.ok(!now.dbs.includes('shenbao'), 'looking for the legacy database creates none');
      const kept = Object.entries(after).filter(([k]) => k.startsWith('shenbao.tj-quality-2021.draft.backup.migrated.')).map(([, v]) => v);
      assert.deepEqual(kept, [draft('旧版本单位', 7)], 'the legacy draft is kept whole');
      assert.deepEqual([...first.errors, ...second.errors, ...maker.errors], []);
    } finally {
      await launched.browser.close();
    }
  });
}
