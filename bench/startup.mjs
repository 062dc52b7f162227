// Start-up breakdown (issue "start in a blink"): a cold load at 4× CPU throttling split into its parts, and a warm
// repeat visit beside it. Each cold load is a fresh browser context (empty HTTP cache, no service worker, no
// compiled-code cache); the warm visit is a second load in the same context (service worker, HTTP cache, V8's
// cached wasm code). Times are ms from navigation start, read in the page:
//   html      responseEnd of the document
//   fcp       first-contentful-paint (Paint Timing)
//   wasm      responseEnd of the app's wasm (Resource Timing): fetched
//   start     `shenbao:start` mark: the wasm compiled and instantiated, main() entered
//   mounted   `shenbao:mounted`: the first render done (mount returned)
//   ready     the first row's fields are on the page (a MutationObserver installed before any script)
//   restored  `shenbao:restored`: the stored draft read and shown, saving may begin
// Run: bash scripts/build-release.sh && node bench/startup.mjs [runs]   (results: BENCHMARKS.md "Start-up")
import { serve, launch } from '../e2e/harness.mjs';

const runs = Number(process.argv[2] || 7);
const median = (xs) => { const s = [...xs].filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const fmt = (x) => (x == null ? '—' : x.toFixed(0).padStart(5));

const WATCH = () => {
  window.__ready = null;
  const look = () => {
    if (window.__ready == null && document.querySelector('[data-row] [name=unit_name]')) window.__ready = performance.now();
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
};

async function timings(page) {
  await page.waitForFunction(() => window.__ready != null && performance.getEntriesByName('shenbao:restored').length > 0,
    null, { timeout: 60000 });
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find((r) => /shenbao-[0-9a-f]+_bg\.wasm/.test(r.name));
    const fcp = performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint');
    return {
      html: nav?.responseEnd ?? null, fcp: fcp?.startTime ?? null, wasm: wasm?.responseEnd ?? null,
      start: at('shenbao:start'), mounted: at('shenbao:mounted'), ready: window.__ready, restored: at('shenbao:restored'),
    };
  });
}

const KEYS = ['html', 'fcp', 'wasm', 'start', 'mounted', 'ready', 'restored'];
const server = await serve();
const b = await launch();
const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const ctx = await b.browser.newContext();
  await ctx.addInitScript(WATCH);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url);
  cold.push(await timings(page));
  // Let the service worker install and the worker preload finish before the repeat visit.
  await page.waitForFunction(() => navigator.serviceWorker?.controller || navigator.serviceWorker?.ready, null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(1500);
  await page.reload();
  warm.push(await timings(page));
  await ctx.close();
}
await b.close();
await server.close();

const table = (label, xs) => {
  const m = Object.fromEntries(KEYS.map((k) => [k, median(xs.map((x) => x[k]))]));
  const parts = {
    fetch: m.wasm, 'compile+instantiate': m.start - m.wasm, 'first render': m.mounted - m.start,
    'storage+restore': m.restored - m.mounted,
  };
  console.log(`${label} (median of ${xs.length}, ms from navigation start): ${KEYS.map((k) => `${k} ${fmt(m[k])}`).join(' · ')}`);
  console.log(`  parts: ${Object.entries(parts).map(([k, v]) => `${k} ${fmt(v)}`).join(' · ')}`);
};
console.log(`start-up breakdown at 4× CPU throttling (${runs} loads each)`);
table('cold', cold);
table('warm repeat visit', warm);
