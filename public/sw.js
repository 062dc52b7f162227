// Service worker of 申报表填报助手: offline after one visit, and updates that never strand a user.
// Every file of one release lives in one cache named after the release's BUILD id (stamped into this file by
// scripts/postbuild.mjs, so a new release is a new sw.js). A new release installs beside the old one and WAITS;
// the page shows 新版本可用，点击刷新 and switches (SKIP_WAITING) only when the user asks, after saving the draft.
// No request ever goes to another origin: this worker only answers same-origin GETs.
const BUILD = 'dev';
const CACHE = 'shenbao-' + BUILD;
const SCOPE = new URL('./', self.location).href;

// The files of this release: index.html names the hashed app files; the worker's names carry no hash.
async function releaseFiles() {
  const res = await fetch(SCOPE, { cache: 'no-store' });
  const html = await res.text();
  const urls = new Set([SCOPE, new URL('worker_loader.js', SCOPE).href, new URL('worker.js', SCOPE).href,
    new URL('worker_bg.wasm', SCOPE).href, new URL('manifest.webmanifest', SCOPE).href, new URL('icon.svg', SCOPE).href]);
  // `=` is required after href/src: the CSP meta's `default-src 'self'` is no URL (it made install fetch /self).
  for (const m of html.matchAll(/(?:\b(?:href|src)\s*=|module_or_path:)\s*["']([^"']+)["']/g)) {
    const u = new URL(m[1], SCOPE);
    if (u.origin === self.location.origin) urls.add(u.href);
  }
  return { html, urls: [...urls] };
}

// `trunk serve` (development) serves sw.js unstamped: then this worker caches nothing, so a rebuild is never hidden.
const DEV = BUILD === 'dev';

self.addEventListener('install', (event) => {
  if (DEV) { self.skipWaiting(); return; }
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const { urls } = await releaseFiles();
    await cache.addAll(urls.map((u) => new Request(u, { cache: 'no-store' })));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('shenbao-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (DEV || req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.endsWith('/sw.js')) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A navigation to the page itself is answered with the page; one to another file (the one-file copy, which a
    // download link fetches as a navigation in Firefox) gets that file.
    const page = req.mode === 'navigate' && (url.href.split(/[?#]/)[0] === SCOPE || url.pathname.endsWith('/index.html'));
    const key = page ? SCOPE : req;
    const hit = await cache.match(key, { ignoreSearch: page });
    if (hit) return hit;
    const res = await fetch(req);
    if (res.ok && res.type === 'basic') cache.put(key, res.clone());
    return res;
  })());
});
