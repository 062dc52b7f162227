// Crash notice: a real Rust panic in the release build (panic = "abort" → an uncaught WebAssembly.RuntimeError)
// covers the page with a notice that says what is kept, offers the last save as a download and a reload, and stops
// the save status from saying 已保存; after the reload the last save is back. Ordinary JS errors show nothing.
// The panic is forced through the export `__shenbao_force_panic` (src/main.rs), which trunk's loader puts on
// `window.wasmBindings`; it is called from a timer so that nothing catches it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, rowControl, typeText, eventually } from './harness.mjs';
import { downloadOf, storedDraft, waitSaved } from './drafts-harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TYPED = { unit_name: '天津滨海精密制造有限公司', project_name: '汽车零部件焊接质量提升攻关' };
const crashNotice = (page) => page.locator('[data-notice="crash"][role="alert"]');
const saveStatus = async (page) => (await page.locator('[data-save-status]').innerText()).trim();
const firstRow = (page) => page.evaluate(() => Object.fromEntries(['unit_name', 'project_name']
  .map((n) => [n, document.querySelector(`[data-row="0"] [name="${n}"]`)?.value ?? null])));

/** A fresh page (own storage) where the user typed TYPED into the first row and the save status reads 已保存. */
async function filledPage() {
  const p = await freshPage(browser, server.url);
  for (const [name, value] of Object.entries(TYPED)) {
    await typeText(rowControl(p.page, 0, name), value);
    await p.page.keyboard.press('Tab');
  }
  await waitSaved(p.page);
  const stored = await storedDraft(p.page);
  assert.equal(stored.declaration.rows[0].unit_name, TYPED.unit_name, 'the typed values were saved');
  return { ...p, stored };
}

/** Calls the panicking export from a timer, so the trap is uncaught (as a panic in an event handler is). */
async function forcePanic(page) {
  assert.equal(await page.evaluate(() => typeof window.wasmBindings?.__shenbao_force_panic), 'function',
    'trunk\'s loader exposes the wasm exports on window.wasmBindings');
  await page.evaluate(() => { setTimeout(() => window.wasmBindings.__shenbao_force_panic(), 0); });
}

/** Every console error / page error is the forced panic's: the hook's message and the trap itself. */
function assertOnlyPanicErrors(errors) {
  assert.ok(errors.some((e) => /forced panic for tests/.test(e)), `the panic hook logged the panic: ${errors}`);
  assert.ok(errors.some((e) => /RuntimeError: unreachable/.test(e)), `the panic ended in a wasm trap: ${errors}`);
  assert.deepEqual(errors.filter((e) => !/forced panic for tests|RuntimeError: unreachable/.test(e)), [], 'no other error');
}

test('a panic shows the crash notice; the last save downloads and comes back after a reload', async () => {
  const { page, errors, stored, close } = await filledPage();
  try {
    assert.match(await saveStatus(page), /^已保存 \d{2}:\d{2}:\d{2}$/);
    await forcePanic(page);

    const notice = crashNotice(page);
    await notice.waitFor({ state: 'visible', timeout: 5000 });
    assert.equal(await notice.count(), 1, 'one notice');
    const savedTime = stored.saved_at.slice(11, 19);
    await page.locator('[data-notice="crash"]', { hasText: savedTime }).waitFor({ timeout: 5000 });
    const text = await notice.innerText();
    assert.match(text, /出错/, 'says the page hit an error');
    assert.match(text, /停止工作/, 'says it stopped working');
    assert.ok(text.includes(`最后一次保存（${savedTime}）`), `names the last save's time: ${text}`);
    assert.match(text, /此后的修改可能没有保存/, 'says later changes may be lost');
    assert.match(text, /刷新后会自动恢复/, 'says a reload restores the last save');

    const status = await saveStatus(page);
    assert.doesNotMatch(status, /已保存/, `the save status no longer claims a save: ${status}`);
    assert.match(status, /^未保存/);

    // The page behind is covered: the first row's field is not what a click there would hit.
    const covered = await rowControl(page, 0, 'unit_name').evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit !== el && !!hit?.closest('.crash-overlay');
    });
    assert.ok(covered, 'the overlay covers the form');

    const dl = await downloadOf(page, () => page.locator('[data-action="download-last-save"]').click());
    assert.match(dl.name, /^申报表草稿_出错前最后保存_\d{4}-\d{2}-\d{2}\.json$/);
    assert.ok(dl.name.includes(stored.saved_at.slice(0, 10)), `the file is named after the save's date: ${dl.name}`);
    const draft = JSON.parse(dl.text);
    assert.equal(draft.seq, stored.seq, 'the newest stored copy');
    assert.deepEqual({ unit_name: draft.declaration.rows[0].unit_name, project_name: draft.declaration.rows[0].project_name },
      TYPED, 'the download holds the typed values');
    assertOnlyPanicErrors(errors);

    const reload = page.locator('[data-action="reload"]');
    assert.equal(await reload.innerText(), '刷新页面');
    errors.length = 0;
    await page.reload();
    await page.waitForSelector('[data-row="0"] [name="unit_name"]');
    assert.deepEqual(await eventually(() => firstRow(page), TYPED, 5000), TYPED, 'the typed values are back');
    assert.equal(await crashNotice(page).count(), 0, 'no crash notice after the reload');
    assert.doesNotMatch(await saveStatus(page), /页面出错/);
    assert.deepEqual(errors, [], 'no error after the reload');
  } finally {
    await close();
  }
});

