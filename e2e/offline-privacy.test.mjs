// Offline and privacy (issue 8): no request ever leaves the served origin; typed markup stays text; the release works
// offline after one visit (the service worker); the release's CSP is present and nothing the app does violates it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  serve, launch, openApp, rowControl, tableControl, typeText, chooseWithKeys, enterRow, enterTable, VALID_ROW,
  VALID_TABLE,
} from './harness.mjs';
import { downloadOf, exportXlsx, readForm } from './drafts-harness.mjs';

const DIST = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const newContext = () => browser.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1280, height: 900 } });

/** Opens the app at `url` in `context` and waits until its service worker is installed and controls the page. */
async function controlledPage(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-row] [name="unit_name"]');
  assert.equal(await swReady(page), true, 'the service worker installs and activates');
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForSelector('[data-row] [name="unit_name"]');
  }
  assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, 'a service worker controls the page');
  return page;
}

/** Resolves true once the page's service worker registration is active, false after `ms`. */
const swReady = (page, ms = 15000) => page.evaluate((ms) => Promise.race([
  navigator.serviceWorker.ready.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]), ms);

test('9. load, typing, export-xlsx and export-draft make no request outside the served 127.0.0.1 origin', { timeout: 60000 }, async () => {
  const context = await newContext();
  const seen = [];
  context.on('request', (r) => seen.push({ from: 'context', url: r.url(), method: r.method() }));
  try {
    const page = await context.newPage();
    page.on('request', (r) => seen.push({ from: 'page', url: r.url(), method: r.method() }));
    page.on('worker', (w) => seen.push({ from: 'worker', url: w.url(), method: 'GET' }));
    await page.goto(server.url);
    await page.waitForSelector('[data-row] [name="unit_name"]');
    await swReady(page); // its install requests count too
    await enterTable(page, VALID_TABLE);
    await enterRow(page, 0, VALID_ROW);
    const xlsx = await exportXlsx(page);
    assert.match(xlsx.name, /\.xlsx$/);
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'the .xlsx is a zip');
    const draft = await downloadOf(page, () => page.locator('[data-action="export-draft"]').click());
    assert.equal(JSON.parse(draft.text).declaration.recommender, VALID_TABLE.recommender);
    await page.waitForTimeout(500);

    const origin = new URL(server.url).origin;
    assert.ok(seen.some((r) => r.url.endsWith('.wasm')), `the recorder saw the app load: ${seen.map((r) => r.url)}`);
    const outside = seen.filter(({ url }) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin);
    assert.deepEqual(outside, [], 'every request stays on the served origin');
    const sending = seen.filter(({ method }) => method !== 'GET');
    assert.deepEqual(sending, [], 'nothing is ever sent (no POST/PUT)');
  } finally {
    await context.close();
  }
});

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
];
const ROW_TEXT = ['unit_name', 'credit_code', 'project_name', 'leader_name', 'leader_phone', 'email', 'remarks'];
const TABLE_TEXT = ['recommender', 'recommender_head', 'filler', 'filler_phone'];

