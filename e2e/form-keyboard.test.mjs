// Keyboard only: Tab from the top reaches the toolbar, the fields in form order and the add-row button, always with
// a visible focus ring; Enter and Space on add-row add a row. And the 375 px phone layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, rowControl, typeText, rowsInfo } from './harness.mjs';

const ROW_FIELDS = ['unit_name', 'credit_code', 'industry', 'district', 'scale', 'ownership', 'project_name',
  'topic_type', 'leader_name', 'leader_phone', 'email', 'remarks'];
const TOOLBAR = ['export-xlsx', 'print', 'export-draft', 'import-draft', 'clear-draft'];

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** What has the focus, and whether its focus is visible (its own ring, or its label's for the hidden file input). */
function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return null;
    const ring = (el) => {
      const cs = getComputedStyle(el);
      return cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && cs.outlineColor !== 'rgba(0, 0, 0, 0)';
    };
    const label = e.closest('label');
    const r = e.getBoundingClientRect();
    return {
      action: e.getAttribute('data-action'), name: e.getAttribute('name'), tag: e.tagName,
      row: e.closest('[data-row]')?.getAttribute('data-row') ?? null,
      text: (e.textContent || '').trim().slice(0, 16),
      visibleFocus: e.matches(':focus-visible') && (ring(e) || (e.type === 'file' && !!label && ring(label))),
      onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight,
    };
  });
}

function key(f) {
  return f ? (f.action || f.name || `${f.tag}:${f.text}`) : 'body';
}

