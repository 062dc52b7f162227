// The one-file copy (dist/shenbao-offline.html) opened by "double-click" in Chromium and in Firefox: copied into a
// temporary folder with a Chinese name under a Chinese file name, opened as file:// with no server running. The
// whole workflow: no console error and no request outside the file itself, fill and see findings, autosave and restore
// after a reload and after the browser restarts (same profile), export .xlsx, import it, print.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENGINES, launchEngine, openApp, typeInto, fieldState, saved, downloaded, importFiles, sleep } from './engines.mjs';
import { unzip, sharedStrings } from './zip.mjs';

const DIST = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');
const temps = [];
after(() => { for (const t of temps) rmSync(t, { recursive: true, force: true }); });

/** The one-file copy, alone in a new folder with a Chinese name; its file:// URL. */
function copyAlone() {
  const root = mkdtempSync(join(tmpdir(), 'shenbao-one-'));
  temps.push(root);
  const folder = join(root, '申报 材料（2021）');
  mkdirSync(folder);
  const file = join(folder, '质量攻关申报表 单文件版.html');
  copyFileSync(join(DIST, 'shenbao-offline.html'), file);
  return { root, url: pathToFileURL(file).href };
}

const outside = (requests, url) => requests.filter((r) => r !== url && !r.startsWith('blob:') && !r.startsWith('data:'));

for (const engine of ENGINES) {
  test(`${engine}: the one-file copy from file:// — fill, findings, autosave, export, import, print, restart`, { timeout: 180000 }, async () => {
    const { root, url } = copyAlone();
    const profile = join(root, 'profile');
    let launched = await launchEngine(engine, { userDataDir: profile });
    try {
      let { page, errors, requests } = await openApp(launched.browser, url);
      assert.equal(await page.$('[data-action=download-offline]'), null, 'the copy does not offer itself');
      assert.match(await page.$eval('[data-notice=file-storage]', (e) => e.textContent), /导出草稿/, 'it says where drafts live');
      assert.ok(await page.$eval('[data-action=export-draft]', (b) => b.classList.contains('primary')), '导出草稿 is prominent');
      assert.equal(await page.$('[data-notice=start-failed]'), null);

      // Another tool's drafts in the same store (Chromium shares it among all local files): never read or touched.
      const theirs = { 'another-tool.draft': '{"theirs":1}', 'shenbao-2022.draft': '{"theirs":2}' };
      await page.evaluate((t) => { for (const [k, v] of Object.entries(t)) localStorage.setItem(k, v); }, theirs);

      // Fill and see findings.
      const code = '[data-row="0"] [name=credit_code]';
      await typeInto(page, code, '91120224064012553X');
      await page.waitForFunction((s) => document.querySelector(s).getAttribute('data-state') === 'error', {}, code);
      const status = await fieldState(page, code);
      assert.equal(status.invalid, 'true');
      assert.match(status.message, /校验|代码/);
      await typeInto(page, '[data-row="0"] [name=unit_name]', '天津单文件测试有限公司');
      await saved(page);

      // Autosave and restore after a reload.
      await page.reload();
      await page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]')?.value === '天津单文件测试有限公司', { timeout: 20000 });

      // Export .xlsx (the worker runs from a Blob URL): the table has errors, so confirm first.
      await page.click('[data-action=export-xlsx]');
      await page.waitForSelector('[data-action=confirm]', { timeout: 10000 });
      await page.click('[data-action=confirm]');
      const xlsx = await downloaded(launched.downloads, '.xlsx');
      const strings = sharedStrings(unzip(readFileSync(xlsx)));
      assert.ok(strings.includes('天津单文件测试有限公司'), 'the exported table holds the typed unit');

      // Import it back (the worker reads it): the report, then append.
      const entries = await importFiles(page, [xlsx]);
      assert.deepEqual(entries.map((e) => [e.status, e.rows]), [['ok', 1]]);
      await page.click('[data-import-report] [data-action=merge]');
      await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2, { timeout: 20000 });
      assert.deepEqual(await page.$$eval('[data-row] [name=unit_name]', (els) => els.map((e) => e.value)),
        ['天津单文件测试有限公司', '天津单文件测试有限公司']);
      assert.equal(await page.$eval('[data-row="1"]', (e) => e.getAttribute('data-source')), entries[0].file);

      // Print: the official table is laid out for paper (a PDF of the print view).
      await page.click('[data-action=print]').catch(() => {});
      await page.waitForSelector('.official table', { timeout: 10000 });
      const pdf = Buffer.from(await page.pdf({ format: 'A4', landscape: true }));
      assert.equal(pdf.subarray(0, 4).toString(), '%PDF');

      assert.deepEqual(outside(requests, url), [], 'nothing but the file itself was requested');
      assert.deepEqual(errors, [], 'no console error');

      // Restore after the browser restarts with the same profile.
      await launched.browser.close();
      launched = await launchEngine(engine, { userDataDir: profile });
      ({ page, errors, requests } = await openApp(launched.browser, url));
      await page.waitForFunction(() => document.querySelector('[data-row="0"] [name=unit_name]')?.value === '天津单文件测试有限公司', { timeout: 20000 });
      await sleep(500);
      const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
      for (const [k, v] of Object.entries(theirs)) assert.equal(stored[k], v, `${k} is left alone`);
      assert.deepEqual(Object.keys(stored).filter((k) => !(k in theirs) && !k.startsWith('shenbao.tj-quality-2021.')), [], 'this tool writes only its own keys');
      assert.deepEqual(outside(requests, url), []);
      assert.deepEqual(errors, []);
    } finally {
      await launched.browser.close();
    }
  });
}
