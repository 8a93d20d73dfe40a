// The console end to end, as an operator in a hurry uses it: switching customer while a call is
// slow, signing out, pressing "new operation", reloading or closing the tab with a call in
// flight, lost replies, a lookup that fails, the proxy or the platform down. Every case is
// judged by the sandbox's ledger (what the platform applied, to whom, how many times) and by
// what the screen then says. Slow and lost replies are made between the page and the proxy
// (Playwright's routing: the request reaches the proxy and applies; its answer is held or lost).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  signIn,
  payByForm,
  startStack,
  fillU8Award,
  CUSTOMER as ZHANG,
  OTHER_CUSTOMER as LI,
  MANAGER_TOKEN,
  CASHIER_TOKEN,
  CONSOLE_UPSTREAM,
  chooseChannel,
} from '../fixtures.mjs';

const DEDUCT = 'alibaba.alsc.crm.point.extra.consume';
let worker;
let browser;

let stack;

before(async () => {
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
  ({ proxy: worker, browser } = stack);
});
after(() => stack?.close());

const available = async (id) => (await stack.customer(id)).points.available;
/** How many times the platform applied this request id (the sandbox's journal). */
const appliedTimes = async (requestId) =>
  (await stack.journal()).filter((j) => JSON.stringify(j).includes(requestId)).length;

async function open(context, token = MANAGER_TOKEN) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.errors = errors;
  await signIn(page, worker.url, token);
  return page;
}

async function find(page, mobile) {
  await page.fill('#find-value', mobile);
  await page.click('#find-form button[type=submit]');
  await page.waitForFunction(
    (m) =>
      document.querySelector('#customer:not([hidden])')?.textContent.includes(`${m.slice(0, 3)}****${m.slice(-4)}`),
    mobile,
  );
}

/** Fills the deduction form and submits it; answers with its request id. */
async function deduct(page, n) {
  await page.click(`[data-method="${DEDUCT}"]`);
  await chooseChannel(page, 'CS');
  await page.fill('#f-change_point', String(n));
  await page.fill('#f-reason', '补扣');
  const rid = await page.textContent('#request-id');
  await page.click('#submit');
  return rid;
}

/**
 * The next call of `method` reaches the proxy (and applies); its answer is held until
 * `release()` (`lose: true`: the answer is lost, the page's fetch fails).
 */
async function slowReply(page, method, { lose = false } = {}) {
  let release;
  const gate = new Promise((r) => (release = r));
  let arrived;
  const applied = new Promise((r) => (arrived = r));
  await page.route(
    `**/v1/top/${method}`,
    async (route) => {
      const response = await route.fetch();
      arrived();
      if (lose) return route.abort('failed');
      await gate;
      await route.fulfill({ response }).catch(() => {});
    },
    { times: 1 },
  );
  return { applied, release };
}

test('a slow deduction stays with its customer: no lookup while it is in flight, and its rows name them', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const [zhang, li] = [await available(ZHANG), await available(LI)];
  const slow = await slowReply(page, DEDUCT);
  const rid = await deduct(page, 10);
  await slow.applied;
  // The operator looks up someone else meanwhile (Enter in the box, or the button).
  assert.equal(await page.$eval('#find-form button[type=submit]', (b) => b.disabled), true);
  assert.equal(await page.$eval('#find-value', (i) => i.disabled), true);
  await page.evaluate(() => {
    document.querySelector('#find-value').value = '13800000002';
    document.querySelector('#find-form').requestSubmit();
  });
  slow.release();
  await page.waitForSelector('#outcome.ok');
  assert.equal(await available(ZHANG), zhang - 10);
  assert.equal(await available(LI), li);
  const row = await page.textContent('#history tbody tr:last-child');
  assert.ok(row.includes('138****0001') && row.includes(rid), row);
  assert.ok(!row.includes('138****0002'), row);
  assert.match(await page.textContent('#customer'), /138\*\*\*\*0001/, 'the panel still shows the customer it was for');
  // Now the lookup goes through; the order row still belongs to 张三.
  await find(page, '13800000002');
  assert.match(await page.textContent('#orders tbody'), /138\*\*\*\*0001/);
  assert.doesNotMatch(await page.textContent('#orders tbody'), /138\*\*\*\*0002/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the forms offer no field naming another customer: points go to the one looked up', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000002');
  const [zhang, li] = [await available(ZHANG), await available(LI)];
  await page.click('[data-method="alibaba.alsc.crm.open.point.operate"]');
  for (const f of ['mobile', 'outer_id', 'outer_type', 'customer_id'])
    assert.equal(await page.$(`#f-${f}`), null, `no ${f} field`);
  assert.equal(
    await page.$$eval('#action-form .field-error[role]', (e) => e.length),
    0,
    'one live region, not one a field',
  );
  await page.fill('#f-change_point', '5');
  await page.fill('#f-reason', '补录');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  assert.equal(await available(LI), li + 5);
  assert.equal(await available(ZHANG), zhang);
  await page.context().close();
});

