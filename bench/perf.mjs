// Page benchmarks (issue: offline-first, small and fast): cold load with 4× CPU throttling, keystroke-to-feedback
// latency at 200 / 1000 / 5000 rows, one draft save at 1000 rows, and a 5000-row table (import, scroll, edit). Peer in the same run: a bare page
// with one plain <input> and no framework (the floor any page can reach on this machine).
// Run: bash scripts/build-release.sh && node bench/perf.mjs   (results: BENCHMARKS.md "Page")
import { serve, launch } from '../e2e/harness.mjs';
import { draftFile } from './draft-file.mjs';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const fmt = (x) => x.toFixed(1);

// Installs two keystroke timers.
// - `__lat`, keydown → next task: from the keydown event to the moment the page has run every handler and effect
//   the keystroke caused (a task queued after them) and recomputed style and layout (forced by reading a layout
//   property). Wall-clock, so it also holds whatever the browser runs before that task: on this machine Chromium
//   renders a frame after an input before it runs any other task, and headless Chromium's frame clock is
//   irregular, so the bare-<input> peer shows the floor of this method.
// - `__proc`, input → feedback in the DOM: from the `input` event's creation to the end of the microtasks it
//   caused (the UI's effects run there: the field's state and message are in the DOM by then), plus a forced style
//   and layout. This is the page's own processing of a keystroke, without the browser's frame scheduling.
const HOOK = () => {
  window.__lat = [];
  window.__proc = [];
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    setTimeout(() => setTimeout(() => { void document.body.offsetHeight; window.__lat.push(performance.now() - t0); }, 0), 0);
  }, true);
  addEventListener('input', (e) => {
    const t0 = e.timeStamp;
    // A chain of microtasks: effects queued by the handlers (and the effects they queue) run before its end.
    let n = 0;
    const step = () => {
      if (++n < 30) queueMicrotask(step);
      else { void document.body.offsetHeight; window.__proc.push(performance.now() - t0); }
    };
    queueMicrotask(step);
  }, false);
};

// Main-thread time the browser itself accounts per key (DevTools Performance.getMetrics deltas over the typing,
// divided by the number of keys): less sensitive than wall-clock latency to other processes on a loaded machine.
const cpu = { keys: 0, task: 0, script: 0, style: 0, layout: 0 };
const resetCpu = () => Object.assign(cpu, { keys: 0, task: 0, script: 0, style: 0, layout: 0 });
async function metrics(page) {
  const cdp = page.__cdp ??= await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (n) => (m.find((x) => x.name === n)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration'), style: get('RecalcStyleDuration'), layout: get('LayoutDuration') };
}

async function typeLatency(page, selector, text) {
  await page.evaluate(HOOK);
  await page.focus(selector);
  await page.waitForTimeout(400); // let the autosave of earlier edits finish
  const before = await metrics(page);
  for (const ch of text) { await page.keyboard.press(ch === ' ' ? 'Space' : ch); }
  await page.waitForTimeout(200);
  const after = await metrics(page);
  cpu.keys += text.length;
  for (const k of ['task', 'script', 'style', 'layout']) cpu[k] += after[k] - before[k];
  return page.evaluate(() => ({ lat: window.__lat, proc: window.__proc }));
}
const latLine = (r) => `keydown→next task p50 ${fmt(pct(r.lat, 0.5))} ms, p95 ${fmt(pct(r.lat, 0.95))} ms (n=${r.lat.length}); `
  + `input→feedback in the DOM p50 ${fmt(pct(r.proc, 0.5))} ms, p95 ${fmt(pct(r.proc, 0.95))} ms (n=${r.proc.length})`;
const cpuLine = () => `main thread per key: ${fmt(cpu.task / cpu.keys)} ms (script ${fmt(cpu.script / cpu.keys)}, style ${fmt(cpu.style / cpu.keys)}, layout ${fmt(cpu.layout / cpu.keys)})`;

// Collects the app's User Timing measures `draft-save` (the main-thread part of one autosave: encode the draft,
// localStorage.setItem, queue the IndexedDB journal write).
const SAVE_HOOK = () => {
  window.__saves = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'draft-save') window.__saves.push(e.duration);
  }).observe({ type: 'measure' });
};

