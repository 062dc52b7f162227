// The earlier years' check in the page (issue 17; results: BENCHMARKS.md "Earlier years"): a 5000-row table and an
// earlier years' file of 10 000 projects (generated titles, as benches/history_bench.rs makes them), in the release
// build. Measured: building the index (`history-index`) and checking every row against it (`history-check`), both
// User Timing measures the page records; one keystroke's processing in 项目名称 (input → feedback in the DOM) with the
// history loaded and, the peer in the same page, before it was. The algorithmic peer in the same run: the same
// measure in plain JavaScript comparing a title with all 10 000 (no index), timed in the page.
// Run: bash scripts/build-release.sh && node bench/history.mjs [runs]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from '../e2e/harness.mjs';

const RUNS = Number(process.argv[2] || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x) => x.toFixed(2);

// The generator of tests/common/titles.rs, in JavaScript (same lists, same kind of output).
let seed = 2020n;
const next = () => { seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return Number(seed >> 33n); };
const pick = (xs) => xs[next() % xs.length];
const VERBS = ['提高', '降低', '提升', '减少', '缩短', '改善', '优化', '攻克'];
const PREFIXES = ['', '', '', '基于六西格玛的', '运用QC方法', '数字化'];
const MATERIALS = ['铝合金', '铸铁', '不锈钢', '塑料', '橡胶', '玻璃', '陶瓷', '复合材料', '钛合金', '铜', '汽车', '电梯', '风电',
  '光伏', '锂电池', '乳制品', '药品', '医用', '门诊', '住院', '急诊', '港口', '地铁', '输电'];
const PARTS = ['转向节铸件', '齿轮箱装配', '注塑件', '贴片焊接', '冲压件', '轮毂涂装', '变压器', '极片涂布', '患者候诊', '静脉输液',
  '手术部位', '试块', '焊接接头', '支座安装', '线路巡检', '灌装线', '瓶盖', '片剂', '叶片粘接', '缸体加工', '主轴', '轴承套圈',
  '定子绕组', '座椅缝线', '外机运输', '集装箱装卸', '包裹分拣', '管网', '带钢', '面料染色'];
const GOALS = ['气孔缺陷率', '一次合格率', '飞边不良率', '直通率', '毛刺返工率', '附着力', '局部放电量', '一致性', '平均等候时间',
  '跌倒发生率', '穿刺成功率', '感染率', '强度合格率', '尺寸合格率', '安装精度', '故障率', '巡检效率', '密封合格率', '漏液率', '溶出度',
  '杂质含量', '粘接质量', '加工振纹', '表面划伤'];
const SUFFIXES = ['', '', '攻关', '研究', '项目'];
const title = () => `${pick(PREFIXES)}${pick(VERBS)}${pick(MATERIALS)}${pick(PARTS)}${pick(GOALS)}${pick(SUFFIXES)}`;

const dir = mkdtempSync(join(tmpdir(), 'shenbao-history-bench-'));
const earlier = Array.from({ length: 10000 }, () => title());
const historyCsv = join(dir, '2020年项目汇总.csv');
writeFileSync(historyCsv, ['2020年天津市质量攻关重点项目申报表', '序号,申报单位名称,统一社会信用代码,项目名称',
  ...earlier.map((t, i) => `${i + 1},天津示例${Math.floor(i / 3)}有限公司,,${t}`)].join('\n'));
const rows = Array.from({ length: 5000 }, (_, i) => ({
  id: i + 1, unit_name: `天津本表单位${i % 1500}有限公司`, credit_code: '', industry: '36', district: '滨海新区', scale: '中型企业',
  ownership: '有限责任公司', ownership_other: '', project_name: title(), topic_type: '问题解决型', leader_name: '张伟',
  leader_phone: '13800138000', email: 'quality@example.com', remarks: '',
}));
const draft = join(dir, 'draft-5000.json');
writeFileSync(draft, JSON.stringify({ format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0',
  writer: 'bench', seq: 1, declaration: { recommender: '', recommender_head: '', filler: '', filler_phone: '', fill_date: '', rows } }));

