// The desk's order lookup in Chromium: an order found by its receipt's id from another day and
// another operator, given back whole or in part with a reason after a confirmation of what it
// returns, through the dispatcher; judged by the sandbox's ledger and journal. A cashier of
// another shop is refused. Screenshots at 390 and 1280 px in both languages with layout checks
// and axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startStack,
  tokensWith,
  deduct,
  payment,
  axeViolations,
  signedIn,
  CUSTOMER,
  CASHIER,
  MANAGER_TOKEN,
  CASHIER_TOKEN,
  CONSOLE_UPSTREAM,
  openDesk,
  CONSUME,
  DEDUT,
} from '../fixtures.mjs';

const OPERATORS = ['op-manager-01', 'op-cashier-01', 'op-far'];
const shots = mkdtempSync(join(tmpdir(), 'desk-'));
let stack;

before(async () => {
  stack = await startStack({
    console: true,
    vars: {
      ...CONSOLE_UPSTREAM,
      CONSOLE_TOKENS: tokensWith({ far: { role: 'cashier', scope: { 10001: ['20002'] } } }),
    },
  });
});
after(() => stack?.close());

let n = 0;
const unique = (prefix) => `${prefix}-${Date.now().toString(36)}-${++n}`;

const write = (path, body, headers) => stack.write(path, body, headers);
const pay = (order, value) => write(DEDUT, payment(value, { outer_order_id: order }));
const balance = async () => {
  const c = await stack.customer();
  return { points: c.points.available, value: c.stored_value.PRE + c.stored_value.GIFT };
};
const journalOf = async (order) => (await stack.journal()).filter((j) => j.order === order);

async function desk(token, opts) {
  const page = await openDesk(stack.browser, stack.proxy.url, token, { ...opts, find: false });
  await page.waitForSelector('#lookup-card:not([hidden])');
  return page;
}

/** Types (pastes) the receipt's id and waits for the order or the refusal. */
async function find(page, order) {
  await stack.settled(...OPERATORS);
  await page.fill('#lookup-id', `  ${order} `);
  await page.click('#lookup-form button[type=submit]');
  await page.waitForSelector(`#lookup-order:text-is("${order}"), #lookup-failed`);
}

