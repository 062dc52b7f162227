// Test harness for the end-to-end tests: serves dist/ on 127.0.0.1 and drives Debian's Chromium with playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const DIST = process.env.SHENBAO_DIST ? resolve(process.env.SHENBAO_DIST) : resolve(new URL('..', import.meta.url).pathname, 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Serves a folder (dist/ by default) on 127.0.0.1 at a free port; resolves to { url, close, requests }. */
export async function serve(dir = DIST) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      await stat(file);
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium; `userDataDir` gives a persistent profile (for reload and kill tests). */
export async function launch({ userDataDir, viewport = { width: 1280, height: 900 } } = {}) {
  const opts = { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS };
  if (userDataDir) {
    const context = await chromium.launchPersistentContext(userDataDir, { ...opts, viewport, acceptDownloads: true });
    return { context, browser: null, close: () => context.close() };
  }
  const browser = await chromium.launch(opts);
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  return { context, browser, close: () => browser.close() };
}

/** Opens the app; collects console errors and page errors in `errors`. Waits until the app has rendered. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('h1');
  return { page, errors };
}