// Keystroke processing: from the `input` event to the end of the microtasks it caused, plus a forced layout.
const HOOK = () => {
  window.__proc = [];
  if (window.__hooked) return;
  window.__hooked = true;
  addEventListener('input', (e) => {
    const t0 = e.timeStamp;
    let n = 0;
    const step = () => { if (++n < 30) queueMicrotask(step); else { void document.body.offsetHeight; window.__proc.push(performance.now() - t0); } };
    queueMicrotask(step);
  }, false);
};
async function keystrokes(page) {
  await page.evaluate(HOOK);
  const field = page.locator('[data-row="0"] [name=project_name]');
  await field.focus();
  await field.press('End');
  await page.waitForTimeout(300);
  for (const ch of '降低铝合金转向节铸件气孔缺陷率') await page.keyboard.type(ch);
  for (let i = 0; i < 8; i++) await page.keyboard.press('Backspace');
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__proc);
}
const measureOf = (page, name) => page.evaluate((n) => performance.getEntriesByName(n).at(-1)?.duration ?? null, name);

// The peer: every title compared with the query in plain JavaScript (bigrams of the half-width alphanumeric text,
// generic-word bigrams weighing 1, others 4; Dice), no index.
const PEER = ({ titles, queries }) => {
  const GENERIC = ['提高', '降低', '缩短', '改善', '增加', '攻克', '项目', '研究', '质量', '攻关', '技术', '应用', '开发', '控制', '问题',
    '水平', '能力', '管理', '基于', '方法', '运用', '合格', '格率', '一次', '效率', '成本', '缺陷', '产品'];
  const grams = (t) => {
    const s = t.replace(/提升/g, '提高').replace(/减少/g, '降低').replace(/[^\p{L}\p{N}]/gu, '');
    const m = new Map();
    for (let i = 0; i + 1 < s.length; i++) { const g = s.slice(i, i + 2); m.set(g, Math.max(m.get(g) || 0, GENERIC.includes(g) ? 1 : 4)); }
    let w = 0; for (const v of m.values()) w += v;
    return { m, w };
  };
  const all = titles.map(grams);
  const t0 = performance.now();
  let found = 0;
  for (const q of queries) {
    const a = grams(q);
    for (const b of all) {
      let s = 0;
      for (const [g, v] of a.m) { const u = b.m.get(g); if (u) s += Math.min(u, v); }
      if (200 * s >= 70 * (a.w + b.w)) found++;
    }
  }
  return { ms: performance.now() - t0, found };
};

const server = await serve();
const b = await launch();
const res = { index: [], check: [], keyNo: [], keyYes: [], peerOne: [], peerTable: [] };
for (let run = 0; run < RUNS; run++) {
  const ctx = await b.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  await page.setInputFiles('[data-action=import-draft]', draft);
  await page.locator('[data-import-report] [data-action=confirm]').click({ timeout: 180000 });
  await page.waitForFunction(() => document.getElementById('projects').dataset.rowTotal === '5000', null, { timeout: 180000 });
  res.keyNo.push(...await keystrokes(page));
  await page.setInputFiles('[data-action=import-history]', historyCsv);
  await page.waitForSelector('[data-history-file]', { timeout: 180000 });
  await page.waitForTimeout(500);
  res.index.push(await measureOf(page, 'history-index'));
  res.check.push(await measureOf(page, 'history-check'));
  res.keyYes.push(...await keystrokes(page));
  const peer = await page.evaluate(PEER, { titles: earlier, queries: rows.slice(0, 50).map((r) => r.project_name) });
  res.peerTable.push(peer.ms * 100); // 50 of the 5000 rows, × 100
  res.peerOne.push(peer.ms / 50);
  await ctx.close();
}
await b.close();
await server.close();
console.log(`earlier years (release build, ${RUNS} fresh pages; 10 000 earlier projects, 5000 rows):`);
console.log(`  build the index of 10 000 earlier projects: median ${fmt(median(res.index))} ms`);
console.log(`  check all 5000 rows against it (index): median ${fmt(median(res.check))} ms; peer, plain JS comparing all pairs: ~${fmt(median(res.peerTable))} ms (50 rows timed, × 100)`);
console.log(`  one title against 10 000: peer, plain JS comparing all: median ${fmt(median(res.peerOne))} ms`);
console.log(`  one keystroke in 项目名称 at 5000 rows, input → feedback: median ${fmt(median(res.keyYes))} ms with the history (${res.keyYes.length} keys); ${fmt(median(res.keyNo))} ms before it was imported (${res.keyNo.length} keys)`);
