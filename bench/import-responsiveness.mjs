// Main-thread blocking while a 5000-row draft file imports (run after a release build: node bench/import-responsiveness.mjs).
// How long is the main thread blocked at once while a 5000-row draft imports?
import { serve, launch } from '../e2e/harness.mjs';
import { writeFileSync } from 'node:fs';
const rows = 5000;
const row = (i) => ({ id: i + 1, unit_name: `天津示例制造有限公司${i % 300}`, credit_code: '911201163409833307', industry: '36', district: '滨海新区', scale: '中型企业', ownership: '有限责任公司', ownership_other: '', project_name: `降低壳体铸造缺陷率第${i + 1}期`, topic_type: '问题解决型', leader_name: '张伟', leader_phone: '13800138000', email: 'quality@example.com', remarks: '' });
writeFileSync('/tmp/shenbao-d5.json', JSON.stringify({ format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0', writer: 'b', seq: 1, declaration: { recommender: 'x', recommender_head: '', filler: 'a', filler_phone: '022-29361296', fill_date: '2021-04-09', rows: Array.from({ length: rows }, (_, i) => row(i)) } }));
const s = await serve(); const b = await launch(); const page = await b.context.newPage();
await page.goto(s.url); await page.waitForSelector('[name=unit_name]'); await page.waitForTimeout(500);
await page.evaluate(() => { window.__gaps = []; let last = performance.now(); const tick = () => { const t = performance.now(); window.__gaps.push(t - last); last = t; setTimeout(tick, 0); }; setTimeout(tick, 0); });
const t0 = Date.now();
await page.setInputFiles('[data-action=import-draft]', '/tmp/shenbao-d5.json');
await page.locator('[data-import-report] [data-action=confirm]').click({ timeout: 300000 });
// Every row is loaded (counted in the list's data-row-total) and the first block shows the new table.
await page.waitForFunction((n) => document.getElementById('projects').dataset.rowTotal === String(n)
  && document.querySelector('[data-row="0"] [name=unit_name]')?.value === '天津示例制造有限公司0', rows, { timeout: 300000 });
const all = Date.now() - t0;
await page.waitForTimeout(1000);
const blocks = await page.locator('[data-row]').count();
const gaps = await page.evaluate(() => window.__gaps);
gaps.sort((a, b) => b - a);
console.log(`5000 rows: loaded and on screen after ${all} ms (${blocks} blocks on the page); longest main-thread blocks: ${gaps.slice(0, 5).map((g) => g.toFixed(0)).join(', ')} ms`);
await b.close(); await s.close();
