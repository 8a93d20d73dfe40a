// Reversals bounded by what the proxy's writes moved, paid back to the customer they name:
// an outside tester's findings against the demo manager (issue 20), each judged by the
// sandbox's journal and ledger. Calls alternate between two isolates of the proxy.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, CUSTOMER, OTHER_CUSTOMER, MANAGER } from '../fixtures.mjs';

const P = '/v1/top/alibaba.alsc.crm.';
const W = { brand_id: '10001', shop_id: '20001' };
const CARD = '7328763784623';
let f;

before(async () => {
  f = await startStack({ isolates: 2, vars: { UPSTREAM_RETRIES: '0' } });
});
after(() => f.close());
beforeEach(() => f.reset());

const call = async (i, method, body) => {
  const r = await f.post(i, `${P}${method}`, body, MANAGER);
  return { status: r.status, ...(await r.json()) };
};
/** A write of the shop's own POS, straight to the platform. */
const pos = async (method, params) => {
  const r = await f.channel({
    method: `alibaba.alsc.crm.${method}`,
    params: { operator_id: 'pos-1', request_id: `POS-${Math.random()}`, ...params },
  });
  const body = await r.json();
  assert.equal(body.result?.biz_success ?? body.biz_success, true, JSON.stringify(body));
};
/** The order book takes a write's note a moment after it is admitted. */
const noted = () => new Promise((r) => setTimeout(r, 300));
const balances = async () =>
  Object.fromEntries(
    (await f.sandbox()).customers
      .filter((c) => [CUSTOMER, OTHER_CUSTOMER].includes(c.customer_id))
      .map((c) => [
        c.customer_id,
        {
          points: c.points.available,
          value: c.stored_value.PRE + c.stored_value.GIFT,
          vouchers: c.vouchers.map((v) => `${v.voucher_id}:${v.status}`),
        },
      ]),
  );
const givenBack = async (order) => (await f.journal()).filter((j) => j.order === order && j.refund_order);
const refused = (r, [status, code, field], label) =>
  assert.deepEqual([r.status, r.error?.code, r.error?.field], [status, code, field], `${label}: ${JSON.stringify(r)}`);

