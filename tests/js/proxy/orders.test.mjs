// GET /v1/orders/{order_id}: an order found by its id across days and operators inside the
// caller's scope, joined with the platform's flows, what is left and the reversal that fits;
// every amount judged by the sandbox's ledger and flows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startStack,
  tokensWith,
  rolesWith,
  as,
  deduct,
  payment,
  posWrite,
  CUSTOMER,
  OTHER_CUSTOMER,
  MANAGER,
  CASHIER,
  CONSUME,
  REFUND,
  DEDUT,
  UNDEDUT,
  VOUCHER,
} from '../fixtures.mjs';
import { demoVars } from '../../../www/worker/local.mjs';

const OPERATORS = ['op-manager-01', 'op-cashier-01', 'op-far', 'op-limited'];
const MANAGER_ROLE = JSON.parse(demoVars().ROLES).manager;
let f;

before(async () => {
  f = await startStack({
    vars: {
      UPSTREAM_RETRIES: '0',
      // A cashier of the brand's other shop; a manager whose role limits vouchers.
      CONSOLE_TOKENS: tokensWith({
        far: { role: 'cashier', scope: { 10001: ['20002'] } },
        limited: { role: 'limited', scope: { 10001: '*' } },
      }),
      ROLES: rolesWith({ limited: { ...MANAGER_ROLE, limits: { ...MANAGER_ROLE.limits, vouchers: 5 } } }),
    },
  });
});
after(() => f?.close());

let n = 0;
const unique = (prefix) => `${prefix}-${Date.now()}-${++n}`;

const write = (path, body, headers) => f.write(path, body, headers);
const pay = (order, value) => write(DEDUT, payment(value, { outer_order_id: order }));
const undedut = (order, value) =>
  write(UNDEDUT, {
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    outer_order_id: order,
    new_outer_order_id: unique('R'),
    ...(value === undefined ? {} : { value }),
    remark: '顾客退菜',
  });

/** The order as `headers`' operator looks it up, once every audit row is written. */
async function lookup(order, headers = MANAGER, query = '') {
  await f.settled(...OPERATORS);
  const res = await f.get(0, `/v1/orders/${encodeURIComponent(order)}${query}`, headers);
  return { status: res.status, ...(await res.json()) };
}
const balance = async () => {
  const c = await f.customer();
  return { points: c.points.available, value: c.stored_value.PRE + c.stored_value.GIFT };
};

test('a payment is found by another operator of its shop, joined with its flows; a partial return leaves the rest', async () => {
  const order = unique('O');
  await pay(order, 1500);
  const seen = await lookup(order, CASHIER);
  assert.equal(seen.status, 200, JSON.stringify(seen.error));
  const o = seen.data;
  assert.deepEqual([o.order_id, o.brand, o.shop, o.customer], [order, '10001', '20001', CUSTOMER]);
  assert.deepEqual(o.units, { points: 'points', value: 'fen', vouchers: 'count' });
  assert.deepEqual(
    [o.paid, o.reversed, o.left],
    [
      { points: '0', value: '1500', vouchers: '0' },
      { points: '0', value: '0', vouchers: '0' },
      { points: '0', value: '1500', vouchers: '0' },
    ],
  );
  assert.deepEqual(o.platform.value, { paid: '1500', reversed: '0', flows: 1 });
  assert.deepEqual(
    o.writes.map((w) => [w.operator, w.operation, w.result, w.reversal]),
    [['op-manager-01', 'alibaba.alsc.crm.recharge.dedut.update', 'applied', false]],
  );
  // The cashier sees the order but may not give it back.
  assert.equal(o.reversal.method, 'alibaba.alsc.crm.recharge.undedut.update');
  assert.equal(o.reversal.allowed, false);
  assert.equal(o.reversal.why_code, 'method');
  assert.match(o.reversal.why, /may not alibaba\.alsc\.crm\.recharge\.undedut\.update/);

  const mine = (await lookup(order)).data.reversal;
  assert.deepEqual(mine, {
    method: 'alibaba.alsc.crm.recharge.undedut.update',
    gives_back: { points: '0', value: '1500', vouchers: '0' },
    partial: { field: 'value', kind: 'value', unit: 'fen', max: '1500' },
    new_order_field: 'new_outer_order_id',
    reason_field: 'remark',
    params: {
      outer_order_id: order,
      brand_id: '10001',
      shop_id: '20001',
      biz_channel: 'CS',
      customer_id: CUSTOMER,
    },
    allowed: true,
    why_code: null,
    why: null,
  });

  const before0 = await balance();
  await undedut(order, 400);
  assert.equal((await balance()).value - before0.value, 400, 'exactly the partial amount came back');
  const partly = (await lookup(order)).data;
  assert.deepEqual([partly.paid.value, partly.reversed.value, partly.left.value], ['1500', '400', '1100']);
  assert.deepEqual(partly.platform.value, { paid: '1500', reversed: '400', flows: 2 });
  assert.deepEqual(partly.reversal.partial.max, '1100');
  assert.equal(partly.writes.filter((w) => w.reversal).length, 1);

  await undedut(order, 1100);
  assert.equal((await balance()).value - before0.value, 1500);
  const done = (await lookup(order)).data;
  assert.deepEqual([done.left.value, done.reversal], ['0', null]);
});

