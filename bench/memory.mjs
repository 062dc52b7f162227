// Memory benchmark (issue: a form state that frees what it drops): the renderer's memory after each of 8 imports
// that replace a 5000-row table (goal: the 8th within 5 MB of the 2nd), and the figures at 1 row and 5000 rows.
// Measured: the renderer's resident memory (VmRSS of the page's renderer process, read from /proc after a forced
// garbage collection) and the JS heap in use.
// Run: bash scripts/build-release.sh && node bench/memory.mjs   (results: BENCHMARKS.md "Memory")
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from '../e2e/harness.mjs';

const IMPORTS = 8;
const ROWS = 5000;

function draftFile(rows) {
  const row = (i) => ({
    id: i + 1, unit_name: `天津示例制造有限公司${i % 300}`, credit_code: '911201163409833307', industry: '36',
    district: '滨海新区', scale: '中型企业', ownership: '有限责任公司', ownership_other: '',
    project_name: `降低壳体铸造缺陷率第${i + 1}期`, topic_type: '问题解决型', leader_name: '张伟',
    leader_phone: '13800138000', email: 'quality@example.com', remarks: '',
  });
  const env = { format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0',
    writer: 'bench', seq: 1, declaration: { recommender: '天津市滨海新区市场监督管理局', recommender_head: '王明',
      filler: '李华', filler_phone: '022-29361296', fill_date: '2021-04-09',
      rows: Array.from({ length: rows }, (_, i) => row(i)) } };
  const p = join(mkdtempSync(join(tmpdir(), 'shenbao-mem-')), `draft-${rows}.json`);
  writeFileSync(p, JSON.stringify(env));
  return p;
}

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
    if (i > 1) {
      await page.click('[role=alertdialog] [data-action=confirm]', { timeout: 30000 });
      await page.locator('[role=alertdialog]').waitFor({ state: 'detached' });
    }
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