test('a write padded with amounts that never move does not cover what was made on the order elsewhere', async () => {
  // The POS redeems 3,000 of A's points on X; the proxy records a voucher change on X listing
  // 3,000 "待核销点数" (no point moves, the voucher does not exist).
  const X = `PAD-${Math.random()}`;
  await pos('open.assert.verify', {
    brand_id: '10001',
    shop_id: '20002',
    customer_id: CUSTOMER,
    outer_order_id: X,
    point: 3000,
  });
  const pad = await call(0, 'voucher.status.change', {
    ...W,
    customer_id: CUSTOMER,
    source: 'POS',
    voucher_id_list: ['NOPE'],
    voucher_status_action: 'NORMAL_ISUSED',
    out_order_id: X,
    voucher_point_list: ['3000'],
  });
  assert.equal(pad.status, 200, JSON.stringify(pad));
  // The POS takes 50.00 元 of A's on Y; the proxy tops A's card up by 1 分 on Y with a 预储
  // of 5,000 (the platform moves the 1 分 its answer states).
  const Y = `PADV-${Math.random()}`;
  await pos('recharge.dedut.update', {
    biz_channel: 'KRY',
    brand_id: '10001',
    shop_id: '20002',
    customer_id: CUSTOMER,
    outer_order_id: Y,
    value: 5000,
  });
  const topUp = await call(1, 'recharge.charge.update', {
    biz_channel: 'CS',
    ...W,
    card_id: CARD,
    charge_type: '1',
    trigger_gift: true,
    outer_order_id: Y,
    real_value: 1,
    pre_value: 5000,
  });
  assert.equal(topUp.status, 200, JSON.stringify(topUp));
  await noted();
  const was = await balances();
  const refund = await call(1, 'open.assert.refund', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: X,
    new_outer_order_id: `${X}-R`,
  });
  refused(refund, [403, 'OUT_OF_SCOPE', 'outer_order_id'], 'refund of the padded points');
  assert.match(refund.error.message, /the platform holds 3000 points on it, the proxy's writes 0/);
  const undedut = await call(0, 'recharge.undedut.update', {
    biz_channel: 'CS',
    ...W,
    card_id: CARD,
    outer_order_id: Y,
    new_outer_order_id: `${Y}-R`,
  });
  refused(undedut, [403, 'OUT_OF_SCOPE', 'outer_order_id'], 'undedut of the padded value');
  assert.match(undedut.error.message, /the platform holds 5000 value on it, the proxy's writes 1/);
  assert.deepEqual(await balances(), was, 'nothing came back');
  assert.deepEqual([...(await givenBack(X)), ...(await givenBack(Y))], []);
});

test('an order the proxy wrote for two customers cannot be reversed whole: the platform pays one', async () => {
  const X = `TWO-${Math.random()}`;
  for (const [i, customer_id, n] of [
    [0, CUSTOMER, 100],
    [1, OTHER_CUSTOMER, 80],
  ]) {
    const r = await call(i, 'point.extra.consume', {
      biz_channel: 'CS',
      ...W,
      customer_id,
      change_point: n,
      out_biz_id: X,
      reason: 'r',
    });
    assert.equal(r.status, 200, JSON.stringify(r));
  }
  await noted();
  const was = await balances();
  const refund = await call(1, 'open.assert.refund', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: X,
    new_outer_order_id: `${X}-R`,
  });
  refused(refund, [403, 'OUT_OF_SCOPE', 'outer_order_id'], 'refund of a two-customer order');
  assert.match(refund.error.message, /name 2 customers/);
  assert.deepEqual(await balances(), was, 'B’s 80 points did not go to A');
  assert.deepEqual(await givenBack(X), []);
});

test('a stored-value reversal names the order’s own customer: a payment is not paid back, nor a top-up taken back, through another', async () => {
  // A's payment of 1.00 元 and B's of 4.00 元 on the same id, both through the proxy; the
  // undedut naming B would pay A all 5.00 元.
  const Y = `SV-${Math.random()}`;
  const paid = await call(0, 'recharge.dedut.update', {
    biz_channel: 'CS',
    ...W,
    customer_id: CUSTOMER,
    value: 100,
    outer_order_id: Y,
  });
  assert.equal(paid.status, 200, JSON.stringify(paid));
  const theirs = await call(1, 'open.assert.verify', {
    ...W,
    customer_id: OTHER_CUSTOMER,
    outer_order_id: Y,
    value: 400,
  });
  assert.equal(theirs.status, 200, JSON.stringify(theirs));
  // A top-up of 3.00 元 for A; a top-up refund naming B would take it from B.
  const T = `TU-${Math.random()}`;
  const topUp = await call(1, 'open.recharge.operate', {
    ...W,
    customer_id: CUSTOMER,
    operate_type: 1,
    change_value: 300,
    outer_order_id: T,
    reason: 'top-up',
  });
  assert.equal(topUp.status, 200, JSON.stringify(topUp));
  await noted();
  const was = await balances();
  const undedut = await call(1, 'recharge.undedut.update', {
    biz_channel: 'CS',
    ...W,
    customer_id: OTHER_CUSTOMER,
    outer_order_id: Y,
    new_outer_order_id: `${Y}-R`,
  });
  refused(undedut, [403, 'OUT_OF_SCOPE', 'customer_id'], 'undedut naming B');
  assert.match(undedut.error.message, /not the customer outer_order_id .* was made for/);
  const back = { ...W, operate_type: 4, outer_order_id: T, new_outer_order_id: `${T}-R`, reason: '退款' };
  const wrong = await call(0, 'open.recharge.operate', { ...back, customer_id: OTHER_CUSTOMER });
  refused(wrong, [403, 'OUT_OF_SCOPE', 'customer_id'], 'top-up refund naming B');
  assert.deepEqual(await balances(), was, 'neither customer’s stored value moved');
  assert.deepEqual([...(await givenBack(Y)), ...(await givenBack(T))], []);
  assert.equal((await f.journal()).filter((j) => j.order === T && j.kind === 'recharge.refund').length, 0);
  // Naming A, A's top-up comes back from A.
  const right = await call(1, 'open.recharge.operate', { ...back, customer_id: CUSTOMER });
  assert.equal(right.status, 200, JSON.stringify(right));
  const now = await balances();
  assert.deepEqual(
    [now[CUSTOMER].value, now[OTHER_CUSTOMER].value],
    [was[CUSTOMER].value - 300, was[OTHER_CUSTOMER].value],
  );
});

