// Drafts (issue 6): autosave survives reloads and a hard browser kill; corrupt and unwritable storage is reported and
// never overwritten; two tabs never silently overwrite each other; draft files round-trip; clear asks and can be undone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, launch, openApp, rowControl, tableControl, typeText, eventually, VALID_TABLE, VALID_DATE,
  enterRow,
} from './harness.mjs';
import {
  tempProfile, spawnChromium, groupAlive, readForm, nonEmpty, enterTwoRows, TWO_ROWS, ROW_A, downloadOf, localStore,
  storedDraft, waitSaved, pageToday,
} from './drafts-harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Runs `body` on a fresh page (own storage) and closes it; fails on console errors. */
function withPage(body, { initScript } = {}) {
  return async () => {
    const context = await browser.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    if (initScript) await context.addInitScript(initScript.fn, initScript.arg);
    try {
      const { page, errors } = await openApp(context, server.url);
      await page.waitForSelector('[data-row] [name="unit_name"]');
      await body(page, context);
      assert.deepEqual(errors, [], 'no console error');
    } finally {
      await context.close();
    }
  };
}

const formNow = async (page) => nonEmpty(await readForm(page));
const notice = (page, kind) => page.locator(`[role="alert"][data-notice="${kind}"]`);
const result = (page) => page.locator('[data-result]');
const fileInput = (page) => page.locator('input[type="file"][data-action="import-draft"]');
const importText = (page, text, name = 'draft.json') =>
  fileInput(page).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
const dialog = (page) => page.locator('[role="alertdialog"]');

test('1. reload restores both rows (selects included) and the table fields; 已保存 HH:MM:SS is shown first', withPage(async (page) => {
  await enterTwoRows(page);
  const typed = await formNow(page);
  assert.deepEqual(typed, TWO_ROWS, 'the keyboard entered every value');
  const status = await waitSaved(page);
  assert.match(status, /^已保存 \d{2}:\d{2}:\d{2}$/);

  await page.reload();
  await page.waitForSelector('[data-row="1"] [name="unit_name"]');
  assert.deepEqual(await eventually(() => formNow(page), TWO_ROWS, 5000), TWO_ROWS, 'everything is back after reload');
  assert.match((await page.locator('[data-save-status]').innerText()).trim(), /已恢复|已保存/);
}));

test('2. a hard kill (SIGKILL of the whole browser 1 s after the last keystroke) loses nothing', async () => {
  const profile = await tempProfile();
  let run = await spawnChromium(profile.dir);
  try {
    const page = await run.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-row] [name="unit_name"]');
    await enterTwoRows(page);
    const typed = await formNow(page);
    assert.deepEqual(typed, TWO_ROWS, 'the keyboard entered every value');
    await page.waitForTimeout(1000);

    const pid = run.pid;
    const how = await run.kill();
    assert.equal(how.signal, 'SIGKILL', 'the browser died of SIGKILL, not a clean exit');
    for (let i = 0; i < 40 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(groupAlive(pid), false, 'no process of the browser is left');

    run = await spawnChromium(profile.dir);
    const again = await run.context.newPage();
    await again.goto(server.url);
    await again.waitForSelector('[data-row] [name="unit_name"]');
    const restored = await eventually(() => formNow(again), TWO_ROWS, 6000);
    assert.deepEqual(restored, TWO_ROWS, 'every value typed before the kill is restored');
  } finally {
    await run.close();
    await profile.remove();
  }
});

