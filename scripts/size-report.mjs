// Prints the gzip size of the release bundle and fails when it is over budget.
// "Initial" = what loads before the page is interactive: index.html, the app's js + wasm, css.
// "All" = every file the app can load (the export worker, service worker and manifest included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const INITIAL_BUDGET = 150 * 1024;
const ALL_BUDGET = 400 * 1024;

const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
})(dist);

const isWorker = (p) => /worker/.test(p);
const isCode = (p) => /\.(html|js|wasm|css)$/.test(p);
let initial = 0, all = 0;
const rows = [];
for (const p of files.sort()) {
  const raw = readFileSync(p);
  const gz = gzipSync(raw, { level: 9 }).length;
  all += gz;
  const inInitial = isCode(p) && !isWorker(p) && !/(^|\/)sw\.js$/.test(p);
  if (inInitial) initial += gz;
  rows.push(`${inInitial ? '*' : ' '} ${p.padEnd(48)} ${String(raw.length).padStart(9)} B raw ${String(gz).padStart(8)} B gzip`);
}
console.log(rows.join('\n'));
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`bundle size (gzip -9): initial (html+js+wasm+css, *) ${kb(initial)} of ${kb(INITIAL_BUDGET)} budget; everything ${kb(all)} of ${kb(ALL_BUDGET)} budget`);
if (initial > INITIAL_BUDGET || all > ALL_BUDGET) {
  console.error('bundle size: OVER BUDGET');
  process.exit(1);
}