test("a cashier's deduction in flight: no sign-out until it is answered, and nothing of it reaches the manager", async () => {
  const page = await open(await browser.newContext(), CASHIER_TOKEN);
  await find(page, '13800000001');
  const slow = await slowReply(page, DEDUCT);
  const rid = await deduct(page, 10);
  await slow.applied;
  assert.equal(await page.$eval('#signout', (b) => b.disabled), true, 'sign-out waits for the answer');
  assert.equal(await page.$eval('#new-order', (b) => b.disabled), true);
  slow.release();
  await page.waitForSelector('#outcome.ok');
  assert.match(await page.textContent('#history tbody'), new RegExp(rid));
  await page.click('#signout');
  await page.fill('#token', MANAGER_TOKEN);
  await page.press('#token', 'Enter');
  await page.waitForSelector('#workspace:not([hidden])');
  assert.equal(await page.$$eval('#history tbody tr', (r) => r.length), 0, "none of the cashier's history");
  assert.equal(await page.isHidden('#orders-card'), true, "none of the cashier's orders");
  assert.equal(await page.isHidden('#order-bar'), true, "not the cashier's current order");
  assert.equal(await page.isHidden('#pending-card'), true);
  await page.context().close();
});

test('"new operation" never sends a second deduction unawares: locked while in flight, asks after an unknown outcome', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const zhang = await available(ZHANG);
  const slow = await slowReply(page, DEDUCT);
  await deduct(page, 10);
  await slow.applied;
  assert.equal(await page.$eval('#new-form', (b) => b.disabled), true, 'no new operation while in flight');
  slow.release();
  await page.waitForSelector('#outcome.ok');

  // The answer lost: the outcome is unknown, and the form is locked to that request.
  const lost = await slowReply(page, DEDUCT, { lose: true });
  const rid = await deduct(page, 10);
  await lost.applied;
  await page.waitForSelector('#outcome.unknown');
  assert.match(await page.textContent('#outcome'), /无法连接代理服务/);
  assert.equal(await page.$eval('#f-change_point', (i) => i.disabled), true, 'its amount cannot change');
  page.once('dialog', (d) => d.dismiss());
  await page.click('#new-form');
  assert.equal(await page.textContent('#request-id'), rid, 'declined: still the same request');
  await page.click('#retry');
  await page.waitForSelector('#outcome.ok');
  assert.equal(await available(ZHANG), zhang - 20, 'ten and ten: the retry applied nothing twice');
  assert.equal(await appliedTimes(rid), 1);

  // Accepted: the unknown request waits under "awaiting an outcome", with its own retry.
  const lost2 = await slowReply(page, DEDUCT, { lose: true });
  const rid2 = await deduct(page, 10);
  await lost2.applied;
  await page.waitForSelector('#outcome.unknown');
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    d.accept();
  });
  await page.click('#new-form');
  assert.match(asked, new RegExp(rid2));
  assert.notEqual(await page.textContent('#request-id'), rid2);
  await page.waitForSelector(`[data-pending="${rid2}"]`);
  await page.click(`[data-retry="${rid2}"]`);
  await page.waitForFunction(() => document.querySelector('#pending-card').hidden);
  assert.equal(await available(ZHANG), zhang - 30);
  assert.equal(await appliedTimes(rid2), 1);
  await page.context().close();
});

test('a reload or a closed tab with a call in flight: the operation is shown as awaiting, and its retry applies once', async () => {
  const context = await browser.newContext();
  let page = await open(context);
  await find(page, '13800000001');
  const zhang = await available(ZHANG);
  const slow = await slowReply(page, DEDUCT);
  const rid = await deduct(page, 10);
  await slow.applied;
  await page.reload();
  await page.waitForSelector(`[data-pending="${rid}"]`);
  assert.match(await page.textContent(`[data-pending="${rid}"]`), /138\*\*\*\*0001.*页面被关闭或刷新/);
  assert.equal(await available(ZHANG), zhang - 10, 'it had applied');

  // Closed instead: the next tab of the same operator shows it too.
  await page.close();
  page = await open(context);
  await page.waitForSelector(`[data-pending="${rid}"]`);
  await page.click(`[data-retry="${rid}"]`);
  await page.waitForFunction(() => document.querySelector('#pending-card').hidden);
  assert.match(await page.textContent('#pending-result'), /已执行/);
  const row = await page.textContent('#history tbody tr:last-child');
  assert.ok(row.includes(rid) && row.includes('138****0001') && row.includes('已执行'), row);
  assert.equal(await available(ZHANG), zhang - 10, 'applied once');
  assert.equal(await appliedTimes(rid), 1);
  slow.release();
  await context.close();
});

