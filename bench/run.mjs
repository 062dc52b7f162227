// Serves bench/ on 127.0.0.1, drives /usr/bin/chromium with playwright-core, prints medians and writes results.json.
// Usage (from the repository root), as scripts/bench.sh runs it: the release build's worker (dist/worker_loader.js,
// worker.js, worker_bg.wasm) copied into bench/wk/, then node bench/run.mjs [runs=7] [warmups=2]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'package.json'));
const { chromium } = require('playwright-core');

const runs = Number(process.argv[2] || 7);
const warmups = Number(process.argv[3] || 2);
const sizes = (process.env.BENCH_SIZES || '1000,5000').split(',').map(Number);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = path.join(here, url === '/' ? 'index.html' : url);
  if (!file.startsWith(here) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('crash', () => console.error('page crashed'));
  page.on('console', (m) => console.error('console:', m.text()));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  const base = JSON.parse(fs.readFileSync(path.join(here, '..', 'tests', 'golden', 'declaration.json'), 'utf8'));
  const version = await browser.version();
  const results = await page.evaluate(([b, s, r, w]) => window.runBench(b, s, r, w), [base, sizes, runs, warmups]);
  for (const r of results) {
    console.log(`${r.rows} rows: rust_xlsxwriter (worker) median ${r.rustMedianMs.toFixed(1)} ms, ExcelJS median ${r.excelJsMedianMs.toFixed(1)} ms, ExcelJS/Rust ${r.ratio.toFixed(2)}×; files ${r.rustBytes} B vs ${r.excelJsBytes} B`);
  }
  fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify({ chromium: version, runs, warmups, results }, null, 2));
} finally {
  await browser.close();
  server.close();
}