test('a used voucher is restored only naming an order the proxy’s writes used it on', async () => {
  await pos('open.assert.verify', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: 'POS-1',
    voucher_id_list: ['2837374884'],
  });
  await pos('open.assert.verify', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: 'POS-2',
    voucher_id_list: ['2837374885'],
  });
  await call(0, 'customer.voucher.list', { customer_id: CUSTOMER });
  const restore = (id, order) => ({
    customer_id: CUSTOMER,
    source: 'POS',
    voucher_id_list: [id],
    voucher_status_action: 'ISUSED_NORMAL',
    ...(order ? { out_order_id: order } : {}),
  });
  const bare = await call(1, 'voucher.status.change', restore('2837374884'));
  refused(bare, [400, 'INVALID_PARAM', 'out_order_id'], 'restore naming no order');
  // An own order with 1 point; then an own "use" of the voucher the POS already used (the
  // platform changes nothing: its answer says so).
  const O = `OWN-${Math.random()}`;
  assert.equal(
    (
      await call(0, 'point.extra.consume', {
        biz_channel: 'CS',
        ...W,
        customer_id: CUSTOMER,
        change_point: 1,
        out_biz_id: O,
        reason: 'r',
      })
    ).status,
    200,
  );
  const O2 = `OWN2-${Math.random()}`;
  const reuse = await call(1, 'voucher.status.change', {
    ...restore('2837374885', O2),
    voucher_status_action: 'NORMAL_ISUSED',
  });
  assert.equal(reuse.status, 200, JSON.stringify(reuse));
  await noted();
  for (const [label, body] of [
    ['an own order it was not used on', restore('2837374885', O)],
    ['an own order whose use of it changed nothing', restore('2837374885', O2)],
  ]) {
    const r = await call(0, 'voucher.status.change', body);
    refused(r, [403, 'OUT_OF_SCOPE', 'voucher_id_list'], label);
  }
  assert.deepEqual((await balances())[CUSTOMER].vouchers, ['2837374884:USED', '2837374885:USED']);
  assert.equal((await f.journal()).filter((j) => j.kind === 'voucher.restore').length, 0);
});