test('a failed lookup clears the previous customer: no panel, no form to submit against them', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  await page.click(`[data-method="${DEDUCT}"]`);
  await page.fill('#find-value', '13899999999');
  await page.click('#find-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#find-error').textContent.length > 0);
  assert.equal(await page.isHidden('#customer'), true);
  assert.equal(await page.isHidden('#actions'), true);
  assert.equal(await page.$('#submit'), null);
  assert.equal(await page.isHidden('#order-bar'), true);
  await page.context().close();
});

test("after an unknown outcome for one customer, another customer's form is fresh and the retry stays with the first", async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const [zhang, li] = [await available(ZHANG), await available(LI)];
  const lost = await slowReply(page, DEDUCT, { lose: true });
  const rid = await deduct(page, 10);
  await lost.applied;
  await page.waitForSelector('#outcome.unknown');
  await find(page, '13800000002');
  await page.click(`[data-method="${DEDUCT}"]`);
  assert.notEqual(await page.textContent('#request-id'), rid, "李四's form is a new request");
  assert.match(await page.textContent(`[data-pending="${rid}"]`), /138\*\*\*\*0001/);
  await page.click(`[data-retry="${rid}"]`);
  await page.waitForFunction(() => document.querySelector('#pending-card').hidden);
  const row = await page.textContent('#history tbody tr:last-child');
  assert.ok(row.includes(rid) && row.includes('138****0001') && row.includes('已执行'), row);
  assert.equal(await available(ZHANG), zhang - 10);
  assert.equal(await available(LI), li);
  assert.equal(await appliedTimes(rid), 1);
  await page.context().close();
});

test('the proxy down and the platform down are told apart, and neither is an uncaught error', async () => {
  const page = await open(await browser.newContext());
  await page.route('**/v1/top/alibaba.alsc.crm.open.customer.get', (route) => route.abort('connectionrefused'));
  await page.fill('#find-value', '13800000001');
  await page.click('#find-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#find-error').textContent.length > 0);
  assert.match(await page.textContent('#find-error'), /无法连接代理服务/);
  await page.unroute('**/v1/top/alibaba.alsc.crm.open.customer.get');
  await find(page, '13800000001');
  const zhang = await available(ZHANG);
  const faults = (f) => stack.faults('12345678', f);
  await faults([{ kind: 'drop-before', methods: [DEDUCT] }]);
  try {
    await deduct(page, 10);
    await page.waitForSelector('#outcome.unknown');
    assert.match(await page.textContent('#outcome'), /代理无法连接平台/);
    assert.doesNotMatch(await page.textContent('#outcome'), /本机网络问题）$|请检查本机网络/);
  } finally {
    await faults([]);
  }
  assert.equal(await available(ZHANG), zhang, 'dropped before: nothing applied');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a top-up is an order of its own: the payment beside it is refunded alone, and the top-up stays refundable', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const pre = (await stack.customer(ZHANG)).stored_value.PRE;
  const order = await page.textContent('#current-order');
  await payByForm(page);
  const topUps = [];
  for (const yuan of ['100', '50']) {
    await page.click('[data-method="alibaba.alsc.crm.recharge.charge.update"]');
    await chooseChannel(page, 'KRY');
    await page.fill('#f-real_value', yuan);
    await page.click('#submit');
    await page.waitForSelector('#outcome.ok, #outcome.bad');
    assert.match(await page.textContent('#outcome'), /已执行/, 'a second top-up is no duplicate');
    topUps.push(await page.textContent('#outcome-order'));
  }
  assert.ok(topUps.every((t) => t !== order) && topUps[0] !== topUps[1], `${order} ${topUps}`);
  assert.equal((await stack.customer(ZHANG)).stored_value.PRE, pre - 1500 + 15000);
  await page.click(`[data-refund="${order}"]`);
  await chooseChannel(page, 'KRY');
  await page.click('#submit');
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');
  assert.equal((await stack.customer(ZHANG)).stored_value.PRE, pre + 15000, 'the payment came back, the top-ups stay');
  for (const t of topUps) assert.ok(await page.$(`[data-refund="${t}"]`), `${t} can still be refunded`);
  await page.context().close();
});

