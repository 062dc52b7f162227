// Chinese input methods, driven through the DevTools protocol as an IME drives the browser: nothing is judged or
// written back while composing, Enter that confirms a candidate does nothing, the committed text is kept and judged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, withFreshPage, rowControl, typeText, fieldStatus, issueCount, rowsInfo } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const withPage = (body, opts) => withFreshPage(() => ({ browser, server }), body, opts);

/** Sends one composition update (the IME's underlined text) with the caret at its end. */
function compose(cdp, text) {
  return cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
}

test('an untouched field is not judged while composing; the committed text is kept and judged', withPage(async (page) => {
  const cdp = await page.context().newCDPSession(page);
  const unit = rowControl(page, 0, 'unit_name');
  await unit.focus();
  const count0 = await issueCount(page);
  assert.equal((await fieldStatus(unit)).state, 'idle');

  // 'z' alone would be a too-short name (a warning) and 'zhong' a plausible one (ok): neither may be judged yet.
  for (const text of ['z', 'zh', 'zhong', '中', '中国', '中国zhi', '中国质量']) {
    await compose(cdp, text);
    const s = await fieldStatus(unit);
    assert.equal(s.value, text, `the composing text "${text}" is left alone`);
    assert.equal(s.state, 'idle', `not judged while composing "${text}"`);
    assert.equal(s.invalid, null);
    assert.equal(await issueCount(page), count0, `the form does not take "${text}" as the value yet`);
  }
  await cdp.send('Input.insertText', { text: '中国质量协会' });
  let s = await fieldStatus(unit);
  assert.equal(s.value, '中国质量协会', 'the committed text is kept');
  assert.equal(s.state, 'ok', 'and judged at once after the commit');
  assert.equal(await issueCount(page), count0 - 1, 'the required-field error is gone');
  assert.equal(await page.locator('[data-row="0"] .project-title').innerText(), '（未填写项目名称）');

  // The next composition appends to it; leaving the field keeps everything.
  await unit.press('End');
  await compose(cdp, 'you');
  assert.equal((await fieldStatus(unit)).value, '中国质量协会you');
  await cdp.send('Input.insertText', { text: '有限公司' });
  await page.keyboard.press('Tab');
  s = await fieldStatus(unit);
  assert.deepEqual([s.value, s.state], ['中国质量协会有限公司', 'ok']);
}));

test('a field showing a warning keeps it while composing and is re-judged on commit', withPage(async (page) => {
  const cdp = await page.context().newCDPSession(page);
  const project = rowControl(page, 0, 'project_name');
  await typeText(project, '天津');
  await page.keyboard.press('Tab');
  let s = await fieldStatus(project);
  assert.equal(s.state, 'warning', 'two characters: too short, shown after leaving');
  const message = s.message;

  await project.focus();
  await project.press('End');
  for (const text of ['zhi', 'zhiliang', '质量']) {
    await compose(cdp, text);
    s = await fieldStatus(project);
    assert.equal(s.value, `天津${text}`, 'nothing rewritten while composing');
    assert.equal(s.state, 'warning', `the state does not jump while composing "${text}"`);
    assert.equal(s.message, message);
  }
  await cdp.send('Input.insertText', { text: '质量攻关' });
  s = await fieldStatus(project);
  assert.deepEqual([s.value, s.state, s.message], ['天津质量攻关', 'ok', ''], 'judged on commit, without leaving');
}));

test('Enter while composing confirms the candidate only: no row added, no dialog, not passed on', withPage(async (page) => {
  const cdp = await page.context().newCDPSession(page);
  // Record Enter keydowns: at the window before anything else (capture) and at the document after the field (bubble).
  await page.evaluate(() => {
    window.__enter = [];
    window.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__enter.push(['capture', e.isComposing]); }, true);
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__enter.push(['bubble', e.isComposing]); });
  });
  const rows0 = (await rowsInfo(page)).length;
  // In the input, a plain Enter key; in the textarea (where a plain Enter would type a line break), the key as an IME
  // passes it on while composing: key "Enter", keyCode 229, no text of its own.
  for (const name of ['unit_name', 'project_name']) {
    const control = rowControl(page, 0, name);
    await control.focus();
    await compose(cdp, 'zhong');
    await compose(cdp, '中');
    if (name === 'unit_name') {
      await page.keyboard.press('Enter');
    } else {
      const ev = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 };
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...ev });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...ev });
    }
    assert.equal((await rowsInfo(page)).length, rows0, `${name}: Enter while composing adds no row`);
    assert.equal(await page.locator('.modal').count(), 0, `${name}: no dialog opens`);
    assert.equal(await control.evaluate((el) => el === document.activeElement), true, 'focus stays in the field');
    await cdp.send('Input.insertText', { text: '中国' });
    assert.equal((await fieldStatus(control)).value, '中国', `${name}: the committed text is kept`);
  }
  const seen = await page.evaluate(() => window.__enter);
  assert.deepEqual(seen.filter(([phase]) => phase === 'capture').map(([, c]) => c), [true, true],
    'the browser reported both Enters as composing');
  assert.deepEqual(seen.filter(([phase]) => phase === 'bubble'), [], 'the field kept the composing Enter to itself');
  assert.equal((await rowsInfo(page)).length, rows0);
}));

test('leaving the field in the middle of a composition keeps the text and judges it', withPage(async (page) => {
  const cdp = await page.context().newCDPSession(page);
  const leader = rowControl(page, 0, 'leader_name');
  await leader.focus();
  await compose(cdp, 'zhang');
  await compose(cdp, '张伟');
  await page.keyboard.press('Tab');
  const s = await fieldStatus(leader);
  assert.deepEqual([s.value, s.state], ['张伟', 'ok']);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'leader_phone');
}));
