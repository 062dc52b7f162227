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
// With `--peer DIR` a second build (e.g. an earlier commit's dist/) is loaded in turn with this one, run by run, so
// both see the same machine; a build without the marks gives html, fcp, wasm and ready only.
// Run: bash scripts/build-release.sh && node bench/startup.mjs [runs] [--peer DIR]   (results: BENCHMARKS.md "Start-up")
import { serve, launch } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const peerAt = args.indexOf('--peer');
const peerDir = peerAt >= 0 ? args.splice(peerAt, 2)[1] : null;
const runs = Number(args[0] || 7);
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
  // A build without the marks: wait for the form, then a moment for its restore.
  await page.waitForFunction(() => window.__ready != null, null, { timeout: 60000 });
  await page.waitForFunction(() => performance.getEntriesByName('shenbao:restored').length > 0, null, { timeout: 3000 })
    .catch(() => {});
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
async function load(b, server) {
  const ctx = await b.browser.newContext();
  await ctx.addInitScript(WATCH);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(server.url);
  const cold = await timings(page);
  // Let the service worker install and the worker preload finish before the repeat visit.
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(1500);
  await page.reload();
  const warm = await timings(page);
  await ctx.close();
  return { cold, warm };
}

const builds = [{ label: 'this build', server: await serve() }];
if (peerDir) builds.push({ label: `peer ${peerDir}`, server: await serve(peerDir) });
const b = await launch();
for (const build of builds) { build.cold = []; build.warm = []; }
for (let i = 0; i < runs; i++) {
  for (const build of i % 2 ? [...builds].reverse() : builds) {
    const { cold, warm } = await load(b, build.server);
    build.cold.push(cold);
    build.warm.push(warm);
  }
}
await b.close();
for (const build of builds) await build.server.close();

const table = (label, xs) => {
  const m = Object.fromEntries(KEYS.map((k) => [k, median(xs.map((x) => x[k]))]));
  const gap = (a, b) => (a == null || b == null ? null : a - b);
  const parts = {
    fetch: m.wasm, 'compile+instantiate': gap(m.start, m.wasm), 'first render': gap(m.mounted, m.start),
    'storage+restore': gap(m.restored, m.mounted),
  };
  console.log(`${label} (median of ${xs.length}, ms from navigation start): ${KEYS.map((k) => `${k} ${fmt(m[k])}`).join(' · ')}`);
  console.log(`  parts: ${Object.entries(parts).map(([k, v]) => `${k} ${fmt(v)}`).join(' · ')}`);
};
console.log(`start-up breakdown at 4× CPU throttling (${runs} loads each)`);
for (const build of builds) {
  console.log(`== ${build.label}`);
  table('cold', build.cold);
  table('warm repeat visit', build.warm);
}