// One draft save at this table size: 9 edits, each followed by a pause longer than the autosave's debounce, so each
// is saved on its own. Peer in the same page: JSON.stringify of the same draft as a JS object + localStorage.setItem.
async function draftSaves(page, row) {
  const field = page.locator(`${row} [name=remarks]`);
  await page.evaluate(() => { window.__saves = []; });
  for (let i = 0; i < 9; i++) {
    await field.fill(`备注${i}`);
    await page.waitForFunction((n) => window.__saves.length > n, i, { timeout: 10000 });
    await page.waitForTimeout(100);
  }
  const saves = await page.evaluate(() => window.__saves);
  const peer = await page.evaluate(() => {
    const text = localStorage.getItem('shenbao.tj-quality-2021.draft');
    const obj = JSON.parse(text);
    const times = [];
    for (let i = 0; i < 9; i++) {
      const t = performance.now();
      localStorage.setItem('shenbao.bench-peer', JSON.stringify(obj));
      times.push(performance.now() - t);
      localStorage.removeItem('shenbao.bench-peer');
    }
    return { times, kb: new Blob([text]).size / 1024 };
  });
  results.draftSave = { saves, peer: peer.times };
  return `; one draft save (${saves.length} saves, draft ${fmt(peer.kb)} KB): median ${fmt(median(saves))} ms, max ${fmt(Math.max(...saves))} ms; peer JSON.stringify + setItem of the same draft: median ${fmt(median(peer.times))} ms`;
}

async function importRows(page, rows) {
  const t0 = Date.now();
  await page.setInputFiles('[data-action=import-draft]', draftFile(rows));
  // The intake report comes first; confirm applies it.
  await page.locator('[data-import-report] [data-action=confirm]').click({ timeout: 180000 });
  // All rows are in (a large table puts only the blocks near the viewport on the page) and the first is shown.
  await page.waitForFunction((n) => document.getElementById('projects').dataset.rowTotal === String(n)
    && document.querySelector('[data-row="0"] [name=unit_name]')?.value !== '', rows, { timeout: 180000 });
  return Date.now() - t0;
}

const server = await serve();

const results = {};
const b = await launch();

// 1. Cold load to interactive, 4× CPU throttling, fresh context (empty cache) each run.
{
  const times = [];
  for (let i = 0; i < 7; i++) {
    const ctx = await b.browser.newContext();
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(server.url);
    await page.waitForSelector('[name=unit_name]');
    times.push(await page.evaluate(() => performance.now()));
    await ctx.close();
  }
  results.coldLoad = times;
  console.log(`cold load to interactive (4× CPU throttling, 7 runs): median ${fmt(median(times))} ms, min ${fmt(Math.min(...times))}, max ${fmt(Math.max(...times))}`);
}

// 2. Peer: a bare input page, same measurement of keystroke latency.
{
  const ctx = await b.browser.newContext();
  const page = await ctx.newPage();
  await page.setContent('<!doctype html><input name=x>');
  resetCpu();
  const r = await typeLatency(page, 'input', 'abcdefghijklmnopqrstuvwxyz1234');
  console.log(`peer (bare <input>, no framework): ${latLine(r)}; ${cpuLine()}`);
  await ctx.close();
}

// 3. Keystroke-to-feedback latency at 200, 1000 and 5000 rows (typing into a credit code and a project name
//    in the middle of the table: the validated fields with cross-row rules).
for (const rows of [200, 1000, 5000]) {
  const ctx = await b.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[name=unit_name]');
  await page.waitForFunction(() => !/正在读取/.test(document.querySelector('[data-save-status]').textContent));
  await page.evaluate(SAVE_HOOK);
  const importMs = await importRows(page, rows);
  const mid = Math.floor(rows / 2);
  const row = `[data-row="${mid}"]`;
  // Scroll the middle row into view (the spacers stand for the rows that are not on the page).
  await page.evaluate((i) => {
    const list = document.getElementById('projects');
    const top = list.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top + (list.scrollHeight * i) / Number(list.dataset.rowTotal));
  }, mid);
  await page.locator(`${row} [name=credit_code]`).waitFor();
  const blocks = await page.locator('[data-row]').count();
  await page.locator(`${row} [name=credit_code]`).fill('');
  resetCpu();
  const latCode = await typeLatency(page, `${row} [name=credit_code]`, '91120116340983330');
  await page.locator(`${row} [name=project_name]`).fill('');
  const latName = await typeLatency(page, `${row} [name=project_name]`, 'abcdefghijklmnopqrstuvwxyz');
  const lat = { lat: [...latCode.lat, ...latName.lat], proc: [...latCode.proc, ...latName.proc] };
  let extra = '';
  if (rows === 1000) extra = await draftSaves(page, row);
  if (rows === 5000) {
    // Scroll through the table: long frames while scrolling.
    const frames = await page.evaluate(async () => {
      const gaps = []; let last = performance.now(); let run = true;
      const tick = (t) => { gaps.push(t - last); last = t; if (run) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      for (let y = 0; y < document.body.scrollHeight; y += 2000) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 16)); }
      run = false;
      return gaps;
    });
    extra = `; scroll to the end: ${frames.length} frames, median frame ${fmt(median(frames))} ms, p95 ${fmt(pct(frames, 0.95))} ms, longest ${fmt(Math.max(...frames))} ms`;
  }
  console.log(`${rows} rows (${blocks} blocks on the page): import ${importMs} ms; ${latLine(lat)}; ${cpuLine()}${extra}`);
  await ctx.close();
}

await b.close();
await server.close();