test('10. markup typed into every text field stays plain text (no script runs, no element made, the preview shows it)', { timeout: 60000 }, async () => {
  const context = await newContext();
  try {
    const { page, errors } = await openApp(context, server.url);
    await page.waitForSelector('[data-row] [name="unit_name"]');
    const elements = () => page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      svg: document.querySelectorAll('svg').length,
      script: document.querySelectorAll('script').length,
      handlers: document.querySelectorAll('[onerror], [onload]').length,
    }));
    const baseline = await elements();

    // Each field gets one of the payloads; credit_code and email are normalised on leaving (spaces dropped, case).
    const typed = { table: {}, row: {} };
    let i = 0;
    for (const name of TABLE_TEXT) {
      typed.table[name] = PAYLOADS[i++ % 3];
      await typeText(tableControl(page, name), typed.table[name]);
      await page.keyboard.press('Tab');
    }
    await chooseWithKeys(rowControl(page, 0, 'ownership'), '其他（请注明）');
    await page.keyboard.press('Tab');
    for (const name of [...ROW_TEXT, 'ownership_other']) {
      typed.row[name] = PAYLOADS[i++ % 3];
      await typeText(rowControl(page, 0, name), typed.row[name]);
      await page.keyboard.press('Tab');
    }
    const NORMALISED = ['credit_code', 'email'];

    const check = async (when) => {
      assert.equal(await page.evaluate(() => window.__xss), undefined, `${when}: no payload ran`);
      assert.deepEqual(await elements(), baseline, `${when}: no element was made from the payloads`);
      const form = await readForm(page);
      const row = form.rows[0];
      for (const name of TABLE_TEXT) assert.equal(form.table[name], typed.table[name], `${when}: ${name} keeps the text`);
      for (const name of Object.keys(typed.row)) {
        if (!NORMALISED.includes(name)) assert.equal(row[name], typed.row[name], `${when}: ${name} keeps the text`);
        else assert.match(row[name], /[<>]/, `${when}: ${name} keeps the markup characters: ${row[name]}`);
      }
      // The official table's body is rendered on demand (show-preview) or for printing.
      const show = page.locator('[data-action="show-preview"]');
      if (await show.count()) await show.click();
      await page.locator('table.official-table tbody td.code').waitFor();
      const preview = await page.locator('section.official').evaluate((el) => el.textContent);
      for (const v of [...TABLE_TEXT.map((n) => form.table[n]), ...Object.keys(typed.row).map((n) => row[n])]) {
        assert.ok(preview.includes(v), `${when}: the official preview shows ${JSON.stringify(v)} literally`);
      }
      const cells = await page.locator('table.official-table tbody td').allTextContents();
      assert.ok(cells.includes(row.unit_name) && cells.includes(row.project_name) && cells.includes(row.remarks),
        `${when}: table cells hold exactly the literal text`);
    };
    await check('typed');
    await page.waitForTimeout(400);
    await page.reload();
    await page.waitForSelector('[data-row] [name="unit_name"]');
    await page.waitForFunction(() => document.querySelector('[data-row] [name="unit_name"]').value !== '');
    await check('restored after reload');
    assert.deepEqual(errors, [], 'no console error');
  } finally {
    await context.close();
  }
});

test('11. offline after one visit: reload with the network off and the server stopped; the form, export-xlsx and the .xlsx import work', { timeout: 60000 }, async () => {
  const own = await serve(DIST);
  const context = await newContext();
  try {
    const page = await controlledPage(context, own.url);

    await context.setOffline(true);
    await own.close();
    await page.reload();
    await page.waitForSelector('[data-row] [name="unit_name"]', { timeout: 15000 });
    assert.equal((await page.locator('h1').innerText()).trim(), '2021年天津市质量攻关重点项目申报表 填报助手');
    assert.equal(await page.evaluate(() => navigator.onLine), false, 'the browser is offline');

    await enterRow(page, 0, VALID_ROW);
    const code = rowControl(page, 0, 'credit_code');
    assert.equal(await code.getAttribute('data-state'), 'ok', 'validation works offline');
    await typeText(tableControl(page, 'recommender'), VALID_TABLE.recommender);
    await page.keyboard.press('Tab');
    const xlsx = await exportXlsx(page);
    assert.match(xlsx.name, /\.xlsx$/);
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'export-xlsx produced a zip file offline');
    assert.ok(xlsx.bytes.length > 1000);

    // The .xlsx import (read in the same worker) works offline too: merge the file just exported.
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(resolve(tmpdir(), 'shenbao-offline-'));
    const file = resolve(dir, 'offline.xlsx');
    await writeFile(file, xlsx.bytes);
    await page.setInputFiles('[data-action="import-draft"]', file);
    // The file is the table's own export: its row is a repeat, imported only when asked for.
    await page.click('[data-import-report] [data-choice="keep-duplicates"]', { timeout: 15000 });
    await page.click('[data-action="merge"]', { timeout: 15000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2);
    assert.equal(await rowControl(page, 1, 'credit_code').inputValue(), VALID_ROW.credit_code, 'the imported row is there');
    await rm(dir, { recursive: true, force: true });
  } finally {
    await context.close();
    await own.close().catch(() => {});
  }
});