const GARBAGE = '{"format":"shenbao-draft","version":1,"saved_at":"2021-04-12T10:00:00","declaration":{"recommender":"滨海新区\r\n😀 半截';
test('3. a corrupt stored draft: the app starts, says so in an alert, keeps the raw text and gives it back exactly',
  withPage(async (page) => {
    await notice(page, 'corrupt').waitFor({ timeout: 5000 });
    assert.match(await notice(page, 'corrupt').innerText(), /无法读取/);
    let store = await localStore(page);
    const keep = () => Object.entries(store).filter(([k, v]) => v === GARBAGE &&
      (k === 'shenbao.tj-quality-2021.draft' || k.startsWith('shenbao.tj-quality-2021.draft.backup.'))).map(([k]) => k);
    assert.ok(keep().length > 0, `the raw text is still stored: ${JSON.stringify(Object.keys(store))}`);
    assert.ok(keep().some((k) => k.startsWith('shenbao.tj-quality-2021.draft.backup.')), 'and it was backed up before any save');

    // The app works: type, let it save; the raw text must survive the save.
    await typeText(tableControl(page, 'recommender'), '新内容');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    store = await localStore(page);
    assert.ok(keep().some((k) => k.startsWith('shenbao.tj-quality-2021.draft.backup.')), 'the raw text survives the next save');
    assert.equal((await storedDraft(page)).declaration.recommender, '新内容');
    assert.ok(await notice(page, 'corrupt').isVisible(), 'the corrupt notice stays until dismissed');

    const dl = await downloadOf(page, () => notice(page, 'corrupt').locator('[data-action="download-raw"]').click());
    assert.equal(dl.text, GARBAGE, 'download-raw gives back the exact stored text');
  }, {
    // A fresh profile (empty IndexedDB journal): garbage in localStorage before the app's first start.
    initScript: {
      fn: (g) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('shenbao.tj-quality-2021.draft', g); sessionStorage.setItem('seeded', '1'); } },
      arg: GARBAGE,
    },
  }));

test('4. full storage (QuotaExceededError): typing works, a lasting alert warns, export-draft still has the data',
  withPage(async (page) => {
    await typeText(tableControl(page, 'recommender'), VALID_TABLE.recommender);
    await page.keyboard.press('Tab');
    await enterRow(page, 0, ROW_A);
    const warn = notice(page, 'storage');
    await warn.waitFor({ timeout: 5000 });
    assert.match(await warn.innerText(), /存储空间已满/);
    assert.match(await page.locator('[data-save-status]').innerText(), /未能保存/);
    assert.deepEqual(await formNow(page), { table: { recommender: VALID_TABLE.recommender }, rows: [ROW_A] },
      'typing works while storage is full');

    // Lasting: still there after more typing and a while.
    await typeText(rowControl(page, 0, 'remarks'), '追加');
    await page.keyboard.press('Tab');
    await page.waitForTimeout(1200);
    assert.ok(await warn.isVisible(), 'the storage warning stays');

    const dl = await downloadOf(page, () => page.locator('[data-action="export-draft"]').click());
    const json = JSON.parse(dl.text);
    assert.equal(json.declaration.recommender, VALID_TABLE.recommender);
    assert.equal(json.declaration.rows[0].unit_name, ROW_A.unit_name);
    assert.equal(json.declaration.rows[0].remarks, '追加');
    assert.equal(json.declaration.rows[0].district, ROW_A.district);
  }, {
    initScript: {
      fn: () => {
        const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (this === window.localStorage) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return set.call(this, k, v);
        };
      },
    },
  }));

// In a tab: hold back the autosave's 250 ms debounce timers while window.__hold is true (its edits stay unsaved), and
// run them on window.__release().
function holdDebounce() {
  const realSet = window.setTimeout.bind(window);
  const realClear = window.clearTimeout.bind(window);
  const held = new Map();
  window.__hold = false;
  window.setTimeout = function (fn, ms, ...args) {
    if (window.__hold && ms === 250) {
      const id = realSet(() => {}, 1e9);
      held.set(id, () => fn(...args));
      return id;
    }
    return realSet(fn, ms, ...args);
  };
  window.clearTimeout = function (id) { held.delete(id); return realClear(id); };
  window.__release = () => { const fns = [...held.values()]; held.clear(); fns.forEach((f) => f()); return fns.length; };
}

