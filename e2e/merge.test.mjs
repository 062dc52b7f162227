// A recommending unit merges its enterprises' draft files: several files at once are appended in order after the
// intake report, a non-empty table offers "replace" or "merge", and one bad file among several does not stop the others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openApp, importFiles } from './harness.mjs';

let server, browser;
const dir = mkdtempSync(join(tmpdir(), 'shenbao-merge-'));
function draft(name, units) {
  const rows = units.map((u, i) => ({ id: i + 1, unit_name: u, credit_code: '', industry: '36', district: '武清区',
    scale: '', ownership: '', ownership_other: '', project_name: `${u}的项目`, topic_type: '创新型', leader_name: '张伟',
    leader_phone: '13800138000', email: 'a@example.com', remarks: '' }));
  const env = { format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0', writer: 'x',
    seq: 1, declaration: { recommender: '武清区市场监管局', recommender_head: '', filler: '', filler_phone: '', fill_date: '', rows } };
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(env));
  return p;
}
const names = async (page) => page.locator('[data-row] [name=unit_name]').evaluateAll((els) => els.map((e) => e.value));

before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = async () => openApp(await browser.browser.newContext({ acceptDownloads: true }), server.url);

test('several draft files at once are merged in the order chosen, 序号 renumbered', async () => {
  const { page, errors } = await fresh();
  const entries = await importFiles(page, [draft('a.json', ['甲公司', '乙公司']), draft('b.json', ['丙公司'])]);
  assert.deepEqual(entries.map((e) => [e.file, e.rows, e.status]), [['a.json', 2, 'ok'], ['b.json', 1, 'ok']]);
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 3);
  assert.deepEqual(await names(page), ['甲公司', '乙公司', '丙公司']);
  assert.deepEqual(await page.locator('[data-row] .seq').evaluateAll((els) => els.map((e) => e.getAttribute('data-seq'))), ['1', '2', '3']);
  assert.match(await page.locator('[data-result]').innerText(), /已导入 3 个项目/);
  assert.deepEqual(await page.locator('[data-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source'))), ['a.json', 'a.json', 'b.json']);
  assert.deepEqual(errors, []);
});

test('one file into a non-empty table: merge appends, replace replaces', async () => {
  const { page } = await fresh();
  await importFiles(page, draft('c.json', ['丁公司']));
  await page.waitForFunction(() => document.querySelector('[data-row] [name=unit_name]').value === '丁公司');
  await importFiles(page, draft('d.json', ['戊公司']), 'merge');
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2);
  assert.deepEqual(await names(page), ['丁公司', '戊公司']);
  await importFiles(page, draft('e.json', ['己公司']), 'confirm');
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 1);
  assert.deepEqual(await names(page), ['己公司']);
});

test('a bad file among several is listed with its reason and does not stop the others', async () => {
  const { page } = await fresh();
  await page.fill('[data-row="0"] [name=unit_name]', '原有单位');
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"format":"something-else"}');
  const entries = await importFiles(page, [draft('f.json', ['庚公司']), bad], 'merge');
  assert.deepEqual(entries.map((e) => [e.file, e.status]), [['f.json', 'ok'], ['bad.json', 'refused']]);
  assert.match(entries[1].text, /无法导入/);
  await page.waitForFunction(() => document.querySelectorAll('[data-row]').length === 2);
  assert.deepEqual(await names(page), ['原有单位', '庚公司']);
  // The report stays reachable after applying.
  assert.equal(await page.locator('[data-import-report] [data-import-file]').count(), 2);
});