test("a refund of yesterday's order found by its receipt id", async () => {
  const order = unique('Y');
  // Yesterday a cashier took points and the manager stored value on one purchase.
  await write(CONSUME, deduct(120, { out_biz_id: order }), CASHIER);
  await pay(order, 300);
  await stack.settled(...OPERATORS);
  const yesterday = Date.now() - 86400_000;
  const day = new Date(yesterday + 8 * 3600_000).toISOString().slice(0, 10);
  const db = await stack.proxy.mf.getD1Database('AUDIT_DB');
  await db
    .prepare('UPDATE audit SET at = ?, day = ? WHERE order_id = ?')
    .bind(new Date(yesterday).toISOString(), day, order)
    .run();

  const page = await desk(MANAGER_TOKEN);
  await find(page, order);
  assert.equal(await page.textContent('#lookup-paid'), '120 积分 + 3.00\u00a0元');
  assert.equal(await page.textContent('#lookup-left'), '120 积分 + 3.00\u00a0元');
  const whens = await page.$$eval('#lookup-writes .when', (els) => els.map((e) => e.textContent));
  assert.equal(whens.length, 2);
  for (const w of whens) assert.match(w, new RegExp(`^${day} \\d{2}:\\d{2}:\\d{2}$`), 'GMT+8, yesterday');
  const rows = await page.$$eval('#lookup-writes li', (els) => els.map((e) => e.textContent));
  assert.match(rows[0], /op-cashier-01/);
  assert.match(rows[1], /op-manager-01/);

  // What it will give back is shown first; nothing moves until it is confirmed.
  const was = await balance();
  await page.click('#lookup-review');
  await page.waitForSelector('#lookup-confirm');
  const said = await page.textContent('#lookup-confirm-text');
  // The customer as the desk knows them: the masked mobile, never the platform's raw id.
  assert.ok(said.includes('120 积分 + 3.00\u00a0元') && said.includes(order) && said.includes('138****0001'), said);
  assert.ok(!said.includes(CUSTOMER), said);
  assert.deepEqual(await journalOf(order).then((j) => j.length), 2, 'nothing sent before the confirmation');
  await page.click('#lookup-yes');
  await page.waitForSelector('#lookup-outcome.ok');
  const now = await balance();
  assert.deepEqual([now.points - was.points, now.value - was.value], [120, 300]);
  const refunds = (await journalOf(order)).filter((j) => j.kind === 'refund');
  assert.deepEqual(
    refunds.map((j) => [j.operator, j.points, j.value]),
    [['op-manager-01', 120, 300]],
  );
  await page.waitForSelector('#lookup-none');
  assert.equal(await page.textContent('#lookup-none'), '此订单已全部退回');
  assert.equal(await page.textContent('#lookup-left'), '0');
  // Booked as every write is: in the session's history.
  assert.match(await page.textContent('#history'), new RegExp(order));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a partial refund: exactly the amount back, then the rest offered', async () => {
  const order = unique('P');
  await pay(order, 1500);
  const page = await desk(MANAGER_TOKEN, { lang: 'en' });
  const sent = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/top/alibaba.alsc.crm.recharge.undedut.update')) sent.push(r.postDataJSON());
  });
  await find(page, order);
  assert.equal(await page.textContent('#lookup-left'), '15.00\u00a0yuan');
  await page.check('#lookup-partial');
  await page.fill('#lookup-amount', '20');
  await page.click('#lookup-review');
  assert.equal(await page.textContent('#lookup-error'), 'The amount must be more than 0 and at most 15.00\u00a0yuan');
  await page.fill('#lookup-amount', '４.00');
  await page.click('#lookup-review');
  assert.equal(await page.textContent('#lookup-error'), 'Say why it is given back');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lookup-reason');
  await page.fill('#lookup-reason', '少上一道菜');
  await page.click('#lookup-review');
  await page.waitForSelector('#lookup-confirm');
  assert.match(await page.textContent('#lookup-confirm-text'), /^This gives back 4\.00\u00a0yuan to customer /);
  assert.equal((await journalOf(order)).length, 1, 'nothing sent before the confirmation');

  const was = await balance();
  await page.click('#lookup-yes');
  await page.waitForSelector('#lookup-outcome.ok');
  await page.waitForSelector('#lookup-left:text-is("11.00\u00a0yuan")');
  assert.equal((await balance()).value - was.value, 400, 'exactly the partial amount came back');
  const back = (await journalOf(order)).filter((j) => j.kind === 'value.undedut');
  assert.deepEqual(
    back.map((j) => [j.value, j.operator]),
    [[400, 'op-manager-01']],
  );
  assert.match(
    await page.textContent('#lookup-writes li:last-child'),
    /op-manager-01 · Return stored value \(reversal\) · 4\.00\u00a0yuan · applied$/,
  );
  // The rest is offered: all that is left, 11.00 元.
  assert.equal(await page.textContent('#lookup-reversed'), '4.00\u00a0yuan');
  assert.match(await page.textContent('label:has(#lookup-whole)'), /All that is left: 11\.00\u00a0yuan/);
  await page.check('#lookup-whole');
  await page.fill('#lookup-reason', 'the rest');
  await page.click('#lookup-review');
  await page.waitForSelector('#lookup-confirm');
  assert.match(await page.textContent('#lookup-confirm-text'), /^This gives back 11\.00\u00a0yuan/);
  await page.click('#lookup-yes');
  await page.waitForSelector('#lookup-none');
  assert.equal((await balance()).value - was.value, 1500);
  assert.deepEqual(
    (await journalOf(order)).filter((j) => j.kind === 'value.undedut').map((j) => j.value),
    [400, 1100],
  );
  // The sandbox's journal keeps no remark: what each reversal sent says its reason.
  assert.deepEqual(
    sent.map((b) => [b.outer_order_id, b.value, b.remark]),
    [
      [order, 400, '少上一道菜'],
      [order, 1100, 'the rest'],
    ],
  );
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a reversal whose reply is lost is retried with the same request id and applied once', async () => {
  const order = unique('U');
  await pay(order, 600);
  const page = await desk(MANAGER_TOKEN);
  await find(page, order);
  assert.match(await page.textContent('#lookup-result .who'), /门店: 小王面馆 西湖店/);
  await page.fill('#lookup-reason', '整单退');
  await page.click('#lookup-review');
  await page.waitForSelector('#lookup-confirm');
  const was = await balance();
  const ids = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/top/alibaba.alsc.crm.recharge.undedut.update')) ids.push(r.postDataJSON().request_id);
  });
  await stack.faults('12345678', [
    { kind: 'drop-after', methods: ['alibaba.alsc.crm.recharge.undedut.update'], count: 1 },
  ]);
  await page.click('#lookup-yes');
  await page.waitForSelector('#lookup-outcome.unknown');
  // Locked to its request while its outcome is unknown, and awaiting it.
  assert.equal(await page.isDisabled('#lookup-review'), true);
  await page.waitForSelector('#pending-card:not([hidden])');
  await page.click('#lookup-retry');
  await page.waitForSelector('#lookup-outcome.ok');
  await page.waitForSelector('#lookup-none');
  assert.equal(ids.length, 2);
  assert.equal(ids[0], ids[1], 'the retry is the same request');
  assert.equal(await page.$('#lookup-rid'), null, 'nothing is left to give back');
  assert.equal((await balance()).value - was.value, 600, 'applied once');
  assert.deepEqual(
    (await journalOf(order)).filter((j) => j.kind === 'value.undedut').map((j) => [j.value, j.request_id]),
    [[600, ids[0]]],
  );
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a cashier of another shop is refused; one of its shop sees the order and may not reverse it', async () => {
  const order = unique('C');
  await pay(order, 200);
  const far = await desk('token-far');
  await find(far, order);
  assert.equal(await far.textContent('#lookup-failed'), `在您的门店没有订单 ${order} 的记录（订单号区分大小写）`);
  assert.equal(await far.$('#lookup-paid'), null, 'nothing of the order is shown');
  const api = await stack.get(0, `/v1/orders/${order}`, signedIn('token-far'));
  assert.equal(api.status, 404);
  await far.close();

  const near = await desk(CASHIER_TOKEN);
  await find(near, order);
  assert.equal(await near.textContent('#lookup-paid'), '2.00\u00a0元');
  assert.equal(await near.textContent('#lookup-none'), '您不能退回此订单: 您的角色没有此退回权限');
  assert.equal(await near.$('#lookup-review'), null);
  await near.close();
});

