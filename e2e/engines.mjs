// Drives both engines the same way for e2e/engines-*.test.mjs: Debian's Chromium over CDP and Debian's Firefox ESR
// over WebDriver BiDi, both through puppeteer-core (no browser is ever downloaded: the executables are the system's).
// The flows are written once against puppeteer's page API and run in each engine.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS } from './harness.mjs';

process.env.PUPPETEER_SKIP_DOWNLOAD = '1';

export const ENGINES = ['chromium', 'firefox'].filter((e) => !process.env.SHENBAO_ENGINES || process.env.SHENBAO_ENGINES.split(',').includes(e));

/** Launches `engine` headless; `userDataDir` keeps a profile across launches (a browser restart); downloads go to
 * `downloads`. Resolves to { browser, downloads, engine }. */
export async function launchEngine(engine, { userDataDir, downloads = mkdtempSync(join(tmpdir(), 'shenbao-dl-')) } = {}) {
  const common = { headless: true, userDataDir, defaultViewport: { width: 1280, height: 900 }, protocolTimeout: 60000 };
  const browser = engine === 'firefox'
    ? await puppeteer.launch({
      ...common, browser: 'firefox', protocol: 'webDriverBiDi', executablePath: '/usr/bin/firefox-esr',
      extraPrefsFirefox: {
        'browser.download.folderList': 2, 'browser.download.dir': downloads, 'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false, 'browser.download.alwaysOpenPanel': false,
        'browser.download.start_downloads_in_tmp_dir': false,
      },
    })
    : await puppeteer.launch({
      ...common, executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS,
      downloadBehavior: { policy: 'allow', downloadPath: downloads },
    });
  return { browser, downloads, engine };
}

/** A new browser context (its own storage) of a browser from launchEngine, downloading to its folder. */
export function newContext(launched) {
  return launched.browser.createBrowserContext(launched.engine === 'chromium'
    ? { downloadBehavior: { policy: 'allow', downloadPath: launched.downloads } } : {});
}

/** A new page that collects console errors and page errors, and every URL it requests, in `errors` / `requests`. */
export async function newPage(browser) {
  const page = await browser.newPage();
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  return { page, errors, requests };
}

/** Opens `url` and waits until the app has mounted (its first project row is on the page). */
export async function openApp(browser, url) {
  const p = await newPage(browser);
  await p.page.goto(url);
  await p.page.waitForSelector('[data-row="0"] [name=unit_name]', { timeout: 30000 });
  return p;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Types `text` into the control matched by `selector` (key by key), then leaves it (Tab), as a user would. */
export async function typeInto(page, selector, text) {
  await page.click(selector);
  await page.type(selector, text);
  await page.keyboard.press('Tab');
}

/** The control's validation state: data-state, aria-invalid and its message. */
export function fieldState(page, selector) {
  return page.$eval(selector, (el) => ({
    state: el.getAttribute('data-state'),
    invalid: el.getAttribute('aria-invalid'),
    message: (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim(),
  }));
}

/** Waits for the save status to say 已保存 (the latest change is stored). */
export function saved(page) {
  return page.waitForFunction(() => /已保存/.test(document.querySelector('[data-save-status]')?.textContent || ''), { timeout: 15000 });
}

/** The size of the file at `path`, or -1 when it is not there (any more). */
function sizeOf(path) {
  try {
    return readFileSync(path).length;
  } catch (e) {
    if (e.code === 'ENOENT') return -1;
    throw e;
  }
}

/** Waits until a finished download whose name ends with `suffix` is in `dir`; returns its path. */
export async function downloaded(dir, suffix, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    // Firefox writes into `<name>.<random>.<ext>.part` beside an empty `<name>.<ext>`; Chromium into `.crdownload`.
    const names = readdirSync(dir);
    const pending = names.some((n) => n.endsWith('.part') || n.endsWith('.crdownload'));
    const done = names.filter((n) => n.endsWith(suffix));
    if (done.length && !pending) {
      const path = join(dir, done[0]);
      // Firefox may list the file before its last bytes are written: wait for a stable, non-empty size. It may also
      // list a temporary name it renames a moment later: a file gone before it is read is looked for again.
      const size = sizeOf(path);
      await sleep(300);
      if (size > 0 && sizeOf(path) === size) return path;
    }
    if (Date.now() > deadline) throw new Error(`no download *${suffix} in ${dir}: ${readdirSync(dir).join(', ')}`);
    await sleep(200);
  }
}

/** Chooses `files` in the page's import input and waits for the intake report; returns its entries. */
export async function importFiles(page, files) {
  const input = await page.$('[data-action=import-draft]');
  await input.uploadFile(...files);
  await page.waitForSelector('[data-import-report] [data-import-file]', { timeout: 30000 });
  return page.$$eval('[data-import-report] [data-import-file]', (els) => els.map((e) => ({
    file: e.getAttribute('data-file'), rows: Number(e.getAttribute('data-rows')), status: e.getAttribute('data-status'),
  })));
}