test("yesterday's order of points and stored value is found and given back whole by the asset refund", async () => {
  const order = unique('Y');
  await write(CONSUME, deduct(120, { out_biz_id: order }), CASHIER);
  await pay(order, 300);
  await f.settled(...OPERATORS);
  // Made yesterday (GMT+8): its audit rows are dated so, as a day's writes are.
  const yesterday = Date.now() - 86400_000;
  const db = await f.proxy.mf.getD1Database('AUDIT_DB');
  await db
    .prepare('UPDATE audit SET at = ?, day = ? WHERE order_id = ?')
    .bind(new Date(yesterday).toISOString(), new Date(yesterday + 8 * 3600_000).toISOString().slice(0, 10), order)
    .run();
  const o = (await lookup(order)).data;
  assert.deepEqual(o.paid, { points: '120', value: '300', vouchers: '0' });
  assert.deepEqual(o.platform.points, { paid: '120', reversed: '0', flows: 1 });
  assert.deepEqual(
    o.writes.map((w) => w.operator),
    ['op-cashier-01', 'op-manager-01'],
  );
  assert.ok(o.writes.every((w) => w.at.slice(0, 10) <= new Date(yesterday).toISOString().slice(0, 10)));
  const r = o.reversal;
  assert.deepEqual(
    [r.method, r.partial, r.reason_field, r.allowed],
    ['alibaba.alsc.crm.open.assert.refund', null, null, true],
  );
  const before0 = await balance();
  await write(REFUND, { ...r.params, [r.new_order_field]: unique('RF') });
  const after0 = await balance();
  assert.deepEqual([after0.points - before0.points, after0.value - before0.value], [120, 300]);
  const done = (await lookup(order)).data;
  assert.deepEqual([done.left, done.reversal], [{ points: '0', value: '0', vouchers: '0' }, null]);
});

test('vouchers used on an order are counted with its points', async () => {
  const order = unique('V');
  await write(CONSUME, deduct(10, { out_biz_id: order }));
  await write('/v1/top/alibaba.alsc.crm.voucher.status.change', {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    source: 'POS',
    voucher_id_list: ['2837374884'],
    voucher_status_action: 'NORMAL_ISUSED',
    out_order_id: order,
  });
  assert.equal((await f.customer()).vouchers.find((v) => v.voucher_id === '2837374884').status, 'USED');
  const o = (await lookup(order)).data;
  assert.deepEqual(
    [o.paid, o.left],
    [
      { points: '10', value: '0', vouchers: '1' },
      { points: '10', value: '0', vouchers: '1' },
    ],
  );
  assert.deepEqual(
    o.writes.map((w) => [w.operation, w.moves.vouchers_redeemed ?? null, w.moves.voucher_ids ?? null]),
    [
      ['alibaba.alsc.crm.point.extra.consume', null, null],
      ['alibaba.alsc.crm.voucher.status.change', '1', ['2837374884']],
    ],
  );
  assert.deepEqual(
    [o.reversal.method, o.reversal.gives_back.vouchers, o.reversal.allowed],
    ['alibaba.alsc.crm.open.assert.refund', '1', true],
  );
});

