// Page side of the export benchmark: builds the same official table with the Rust worker and with ExcelJS.
'use strict';

const HEADERS = ['序号', '申报单位名称\n(与公章一致)', '统一社会信用代码', '所属行业', '所在区', '企业规模', '企业性质',
  '项目名称', '课题类型\n(问题解决型、创新型)', '项目及负责人及联系方式', '电子邮箱', '备注'];
const WIDTHS = [5.5, 20, 21, 14, 9, 9.5, 12, 24, 13.5, 18, 22, 12];
const CENTRED = [true, false, true, true, true, true, true, false, true, false, false, false];
const INDUSTRY = { '36': '汽车制造业', '27': '医药制造业' };
const NOTE_1 = '注: (1) 此表由申报单位填写完成后汇总至推荐单位, 由推荐单位统一报送;';
const NOTE_2 = '(2) 推荐单位需递交纸质版《2021年天津市质量攻关重点项目申报表》(加盖公章), 同时电子版发送指定邮箱。';

/** A declaration with n rows, cycling through three realistic rows (the same as tests/golden/declaration.json). */
function declaration(n, base) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push({ ...base.rows[i % base.rows.length], id: i + 1, project_name: `${base.rows[i % 3].project_name}${i}` });
  return { ...base, rows };
}

// ---- Rust: the export worker, as the app uses it ----
let worker, nextId = 0, ready = false;
const waiting = new Map(), queue = [];
function startWorker() {
  worker = new Worker('./wk/worker_loader.js');
  // Requests posted before the worker's wasm has loaded would be dropped: queue them until { ready: true }.
  worker.onmessage = (e) => {
    if (e.data.ready) { ready = true; queue.splice(0).forEach(([m, transfer]) => worker.postMessage(m, transfer)); return; }
    const w = waiting.get(e.data.id); waiting.delete(e.data.id); w && w(e.data);
  };
  worker.onerror = (e) => { for (const w of waiting.values()) w({ ok: false, error: String(e.message) }); waiting.clear(); };
}
// The request as src/shell/worker_client.rs sends it (core::worker_protocol: Request::Export, its declaration Packed): all
// fields joined into one string, and each field's length in UTF-16 units (the 5 table fields, then 13 per row; row ids
// are not sent).
const TABLE_FIELDS = ['recommender', 'recommender_head', 'filler', 'filler_phone', 'fill_date'];
const ROW_FIELDS = ['unit_name', 'credit_code', 'industry', 'district', 'scale', 'ownership', 'ownership_other',
  'project_name', 'topic_type', 'leader_name', 'leader_phone', 'email', 'remarks'];
function encodeRequest(decl) {
  const parts = new Array(TABLE_FIELDS.length + ROW_FIELDS.length * decl.rows.length);
  const lengths = new Uint32Array(parts.length);
  let k = 0;
  for (const f of TABLE_FIELDS) { parts[k] = decl[f]; lengths[k++] = decl[f].length; }
  for (const row of decl.rows) for (const f of ROW_FIELDS) { const s = row[f]; parts[k] = s; lengths[k++] = s.length; }
  return { text: parts.join(''), lengths };
}
function rustExport(decl) {
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const { text, lengths } = encodeRequest(decl);
    const message = { id, kind: 'export', text, lengths, created: '2021-04-09T08:30:00' };
    if (ready) worker.postMessage(message, [lengths.buffer]); else queue.push([message, [lengths.buffer]]);
  });
}

// ---- ExcelJS: the same cells, merges, fonts, borders, wrapping, row heights and print setup ----
function isWide(c) {
  const cp = c.codePointAt(0);
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x9FFF) ||
    (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
    (cp >= 0x1F300 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}
function wrappedLines(line, usable) {
  let lines = 1, used = 0, token = 0;
  const place = (w) => {
    if (used + w <= usable) used += w;
    else if (w <= usable) { lines++; used = w; }
    else { if (used > 0) lines++; const full = Math.floor(w / usable); lines += full; used = w - full * usable; if (used === 0 && full > 0) { lines--; used = usable; } }
  };
  for (const c of line) {
    const w = isWide(c) ? 15 : c === '\t' ? 30 : 9;
    if (isWide(c)) { if (token > 0) { place(token); token = 0; } place(w); }
    else { token += w; if (c === ' ' || c === '-' || c === '/' || c === '\t') { place(token); token = 0; } }
  }
  if (token > 0) place(token);
  return lines;
}
function rowHeight(cells, lineHeight, min) {
  let lines = 1;
  cells.forEach((t, i) => {
    if (!t) return;
    const usable = Math.max(WIDTHS[i] * 7 + 1, 16);
    lines = Math.max(lines, t.split('\n').reduce((s, l) => s + wrappedLines(l, usable), 0));
  });
  return Math.min(Math.max(lines * lineHeight + 6, min), 409);
}
function formatDate(t) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.trim());
  return m ? `${+m[1]}年${+m[2]}月${+m[3]}日` : t;
}