test('11b. 下载单文件版 offline: a copy never fetched says why and what to do; once fetched online, it downloads offline too', { timeout: 60000 }, async () => {
  const own = await serve(DIST);
  const context = await newContext();
  try {
    const page = await controlledPage(context, own.url);
    const link = page.locator('[data-action="download-offline"]');
    const failed = page.locator('[data-offline-copy-failed]');
    assert.equal(await failed.isVisible(), false, 'nothing to say before a click');

    await context.setOffline(true);
    await link.click();
    await failed.waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await failed.innerText(), /没有取得单文件版.*请联网后再点“下载单文件版”/);

    await context.setOffline(false);
    const online = await downloadOf(page, () => link.click());
    assert.equal(online.name, '申报表填报助手（单文件版）.html');
    assert.match(online.bytes.subarray(0, 200).toString(), /<!DOCTYPE html>/i);
    await failed.waitFor({ state: 'hidden' });

    await context.setOffline(true);
    await own.close();
    const offline = await downloadOf(page, () => link.click());
    assert.equal(offline.bytes.length, online.bytes.length, 'the same copy, from the service worker\'s cache');
  } finally {
    await context.close();
    await own.close().catch(() => {});
  }
});

test('12. the release has its CSP meta, and loading, typing, exporting cause no CSP violation', { timeout: 60000 }, async () => {
  const html = await readFile(resolve(DIST, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, 'index.html of the release has a CSP meta');
  const csp = meta[1];
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/, 'no unsafe-inline, unsafe-eval or wildcard');
  assert.match(csp, /connect-src 'self'/);

  const context = await newContext();
  try {
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation',
        (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`), true);
    });
    const consoleCsp = [];
    const page = await context.newPage();
    page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) consoleCsp.push(m.text()); });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url);
    await page.waitForSelector('[data-row] [name="unit_name"]');
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), csp,
      'the served page carries the same policy');

    await enterTable(page, VALID_TABLE);
    await enterRow(page, 0, VALID_ROW);
    await page.locator('[data-action="add-row"]').click();
    await typeText(rowControl(page, 1, 'unit_name'), '第二家单位');
    await page.keyboard.press('Tab');
    await exportXlsx(page);
    await downloadOf(page, () => page.locator('[data-action="export-draft"]').click());
    await page.locator('[data-row="0"] [data-action="size-helper"]').click().catch(() => {});
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);

    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no securitypolicyviolation event');
    assert.deepEqual(consoleCsp, [], 'no CSP message in the console');
    assert.deepEqual(errors, [], 'no page error');
  } finally {
    await context.close();
  }
});

test('13. the release is installable: Chromium reports no installability error and reads the manifest and its icon', { timeout: 60000 }, async () => {
  // Chromium never installs from an incognito context, so this needs a persistent profile.
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(resolve(tmpdir(), 'shenbao-install-'));
  const own = await serve(DIST);
  const launched = await launch({ userDataDir: dir });
  try {
    const page = await launched.context.newPage();
    await page.goto(own.url);
    await page.waitForSelector('[data-row] [name="unit_name"]');
    assert.equal(await swReady(page), true, 'the service worker installs and activates');
    const cdp = await launched.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'no installability error');
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], 'the manifest parses without errors');
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.display, 'standalone');
    assert.ok(parsed.icons.length >= 1, 'the manifest lists an icon');
    for (const icon of parsed.icons) {
      const res = await page.request.get(new URL(icon.src, manifest.url).href);
      assert.equal(res.status(), 200, `icon ${icon.src} is served`);
    }
  } finally {
    await launched.close();
    await own.close();
    await rm(dir, { recursive: true, force: true });
  }
});
