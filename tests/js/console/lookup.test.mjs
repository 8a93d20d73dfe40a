// Customer lookup in the console (issue 24), in Chromium against the sandbox through the proxy:
// a mobile in every common notation, a member card number, a card instance id and a U8 member id
// find 张三; the card shows level and card template; the U8 link is set once by an operator,
// kept by the proxy (not the browser), and the U8 points beside the ALSC balance in another
// browser context are the sandbox ledger's. Screenshots at 390 and 1280 px in both languages,
// with layout checks and axe. The pure parts (mobile.js, lookup.js) without a browser first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMobile } from '../../../www/console/src/mobile.js';
import { readLookup } from '../../../www/console/src/lookup.js';
import {
  axeViolations,
  startStack,
  fillU8Award,
  CUSTOMER,
  OTHER_CUSTOMER,
  MANAGER,
  MANAGER_TOKEN,
  CASHIER_TOKEN,
  CONSOLE_UPSTREAM,
  rolesWith,
  openDesk,
} from '../fixtures.mjs';
import { demoVars } from '../../../www/worker/local.mjs';

const NOTATIONS = [
  '13800000001',
  '138 0000 0001',
  '138-0000-0001',
  '138.0000.0001',
  '+86 138 0000 0001',
  '+8613800000001',
  '0086 138 0000 0001',
  '0086-13800000001',
  '(+86) 138-0000-0001',
  '８６ １３８ ００００ ０００１',
  '１３８０００００００１',
  '＋８６１３８０００００００１',
  ' 138　0000　0001 ',
];

test('a mobile in every common notation reads as its eleven digits; a bad one names its rule', () => {
  for (const n of NOTATIONS) assert.deepEqual(readMobile(n), { mobile: '13800000001' }, n);
  for (const [text, rule] of [
    ['', 'required'],
    ['  - ', 'required'],
    ['138 0000 000a', 'chars'],
    ['+1 138 0000 0001', 'chars'],
    ['1380000000', 'length'],
    ['138000000012', 'length'],
    ['+86 1380000000', 'length'],
    ['12800000001', 'prefix'],
    ['23800000001', 'prefix'],
  ])
    assert.deepEqual(readMobile(text), { error: rule }, text);
});

test('a find entry is the lookup it makes, or the field and rule it breaks', () => {
  assert.deepEqual(readLookup('mobile', '+86 138-0000-0001'), { by: 'mobile', value: '13800000001' });
  assert.deepEqual(readLookup('mobile', '138'), { error: { field: 'mobile', rule: 'length' } });
  assert.deepEqual(readLookup('card_id', ' ７３２８７６３７８４６２３ '), { by: 'card_id', value: '7328763784623' });
  assert.deepEqual(readLookup('u8_member_id', '10000001'), { by: 'u8_member_id', value: '10000001' });
  assert.deepEqual(readLookup('physical_card_id', ''), { error: { field: 'physical_card_id', rule: 'required' } });
  assert.deepEqual(readLookup('customer_id', "1' OR 1=1"), { error: { field: 'customer_id', rule: 'format' } });
  assert.deepEqual(readLookup('name', 'x'), { error: { field: 'find-by', rule: 'format' } });
});

let stack;
let shots;

before(async () => {
  shots = mkdtempSync(join(tmpdir(), 'lookup-shots-'));
  // Every notation is a lookup of its own (with the link, template, flows and vouchers read):
  // the cashier's 120 calls a minute would end the test, not the desk's day.
  const cashier = JSON.parse(demoVars().ROLES).cashier;
  const roles = rolesWith({ cashier: { ...cashier, limits: { ...cashier.limits, callsPerMinute: 2000 } } });
  stack = await startStack({ console: true, vars: { ...CONSOLE_UPSTREAM, ROLES: roles } });
});
after(() => stack?.close());

/** A signed-in page in its own browser context (its own localStorage), in `lang`, `width` wide. */
const desk = (token, opts) => openDesk(stack.browser, stack.proxy.url, token, { ...opts, find: false });

/** Finds by `by` with `value`; waits for the customer (or for the error when `error`). */
async function find(page, by, value, { error = false } = {}) {
  await page.selectOption('#find-by', by);
  await page.fill('#find-value', value);
  // Whatever was shown before goes: the next answer is the one waited for.
  await page.evaluate(() => {
    document.querySelector('#find-error').textContent = '';
    document.querySelector('#customer').hidden = true;
  });
  await page.click('#find-form button[type=submit]');
  if (error) await page.waitForFunction(() => document.querySelector('#find-error').textContent.length > 0);
  else await page.waitForSelector('#customer:not([hidden]) #points-available');
}

const shownCustomer = (page) => page.textContent('#customer p');