test('a partial return shows what is left of its order; a refusal stating 分 reads in 元, in both languages', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000002');
  const pre = (await stack.customer(LI)).stored_value.PRE;
  const pay = async (yuan) => {
    await page.click('[data-method="alibaba.alsc.crm.recharge.dedut.update"]');
    await chooseChannel(page, 'KRY');
    await page.fill('#f-value', yuan);
    await page.click('#submit');
    await page.waitForSelector('#outcome.ok, #outcome.bad');
  };
  // More than the balance: the platform's refusal counts in 分, the desk reads 元.
  await pay(`${(pre + 700) / 100}`);
  const refusal = await page.textContent('#outcome.bad');
  assert.ok(refusal.includes(`可用 ${(pre / 100).toFixed(2)}\u00a0元`), refusal);
  assert.doesNotMatch(refusal, /\d 分/);
  assert.equal((await stack.customer(LI)).stored_value.PRE, pre);
  await pay('3');
  const order = await page.textContent('#outcome-order');
  const row = `#orders tr[data-order="${order}"]`;
  const giveBack = async (yuan) => {
    await page.click(`[data-refund="${order}"]`);
    assert.equal(
      await page.getAttribute('[data-method="alibaba.alsc.crm.recharge.undedut.update"]', 'aria-selected'),
      'true',
    );
    await chooseChannel(page, 'KRY');
    await page.fill('#f-value', yuan);
    await page.click('#submit');
    await page.click('#confirm-yes');
    await page.waitForSelector('#outcome.ok');
  };
  await giveBack('1');
  assert.equal((await stack.customer(LI)).stored_value.PRE, pre - 200, 'the ledger: 1.00 of 3.00 元 came back');
  await page.waitForFunction((r) => document.querySelector(`${r} .standing`)?.textContent.includes('剩余'), row);
  assert.equal(await page.textContent(`${row} .standing`), '已退 1.00\u00a0元 · 剩余 2.00\u00a0元');
  assert.ok(await page.$(`[data-refund="${order}"]`), 'what is left can still be given back');
  await page.click('#lang');
  assert.equal(await page.textContent(`${row} .standing`), 'reversed 1.00\u00a0yuan · left 2.00\u00a0yuan');
  assert.match(await page.textContent('#history tbody'), /Not applied: [^·]*5\.00\u00a0yuan/);
  await page.click('#lang');
  await giveBack('2');
  assert.equal((await stack.customer(LI)).stored_value.PRE, pre);
  await page.waitForFunction((r) => document.querySelector(`${r} .standing`)?.textContent === '已退款', row);
  assert.equal(await page.$(`[data-refund="${order}"]`), null, 'nothing left to give back');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a points adjustment is named for what it does, and is no refundable order', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const start = await available(ZHANG);
  await page.click('[data-method="alibaba.alsc.crm.open.point.operate"]');
  await page.selectOption('#f-operate_type', '4');
  await page.fill('#f-change_point', '40');
  await page.fill('#f-reason', '扣减');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  assert.equal(await available(ZHANG), start - 40);
  const row = await page.textContent('#history tbody tr:last-child');
  assert.match(row, /扣减/, 'the choice label of operate type 4');
  assert.doesNotMatch(row, /加积分/, row);
  assert.equal(await page.$$eval('#orders [data-refund]', (b) => b.length), 0, 'no refund button for it');
  await page.context().close();
});

test('limits and thresholds count every amount a call moves, before anything is sent', async () => {
  const page = await open(await browser.newContext(), CASHIER_TOKEN);
  await find(page, '13800000001');
  const u8 = (await stack.customer(ZHANG)).u8.points;
  // U8: 100 points × 10 is 1,000 points, above the cashier's 500-point threshold.
  await fillU8Award(page, 10);
  await page.click('#submit');
  await page.waitForSelector('#confirm');
  assert.match(await page.textContent('#confirm-text'), /1000 积分/);
  assert.equal((await stack.customer(ZHANG)).u8.points, u8, 'nothing sent before the confirmation');
  await page.click('#confirm-no');
  // Stored value over the per-call limit (500.00 元): refused at once, read in 元 with the unit.
  const pre = (await stack.customer(ZHANG)).stored_value.PRE;
  await page.click('[data-method="alibaba.alsc.crm.recharge.dedut.update"]');
  await chooseChannel(page, 'KRY');
  await page.fill('#f-value', '600');
  await page.click('#submit');
  await page.waitForSelector('#outcome.bad');
  assert.equal(await page.$('#confirm'), null);
  assert.match(await page.textContent('#outcome'), /单次储值 500\.00\u00a0元/);
  assert.equal((await stack.customer(ZHANG)).stored_value.PRE, pre);
  await page.context().close();
});