test('a refund gives back only the vouchers the proxy’s writes used on the order, else counts every used one', async () => {
  // The POS uses both of A's vouchers on V; the proxy takes 1 point on V: a refund gives both
  // back, which no read shows, so it counts every voucher A holds used.
  const V = `PV-${Math.random()}`;
  await pos('open.assert.verify', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: V,
    voucher_id_list: ['2837374884', '2837374885'],
  });
  assert.equal(
    (
      await call(0, 'point.extra.consume', {
        biz_channel: 'CS',
        ...W,
        customer_id: CUSTOMER,
        change_point: 1,
        out_biz_id: V,
        reason: 'r',
      })
    ).status,
    200,
  );
  await noted();
  const refund = await call(1, 'open.assert.refund', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: V,
    new_outer_order_id: `${V}-R`,
    request_id: `RF-${V}`,
  });
  assert.equal(refund.status, 200, JSON.stringify(refund));
  assert.deepEqual(
    (await givenBack(V)).map((j) => [j.points, j.vouchers]),
    [[1, ['2837374884', '2837374885']]],
  );
  await f.settled('op-manager-01');
  const counted = (await f.rows()).find((r) => r.request_id === `RF-${V}`);
  assert.deepEqual([counted.points, counted.vouchers], ['1', '2'], 'the audit row counts the vouchers it gave back');
  await f.reset();
  // The proxy uses voucher 4884 with 10 points on U; the POS uses 4885 on U too. The refund
  // lists what the proxy used: 4884 comes back, counted; 4885 stays used.
  const U = `PU-${Math.random()}`;
  await call(0, 'customer.voucher.list', { customer_id: CUSTOMER });
  const used = await call(0, 'open.assert.verify', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: U,
    point: 10,
    voucher_id_list: ['2837374884'],
  });
  assert.equal(used.status, 200, JSON.stringify(used));
  await pos('open.assert.verify', { ...W, customer_id: CUSTOMER, outer_order_id: U, voucher_id_list: ['2837374885'] });
  await noted();
  const back = await call(1, 'open.assert.refund', {
    ...W,
    customer_id: CUSTOMER,
    outer_order_id: U,
    new_outer_order_id: `${U}-R`,
    request_id: `RF-${U}`,
  });
  assert.equal(back.status, 200, JSON.stringify(back));
  assert.deepEqual(
    (await givenBack(U)).map((j) => [j.customer_id, j.points, j.vouchers]),
    [[CUSTOMER, 10, ['2837374884']]],
  );
  assert.deepEqual((await balances())[CUSTOMER].vouchers, ['2837374884:NORMAL', '2837374885:USED']);
  await f.settled('op-manager-01');
  const row = (await f.rows()).find((r) => r.request_id === `RF-${U}`);
  assert.equal(row.vouchers, '1', 'the audit row counts the voucher given back');
});

test('with SHOPS listing only some of a brand’s shops, a customer’s payment at another is still seen', async () => {
  const g = await startStack({
    vars: {
      UPSTREAM_RETRIES: '0',
      SHOPS: JSON.stringify({
        10001: {
          name: 'b',
          out_brand_id: 'B-DEMO',
          shops: { 20001: { name: 's1', out_shop_id: 'S-DEMO', biz_channel: 'CS' } },
        },
      }),
    },
  });
  try {
    const X = `SH-${Math.random()}`;
    const r = await g.channel({
      method: 'alibaba.alsc.crm.recharge.dedut.update',
      params: {
        operator_id: 'pos-1',
        request_id: `POS-${X}`,
        biz_channel: 'KRY',
        brand_id: '10001',
        shop_id: '20002',
        customer_id: CUSTOMER,
        outer_order_id: X,
        value: 5000,
      },
    });
    assert.equal((await r.json()).result?.biz_success, true);
    const own = await g.post(
      0,
      `${P}point.extra.consume`,
      { biz_channel: 'CS', ...W, customer_id: CUSTOMER, change_point: 1, out_biz_id: X, reason: 'r' },
      MANAGER,
    );
    assert.equal(own.status, 200);
    await noted();
    const was = (await g.customer()).stored_value;
    const back = await g.post(
      0,
      `${P}recharge.undedut.update`,
      { biz_channel: 'CS', ...W, customer_id: CUSTOMER, outer_order_id: X, new_outer_order_id: `${X}-R` },
      MANAGER,
    );
    const body = { status: back.status, ...(await back.json()) };
    refused(body, [403, 'OUT_OF_SCOPE', 'outer_order_id'], 'undedut of a payment at an unlisted shop');
    assert.match(body.error.message, /the platform holds 5000 value on it/);
    assert.deepEqual((await g.customer()).stored_value, was, 'nothing came back');
    assert.deepEqual(
      (await g.journal()).filter((j) => j.order === X && j.refund_order),
      [],
    );
  } finally {
    await g.close();
  }
});