async function excelJsExport(decl) {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2021, 3, 9, 8, 30, 0));
  wb.title = '2021年天津市质量攻关重点项目申报表';
  const ws = wb.addWorksheet('申报表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      horizontalCentered: true, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      printTitlesRow: '4:4' },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: 4 }],
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  const base = { name: '宋体', size: 11, charset: 134 };
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  const cellStyle = (centre, bold) => ({ font: { ...base, bold: !!bold }, border, numFmt: '@',
    alignment: { horizontal: centre ? 'center' : 'left', vertical: 'middle', wrapText: true } });

  ws.getCell('A1').value = '附表'; ws.getCell('A1').font = { ...base, size: 12, bold: true }; ws.getRow(1).height = 20;
  ws.mergeCells('A2:L2');
  Object.assign(ws.getCell('A2'), { value: wb.title, font: { ...base, size: 18, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(2).height = 36;
  ws.mergeCells('A3:L3');
  Object.assign(ws.getCell('A3'), { value: `推荐单位(公章):${decl.recommender.trim()}`, font: { ...base, size: 12 }, alignment: { horizontal: 'left', vertical: 'middle' } });
  ws.getRow(3).height = 48;
  const header = ws.getRow(4);
  HEADERS.forEach((h, i) => { const c = header.getCell(i + 1); c.value = h; c.style = cellStyle(true, true); });
  header.height = rowHeight(HEADERS, 15.5, 36);

  const styles = CENTRED.map((c) => cellStyle(c));
  decl.rows.forEach((r, i) => {
    const ownership = r.ownership === '其他（请注明）' ? (r.ownership_other.trim() ? `其他（${r.ownership_other.trim()}）` : '其他') : r.ownership;
    const leader = [r.leader_name.trim(), r.leader_phone.trim()].filter(Boolean).join('\n');
    const cells = [r.unit_name, r.credit_code, INDUSTRY[r.industry.trim()] || r.industry, r.district, r.scale, ownership,
      r.project_name, r.topic_type, leader, r.email, r.remarks];
    const row = ws.getRow(5 + i);
    const serial = row.getCell(1); serial.value = i + 1; serial.style = { ...cellStyle(true), numFmt: undefined };
    cells.forEach((t, c) => { const cell = row.getCell(c + 2); cell.value = t; cell.style = styles[c + 1]; });
    row.height = rowHeight(['', ...cells], 14.5, 24);
  });
  let r = 5 + decl.rows.length;
  const footer = [['推荐部门负责人:', decl.recommender_head], ['填报人:', decl.filler], ['联系人电话:', decl.filler_phone], ['日期:', formatDate(decl.fill_date)]];
  footer.forEach(([label, value], b) => {
    const from = ws.getCell(r, b * 3 + 1).address, to = ws.getCell(r, b * 3 + 3).address;
    ws.mergeCells(`${from}:${to}`);
    Object.assign(ws.getCell(from), { value: label + value.trim(), font: { ...base, size: 12 }, alignment: { horizontal: 'left', vertical: 'middle' } });
  });
  ws.getRow(r).height = 32;
  for (const note of [NOTE_1, NOTE_2]) {
    r++;
    ws.mergeCells(`A${r}:L${r}`);
    Object.assign(ws.getCell(`A${r}`), { value: note, font: base, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } });
    ws.getRow(r).height = 20;
  }
  ws.pageSetup.printArea = `A1:L${r}`;
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** A pause before each timed export, so that it starts on a quiet machine. Without it the Rust export, which runs
 * right after ExcelJS's, took 13–15 ms longer at 5000 rows (probably V8 still collecting ExcelJS's garbage on its
 * helper threads: this VM has 2 cores); a pause before ExcelJS's export changes nothing for it. A forced `gc()`
 * was tried instead and made ExcelJS slower, so it is not used. */
async function settle() {
  await new Promise((ok) => setTimeout(ok, 100));
}

/** Runs the whole benchmark; called by run.mjs. */
window.runBench = async function (base, sizes, runs, warmups) {
  startWorker();
  const ready = await rustExport(declaration(3, base)); // also waits for the worker's wasm to load
  if (!ready.ok) throw new Error(ready.error);
  const results = [];
  for (const n of sizes) {
    const decl = declaration(n, base);
    const rust = [], js = [];
    let rustBytes = 0, jsBytes = 0, fileName = '';
    for (let i = 0; i < warmups + runs; i++) {
      // Alternate the two so drift (thermal, load) hits both alike; each starts after a pause.
      await settle();
      let t = performance.now();
      const reply = await rustExport(decl);
      const tr = performance.now() - t;
      if (!reply.ok) throw new Error(reply.error);
      rustBytes = reply.bytes.byteLength; fileName = reply.fileName;
      await settle();
      t = performance.now();
      const out = await excelJsExport(decl);
      const tj = performance.now() - t;
      jsBytes = out.byteLength;
      if (i >= warmups) { rust.push(tr); js.push(tj); }
    }
    results.push({ rows: n, rustMedianMs: median(rust), excelJsMedianMs: median(js), ratio: median(js) / median(rust),
      rustRunsMs: rust, excelJsRunsMs: js, rustBytes, excelJsBytes: jsBytes, fileName });
    document.getElementById('status').textContent = JSON.stringify(results);
  }
  return results;
};
document.getElementById('status').textContent = 'ready';