test('5. two tabs: a clean tab follows the other; a tab with unsaved edits asks; nothing is silently overwritten', async () => {
  const context = await browser.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  try {
    const a = (await openApp(context, server.url));
    const b = await context.newPage();
    const bErrors = [];
    b.on('pageerror', (e) => bErrors.push(String(e)));
    b.on('console', (m) => { if (m.type() === 'error') bErrors.push(m.text()); });
    await b.addInitScript(holdDebounce);
    await b.goto(server.url);
    const A = a.page, B = b;
    await A.waitForSelector('[data-row] [name="unit_name"]');
    await B.waitForSelector('[data-row] [name="unit_name"]');
    const value = (p, n) => tableControl(p, n).inputValue();

    // B has no unsaved edits: it shows what A saved.
    await typeText(tableControl(A, 'recommender'), '甲推荐单位');
    await A.keyboard.press('Tab');
    await waitSaved(A);
    assert.equal(await eventually(() => value(B, 'recommender'), '甲推荐单位'), '甲推荐单位', 'B follows A');
    // The tabs settle: no endless save ping-pong between them.
    await A.waitForTimeout(1000);
    const seq1 = (await storedDraft(A)).seq;
    await A.waitForTimeout(1000);
    assert.equal((await storedDraft(A)).seq, seq1, 'once both tabs show the same draft, nobody keeps saving');

    // Both have unsaved edits: B's edit is held back while A saves.
    await B.evaluate(() => { window.__hold = true; });
    await typeText(tableControl(B, 'filler'), '乙填报人');
    await typeText(tableControl(A, 'filler'), '甲填报人');
    await A.keyboard.press('Tab');
    await waitSaved(A);
    await notice(B, 'other-tab').waitFor({ timeout: 5000 });
    assert.equal(await value(B, 'filler'), '乙填报人', 'B keeps its own edit on screen');
    await B.evaluate(() => window.__release());
    await B.waitForTimeout(600);
    let stored = await storedDraft(A);
    assert.equal(stored.declaration.filler, '甲填报人', 'B did not overwrite A\'s newer save');
    // "Load the other version".
    await B.evaluate(() => { window.__hold = false; });
    await notice(B, 'other-tab').locator('[data-action="load-other-tab"]').click();
    assert.equal(await value(B, 'filler'), '甲填报人');
    await assert.rejects(notice(B, 'other-tab').waitFor({ timeout: 1000 }), 'the notice is gone');
    await B.evaluate(() => window.__release());
    await B.waitForTimeout(600);
    stored = await storedDraft(A);
    assert.equal(stored.declaration.filler, '甲填报人');
    assert.equal(await value(A, 'filler'), '甲填报人');

    // Again, and this time B keeps its own version: A's is backed up first, and A then follows B.
    await B.evaluate(() => { window.__hold = true; });
    await typeText(tableControl(B, 'filler_phone'), '022-1111111');
    await typeText(tableControl(A, 'filler_phone'), '022-2222222');
    await A.keyboard.press('Tab');
    await waitSaved(A);
    await notice(B, 'other-tab').waitFor({ timeout: 5000 });
    await B.evaluate(() => { window.__hold = false; window.__release(); });
    await B.waitForTimeout(400);
    assert.equal((await storedDraft(A)).declaration.filler_phone, '022-2222222', 'still A\'s until B chooses');
    await notice(B, 'other-tab').locator('[data-action="keep-mine"]').click();
    await eventually(async () => (await storedDraft(A)).declaration.filler_phone, '022-1111111');
    stored = await storedDraft(A);
    assert.equal(stored.declaration.filler_phone, '022-1111111', 'keep-mine saves B\'s version');
    const backups = Object.entries(await localStore(A)).filter(([k]) => k.startsWith('shenbao.tj-quality-2021.draft.backup.'));
    assert.ok(backups.some(([, v]) => JSON.parse(v).declaration.filler_phone === '022-2222222'),
      `A's overwritten version was backed up: ${backups.map(([k]) => k)}`);
    assert.equal(await eventually(() => value(A, 'filler_phone'), '022-1111111'), '022-1111111', 'A follows B');
    assert.equal(await value(A, 'filler'), '甲填报人');
    assert.deepEqual([...a.errors, ...bErrors], [], 'no console error in either tab');
  } finally {
    await context.close();
  }
});