/** What overflows its box, overlaps a sibling or is too small to tap inside the lookup card. */
const layoutFaults = (page) =>
  page.evaluate(() => {
    const faults = [];
    const shown = (e) => e.getClientRects().length > 0;
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}`;
    for (const e of document.querySelectorAll('#lookup-card, #lookup-card *')) {
      if (!shown(e) || e.clientWidth === 0) continue;
      if (e.scrollWidth > e.clientWidth + 1) faults.push(`${name(e)} overflows (${e.scrollWidth} > ${e.clientWidth})`);
    }
    for (const parent of document.querySelectorAll('#lookup-card, #lookup-card *')) {
      const kids = [...parent.children].filter(shown).map((k) => [k, k.getBoundingClientRect()]);
      for (let i = 0; i < kids.length; i++)
        for (let j = i + 1; j < kids.length; j++) {
          const [a, ra] = kids[i];
          const [b, rb] = kids[j];
          const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          if (x > 1 && y > 1) faults.push(`${name(a)} overlaps ${name(b)}`);
        }
    }
    for (const e of document.querySelectorAll('#lookup-card :is(button, input, select)'))
      if (shown(e) && e.getBoundingClientRect().height < 44) faults.push(`${name(e)} is a tap target under 44 px`);
    const card = document.querySelector('#lookup-card').getBoundingClientRect();
    if (card.right > innerWidth) faults.push('the card is wider than the page');
    if (document.documentElement.scrollWidth > innerWidth) faults.push('the page scrolls sideways');
    if (/\b(null|undefined|NaN)\b/.test(document.querySelector('#lookup-card').textContent))
      faults.push('a missing value shows as text');
    return faults;
  });

test('the order lookup at 390 and 1280 px in both languages: nothing overflows or overlaps, no axe violation', async () => {
  const order = unique('L');
  await pay(order, 1500);
  await write(CONSUME, deduct(30, { out_biz_id: unique('L') }), CASHIER);
  const db = await stack.proxy.mf.getD1Database('AUDIT_DB');
  await stack.settled(...OPERATORS);
  await db
    .prepare('UPDATE audit SET at = ? WHERE order_id = ?')
    .bind(new Date(Date.now() - 86400_000).toISOString(), order)
    .run();
  for (const lang of ['zh', 'en'])
    for (const width of [390, 1280]) {
      const page = await desk(MANAGER_TOKEN, { width, lang });
      await find(page, order);
      await page.check('#lookup-partial');
      await page.fill('#lookup-amount', '1.00');
      await page.fill('#lookup-reason', lang === 'zh' ? '顾客退菜' : 'a dish returned');
      const label = `${lang} ${width}`;
      assert.deepEqual(await layoutFaults(page), [], label);
      await page.locator('#lookup-card').screenshot({ path: join(shots, `lookup-${width}-${lang}.png`) });
      assert.deepEqual(await axeViolations(page), [], label);
      await page.click('#lookup-review');
      await page.waitForSelector('#lookup-confirm');
      assert.deepEqual(await layoutFaults(page), [], `${label} confirming`);
      await page.locator('#lookup-card').screenshot({ path: join(shots, `lookup-confirm-${width}-${lang}.png`) });
      assert.deepEqual(await axeViolations(page), [], `${label} confirming`);
      // A refusal in the chosen language, laid out as well.
      await page.fill('#lookup-id', 'NO-SUCH-ORDER');
      await page.click('#lookup-form button[type=submit]');
      await page.waitForSelector('#lookup-failed');
      assert.deepEqual(await layoutFaults(page), [], `${label} not found`);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
});
