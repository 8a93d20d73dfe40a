// Every write bound to its own customer and order, as a hurried operator meets it: a refund
// pressed on another customer's row in the session's orders, balances moved by another tab
// before this one writes, a top-up's refund, a second press of Submit, a change of language, and
// a refund from the order lookup. Judged by the sandbox's ledger and journal, the proxy's audit
// rows in D1, and what the screen then says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  signIn,
  startStack,
  chooseChannel,
  posWrite,
  axeViolations,
  CUSTOMER as ZHANG,
  OTHER_CUSTOMER as LI,
  MANAGER_TOKEN,
  CONSOLE_UPSTREAM,
} from '../fixtures.mjs';

const PAY = 'alibaba.alsc.crm.recharge.dedut.update';
const DEDUCT = 'alibaba.alsc.crm.point.extra.consume';
const RETURN = 'alibaba.alsc.crm.recharge.undedut.update';
const REFUND = 'alibaba.alsc.crm.open.assert.refund';
const TOP_UP = 'alibaba.alsc.crm.recharge.charge.update';
const UNCHARGE = 'alibaba.alsc.crm.recharge.uncharge.update';
const MANAGER = 'op-manager-01';
const plain = (text) => String(text).replace(/\u00a0/g, ' ');
let stack;

before(async () => {
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
});
after(() => stack?.close());

async function desk({ lang = 'zh', width = 1280 } = {}) {
  const page = await stack.browser.newPage({ viewport: { width, height: 900 } });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.addInitScript((l) => sessionStorage.setItem('lang', l), lang);
  await signIn(page, stack.proxy.url, MANAGER_TOKEN);
  return page;
}