test('what is confirmed is what is sent: the form is locked while the confirmation is open, an edit asks again', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const was = await available(ZHANG);
  await page.click(`[data-method="${DEDUCT}"]`);
  await chooseChannel(page, 'CS');
  await page.fill('#f-change_point', '2001');
  await page.fill('#f-reason', '补扣');
  await page.click('#submit');
  await page.waitForSelector('#confirm');
  assert.match(await page.textContent('#confirm-text'), /2001 积分/);
  for (const f of ['change_point', 'reason', 'biz_channel'])
    assert.ok(await page.isDisabled(`#f-${f}`), `${f} cannot change under the confirmation`);
  await page.click('#confirm-no');
  await page.fill('#f-change_point', '2002');
  await page.click('#submit');
  await page.waitForSelector('#confirm');
  assert.match(await page.textContent('#confirm-text'), /2002 积分/);
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');
  assert.equal(await available(ZHANG), was - 2002, 'the amount confirmed, once');
  await page.context().close();
});

test('a U8 member id known for the customer is theirs: not retyped, and a first one is confirmed as theirs', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000002');
  const li = (await stack.customer(LI)).u8;
  await page.click('[data-method="points/change"]');
  await page.fill('#f-mid', li.mid);
  await page.selectOption('#f-action_type', '5');
  await page.fill('#f-ori_money', '10.00');
  await page.fill('#f-calc_money', '10.00');
  await page.fill('#f-ori_points', '10');
  await page.click('#submit');
  await page.waitForSelector('#confirm');
  assert.ok((await page.textContent('#confirm-text')).includes(li.mid), 'the member id is named');
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');
  assert.equal((await stack.customer(LI)).u8.points, li.points + 10);
  // Linked now: the next award goes to the same member, with no field to type another.
  assert.ok(await page.isDisabled('#f-mid'));
  assert.equal(await page.inputValue('#f-mid'), li.mid);
  await page.context().close();
});

test('an applied payment stays on screen, with its customer, when the balances after it cannot be read', async () => {
  const page = await open(await browser.newContext(), CASHIER_TOKEN);
  await find(page, '13800000001');
  const pre = (await stack.customer(ZHANG)).stored_value.PRE;
  // The write goes through; the lookup of the balances after it is lost (the one read just
  // before it is let through).
  await page.click('[data-method="alibaba.alsc.crm.recharge.dedut.update"]');
  await chooseChannel(page, 'KRY');
  await page.fill('#f-value', '2.50');
  let reads = 0;
  await page.route('**/v1/top/alibaba.alsc.crm.open.customer.get', (route) =>
    ++reads === 2 ? route.abort('failed') : route.continue(),
  );
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  assert.equal((await stack.customer(ZHANG)).stored_value.PRE, pre - 250);
  assert.ok(await page.isVisible('#customer'), 'the customer stays shown');
  assert.match(await page.textContent('#find-error'), /已执行，但余额未能刷新/);
  assert.match(await page.textContent('#history'), /2\.50\u00a0元/);
  await page.context().close();
});

test('the operator token is not left in the page once signed in', async () => {
  const page = await open(await browser.newContext());
  assert.equal(await page.inputValue('#token'), '');
  await page.context().close();
});