test('the reload button reloads the page, and the table is restored', async () => {
  const { page, close } = await filledPage();
  try {
    await forcePanic(page);
    await crashNotice(page).waitFor({ state: 'visible', timeout: 5000 });
    await Promise.all([page.waitForEvent('load'), page.locator('[data-action="reload"]').click()]);
    await page.waitForSelector('[data-row="0"] [name="unit_name"]');
    assert.deepEqual(await eventually(() => firstRow(page), TYPED, 5000), TYPED);
    assert.equal(await crashNotice(page).count(), 0);
  } finally {
    await close();
  }
});

test('a panic in a promise callback (an unhandled rejection) shows the notice too', async () => {
  const { page, errors, close } = await filledPage();
  try {
    await page.evaluate(() => { Promise.resolve().then(() => window.wasmBindings.__shenbao_force_panic()); });
    await crashNotice(page).waitFor({ state: 'visible', timeout: 5000 });
    assert.doesNotMatch(await saveStatus(page), /已保存/);
    assertOnlyPanicErrors(errors);
  } finally {
    await close();
  }
});

test('the download is the newer stored copy: the IndexedDB journal when localStorage holds an older one', async () => {
  const { page, errors, stored, close } = await filledPage();
  try {
    // An older save in localStorage (lower seq, other values); the journal still holds the newest one.
    await page.evaluate((d) => {
      const old = { ...d, seq: d.seq - 1, declaration: { ...d.declaration, rows: [{ ...d.declaration.rows[0], unit_name: '旧的单位' }] } };
      localStorage.setItem('shenbao.tj-quality-2021.draft', JSON.stringify(old));
    }, stored);
    await forcePanic(page);
    const dlButton = page.locator('[data-notice="crash"] [data-action="download-last-save"]');
    const dl = await downloadOf(page, () => dlButton.click());
    const draft = JSON.parse(dl.text);
    assert.equal(draft.seq, stored.seq, 'the copy with the higher seq');
    assert.equal(draft.declaration.rows[0].unit_name, TYPED.unit_name);
    assertOnlyPanicErrors(errors);
  } finally {
    await close();
  }
});

test('only IndexedDB holds a save: the notice still offers it', async () => {
  const { page, errors, stored, close } = await filledPage();
  try {
    await page.evaluate(() => localStorage.removeItem('shenbao.tj-quality-2021.draft'));
    await forcePanic(page);
    const dl = await downloadOf(page, () => page.locator('[data-action="download-last-save"]').click());
    assert.equal(JSON.parse(dl.text).declaration.rows[0].project_name, TYPED.project_name);
    assert.equal(JSON.parse(dl.text).seq, stored.seq);
    assertOnlyPanicErrors(errors);
  } finally {
    await close();
  }
});

test('nothing saved yet: the notice says so and the download button is disabled', async () => {
  const p = await freshPage(browser, server.url);
  try {
    const { page, errors } = p;
    await page.waitForTimeout(500);
    const nothingStored = await page.evaluate(() => new Promise((ok) => {
      if (localStorage.getItem('shenbao.tj-quality-2021.draft') != null) return ok('localStorage holds a draft');
      const open = indexedDB.open('shenbao.tj-quality-2021');
      open.onupgradeneeded = () => open.transaction.abort();
      open.onerror = () => ok(true);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('journal')) { db.close(); return ok(true); }
        const get = db.transaction('journal').objectStore('journal').get('draft');
        get.onsuccess = () => { db.close(); ok(typeof get.result?.text === 'string' ? 'the journal holds a draft' : true); };
      };
    }));
    assert.equal(nothingStored, true, 'precondition: an untouched page has stored no draft');
    await forcePanic(page);
    const button = page.locator('[data-notice="crash"] [data-action="download-last-save"]');
    await button.filter({ hasText: '没有已保存的草稿' }).waitFor({ timeout: 5000 });
    assert.equal(await button.isDisabled(), true);
    assert.match(await crashNotice(page).innerText(), /没有已保存的草稿/);
    assert.doesNotMatch(await saveStatus(page), /已保存/);
    assertOnlyPanicErrors(errors);
  } finally {
    await p.close();
  }
});

test('ordinary JS errors and rejections show no crash notice', async () => {
  const { page, errors, close } = await filledPage();
  try {
    const before = await saveStatus(page);
    const thrown = page.waitForEvent('pageerror');
    await page.evaluate(() => { setTimeout(() => { throw new Error('x'); }, 0); });
    assert.match(String(await thrown), /Error: x/);
    await page.evaluate(() => { Promise.reject(new TypeError('y')); });
    await page.waitForTimeout(500);
    assert.equal(await crashNotice(page).count(), 0, 'no crash notice');
    assert.equal(await page.locator('.crash-overlay').count(), 0, 'no overlay');
    assert.equal(await saveStatus(page), before, 'the save status is left alone');
    assert.ok(errors.some((e) => /Error: x/.test(e)), `the error reached the page: ${errors}`);
  } finally {
    await close();
  }
});