test('a top-up is taken back whole by the uncharge, nothing partial offered', async () => {
  const order = unique('T');
  await write('/v1/top/alibaba.alsc.crm.recharge.charge.update', {
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    card_id: '7328763784623',
    charge_type: 'CASH',
    trigger_gift: false,
    outer_order_id: order,
    real_value: 5000,
    gift_value: 100,
  });
  const o = (await lookup(order)).data;
  assert.deepEqual([o.paid.value, o.left.value], ['5100', '5100']);
  assert.deepEqual(o.platform.value, { paid: '5100', reversed: '0', flows: 1 });
  const r = o.reversal;
  assert.deepEqual(
    [r.method, r.partial, r.new_order_field, r.reason_field, r.params.src_outer_order_id, r.allowed],
    ['alibaba.alsc.crm.recharge.uncharge.update', null, 'outer_order_id', 'remark', order, true],
  );
  const was = await balance();
  await write('/v1/top/alibaba.alsc.crm.recharge.uncharge.update', {
    ...r.params,
    [r.new_order_field]: unique('RT'),
    remark: '顾客要求退款',
  });
  assert.equal(was.value - (await balance()).value, 5100);
  const done = (await lookup(order)).data;
  assert.deepEqual([done.reversed.value, done.left.value, done.reversal], ['5100', '0', null]);
});

test('an order of another shop is not found, one partly there is refused; bad ids and filters are named', async () => {
  const order = unique('F');
  await pay(order, 100);
  const far = await lookup(order, as('far'));
  assert.deepEqual([far.status, far.ok, far.error.code, far.error.field], [404, false, 'NOT_FOUND', 'order_id']);
  assert.equal(JSON.stringify(far).includes('op-manager-01'), false, 'nothing of the order is said');
  // Written at both shops: the cashier of one may not see half of it.
  const both = unique('F2');
  await pay(both, 100);
  await write(CONSUME, deduct(5, { shop_id: '20002', out_biz_id: both }));
  const half = await lookup(both, CASHIER);
  assert.deepEqual([half.status, half.error.code, half.error.field], [403, 'OUT_OF_SCOPE', 'order_id']);
  assert.equal((await lookup(both)).data.writes.length, 2, 'the manager of both shops sees it whole');
  const none = await lookup(unique('NONE'));
  assert.equal(none.status, 404);
  for (const [path, field] of [
    [`/v1/orders/${'x'.repeat(65)}`, 'order_id'],
    ['/v1/orders/%E0%A4%A', 'order_id'],
    ['/v1/orders/%01A', 'order_id'],
    [`/v1/orders/${order}?page=2`, 'page'],
    [`/v1/orders/${order}?brand=a%20b`, 'brand'],
  ]) {
    const res = await f.get(0, path);
    const body = await res.json();
    assert.deepEqual([res.status, body.error.code, body.error.field], [400, 'BAD_REQUEST', field], path);
  }
  const unsigned = await f.proxy.fetchVia(0, `/v1/orders/${order}`, {});
  assert.equal(unsigned.status, 401);
});

test('an order the platform holds more of than the proxy wrote is shown, its reversal not offered', async () => {
  const order = unique('E');
  await pay(order, 200);
  // Another POS pays on the same order id.
  await f.channel(posWrite({ value: 300, order, requestId: unique('POS') }));
  const o = (await lookup(order)).data;
  assert.deepEqual([o.recorded.paid.value, o.platform.value.paid, o.paid.value], ['200', '500', '500']);
  assert.equal(o.reversal.allowed, false);
  assert.deepEqual([o.reversal.why_code, o.reversal.why.includes('made elsewhere')], ['elsewhere', true]);
  // The proxy refuses that reversal too, with nothing sent.
  const refused = await (
    await f.post(0, UNDEDUT, {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      outer_order_id: order,
      new_outer_order_id: unique('R'),
    })
  ).json();
  assert.equal(refused.error.code, 'OUT_OF_SCOPE');
});