test('6. draft file round trip: export, clear, import; replacing asks first', withPage(async (page) => {
  await enterTwoRows(page);
  await waitSaved(page);
  const before = await formNow(page);
  const today = await pageToday(page);

  const dl = await downloadOf(page, () => page.locator('[data-action="export-draft"]').click());
  assert.ok(dl.name.includes(VALID_TABLE.recommender), `the file name names the 推荐单位: ${dl.name}`);
  assert.ok(dl.name.includes(today), `the file name has the date ${today}: ${dl.name}`);
  assert.match(dl.name, /\.json$/);
  const json = JSON.parse(dl.text);
  assert.equal(json.format, 'shenbao-draft');
  assert.equal(json.version, 2);
  assert.equal(json.declaration.rows.length, 2);
  assert.match(await result(page).innerText(), /已导出草稿文件/);

  await page.locator('[data-action="clear-draft"]').click();
  await dialog(page).locator('[data-action="confirm"]').click();
  assert.deepEqual(await formNow(page), { table: {}, rows: [{}] }, 'the table is cleared');

  await importText(page, dl.text, dl.name);
  await dialog(page).locator('[data-action="confirm"]').click();
  assert.deepEqual(await eventually(() => formNow(page), before), before, 'every value is back from the file');
  assert.match(await result(page).innerText(), /已导入/);

  // A non-empty table: importing asks first; cancel keeps the current content, confirm replaces it.
  await typeText(tableControl(page, 'filler'), '改过的人');
  await page.keyboard.press('Tab');
  await importText(page, dl.text, dl.name);
  await dialog(page).waitFor();
  await dialog(page).locator('[data-action="cancel"]').click();
  assert.equal(await tableControl(page, 'filler').inputValue(), '改过的人', 'cancel keeps the current content');
  await importText(page, dl.text, dl.name);
  await dialog(page).locator('[data-action="confirm"]').click();
  assert.deepEqual(await eventually(() => formNow(page), before), before, 'confirm replaces it');
}));

