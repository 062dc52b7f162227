// The form, typed in with the keyboard: a whole valid row; each kind of error with its message (shown after leaving
// the field, cleared while typing); the one-click fixes; the credit code ↔ 所在区 cross-field fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, launch, withFreshPage, rowControl, tableControl, typeText, fieldStatus, eventually, issueCount,
  chooseWithKeys, enterRow, enterTable, VALID_ROW, VALID_TABLE, VALID_DATE,
} from './harness.mjs';

const CJK = /[\u4e00-\u9fff]/;
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Runs `body` on a fresh page and closes it; fails on console errors. */
const withPage = (body, opts) => withFreshPage(() => ({ browser, server }), body, opts);

test('a whole valid row and the table fields typed in: every control ok, no issue left', withPage(async (page) => {
  await enterRow(page, 0, VALID_ROW);
  await enterTable(page, VALID_TABLE);

  for (const [name, value] of Object.entries(VALID_ROW)) {
    const s = await fieldStatus(rowControl(page, 0, name));
    assert.equal(s.value, value, `${name} keeps the typed value`);
    assert.equal(s.state, 'ok', `${name} is ok (${s.message})`);
    assert.equal(s.invalid, null, `${name} is not aria-invalid`);
    assert.equal(s.message, '', `${name} has no message`);
  }
  for (const [name, value] of Object.entries(VALID_TABLE)) {
    const s = await fieldStatus(tableControl(page, name));
    assert.deepEqual([s.value, s.state], [value, 'ok'], `${name}: ${s.message}`);
  }
  const date = await fieldStatus(tableControl(page, 'fill_date'));
  assert.deepEqual([date.value, date.state], [VALID_DATE.value, 'ok'], `fill_date: ${date.message}`);
  assert.equal((await fieldStatus(rowControl(page, 0, 'remarks'))).state, 'idle', 'empty optional remarks stay idle');

  // Every control on the page that the contract names: ok, or idle when empty and optional.
  const states = await page.$$eval('[name][data-state]', (els) => els.map((e) => [e.name, e.dataset.state, e.value]));
  for (const [name, state, value] of states) {
    assert.ok(state === 'ok' || (state === 'idle' && value === '' && name === 'remarks'), `${name} is ${state}`);
  }
  assert.equal(await issueCount(page), 0, 'data-issue-count is 0');
  assert.equal((await page.locator('[data-warning-count]').innerText()).trim(), '0', 'no warning either');
}));

test('a credit code with a wrong check character: not judged while typing, an error after Tab, ok again on the fixing keystroke',
  withPage(async (page) => {
    const code = rowControl(page, 0, 'credit_code');
    await typeText(code, '91120224064012553X');
    let s = await fieldStatus(code);
    assert.equal(s.state, 'idle', 'a wrong code is neither error nor ok before the field is left');
    assert.equal(s.invalid, null);
    assert.equal(s.message, '');

    await page.keyboard.press('Tab');
    s = await fieldStatus(code);
    assert.equal(s.state, 'error');
    assert.equal(s.invalid, 'true');
    assert.deepEqual(s.describedby.length, 1, 'aria-describedby names the message element');
    assert.match(s.message, CJK, 'the message is in Chinese');
    assert.match(s.message, /校验/, `the message says the check character is wrong: ${s.message}`);
    assert.match(s.message, /U/, 'the message names the expected check character');
    // Nothing else in the row turned red just because one field was left.
    assert.equal((await fieldStatus(rowControl(page, 0, 'project_name'))).state, 'idle');

    // Back in the field: once shown, errors follow the keystrokes; the fixing keystroke turns it ok without blur.
    await code.focus();
    await code.press('End');
    await code.press('Backspace');
    assert.equal((await fieldStatus(code)).state, 'error', '17 characters: still an error (now the length)');
    await code.press('U');
    s = await fieldStatus(code);
    assert.equal(await code.evaluate((el) => el === document.activeElement), true, 'still focused: no blur happened');
    assert.deepEqual([s.state, s.invalid, s.message], ['ok', null, ''], 'the corrected code is ok at once');
  }));