async function find(page, mobile) {
  await page.fill('#find-value', mobile);
  await page.click('#find-form button[type=submit]');
  await page.waitForFunction(
    (m) => document.querySelector('#customer:not([hidden])')?.textContent.includes(m),
    `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
  );
}

/** Submits the form on screen, confirming when asked; waits for a definite outcome. */
async function submit(page) {
  await page.click('#submit');
  if (await page.$('#confirm-yes')) await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok, #outcome.bad');
}

/** A new order paid with `yuan` of stored value on screen's customer; its order id. */
async function pay(page, yuan) {
  await page.click('#new-order');
  await page.click(`[data-method="${PAY}"]`);
  await chooseChannel(page, 'KRY');
  await page.fill('#f-value', yuan);
  await submit(page);
  return page.textContent('#outcome-order');
}

/** A new order paying `n` points (the desk's points deduction, with its reason); its order id. */
async function deduct(page, n) {
  await page.click('#new-order');
  await page.click(`[data-method="${DEDUCT}"]`);
  await chooseChannel(page, 'KRY');
  await page.fill('#f-change_point', String(n));
  await page.fill('#f-reason', '补扣');
  await submit(page);
  return page.textContent('#outcome-order');
}

const lastHistory = (page) =>
  page.$$eval('#history tbody tr:last-child td', (tds) => tds.map((td) => td.textContent.replace(/\u00a0/g, ' ')));

/** The proxy's last audit row (D1) of `operation` with the order `order`. */
async function auditRow(operation, order) {
  await stack.settled(MANAGER);
  return (await stack.rows()).findLast((r) => r.operation === operation && r.order_id === order);
}

test("a refund from another customer's order row is theirs: body, ledger, outcome, receipt, history, audit", async () => {
  const page = await desk({ lang: 'en' });
  await find(page, '13800000002');
  const order = await pay(page, '5');
  await find(page, '13800000001');
  const [zhang, li] = [await stack.customer(ZHANG), await stack.customer(LI)];
  const sent = [];
  page.on('request', (r) => r.url().endsWith(`/v1/top/${RETURN}`) && sent.push(r.postDataJSON()));

  await page.click(`[data-refund="${order}"]`);
  assert.match(plain(await page.textContent('#form-owner')), /138\*{4}0002/, 'the form says whose order it is');
  await chooseChannel(page, 'KRY');
  await page.fill('#f-value', '3');
  await page.click('#submit');
  // Confirmed first: what it gives back, and to whom.
  const said = plain(await page.textContent('#confirm-text'));
  assert.ok(said.includes('3.00 yuan') && said.includes('138****0002') && said.includes(order), said);
  assert.ok(!said.includes('138****0001'), said);
  assert.equal(sent.length, 0, 'nothing sent before the confirmation');
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');

  assert.equal(sent[0].customer_id, LI, 'the body names the order’s own customer');
  assert.equal((await stack.customer(LI)).stored_value.PRE - li.stored_value.PRE, 300);
  assert.deepEqual((await stack.customer(ZHANG)).stored_value, zhang.stored_value);
  // 张三's balances are not shown as the refund's: 李四 is not on screen.
  assert.doesNotMatch(await page.textContent('#outcome'), /→/);
  assert.match(await page.textContent('#receipt-customer'), /^138\*{4}0002$/);
  assert.equal(plain(await page.textContent('#receipt-moved')), '3.00 yuan');
  const row = await lastHistory(page);
  assert.equal(row[2], '138****0002');
  assert.equal(row[4], '3.00 yuan');
  assert.equal(row[6], '', 'no balances of another customer');
  const audit = await auditRow(RETURN, order);
  assert.equal(audit.outcome, 'ok');
  assert.equal(audit.customer, LI);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a whole-order points refund from another customer's row is applied to them, and audited so", async () => {
  const page = await desk();
  await find(page, '13800000002');
  const order = await deduct(page, 40);
  await find(page, '13800000001');
  // 张三's receipt is on screen: it must not stay as if it were this refund's.
  await pay(page, '1');
  const [zhang, li] = [await stack.customer(ZHANG), await stack.customer(LI)];

  await page.setViewportSize({ width: 390, height: 900 });
  await page.click(`[data-refund="${order}"]`);
  assert.equal(await page.getAttribute(`[data-method="${REFUND}"]`, 'aria-selected'), 'true');
  // At 390 px the note on whose order it is stays whole, and the form passes axe.
  assert.match(await page.textContent('#form-owner'), /138\*{4}0002/);
  const cut = await page.$eval('#form-owner', (p) => p.scrollWidth > p.clientWidth);
  assert.equal(cut, false, 'the note is not cut');
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#submit');
  const said = plain(await page.textContent('#confirm-text'));
  assert.ok(said.includes('40 积分') && said.includes('138****0002'), said);
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok, #outcome.bad');
  assert.match(await page.textContent('#outcome'), /已执行/, await page.textContent('#outcome'));

  assert.equal((await stack.customer(LI)).points.available - li.points.available, 40);
  assert.equal((await stack.customer(ZHANG)).points.available, zhang.points.available);
  const entry = (await stack.journal()).findLast((j) => j.kind === 'refund');
  assert.equal(entry.customer_id, LI);
  assert.match(await page.textContent('#receipt-customer'), /^138\*{4}0002$/);
  assert.equal(await page.textContent('#receipt-order'), order);
  const row = await lastHistory(page);
  assert.equal(row[2], '138****0002');
  assert.equal(row[4], '40 积分', 'what it gave back of the order');
  const audit = await auditRow(REFUND, order);
  assert.equal(audit.outcome, 'ok');
  assert.equal(audit.customer, LI);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a refusal clears the last receipt: it never stands beside a write that did not apply', async () => {
  const page = await desk();
  await find(page, '13800000001');
  await pay(page, '1');
  assert.equal(await page.isVisible('#receipt-card'), true);
  // More than the balance: refused.
  const pre = (await stack.customer(ZHANG)).stored_value.PRE;
  await page.click(`[data-method="${PAY}"]`);
  await page.fill('#f-value', String(pre / 100 + 1000));
  await submit(page);
  assert.match(await page.textContent('#outcome'), /未执行/);
  assert.equal(await page.isVisible('#receipt-card'), false);
  await page.close();
});

test('before → after is never older than the write: another desk moved the points first', async () => {
  const page = await desk({ lang: 'en' });
  await find(page, '13800000001');
  const shown = Number(await page.textContent('#points-available'));
  // Another channel takes 800 points meanwhile; this tab still shows the old balance.
  const other = await stack.channel(posWrite({ points: 800, order: `POS-${Date.now().toString(36)}` }));
  assert.equal(other.status, 200);
  assert.equal((await stack.customer(ZHANG)).points.available, shown - 800);
  assert.equal(Number(await page.textContent('#points-available')), shown, 'the tab is stale');
  await deduct(page, 150);
  const left = (await stack.customer(ZHANG)).points.available;
  assert.equal(left, shown - 950);
  const [, , , , amount, , balances] = await lastHistory(page);
  assert.match(amount, /^150 points$/i);
  const [from, to] = balances.split(' → ').map((s) => Number(s.split('/')[0]));
  assert.deepEqual([from, to], [left + 150, left], balances);
  assert.match(plain(await page.textContent('#outcome')), new RegExp(`${left + 150}/.* → ${left}/`));
  await page.close();
});

test('a top-up refund offers the top-up just made, and a stale refusal goes when the field changes', async () => {
  const page = await desk();
  await find(page, '13800000001');
  const purchase = await page.textContent('#current-order');
  await page.click(`[data-method="${TOP_UP}"]`);
  await chooseChannel(page, 'KRY');
  await page.fill('#f-real_value', '20');
  await submit(page);
  const topUp = await page.textContent('#outcome-order');
  assert.match(topUp, /^TU-/);
  await page.click(`[data-method="${UNCHARGE}"]`);
  assert.equal(await page.inputValue('#f-src_outer_order_id'), topUp, `not the purchase ${purchase}`);

  // A wrong order typed: the pre-check refuses; once corrected, its refusal is gone.
  await page.fill('#f-src_outer_order_id', purchase);
  await chooseChannel(page, 'KRY');
  await submit(page);
  assert.match(await page.textContent('#outcome'), /未执行/);
  await page.fill('#f-src_outer_order_id', topUp);
  assert.equal(await page.$('#outcome'), null, 'the refusal was of the old value');
  assert.equal(await page.$('#precheck'), null);
  const held = (await stack.customer(ZHANG)).stored_value;
  await submit(page);
  assert.match(await page.textContent('#outcome'), /已执行/);
  const now = (await stack.customer(ZHANG)).stored_value;
  const back = held.PRE + held.GIFT - (now.PRE + now.GIFT);
  assert.ok(back >= 2000, `${back}`);
  const [, , , order, amount] = await lastHistory(page);
  assert.equal(order.replace(/复制|Copy/, ''), topUp);
  assert.equal(amount, `${(back / 100).toFixed(2)} 元`, 'the row says what came back');
  await page.close();
});

test('after a success Submit is done, not an empty form to check; the outcome follows the language', async () => {
  const page = await desk({ lang: 'en' });
  await find(page, '13800000001');
  await pay(page, '2');
  const journal = (await stack.journal()).length;
  assert.match(plain(await page.textContent('#outcome')), /yuan/);
  await page.click('#submit');
  assert.equal(await page.textContent('#form-error'), '');
  assert.equal(await page.$$eval('#action-form [aria-invalid="true"]', (els) => els.length), 0);
  assert.match(await page.textContent('#outcome'), /Applied/);
  assert.equal((await stack.journal()).length, journal, 'nothing sent');
  await page.click('#lang');
  const outcome = plain(await page.textContent('#outcome'));
  assert.match(outcome, /已执行/);
  assert.match(outcome, /元/);
  assert.doesNotMatch(outcome, /yuan|Applied/);
  await page.close();
});

test('a refund from the order lookup names the customer by their masked mobile, in its confirmation and history', async () => {
  const setup = await desk();
  await find(setup, '13800000001');
  const order = await pay(setup, '3');
  await setup.close();
  // Another tab of the desk, which never looked the customer up.
  const page = await desk();
  await stack.settled(MANAGER);
  await page.fill('#lookup-id', order);
  await page.click('#lookup-form button[type=submit]');
  await page.waitForSelector(`#lookup-order:text-is("${order}")`);
  assert.match(await page.textContent('#lookup-result .who'), /138\*{4}0001/);
  if (await page.$('#lookup-reason')) await page.fill('#lookup-reason', '退菜');
  await page.click('#lookup-review');
  await page.waitForSelector('#lookup-confirm');
  const said = await page.textContent('#lookup-confirm-text');
  assert.ok(said.includes('138****0001') && !said.includes(ZHANG), said);
  const pre = (await stack.customer(ZHANG)).stored_value.PRE;
  await page.click('#lookup-yes');
  await page.waitForSelector('#lookup-outcome.ok');
  assert.equal((await stack.customer(ZHANG)).stored_value.PRE - pre, 300);
  const row = await lastHistory(page);
  assert.equal(row[2], '138****0001');
  assert.ok(!row.join(' ').includes(ZHANG), row.join(' | '));
  await page.close();
});