test('Tab from the page start: toolbar, fields in form order, add-row; visible focus; Enter and Space add rows', async () => {
  const { page, errors, close } = await freshPage(browser, server.url);
  try {
    const stops = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      stops.push(f);
      if (f?.action === 'add-row') break;
    }
    const keys = stops.map(key);
    assert.equal(keys.at(-1), 'add-row', `Tab reaches the add-row button: ${keys.join(' → ')}`);
    // The toolbar, in its order, before the form.
    const toolbarAt = TOOLBAR.map((a) => keys.indexOf(a));
    assert.ok(toolbarAt.every((i) => i >= 0), `every toolbar action is reachable: ${keys.join(' → ')}`);
    assert.deepEqual([...toolbarAt].sort((a, b) => a - b), toolbarAt, 'toolbar in order');
    assert.ok(toolbarAt.at(-1) < keys.indexOf('recommender'), '推荐单位 comes after the toolbar');
    // The row's fields, in the order of the official table, after 推荐单位 and the row's own actions.
    const rowKeys = stops.filter((f) => f?.row === '0' && f.name).map((f) => f.name);
    assert.deepEqual(rowKeys, ROW_FIELDS, 'row fields in form order');
    assert.ok(keys.indexOf('recommender') < keys.indexOf('unit_name'));
    assert.ok(keys.indexOf('duplicate-row') < keys.indexOf('unit_name') && keys.indexOf('delete-row') < keys.indexOf('unit_name'));
    assert.ok(keys.indexOf('remarks') < keys.indexOf('add-row'));
    assert.ok(!keys.includes('move-up') && !keys.includes('move-down'), 'disabled moves are skipped');
    // Focus is always visible, and on screen (the sticky toolbar must not hide it).
    for (const f of stops) {
      assert.ok(f, 'focus never falls back to the page body');
      assert.ok(f.visibleFocus, `visible focus ring on ${key(f)}`);
      assert.ok(f.onScreen, `${key(f)} is scrolled into view when focused`);
    }

    // Enter on add-row: a second row, its first field focused.
    await page.keyboard.press('Enter');
    assert.equal((await rowsInfo(page)).length, 2);
    let f = await focused(page);
    assert.deepEqual([f?.name, f?.row], ['unit_name', '1'], 'the new row’s first field has the focus');
    // Tab on through the new row to add-row again, then Space.
    for (let i = 0; i < 30 && f?.action !== 'add-row'; i++) {
      await page.keyboard.press('Tab');
      f = await focused(page);
    }
    assert.equal(f?.action, 'add-row');
    assert.ok(f.visibleFocus);
    await page.keyboard.press('Space');
    assert.equal((await rowsInfo(page)).length, 3);
    assert.deepEqual((await rowsInfo(page)).map((r) => r.seq), ['1', '2', '3']);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('375 px wide: no horizontal scroll, controls visible and about 40 px tall', async () => {
  const { page, errors, close } = await freshPage(browser, server.url, { viewport: { width: 375, height: 800 } });
  try {
    // Long unbroken text and shown messages are the usual culprits.
    await typeText(rowControl(page, 0, 'project_name'), '基于数字孪生的新能源汽车动力电池包壳体激光焊接缺陷在线检测与质量提升攻关项目研究');
    await page.keyboard.press('Tab');
    await typeText(rowControl(page, 0, 'credit_code'), '9112022406401255XX');
    await page.keyboard.press('Tab');
    await typeText(rowControl(page, 0, 'email'), 'zhiliangbu.tianjin@qq.con');
    await page.keyboard.press('Tab');
    await page.locator('[data-action="add-row"]').click();

    const width = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);
    assert.ok(width[0] <= 376 && width[1] <= 376, `no horizontal scroll: scrollWidth ${width}`);

    const boxes = await page.$$eval('input[name], select[name], textarea[name]', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { name: e.getAttribute('name'), row: e.closest('[data-row]')?.dataset.row ?? '-', left: r.left, right: r.right,
        height: r.height, shown: getComputedStyle(e).visibility !== 'hidden' && r.width > 0 };
    }));
    assert.ok(boxes.length >= 2 * 12 + 5, `all controls rendered (${boxes.length})`);
    for (const b of boxes) {
      const what = `${b.name} (row ${b.row})`;
      assert.ok(b.shown, `${what} is visible`);
      assert.ok(b.left >= 0 && b.right <= 375, `${what} fits across: ${b.left}–${b.right}`);
      assert.ok(b.height >= 38, `${what} is about 40 px tall or more: ${b.height}`);
    }
    const buttons = await page.$$eval('[data-action]', (els) => els.filter((e) => e.getBoundingClientRect().width > 0)
      .map((e) => { const r = e.getBoundingClientRect(); return [e.dataset.action, r.left, r.right, r.height]; }));
    for (const [a, left, right] of buttons) assert.ok(left >= 0 && right <= 375, `${a} fits across: ${left}–${right}`);

    // The confirmation dialog fits too.
    await page.locator('[data-action="export-xlsx"]').click();
    const box = await page.locator('[role="alertdialog"]').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `dialog fits: ${JSON.stringify(box)}`);
    await page.keyboard.press('Escape');

    await page.screenshot({ path: '/tmp/e2e-375.png', fullPage: true });
    console.log('# button heights at 375 px:', JSON.stringify(buttons.map(([a, , , h]) => [a, Math.round(h)])));
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test('375 px wide: the issue list wraps a long e-mail address instead of running off the screen', async () => {
  const { page, errors, close } = await freshPage(browser, server.url, { viewport: { width: 375, height: 800 } });
  try {
    // A long but real-looking department address with a typo domain: its warning quotes the whole corrected address.
    await typeText(rowControl(page, 0, 'email'), 'zhiliang.fazhanchu.shichangjianguanwei@qq.con');
    await page.keyboard.press('Tab');
    await page.locator('summary', { hasText: '查看全部问题' }).click();
    await page.locator('.issue-list [data-action="jump"]').first().waitFor({ timeout: 2000 });
    const items = await page.$$eval('.issue-list [data-action="jump"]', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return [e.textContent.slice(0, 24), Math.round(r.left), Math.round(r.right)];
    }));
    assert.ok(items.length > 0);
    for (const [text, left, right] of items) assert.ok(left >= 0 && right <= 375, `"${text}…" fits across: ${left}–${right}`);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
