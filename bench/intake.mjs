// Intake benchmark (the recommending unit's import): 30 enterprise files of 1–5 projects each (.xlsx as another
// program writes them) chosen at once; the time until the intake report shows and until it is applied (goal: under
// 1 s each). Median of RUNS runs, each in a fresh page. Run after a release build: node bench/intake.mjs [runs]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch } from '../e2e/harness.mjs';
import { zip } from '../e2e/zip.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const FILES = 30;
const HEADERS = ['序号', '申报单位名称', '统一社会信用代码', '所属行业', '所在区', '企业规模', '企业性质', '项目名称', '课题类型',
  '项目及负责人及联系方式', '电子邮箱', '备注'];

const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlRow = (r, cells) => `<row r="${r}">${cells.map((t, i) =>
  `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${esc(t)}</t></is></c>`).join('')}</row>`;
function xlsx(rows) {
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return zip({
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/></Types>`,
    '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="申报表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'shenbao-intake-bench-'));
const files = Array.from({ length: FILES }, (_, f) => {
  const projects = 1 + (f % 5);
  const rows = [xmlRow(1, ['推荐单位(公章):', '', '武清区市场监管局']), xmlRow(2, HEADERS)];
  for (let p = 0; p < projects; p++) {
    rows.push(xmlRow(3 + p, [p + 1, `天津示例${f}号制造有限公司`, '', '36', '武清', '中型', '私营企业',
      `降低第${f}号产品的不良率（第${p + 1}项）`, '问题解决型', `张${f}\n138${String(f).padStart(8, '0')}`, `q${f}@example.com`, '']));
  }
  const path = join(dir, `企业${f}.xlsx`);
  writeFileSync(path, xlsx(rows));
  return path;
});
const total = files.reduce((n, _, f) => n + 1 + (f % 5), 0);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const server = await serve();
const browser = await launch();
const toReport = [];
const toApplied = [];
for (let run = 0; run < RUNS; run++) {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-row] [name=unit_name]');
  await page.waitForTimeout(1500); // the worker is preloaded when the browser is idle
  const t0 = Date.now();
  await page.setInputFiles('[data-action=import-draft]', files);
  const confirm = page.locator('[role=alertdialog][data-import-report] [data-action=confirm]');
  await confirm.waitFor({ timeout: 60000 });
  toReport.push(Date.now() - t0);
  const t1 = Date.now();
  await confirm.click();
  await page.waitForFunction((n) => document.getElementById('projects').dataset.rowTotal === String(n), total, { timeout: 60000 });
  toApplied.push(Date.now() - t1);
  await page.close();
}
console.log(`intake: ${FILES} .xlsx files, ${total} projects, ${RUNS} runs — until the report shows: median ${median(toReport)} ms (${toReport.join(', ')}); apply: median ${median(toApplied)} ms (${toApplied.join(', ')}); goal under 1000 ms each`);
await browser.close();
await server.close();