test('an order is read within bounds: at most 200 writes, the rest said to be cut', async () => {
  const order = unique('B');
  const db = await f.proxy.mf.getD1Database('AUDIT_DB');
  const stmt = db.prepare(
    `INSERT INTO audit (entry, at, day, operator, role, operation, request_id, order_id, customer, brand, shop, outcome, status, result)
     VALUES (?, ?, ?, 'op-manager-01', 'manager', 'alibaba.alsc.crm.recharge.dedut.update', ?, ?, ?, '10001', '20001', 'BIZ_ERROR', 409, 'refused')`,
  );
  const at = new Date().toISOString();
  await db.batch(
    Array.from({ length: 230 }, (_, i) =>
      stmt.bind(`${order}|${i}`, at, at.slice(0, 10), `${order}-${i}`, order, CUSTOMER),
    ),
  );
  const o = await lookup(order);
  assert.equal(o.status, 200);
  assert.deepEqual([o.data.writes.length, o.data.truncated, o.data.reversal], [200, true, null]);
  assert.deepEqual(o.data.paid, { points: '0', value: '0', vouchers: '0' });
});

/** Sends the reversal the lookup offered, as the console does: its params, a new id where it takes one. */
const sendOffered = async (rev) => {
  const body = { ...rev.params, ...(rev.new_order_field ? { [rev.new_order_field]: unique('N') } : {}) };
  const res = await f.post(0, `/v1/top/${rev.method}`, body, MANAGER);
  return { status: res.status, ...(await res.json()) };
};

test('a voucher-only order offers restoring its vouchers on it, not the asset refund the platform refuses', async () => {
  const order = unique('VO');
  await write(VOUCHER, {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    source: 'POS',
    voucher_id_list: ['2837374885'],
    voucher_status_action: 'NORMAL_ISUSED',
    out_order_id: order,
  });
  const o = (await lookup(order)).data;
  const rev = o.reversal;
  assert.deepEqual(
    [rev.method, rev.allowed, rev.why_code, rev.gives_back, rev.new_order_field],
    ['alibaba.alsc.crm.voucher.status.change', true, null, { points: '0', value: '0', vouchers: '1' }, null],
  );
  assert.deepEqual(
    [rev.params.out_order_id, rev.params.customer_id, rev.params.voucher_status_action, rev.params.voucher_id_list],
    [order, CUSTOMER, 'ISUSED_NORMAL', ['2837374885']],
  );
  const sent = await sendOffered(rev);
  assert.equal(sent.status, 200, JSON.stringify(sent));
  assert.equal((await f.customer()).vouchers.find((v) => v.voucher_id === '2837374885').status, 'NORMAL');
  assert.equal((await f.journal()).filter((j) => j.kind === 'voucher.restore' && j.order === order).length, 1);
  const again = (await lookup(order)).data;
  assert.deepEqual([again.left.vouchers, again.reversal], ['0', null]);
});

test('an order written for two customers offers no reversal, and the refund the call path refuses is not allowed', async () => {
  const order = unique('TWO');
  await write(CONSUME, deduct(2, { out_biz_id: order }));
  await write(CONSUME, deduct(3, { out_biz_id: order, customer_id: OTHER_CUSTOMER }));
  const rev = (await lookup(order)).data.reversal;
  assert.deepEqual(
    [rev.method, rev.allowed, rev.why_code],
    ['alibaba.alsc.crm.open.assert.refund', false, 'customers'],
  );
  const sent = await sendOffered(rev);
  assert.deepEqual([sent.status, sent.error?.code], [403, 'OUT_OF_SCOPE'], JSON.stringify(sent));
});

test('a role limiting vouchers is not allowed the whole refund of an order the proxy saw no voucher used on, which the call refuses', async () => {
  const order = unique('LIM');
  await write(CONSUME, deduct(4, { out_biz_id: order }));
  const rev = (await lookup(order, as('limited'))).data.reversal;
  assert.deepEqual(
    [rev.method, rev.allowed, rev.why_code],
    ['alibaba.alsc.crm.open.assert.refund', false, 'unbounded'],
  );
  const res = await f.post(0, REFUND, { ...rev.params, [rev.new_order_field]: unique('N') }, as('limited'));
  const sent = { status: res.status, ...(await res.json()) };
  assert.deepEqual([sent.status, sent.error?.code], [403, 'LIMIT_EXCEEDED'], JSON.stringify(sent));
  // The manager, whose role limits no vouchers, is offered it.
  assert.equal((await lookup(order)).data.reversal.allowed, true);
});
