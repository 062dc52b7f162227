// Memory benchmark (issue: a form state that frees what it drops): the renderer's memory after each of 8 imports
// that replace a 5000-row table (goal: the 8th within 5 MB of the 2nd), and the figures at 1 row and 5000 rows.
// Measured: the renderer's resident memory (VmRSS of the page's renderer process, read from /proc after a forced
// garbage collection) and the JS heap in use.
// Run: bash scripts/build-release.sh && node bench/memory.mjs   (results: BENCHMARKS.md "Memory")
import { readFileSync } from 'node:fs';
import { serve, launch } from '../e2e/harness.mjs';
import { draftFile } from './draft-file.mjs';

const IMPORTS = 8;
const ROWS = 5000;

const mb = (bytes) => (bytes / 1048576).toFixed(1);

async function main() {
  const server = await serve();
  const browser = await launch();
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const browserCdp = await browser.browser.newBrowserCDPSession();
  await page.goto(server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');

  // The renderer that hosts this page: the one renderer process of a fresh browser with one page.
  const rendererRss = async () => {
    const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
    const pids = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    let total = 0;
    for (const pid of pids) {
      try { total += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024; } catch { /* gone */ }
    }
    return total;
  };
  const measure = async () => {
    await page.waitForTimeout(300);
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(200);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    return { rss: await rendererRss(), heap };
  };
  await cdp.send('Performance.enable');

  const one = await measure();
  console.log(`memory (renderer RSS / JS heap), MB — 1 row: ${mb(one.rss)} / ${mb(one.heap)}`);
  const path = draftFile(ROWS);
  const after = [];
  for (let i = 1; i <= IMPORTS; i++) {
    await page.setInputFiles('[data-action=import-draft]', path);
    // The intake report first, then apply (into the empty table, or replacing it).
    await page.click('[role=alertdialog][data-import-report] [data-action=confirm]', { timeout: 60000 });
    await page.locator('[role=alertdialog]').waitFor({ state: 'detached' });
    await page.locator(`#projects[data-row-total="${ROWS}"]`).waitFor({ timeout: 60000 });
    const m = await measure();
    after.push(m);
    console.log(`  after import ${i} (${ROWS} rows, replacing): ${mb(m.rss)} / ${mb(m.heap)}`);
  }
  const growth = after[IMPORTS - 1].rss - after[1].rss;
  console.log(`8th vs 2nd import: ${growth >= 0 ? '+' : ''}${mb(growth)} MB renderer RSS (goal: within 5 MB) — ${Math.abs(growth) <= 5 * 1048576 ? 'met' : 'NOT met'}`);
  await browser.close();
  await server.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