test('a voucher is used only once confirmed, once for a double click, and its use and restore are recorded', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  await page.waitForSelector('[data-voucher="2837374884"]');
  const status = async () =>
    (await stack.customer(ZHANG)).vouchers.find((v) => v.voucher_id === '2837374884')?.status ??
    (await stack.customer(ZHANG)).vouchers[0].status;
  const voucherCalls = async () =>
    (await stack.journal()).filter((j) => JSON.stringify(j).includes('2837374884')).length;
  const calls = await voucherCalls();
  page.once('dialog', (d) => d.dismiss());
  await page.click('[data-voucher="2837374884"]');
  assert.equal(await status(), 'NORMAL', 'declined: nothing sent');
  let asked = 0;
  page.on('dialog', (d) => {
    asked += 1;
    d.accept();
  });
  await page.dblclick('[data-voucher="2837374884"]');
  await page.waitForFunction(() => document.querySelector('#voucher-result').textContent.includes('2837374884'));
  assert.equal(await status(), 'USED');
  assert.equal(await voucherCalls(), calls + 1, 'a double click is one call');
  assert.equal(asked, 1);
  const order = await page.textContent('#current-order');
  // Restored on a new order: it still names the order it was used on.
  await page.click('#new-order');
  await page.waitForFunction(() =>
    /反|Restore/.test(document.querySelector('[data-voucher="2837374884"]')?.textContent),
  );
  await page.click('[data-voucher="2837374884"]');
  await page.waitForFunction(() => /核销|Use/.test(document.querySelector('[data-voucher="2837374884"]')?.textContent));
  await page.waitForFunction(() => !/反/.test(document.querySelector('[data-voucher="2837374884"]')?.textContent));
  assert.equal(await status(), 'NORMAL');
  const rows = await page.$$eval('#history tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, 2, rows.join('\n'));
  assert.ok(
    rows.every((r) => r.includes('2837374884') && r.includes('138****0001') && r.includes(order)),
    rows.join('\n'),
  );
  assert.match(rows[0], /优惠券 核销/);
  assert.match(rows[1], /优惠券 反核销/);
  await page.context().close();
});

test('a rate limit says nothing was applied and when to try again', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  const zhang = await available(ZHANG);
  const faults = (f) => stack.faults('12345678', f);
  await faults([{ kind: 'rate-limit', seconds: 3, count: 1, methods: [DEDUCT] }]);
  try {
    await deduct(page, 10);
    await page.waitForSelector('#outcome.bad, #outcome.unknown');
    assert.match(await page.textContent('#outcome'), /未执行.*请 \d+ 秒后再试/);
  } finally {
    await faults([]);
  }
  assert.equal(await available(ZHANG), zhang);
  await page.context().close();
});

test('the points flows are ALSC points alone, each type named: a U8 award is neither a row nor in the balances', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  await deduct(page, 10);
  await page.waitForSelector('#outcome.ok');
  await fillU8Award(page);
  await page.click('#submit');
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');
  await page.click('#flow-tabs [data-flow="points"]');
  await page.waitForFunction(() => document.querySelectorAll('#flows tbody tr').length >= 1);
  const rows = await page.$$eval('#flows tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(
    rows.every((r) => !/u8\./.test(r)),
    rows.join('\n'),
  );
  assert.match(rows[0], /积分补扣/);
  assert.match(rows[0], new RegExp(`${await available(ZHANG)}`), 'the newest row ends at the ALSC balance');
  await page.context().close();
});

test('the keyboard: Escape closes the confirmation, and focus never drops to the page after sign-in, a voucher or sign-out', async () => {
  const page = await open(await browser.newContext(), CASHIER_TOKEN);
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  assert.equal(await focused(), 'find-value', 'after sign-in');
  await find(page, '13800000001');
  const zhang = await available(ZHANG);
  await deduct(page, 600); // above the cashier's 500-point threshold
  await page.waitForSelector('#confirm');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#confirm', { state: 'detached' });
  assert.equal(await focused(), 'submit');
  assert.equal(await available(ZHANG), zhang, 'nothing sent');
  page.on('dialog', (d) => d.accept());
  await page.click('[data-voucher="2837374884"]');
  await page.waitForFunction(() => document.querySelector('#voucher-result').textContent.includes('2837374884'));
  assert.notEqual(await focused(), 'BODY', 'after a voucher');
  await page.click('#signout');
  await page.waitForSelector('#signin:not([hidden])');
  assert.equal(await focused(), 'token', 'after sign-out');
  await page.context().close();
});

test('switching language relabels the history already on screen, and the page says its language', async () => {
  const page = await open(await browser.newContext());
  await find(page, '13800000001');
  await deduct(page, 10);
  await page.waitForSelector('#outcome.ok');
  assert.match(await page.textContent('#history tbody tr:last-child'), /扣积分.*10 积分.*已执行/);
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const row = await page.textContent('#history tbody tr:last-child');
  assert.match(row, /10 points/i, row);
  assert.match(row, /Applied/, row);
  assert.doesNotMatch(row, /积分|已执行/, row);
  await page.reload();
  await page.waitForSelector('#workspace:not([hidden])');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en', 'after a reload too');
  await page.context().close();
});