test('each notation of a mobile, a member card number, a card instance id and a U8 member id find 张三', async () => {
  const page = await desk(CASHIER_TOKEN);
  // The box says what it takes for each way.
  assert.match(await page.getAttribute('#find-value', 'placeholder'), /138 0000 0001/);
  await page.selectOption('#find-by', 'card_id');
  assert.match(await page.getAttribute('#find-value', 'placeholder'), /卡实例ID/);
  for (const n of NOTATIONS) {
    await find(page, 'mobile', n);
    const line = await shownCustomer(page);
    assert.match(line, /张三/, n);
    assert.match(line, new RegExp(CUSTOMER), n);
    assert.match(line, /138\*\*\*\*0001/, n);
    assert.doesNotMatch(line, /13800000001/, 'never the full mobile');
  }
  // A bad mobile is told by its rule beside the form, and nothing is asked of the platform.
  await find(page, 'mobile', '138 0000 000', { error: true });
  assert.match(await page.textContent('#find-error'), /11 位/);
  assert.equal(await page.getAttribute('#find-value', 'aria-invalid'), 'true');
  assert.equal(await page.isHidden('#customer'), true);
  await find(page, 'mobile', '12800000001', { error: true });
  assert.match(await page.textContent('#find-error'), /13 至 19/);

  await find(page, 'physical_card_id', 'P-0001');
  assert.match(await shownCustomer(page), /张三/);
  await find(page, 'card_id', '7328763784623');
  assert.match(await shownCustomer(page), /张三/);
  assert.match(await page.textContent('#card-id'), /7328763784623/);
  await find(page, 'card_id', '9999', { error: true });
  assert.match(await page.textContent('#find-error'), /未找到|不存在|找不到/);
  await find(page, 'physical_card_id', 'P-0002');
  assert.match(await shownCustomer(page), /李四/);

  // The level and the card template, from the platform's documented fields.
  await find(page, 'mobile', '13800000001');
  assert.equal(await page.textContent('#customer-level'), '金卡会员');
  assert.match(await page.textContent('#card-template'), /金卡 \(T-GOLD\)/);
  await find(page, 'mobile', '13800000002');
  assert.equal(await page.textContent('#customer-level'), '银卡会员');
  assert.match(await page.textContent('#card-template'), /银卡 \(T-SILVER\)/);

  // A U8 member id nobody linked finds nobody, and says so.
  await find(page, 'u8_member_id', '10000009', { error: true });
  assert.match(await page.textContent('#find-error'), /10000009/);
  assert.deepEqual(page.errors, []);
  await page.done();
});

test('the U8 link is set once by an operator; another browser finds by it and sees the U8 points of the ledger', async () => {
  const a = await desk(CASHIER_TOKEN);
  await find(a, 'mobile', '138-0000-0001');
  assert.match(await a.textContent('[data-testid="u8-points"]'), /尚未关联/);
  assert.equal(await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('u8mid')).length), 0);
  // A bad id is refused in the tile, nothing sent.
  await a.fill('#u8-link-mid', '1000 0001');
  await a.click('#u8-link-form button');
  await a.waitForFunction(() => document.querySelector('#u8-link-error')?.textContent.length > 0);
  assert.match(await a.textContent('#u8-link-error'), /U8 会员ID/);
  await a.fill('#u8-link-mid', '138 0000 0001');
  await a.click('#u8-link-form button');
  await a.waitForFunction(() => /手机号/.test(document.querySelector('#u8-link-error')?.textContent));
  await a.fill('#u8-link-mid', '10000001');
  await a.click('#u8-link-form button');
  await a.waitForSelector('#u8-linked');
  assert.match(await a.textContent('#u8-linked'), /10000001 · op-cashier-01/);
  // No U8 answer seen for this member yet: its points are not made up.
  assert.match(await a.textContent('#u8-balance'), /首次 U8 积分变动后显示/);
  // The U8 form takes the linked member and does not let it be retyped.
  await fillU8Award(a);
  assert.equal(await a.inputValue('#f-mid'), '10000001');
  assert.ok(await a.isDisabled('#f-mid'));
  await a.click('#submit');
  await a.waitForSelector('#outcome.ok');
  const ledger = (await stack.customer()).u8.points;
  assert.equal(ledger, 1100);
  await a.waitForFunction((p) => document.querySelector('#u8-balance')?.textContent === p, String(ledger));
  // A cashier may not replace a link: refused, and nothing offered to.
  await find(a, 'mobile', '13800000002');
  await a.fill('#u8-link-mid', '10000001');
  await a.click('#u8-link-form button');
  await a.waitForFunction(() => document.querySelector('#u8-link-error')?.textContent.length > 0);
  assert.match(await a.textContent('#u8-link-error'), /店长/);
  assert.equal(await a.$('#u8-link-replace'), null);
  await a.done();

  // Another browser (its own storage), another operator: the link is the proxy's.
  const b = await desk(MANAGER_TOKEN);
  await find(b, 'u8_member_id', '10000001');
  assert.match(await shownCustomer(b), /张三/);
  assert.equal(await b.textContent('#u8-balance'), String(ledger));
  assert.match(await b.textContent('#u8-member'), /10000001/);
  // 李四 cannot be linked to 张三's member: the proxy refuses, and the tile says why.
  await find(b, 'mobile', '13800000002');
  await b.fill('#u8-link-mid', '10000001');
  await b.click('#u8-link-form button');
  await b.waitForFunction(() => document.querySelector('#u8-link-error')?.textContent.length > 0);
  assert.match(await b.textContent('#u8-link-error'), new RegExp(`10000001.*${CUSTOMER}`));
  // The manager may replace it, on purpose: 李四 gets the member, 张三 has none.
  await b.click('#u8-link-replace');
  await b.waitForSelector('#u8-linked');
  assert.match(await b.textContent('#u8-linked'), /10000001 · op-manager-01/);
  const link = async (query) =>
    (await (await stack.get(0, `/v1/links?${new URLSearchParams(query)}`)).json()).data.link;
  assert.equal((await link({ u8_member_id: '10000001' })).customer_id, OTHER_CUSTOMER);
  assert.equal(await link({ customer_id: CUSTOMER }), null);
  await find(b, 'mobile', '13800000001');
  assert.match(await b.textContent('[data-testid="u8-points"]'), /尚未关联/);
  // And back, through the proxy, for the screens below.
  const back = await stack.proxy.fetchVia(0, '/v1/links', {
    method: 'PUT',
    headers: MANAGER,
    body: JSON.stringify({ customer_id: CUSTOMER, u8_member_id: '10000001', replace: true }),
  });
  assert.equal(back.status, 201);
  // The audit trail names the link in words, with who set it.
  await b.click('#audit-refresh');
  await b.waitForFunction(() =>
    [...document.querySelectorAll('#audit td')].some((td) => td.textContent === '关联 U8 会员'),
  );
  assert.deepEqual(b.errors, []);
  await b.done();
  // One link in D1, audited with who set it.
  const rows = (await stack.rows()).filter((r) => r.operation === 'link:u8');
  assert.deepEqual(
    rows.map((r) => [r.operator, r.customer]),
    [['op-cashier-01', CUSTOMER]],
  );
});