test('7. bad draft files (not JSON, another shape, a future version): a clear error, the table unchanged',
  withPage(async (page) => {
    await typeText(tableControl(page, 'recommender'), VALID_TABLE.recommender);
    await page.keyboard.press('Tab');
    await enterRow(page, 0, { unit_name: ROW_A.unit_name, district: ROW_A.district });
    await waitSaved(page);
    const before = await formNow(page);
    const stored = await page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft'));
    const future = JSON.parse(stored);
    future.version += 1;
    const cases = [
      ['not JSON', '这不是 JSON {', /无法导入/],
      ['another shape', JSON.stringify({ hello: 'world', items: [1, 2] }), /不是本工具的草稿/],
      ['a future version', JSON.stringify(future), /更新的版本/],
    ];
    for (const [what, text, want] of cases) {
      await importText(page, text, `${what}.json`);
      const r = result(page);
      await r.filter({ hasText: want }).waitFor({ timeout: 3000 }).catch(() => {});
      const msg = (await r.innerText()).trim();
      assert.match(msg, want, `${what}: the status line says why (${msg})`);
      assert.match(msg, /无法导入/, `${what}: the status line says it was not imported`);
      assert.equal(await r.getAttribute('class'), 'bad');
      assert.equal(await dialog(page).count(), 0, `${what}: no report to apply`);
      assert.deepEqual(await formNow(page), before, `${what}: the table is unchanged`);
    }
    assert.equal(await page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft')), stored, 'the stored draft is unchanged');
  }));

test('8. clear-draft asks; cancel keeps everything; confirm clears; undo-clear restores', withPage(async (page) => {
  await enterTable(page);
  await enterRow(page, 0, ROW_A);
  await waitSaved(page);
  const before = await formNow(page);
  const stored = await page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft'));

  await page.locator('[data-action="clear-draft"]').click();
  await dialog(page).waitFor();
  assert.match(await dialog(page).innerText(), /清空/);
  await dialog(page).locator('[data-action="cancel"]').click();
  assert.equal(await dialog(page).count(), 0);
  assert.deepEqual(await formNow(page), before, 'cancel keeps everything');
  assert.equal(await page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft')), stored);

  await page.locator('[data-action="clear-draft"]').click();
  await dialog(page).locator('[data-action="confirm"]').click();
  assert.deepEqual(await formNow(page), { table: {}, rows: [{}] }, 'confirm clears the table');
  assert.equal(await page.evaluate(() => localStorage.getItem('shenbao.tj-quality-2021.draft')), null, 'and the stored draft');

  await page.locator('[data-action="undo-clear"]').click();
  assert.deepEqual(await eventually(() => formNow(page), before), before, 'undo restores everything');
  await waitSaved(page);
  const again = await storedDraft(page);
  assert.equal(again.declaration.recommender, VALID_TABLE.recommender, 'and it is saved again');
  await page.reload();
  await page.waitForSelector('[data-row] [name="unit_name"]');
  assert.deepEqual(await eventually(() => formNow(page), before, 5000), before, 'a reload after undo keeps it');
}));

/** The table fields typed with the keyboard (default: all of VALID_TABLE and the date). */
async function enterTable(page) {
  for (const [name, v] of Object.entries(VALID_TABLE)) {
    await typeText(tableControl(page, name), v);
    await page.keyboard.press('Tab');
  }
  await tableControl(page, 'fill_date').focus();
  await page.keyboard.type(VALID_DATE.keys);
  await page.keyboard.press('Tab');
}

// Normalisation is a property of the data: a draft saved by an earlier version (or written by hand) with a
// full-width credit code and a short district comes back normalised, says so, and the normalised table is saved.
const UNNORMALISED = JSON.stringify({
  format: 'shenbao-draft', version: 1, saved_at: '2021-05-06T10:42:05', app_version: '0.1.0', writer: 'old', seq: 3,
  declaration: {
    recommender: ' 天津市武清区市场监督管理局 ', recommender_head: '', filler: '', filler_phone: '', fill_date: '',
    rows: [{
      id: 1, unit_name: '天津示例精密机械有限公司', credit_code: ' ９１１２ ０２２２ ＭＡ０５Ｔ８ＸＱ３Ｋ ', industry: '34',
      district: '武清', scale: '中型', ownership: '私营企业', ownership_other: '', project_name: '降低齿轮箱壳体铸造缺陷率',
      topic_type: '问题解决型', leader_name: '张伟', leader_phone: '13812345678', email: 'zhangwei@example.com', remarks: '',
    }],
  },
});

test('6. a restored draft passes the normalisers: the values shown and saved are normal, and the notice lists what changed',
  withPage(async (page) => {
    const code = () => rowControl(page, 0, 'credit_code').inputValue();
    assert.equal(await eventually(code, '91120222MA05T8XQ3K'), '91120222MA05T8XQ3K');
    assert.equal(await rowControl(page, 0, 'district').inputValue(), '武清区');
    assert.equal(await rowControl(page, 0, 'scale').inputValue(), '中型企业');
    assert.equal(await tableControl(page, 'recommender').inputValue(), '天津市武清区市场监督管理局');
    const info = page.locator('[data-notice="info"]');
    await info.filter({ hasText: '统一社会信用代码' }).waitFor({ timeout: 5000 });
    const text = await info.innerText();
    assert.match(text, /第1行 统一社会信用代码：全角转半角、去空格/);
    assert.match(text, /“武清”改为“武清区”/);
    assert.match(text, /推荐单位：去掉首尾空格/);
    const saved = async () => {
      const row = (await storedDraft(page)).declaration.rows[0];
      return [row.credit_code, row.district];
    };
    assert.deepEqual(await eventually(saved, ['91120222MA05T8XQ3K', '武清区']), ['91120222MA05T8XQ3K', '武清区'],
      'the normalised table is saved');
  }, {
    initScript: {
      fn: (g) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('shenbao.draft', g); sessionStorage.setItem('seeded', '1'); } },
      arg: UNNORMALISED,
    },
  }));