test('a bad phone, a bad e-mail and a missing required field: errors with messages after leaving the field',
  withPage(async (page) => {
    // E-mail first: Tab from the phone lands in the e-mail, and leaving it would rightly reveal its errors early.
    const email = rowControl(page, 0, 'email');
    await typeText(email, 'zhangwei#163.com');
    assert.equal((await fieldStatus(email)).state, 'idle', 'no error (and no ok) before leaving');
    await page.keyboard.press('Tab');
    let s = await fieldStatus(email);
    assert.deepEqual([s.state, s.invalid], ['error', 'true']);
    assert.match(s.message, /电子邮箱.*格式/, s.message);
    await typeText(email, 'zhangwei@163.com');
    assert.equal((await fieldStatus(email)).state, 'ok');

    const phone = rowControl(page, 0, 'leader_phone');
    await typeText(phone, '12800138000');
    assert.equal((await fieldStatus(phone)).state, 'idle', 'no error (and no ok) before leaving');
    await page.keyboard.press('Tab');
    s = await fieldStatus(phone);
    assert.deepEqual([s.state, s.invalid], ['error', 'true']);
    assert.match(s.message, /手机号码.*第2位/, s.message);
    await phone.focus();
    await phone.press('Home');
    await phone.press('Delete');
    await phone.press('Delete');
    assert.equal((await fieldStatus(phone)).state, 'error');
    await phone.pressSequentially('13');
    assert.deepEqual([(await fieldStatus(phone)).state, await phone.inputValue()], ['ok', '13800138000']);

    // A required field left empty.
    const leader = rowControl(page, 0, 'leader_name');
    await leader.focus();
    assert.equal((await fieldStatus(leader)).state, 'idle', 'an empty field just entered is idle');
    await page.keyboard.press('Tab');
    s = await fieldStatus(leader);
    assert.deepEqual([s.state, s.invalid], ['error', 'true']);
    assert.match(s.message, /请填写项目负责人/, s.message);

    // The same for a table field and for a select.
    const filler = tableControl(page, 'filler');
    await filler.focus();
    await page.keyboard.press('Tab');
    s = await fieldStatus(filler);
    assert.deepEqual([s.state, s.invalid], ['error', 'true']);
    assert.match(s.message, /请填写填报人/, s.message);
    const topic = rowControl(page, 0, 'topic_type');
    await topic.focus();
    await page.keyboard.press('Tab');
    s = await fieldStatus(topic);
    assert.deepEqual([s.state, s.invalid], ['error', 'true']);
    assert.match(s.message, /请选择课题类型/, s.message);
    await chooseWithKeys(topic, '创新型');
    assert.deepEqual([(await fieldStatus(topic)).state, await topic.inputValue()], ['ok', '创新型']);
  }));

test('a typo e-mail domain qq.con: a warning with a fix button that corrects it', withPage(async (page) => {
  const email = rowControl(page, 0, 'email');
  await typeText(email, '90203918@qq.con');
  await page.keyboard.press('Tab');
  let s = await fieldStatus(email);
  assert.equal(s.state, 'warning');
  assert.equal(s.invalid, null, 'a warning is not aria-invalid');
  assert.match(s.message, /qq\.com/, s.message);
  assert.ok(s.fix && s.fix.includes('90203918@qq.com'), `the fix button offers the correction: ${s.fix}`);
  const fix = email.locator('xpath=ancestor::*[contains(@class,"field")][1]').locator('[data-action="apply-fix"]');
  await fix.focus();
  await page.keyboard.press('Enter');
  s = await eventually(() => fieldStatus(email).then((x) => [x.value, x.state, x.fix]), ['90203918@qq.com', 'ok', null]);
  assert.deepEqual(s, ['90203918@qq.com', 'ok', null], 'the fix corrected the address and the warning is gone');
}));

test('credit code of 宝坻区 with 所在区 滨海新区: a warning on 所在区 whose button sets 宝坻区', withPage(async (page) => {
  await typeText(rowControl(page, 0, 'credit_code'), '91120224064012553U');
  await page.keyboard.press('Tab');
  assert.equal((await fieldStatus(rowControl(page, 0, 'credit_code'))).state, 'ok');
  const district = rowControl(page, 0, 'district');
  await chooseWithKeys(district, '滨海新区');
  await page.keyboard.press('Tab');
  let s = await fieldStatus(district);
  assert.equal(s.state, 'warning', s.message);
  assert.match(s.message, /宝坻/, s.message);
  assert.ok(s.fix && s.fix.includes('宝坻区'), `fix button text names 宝坻区: ${s.fix}`);
  await page.locator('[data-row="0"] .field:has([name="district"]) [data-action="apply-fix"]').click();
  s = await eventually(() => fieldStatus(district).then((x) => [x.value, x.state, x.fix]), ['宝坻区', 'ok', null]);
  assert.deepEqual(s, ['宝坻区', 'ok', null], 'the select now shows 宝坻区 and is ok');
  assert.equal(await district.evaluate((el) => el.options[el.selectedIndex].textContent), '宝坻区');
}));

test('所在区 empty and a valid credit code: the district is offered at once', withPage(async (page) => {
  await typeText(rowControl(page, 0, 'credit_code'), '91120224064012553U');
  await page.keyboard.press('Tab');
  const district = rowControl(page, 0, 'district');
  const offer = page.locator('[data-row="0"] .field:has([name="district"]) [data-action="apply-fix"]');
  await offer.waitFor({ timeout: 2000 });
  assert.match(await offer.innerText(), /宝坻区/);
  assert.match((await fieldStatus(district)).message, /宝坻区/);
  await offer.focus();
  await page.keyboard.press('Space');
  const s = await eventually(() => fieldStatus(district).then((x) => [x.value, x.state]), ['宝坻区', 'ok']);
  assert.deepEqual(s, ['宝坻区', 'ok']);
}));