/** What is wrong with the find card's layout: overflowing, overlapping, tap targets under 44 px. */
const layoutProblems = (page) =>
  page.evaluate(() => {
    const problems = [];
    // Labels kept for screen readers only (.sr) are clipped on purpose.
    const shown = (e) => e.getClientRects().length > 0 && !e.closest('.sr');
    for (const e of document.querySelectorAll('#find-form *, #customer *, #find-error'))
      if (shown(e) && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
        problems.push(`${e.tagName}#${e.id}.${e.className} overflows (${e.scrollWidth} > ${e.clientWidth})`);
    const boxes = [...document.querySelectorAll('#customer .asset, #find-form > *:not(.sr)')].filter(shown);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i].getBoundingClientRect(), boxes[j].getBoundingClientRect()];
        if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
          problems.push(`${boxes[i].id || boxes[i].className} overlaps ${boxes[j].id || boxes[j].className}`);
      }
    if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');
    for (const e of document.querySelectorAll('#find-form :is(button, input, select), #customer :is(button, input)'))
      if (shown(e) && e.getBoundingClientRect().height < 44) problems.push(`${e.id || e.textContent} is under 44 px`);
    return problems;
  });

test('the lookup at 390 and 1280 px in both languages: nothing overflows or overlaps, and axe finds nothing', async () => {
  for (const lang of ['zh', 'en']) {
    for (const width of [390, 1280]) {
      const page = await desk(CASHIER_TOKEN, { width, lang });
      // A bad mobile's message, then 李四 (not linked: the link form) and 张三 (linked: U8 points).
      await find(page, 'mobile', '+86 138 0000', { error: true });
      assert.deepEqual(await layoutProblems(page), [], `error ${width} ${lang}`);
      assert.deepEqual(await axeViolations(page), [], `error ${width} ${lang}`);
      await find(page, 'card_id', '7328763784624');
      await page.waitForSelector('#u8-link-form');
      assert.match(await page.textContent('#customer-level'), lang === 'zh' ? /银卡会员/ : /银卡会员/);
      assert.deepEqual(await layoutProblems(page), [], `unlinked ${width} ${lang}`);
      assert.deepEqual(await axeViolations(page), [], `unlinked ${width} ${lang}`);
      await page.screenshot({ path: join(shots, `lookup-unlinked-${width}-${lang}.png`), fullPage: true });
      await page
        .locator('section:has(#find-form)')
        .screenshot({ path: join(shots, `find-unlinked-${width}-${lang}.png`) });
      await find(page, 'u8_member_id', '10000001');
      await page.waitForSelector('#u8-linked');
      assert.match(await page.textContent('#u8-linked'), lang === 'zh' ? /关联于/ : /linked by/);
      assert.deepEqual(await layoutProblems(page), [], `linked ${width} ${lang}`);
      assert.deepEqual(await axeViolations(page), [], `linked ${width} ${lang}`);
      await page.screenshot({ path: join(shots, `lookup-linked-${width}-${lang}.png`), fullPage: true });
      await page
        .locator('section:has(#find-form)')
        .screenshot({ path: join(shots, `find-linked-${width}-${lang}.png`) });
      assert.deepEqual(page.errors, []);
      await page.done();
    }
  }
});