// A slow disk: the stored draft is read only after the user began typing. It is never loaded over the typing; the
// user chooses, and whichever is not chosen is kept (the stored draft as a backup) or was the user's own choice.
const STORED = JSON.stringify({
  format: 'shenbao-draft', version: 2, saved_at: '2021-05-06T10:42:05', app_version: '0.1.0', writer: 'old', seq: 3,
  declaration: {
    recommender: '天津市武清区市场监督管理局', recommender_head: '', filler: '', filler_phone: '', fill_date: '',
    rows: [{
      id: 1, unit_name: '天津示例精密机械有限公司', credit_code: '91120222MA05T8XQ3K', industry: '34', district: '武清区',
      scale: '中型企业', ownership: '私营企业', ownership_other: '', project_name: '降低齿轮箱壳体铸造缺陷率',
      topic_type: '问题解决型', leader_name: '张伟', leader_phone: '13812345678', email: 'zhangwei@example.com', remarks: '',
      source: { file: '', sheet: '', row: 0, number_code: '' },
    }],
  },
});
const SLOW_DISK = {
  fn: (stored) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('shenbao.tj-quality-2021.draft', stored);
      sessionStorage.setItem('seeded', '1');
    }
    // Every IndexedDB open answers 2.5 s late (the journal is read before the stored draft is shown).
    const open = IDBFactory.prototype.open;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess');
    IDBFactory.prototype.open = function (...args) {
      const req = open.apply(this, args);
      Object.defineProperty(req, 'onsuccess', {
        configurable: true,
        get() { return onsuccess.get.call(req); },
        set(fn) { onsuccess.set.call(req, fn && ((e) => setTimeout(() => fn.call(req, e), 2500))); },
      });
      return req;
    };
  },
  arg: STORED,
};

test('7. typing before the stored draft is read: it is not loaded over the typing; keeping the typing backs it up',
  withPage(async (page) => {
    await typeText(tableControl(page, 'recommender'), '刚填写的推荐单位');
    const ask = notice(page, 'typed-first');
    await ask.waitFor({ timeout: 10000 });
    assert.match(await ask.innerText(), /10:42:05/);
    assert.equal(await tableControl(page, 'recommender').inputValue(), '刚填写的推荐单位', 'the typing stays');
    await ask.locator('[data-action="keep-mine"]').click();
    await waitSaved(page);
    const store = await localStore(page);
    assert.equal(JSON.parse(store['shenbao.tj-quality-2021.draft']).declaration.recommender, '刚填写的推荐单位');
    const backups = Object.entries(store).filter(([k]) => k.includes('backup'));
    assert.ok(backups.some(([, v]) => v.includes('天津市武清区市场监督管理局')), 'the stored draft is kept as a backup');
  }, { initScript: SLOW_DISK }));

test('8. typing before the stored draft is read: choosing to load it shows it', withPage(async (page) => {
  await typeText(tableControl(page, 'recommender'), '刚填写的推荐单位');
  const ask = notice(page, 'typed-first');
  await ask.waitFor({ timeout: 10000 });
  await ask.locator('[data-action="load-stored"]').click();
  assert.equal(await tableControl(page, 'recommender').inputValue(), '天津市武清区市场监督管理局');
  assert.equal(await rowControl(page, 0, 'project_name').inputValue(), '降低齿轮箱壳体铸造缺陷率');
  assert.equal(await ask.count(), 0);
}, { initScript: SLOW_DISK }));
