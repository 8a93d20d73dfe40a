// What a call could move, bounded under any reading, and every call inside its operator's
// scope: the findings of the proxy's review, each checked on the sandbox's ledger through two
// isolates of the proxy (calls alternate between them).
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { TopClient } from '../../../pkg/node.mjs';
import {
  startStack,
  tokensWith,
  rolesWith,
  as,
  deduct,
  record,
  CUSTOMER,
  OTHER_CUSTOMER,
  MANAGER,
  CASHIER,
  CONSUME,
  REFUND,
  DEDUT,
  UNDEDUT,
  VOUCHER,
  VERIFY,
  REVERSEPOINT,
  EXTRACHARGE,
} from '../fixtures.mjs';

let f;
let n = 0;
/** A fresh cashier for each use: their day's usage is their own. */
const fresh = (prefix) => `${prefix}${++n}`;
const cashiers = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i + 1}`, { role: 'cashier' }]));

before(async () => {
  f = await startStack({
    isolates: 2,
    vars: {
      UPSTREAM_RETRIES: '0',
      CONSOLE_TOKENS: tokensWith({
        ...cashiers,
        mgr2: { role: 'manager', scope: { 10001: '*' } },
        own1: { role: 'refunder', scope: { 10001: '*' } },
        own2: { role: 'refunder', scope: { 10001: '*' } },
        two: { role: 'cashier', scope: { 10001: ['20001', '20002'] } },
        desk: { role: 'desk' },
        squat: { role: 'squatter', scope: { 10001: ['20001'] } },
        squat2: { role: 'norestore', scope: { 10001: ['20001'] } },
        vlim: { role: 'vlimited', scope: { 10001: ['20001'] } },
        payer: { role: 'payer', scope: { 10001: ['20001'] } },
      }),
      ROLES: rolesWith({
        // Reverses only its own orders, with small per-call limits.
        refunder: {
          methods: [
            'alibaba.alsc.crm.point.extra.consume',
            'alibaba.alsc.crm.recharge.dedut.update',
            'alibaba.alsc.crm.open.assert.refund',
            'alibaba.alsc.crm.recharge.undedut.update',
            // A refund gives back the order's used vouchers, whoever used them.
            'voucher:restore',
          ],
          limits: { points: 1000, value: 10000, valuePerDay: 12000 },
          reverse: 'own',
        },
        // Reverses its own orders, with every reversal the overlay declares.
        squatter: {
          methods: [
            'alibaba.alsc.crm.point.extra.consume',
            'alibaba.alsc.crm.recharge.dedut.update',
            'alibaba.alsc.crm.open.assert.refund',
            'alibaba.alsc.crm.recharge.undedut.update',
            'alibaba.alsc.crm.recharge.uncharge.update',
            'alibaba.alsc.crm.point.reversepoint',
            'alibaba.alsc.crm.open.recharge.operate',
            'voucher:restore',
          ],
          limits: { points: 1000, value: 50000 },
          reverse: 'own',
        },
        // Refunds, with a limit on the vouchers it may give back.
        vlimited: {
          methods: ['alibaba.alsc.crm.point.extra.consume', 'alibaba.alsc.crm.open.assert.refund', 'voucher:restore'],
          limits: { points: 1000, vouchers: 1, vouchersPerDay: 1 },
          reverse: 'own',
        },
        // Takes and awards points on orders, and gives whole orders' points back.
        payer: {
          methods: [
            'alibaba.alsc.crm.point.extra.consume',
            'alibaba.alsc.crm.point.extracharge',
            'alibaba.alsc.crm.open.assert.refund',
            'alibaba.alsc.crm.point.reversepoint',
            'voucher:restore',
          ],
          limits: { points: 1000 },
          reverse: 'own',
        },
        norestore: {
          methods: ['alibaba.alsc.crm.point.extra.consume', 'alibaba.alsc.crm.open.assert.refund'],
          reverse: 'own',
        },
        desk: {
          methods: ['alibaba.alsc.crm.card.searchcard', 'alibaba.alsc.crm.marketing.issue.voucher'],
          limits: { points: 10 },
        },
      }),
    },
  });
});
after(() => f.close());
beforeEach(() => f.reset());

const post = (i, path, body, headers) => f.post(i, path, body, headers);
const json = async (r) => ({ status: r.status, ...(await r.json()) });
const usage = async (headers) => (await (await f.get(0, '/v1/operations', headers)).json()).data.usage;
const u8Points = async () => (await f.sandbox()).customers.find((c) => c.u8?.mid === '10000001').u8.points;

test('U8: a zero or missing multiple counts as 1, every action is scaled, and the ledger moves no more than the day allows', async () => {
  const who = as(fresh('c'));
  // 1,000,000 points asked with multiple "0": counted 1,000,000, over the 1,000 a call.
  const big = await json(
    await post(0, '/v1/u8/points/change', [record({ ori_points: 1_000_000, multiple: '0' })], who),
  );
  assert.deepEqual([big.status, big.error.limit], [403, 'points:1000']);
  // Awards of 1,000 with "0", "0.00", "00": each counted 1,000 (U8 reads a zero multiple as 1).
  const answers = [];
  for (const [i, multiple] of ['0', '0.00', '00', '0', '0'].entries())
    answers.push(await json(await post(i % 2, '/v1/u8/points/change', [record({ ori_points: 1000, multiple })], who)));
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 403, 403],
  );
  assert.equal(answers[3].error.limit, 'pointsPerDay:3000');
  assert.equal(await u8Points(), 1000 + 3000, 'the ledger moved exactly the day limit');
  assert.equal((await usage(who)).points, 3000);
  // A redeem of 90,000 with multiple 0.01 is counted 90,000, not 900.
  const redeem = await json(
    await post(
      1,
      '/v1/u8/points/change',
      [record({ action_type: 51, ori_points: 90_000, multiple: '0.01' })],
      as(fresh('c')),
    ),
  );
  assert.deepEqual([redeem.status, redeem.error.limit], [403, 'points:1000']);
  assert.equal(await u8Points(), 4000);
});

test('vouchers count by number and face value; restoring one is a permission of its own', async () => {
  const who = as(fresh('c'));
  const change = (action, ids = ['2837374884']) => ({
    customer_id: CUSTOMER,
    source: 'POS',
    voucher_id_list: ids,
    voucher_status_action: action,
    // A restore names the order the voucher was used on.
    out_order_id: 'VC-1',
  });
  const statuses = async () => (await f.customer()).vouchers.map((v) => v.status);
  // Before the cashier has seen the voucher, its face value is not known: refused.
  const blind = await json(await post(0, VOUCHER, change('NORMAL_ISUSED'), who));
  assert.deepEqual([blind.status, blind.error.limit], [403, 'voucherValue:5000']);
  assert.match(blind.error.message, /face value/);
  // Listed (2,000 and 1,500 分), then used: counted by its face value.
  await post(1, '/v1/top/alibaba.alsc.crm.customer.voucher.list', { customer_id: CUSTOMER }, who);
  await f.settled(who.authorization.split('token-')[1].replace(/^/, 'op-'));
  const used = await json(await post(0, VOUCHER, change('NORMAL_ISUSED'), who));
  assert.equal(used.status, 200, JSON.stringify(used));
  assert.deepEqual(await statuses(), ['USED', 'NORMAL']);
  // Three vouchers in one call: over the two a call.
  const many = await json(await post(1, VOUCHER, change('NORMAL_ISUSED', ['2837374885', 'a', 'b']), who));
  assert.deepEqual([many.status, many.error.limit], [403, 'vouchers:2']);
  // A cashier restoring a used voucher, five times in a row: refused each time, nothing moves.
  for (let i = 0; i < 5; i++) {
    const r = await json(await post(i % 2, VOUCHER, change('ISUSED_NORMAL'), who));
    assert.deepEqual([r.status, r.error.code, r.error.field], [403, 'FORBIDDEN', 'permission']);
  }
  assert.deepEqual(await statuses(), ['USED', 'NORMAL']);
  // The manager holds voucher:restore.
  const restored = await json(await post(0, VOUCHER, change('ISUSED_NORMAL'), MANAGER));
  assert.equal(restored.status, 200);
  assert.deepEqual(await statuses(), ['NORMAL', 'NORMAL']);
});

test('reversals count what they give back, against the reverser, and only in their scope', async () => {
  // A cashier's order of 500 points, refunded by a second manager: allowed (managers reverse
  // their shops' orders), and the 500 points back count against that manager.
  const order = `R-${Math.random()}`;
  assert.equal((await post(0, CONSUME, deduct(500, { out_biz_id: order }), CASHIER)).status, 200);
  const refund = {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    outer_order_id: order,
    new_outer_order_id: `${order}-R`,
  };
  // A role that reverses only its own orders may not.
  const notOwn = await json(await post(1, REFUND, refund, as('own1')));
  assert.deepEqual([notOwn.status, notOwn.error.code, notOwn.error.field], [403, 'OUT_OF_SCOPE', 'outer_order_id']);
  assert.equal((await f.customer()).points.available, 4500);
  const back = await json(await post(1, REFUND, refund, as('mgr2')));
  assert.equal(back.status, 200, JSON.stringify(back));
  assert.equal((await f.customer()).points.available, 5000);
  assert.equal((await usage(as('mgr2'))).points, 500, 'the refund counted against the manager who made it');
  // An order the proxy never recorded cannot be bounded: refused.
  const unknown = await json(await post(0, REFUND, { ...refund, outer_order_id: 'NEVER-SEEN' }, MANAGER));
  assert.deepEqual([unknown.status, unknown.error.field], [403, 'outer_order_id']);
});

test('a refund of an order built from several calls is bounded by all of them, across isolates', async () => {
  // Five calls of 1,000 points (the refunder's most per call) on one order: refunding the
  // order gives back 5,000 at once, over the 1,000 a call.
  const order = `BIG-${Math.random()}`;
  for (let i = 0; i < 5; i++)
    assert.equal((await post(i % 2, CONSUME, deduct(1000, { out_biz_id: order }), as('own2'))).status, 200);
  assert.equal((await f.customer()).points.available, 0);
  const r = await json(
    await post(
      1,
      REFUND,
      { brand_id: '10001', shop_id: '20001', customer_id: CUSTOMER, outer_order_id: order, new_outer_order_id: 'X' },
      as('own2'),
    ),
  );
  assert.deepEqual([r.status, r.error.limit], [403, 'points:1000']);
  assert.equal((await f.customer()).points.available, 0, 'nothing came back');
  // A stored-value reversal without `value` gives back the whole order: the 8,000 分 paid
  // count again, over the 12,000 a day with the payment; with `value` it is bounded by it.
  const paid = `PAY-${Math.random()}`;
  const pay = {
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    outer_order_id: paid,
    value: 8000,
  };
  assert.equal((await post(0, DEDUT, pay, as('own2'))).status, 200);
  const undedut = {
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    outer_order_id: paid,
    new_outer_order_id: `${paid}-R`,
  };
  const whole = await json(await post(0, UNDEDUT, undedut, as('own2')));
  assert.deepEqual([whole.status, whole.error.limit], [403, 'valuePerDay:12000']);
  const part = await json(await post(1, UNDEDUT, { ...undedut, value: 3000 }, as('own2')));
  assert.equal(part.status, 200, JSON.stringify(part));
  const sv = (await f.customer()).stored_value;
  assert.equal(sv.PRE + sv.GIFT, 23000 - 8000 + 3000);
});

test('an order made elsewhere cannot be reversed by writing on its id first: the platform’s flows bound it', async () => {
  // The shop's own POS, calling the platform directly.
  const pos = new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: `${f.sb.url}/router/rest`,
  });
  const posCall = (method, params) =>
    pos.call(method, { operator_id: 'pos-3', request_id: `POS-${Math.random()}`, ...params });
  const SQUAT = as('squat');
  const where = { brand_id: '10001', shop_id: '20001' };
  const tiny = (order) => deduct(1, { out_biz_id: order, shop_id: '20001' });
  const refused = async (path, body, label) => {
    const was = JSON.stringify((await f.customer()) ?? {});
    const r = await json(await post(1, path, body, SQUAT));
    assert.deepEqual([r.status, r.error?.code], [403, 'OUT_OF_SCOPE'], `${label}: ${JSON.stringify(r)}`);
    assert.match(r.error.message, /the platform holds \d+ (points|value) on it/, label);
    assert.equal(JSON.stringify(await f.customer()), was, `${label}: nothing came back`);
  };
  // A redemption of 3,000 points, 50 元 and a voucher, squatted with 1 point, then refunded.
  await posCall('alibaba.alsc.crm.open.assert.verify', {
    ...where,
    outer_order_id: 'POS-A',
    customer_id: CUSTOMER,
    point: 3000,
    value: 5000,
    voucher_id_list: ['2837374884'],
  });
  assert.equal((await post(0, CONSUME, tiny('POS-A'), SQUAT)).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  const refund = { ...where, customer_id: CUSTOMER, outer_order_id: 'POS-A', new_outer_order_id: 'RF-A' };
  await refused(REFUND, refund, 'refund');
  // A stored-value payment of 150 元 at another shop, squatted at the operator's own.
  await posCall('alibaba.alsc.crm.recharge.dedut.update', {
    biz_channel: 'KRY',
    brand_id: '10001',
    shop_id: '20002',
    customer_id: CUSTOMER,
    outer_order_id: 'POS-C',
    value: 8000,
  });
  assert.equal((await post(0, CONSUME, tiny('POS-C'), SQUAT)).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  const undedut = {
    biz_channel: 'CS',
    ...where,
    customer_id: CUSTOMER,
    outer_order_id: 'POS-C',
    new_outer_order_id: 'RF-C',
  };
  await refused(UNDEDUT, undedut, 'undedut');
  // A points redemption, then a point reversal of the whole order.
  await posCall('alibaba.alsc.crm.point.consumepoint', {
    ...where,
    biz_channel: 'CS',
    operator_name: 'pos',
    customer_id: CUSTOMER,
    out_biz_id: 'POS-P',
    change_point: 800,
  });
  assert.equal((await post(0, CONSUME, tiny('POS-P'), SQUAT)).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  await refused(
    '/v1/top/alibaba.alsc.crm.point.reversepoint',
    {
      ...where,
      biz_channel: 'CS',
      biz_type: 'REFUND',
      customer_id: CUSTOMER,
      out_biz_id: 'POS-P',
      reverse_order_id: 'RF-P',
      operator_name: 'x',
      reason: 'x',
    },
    'reversepoint',
  );
  // Top-ups of 100 元, by card and by customer, taken back by uncharge and by operate type 4.
  await posCall('alibaba.alsc.crm.recharge.charge.update', {
    biz_channel: 'CS',
    ...where,
    card_id: '7328763784623',
    charge_type: '1',
    trigger_gift: false,
    outer_order_id: 'POS-T',
    real_value: 10000,
    gift_value: 100,
  });
  await posCall('alibaba.alsc.crm.open.recharge.operate', {
    ...where,
    customer_id: CUSTOMER,
    operate_type: '1',
    outer_order_id: 'POS-T2',
    change_value: 10000,
  });
  for (const order of ['POS-T', 'POS-T2']) assert.equal((await post(0, CONSUME, tiny(order), SQUAT)).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  await refused(
    '/v1/top/alibaba.alsc.crm.recharge.uncharge.update',
    { biz_channel: 'CS', ...where, card_id: '7328763784623', src_outer_order_id: 'POS-T', outer_order_id: 'RF-T' },
    'uncharge',
  );
  await refused(
    '/v1/top/alibaba.alsc.crm.open.recharge.operate',
    {
      ...where,
      customer_id: CUSTOMER,
      operate_type: '4',
      reason: '退款',
      outer_order_id: 'POS-T2',
      new_outer_order_id: 'RF-T2',
    },
    'operate type 4',
  );
  // The operator's own order reverses as before: what the platform holds is what it recorded.
  assert.equal((await post(0, CONSUME, deduct(300, { out_biz_id: 'OWN-1', shop_id: '20001' }), SQUAT)).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  const own = await json(
    await post(1, REFUND, { ...refund, outer_order_id: 'OWN-1', new_outer_order_id: 'RF-OWN' }, SQUAT),
  );
  assert.equal(own.status, 200, JSON.stringify(own));
  // A reversal must name whose flows to read; a role without voucher:restore may not refund.
  const anon = await json(await post(1, REFUND, { ...refund, customer_id: undefined }, SQUAT));
  assert.deepEqual([anon.status, anon.error.field], [400, 'customer_id']);
  assert.equal(
    (await post(0, CONSUME, deduct(5, { out_biz_id: 'OWN-2', shop_id: '20001' }), as('squat2'))).status,
    200,
  );
  const noRestore = await json(
    await post(1, REFUND, { ...refund, outer_order_id: 'OWN-2', new_outer_order_id: 'RF-2' }, as('squat2')),
  );
  assert.deepEqual([noRestore.status, noRestore.error.code, noRestore.error.field], [403, 'FORBIDDEN', 'permission']);
});

test('the platform’s flows bound a reversal whatever customer or card it names: the order pays back to its own customer', async () => {
  const pos = new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: `${f.sb.url}/router/rest`,
  });
  const posCall = (method, params) =>
    pos.call(method, { operator_id: 'pos-3', request_id: `POS-${Math.random()}`, ...params });
  const OTHER = '7027365982937563912723';
  const both = async () => {
    const all = (await f.sandbox()).customers;
    return JSON.stringify([CUSTOMER, OTHER].map((id) => all.find((c) => c.customer_id === id)));
  };
  const where = { brand_id: '10001', shop_id: '20001' };
  const refused = async (path, body, label) => {
    const was = await both();
    const r = await json(await post(1, path, body, as('squat')));
    assert.deepEqual([r.status, r.error?.code], [403, 'OUT_OF_SCOPE'], `${label}: ${JSON.stringify(r)}`);
    assert.match(r.error.message, /the platform holds \d+ value on it/, label);
    assert.equal(await both(), was, `${label}: nothing came back to either customer`);
  };
  // A POS redemption of 3,000 points and 50 元 for one customer, its id squatted with 1 point
  // of another, and the refund naming that other customer (whose flows on it are 1 point).
  await posCall('alibaba.alsc.crm.open.assert.verify', {
    ...where,
    outer_order_id: 'POS-O1',
    customer_id: CUSTOMER,
    point: 3000,
    value: 5000,
  });
  assert.equal(
    (await post(0, CONSUME, deduct(1, { out_biz_id: 'POS-O1', shop_id: '20001', customer_id: OTHER }), as('squat')))
      .status,
    200,
  );
  await new Promise((r) => setTimeout(r, 300));
  await refused(
    REFUND,
    { ...where, customer_id: OTHER, outer_order_id: 'POS-O1', new_outer_order_id: 'RF-O1' },
    'refund naming another customer',
  );
  // A POS payment of 80 元 at another shop, squatted, given back naming another customer's card.
  await posCall('alibaba.alsc.crm.recharge.dedut.update', {
    biz_channel: 'KRY',
    brand_id: '10001',
    shop_id: '20002',
    customer_id: CUSTOMER,
    outer_order_id: 'POS-O2',
    value: 8000,
  });
  assert.equal(
    (await post(0, CONSUME, deduct(1, { out_biz_id: 'POS-O2', shop_id: '20001' }), as('squat'))).status,
    200,
  );
  await new Promise((r) => setTimeout(r, 300));
  await refused(
    UNDEDUT,
    { biz_channel: 'CS', ...where, card_id: '7328763784624', outer_order_id: 'POS-O2', new_outer_order_id: 'RF-O2' },
    'undedut naming another card',
  );
  // The operator's own payment, given back by card: stored value needs no customer named.
  const paid = await json(
    await post(
      0,
      DEDUT,
      { biz_channel: 'CS', ...where, customer_id: CUSTOMER, outer_order_id: 'OWN-O3', value: 500 },
      as('squat'),
    ),
  );
  assert.equal(paid.status, 200, JSON.stringify(paid));
  await new Promise((r) => setTimeout(r, 300));
  const back = await json(
    await post(
      1,
      UNDEDUT,
      { biz_channel: 'CS', ...where, card_id: '7328763784623', outer_order_id: 'OWN-O3', new_outer_order_id: 'RF-O3' },
      as('squat'),
    ),
  );
  assert.equal(back.status, 200, JSON.stringify(back));
  const sv = (await f.customer()).stored_value;
  assert.equal(sv.PRE + sv.GIFT, 23000 - 5000 - 8000, 'the own payment came back, the POS payment stayed');
});

test('a whole-order points reversal names the order’s own customer: another customer’s point on its id does not make it theirs', async () => {
  const PAYER = as('payer');
  const where = { brand_id: '10001', shop_id: '20001' };
  const order = `AB-${Math.random()}`;
  const points = async () => {
    const all = (await f.sandbox()).customers;
    return [CUSTOMER, OTHER_CUSTOMER].map((id) => all.find((c) => c.customer_id === id).points.available);
  };
  const refunds = async () => (await f.journal()).filter((j) => j.order === order && j.refund_order);
  // Customer A's order of 300 points, made through the proxy; then 1 point awarded on the same
  // order id to customer B, whose point flows on it are that 1 point.
  assert.equal((await post(0, CONSUME, deduct(300, { out_biz_id: order }), PAYER)).status, 200);
  const award = await json(
    await post(
      1,
      EXTRACHARGE,
      { biz_channel: 'CS', ...where, customer_id: OTHER_CUSTOMER, change_point: 1, out_biz_id: order, reason: '补录' },
      PAYER,
    ),
  );
  assert.equal(award.status, 200, JSON.stringify(award));
  await new Promise((r) => setTimeout(r, 300));
  const held = await points();
  // A whole-order reversal naming B (a refund, a point reversal without change_point) is
  // refused whoever sends it: the platform would pay the whole order back to A.
  const refund = { ...where, customer_id: OTHER_CUSTOMER, outer_order_id: order, new_outer_order_id: `${order}-R` };
  const reverse = {
    ...where,
    biz_channel: 'CS',
    biz_type: 'REFUND',
    operator_name: 'x',
    reason: 'x',
    customer_id: OTHER_CUSTOMER,
    out_biz_id: order,
    reverse_order_id: `${order}-RP`,
  };
  for (const [label, path, body, who] of [
    ['refund', REFUND, refund, PAYER],
    ['reversepoint', REVERSEPOINT, reverse, PAYER],
    ['refund by a manager of the shop', REFUND, refund, as('mgr2')],
  ]) {
    const r = await json(await post(1, path, body, who));
    assert.deepEqual(
      [r.status, r.error?.code, r.error?.field],
      [403, 'OUT_OF_SCOPE', 'customer_id'],
      `${label}: ${JSON.stringify(r)}`,
    );
    assert.match(r.error.message, /not the customer .* was made for/, label);
  }
  assert.deepEqual(await points(), held, 'neither customer’s points moved');
  assert.deepEqual(await refunds(), [], 'nothing was given back');
  // Naming A is refused too: the proxy's writes on the order name two customers, and the
  // platform pays a whole order back to one.
  const back = await json(await post(0, REFUND, { ...refund, customer_id: CUSTOMER }, PAYER));
  assert.deepEqual([back.status, back.error?.code, back.error?.field], [403, 'OUT_OF_SCOPE', 'outer_order_id']);
  assert.match(back.error.message, /name 2 customers/);
  assert.deepEqual(await points(), held);
  assert.deepEqual(await refunds(), []);
  assert.equal((await usage(PAYER)).points, 300 + 1, 'no refund was counted');
});

test('a whole-order points reversal of an order the proxy wrote for two customers is refused, whatever their flows', async () => {
  const PAYER = as('payer');
  const where = { brand_id: '10001', shop_id: '20001' };
  const pos = new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: `${f.sb.url}/router/rest`,
  });
  // A's order of 300 points through the proxy, 50 of B's taken on its id by the POS (the
  // platform adds them to A's order), and 1 point awarded on it to B through the proxy: a
  // refund would give A 350, B's 50 among them.
  const order = `AP-${Math.random()}`;
  assert.equal((await post(0, CONSUME, deduct(300, { out_biz_id: order }), PAYER)).status, 200);
  await pos.call('alibaba.alsc.crm.point.extra.consume', {
    ...deduct(50, { out_biz_id: order, customer_id: OTHER_CUSTOMER }),
    operator_id: 'pos-3',
    request_id: `POS-${Math.random()}`,
  });
  assert.equal(
    (
      await post(
        1,
        EXTRACHARGE,
        {
          biz_channel: 'CS',
          ...where,
          customer_id: OTHER_CUSTOMER,
          change_point: 1,
          out_biz_id: order,
          reason: '补录',
        },
        PAYER,
      )
    ).status,
    200,
  );
  await new Promise((r) => setTimeout(r, 300));
  const was = (await f.customer()).points.available;
  const refund = { ...where, customer_id: CUSTOMER, outer_order_id: order, new_outer_order_id: `${order}-R` };
  const own = await json(await post(1, REFUND, refund, PAYER));
  assert.deepEqual([own.status, own.error?.code, own.error?.field], [403, 'OUT_OF_SCOPE', 'outer_order_id']);
  assert.match(own.error.message, /name 2 customers/);
  assert.equal((await f.customer()).points.available, was, 'nothing came back');
});

test('a whole-order points reversal of an order whose customer the proxy knows by no id is refused a role with limits', async () => {
  const where = { brand_id: '10001', shop_id: '20001' };
  // An order whose points were taken naming the customer by mobile: the order book keeps a
  // digest, never the number, and that customer's flows cannot be read, so what the refund
  // gives back cannot be bounded.
  const was = (await f.customer()).points.available;
  const refund = { ...where, customer_id: CUSTOMER };
  const byMobile = `AM-${Math.random()}`;
  const verified = await json(
    await post(0, VERIFY, { ...where, mobile: '13800000001', outer_order_id: byMobile, point: 200 }, MANAGER),
  );
  assert.equal(verified.status, 200, JSON.stringify(verified));
  await new Promise((r) => setTimeout(r, 300));
  const ns = await f.proxy.mf.getDurableObjectNamespace('ORDERS');
  const [noted] = await ns.get(ns.idFromName('10001')).lookup({ orders: [byMobile] });
  assert.match(noted.customer, /^mobile#[0-9a-f]{64}$/);
  assert.doesNotMatch(JSON.stringify(noted), /13800000001/);
  const mid = await json(
    await post(1, REFUND, { ...refund, outer_order_id: byMobile, new_outer_order_id: `${byMobile}-R` }, MANAGER),
  );
  assert.deepEqual(
    [mid.status, mid.error?.code, mid.error?.limit, mid.error?.field],
    [403, 'LIMIT_EXCEEDED', 'amount', 'outer_order_id'],
    JSON.stringify(mid),
  );
  assert.equal((await f.customer()).points.available, was - 200, 'the 200 points stayed taken');
});

test('a refund counts the vouchers it gives back: the order’s, which no flow lists, cannot be bounded for a role limiting vouchers', async () => {
  const pos = new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: `${f.sb.url}/router/rest`,
  });
  await pos.call('alibaba.alsc.crm.open.assert.verify', {
    brand_id: '10001',
    shop_id: '20001',
    operator_id: 'pos-1',
    request_id: `POS-${Math.random()}`,
    outer_order_id: 'POS-V1',
    customer_id: CUSTOMER,
    voucher_id_list: ['2837374884', '2837374885'],
  });
  const V = as('vlim');
  assert.equal((await post(0, CONSUME, deduct(1, { out_biz_id: 'POS-V1', shop_id: '20001' }), V)).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  const states = async () => JSON.stringify((await f.customer()).vouchers.map((v) => [v.voucher_id, v.status]));
  const was = await states();
  assert.match(was, /"2837374885","USED"/);
  const refund = {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    outer_order_id: 'POS-V1',
    new_outer_order_id: 'RF-V1',
  };
  const whole = await json(await post(1, REFUND, refund, V));
  assert.deepEqual(
    [whole.status, whole.error?.code, whole.error?.limit, whole.error?.field],
    [403, 'LIMIT_EXCEEDED', 'amount', 'voucher_id_list'],
    JSON.stringify(whole),
  );
  const listed = await json(await post(0, REFUND, { ...refund, voucher_id_list: ['2837374884', '2837374885'] }, V));
  assert.deepEqual([listed.status, listed.error?.limit], [403, 'vouchers:1'], JSON.stringify(listed));
  assert.equal(await states(), was, 'no voucher came back');
  assert.equal((await usage(V)).vouchers, 0);
});

test('scope: every brand and shop a call names must be the operator’s; a single shop is filled in', async () => {
  const who = as(fresh('c'));
  for (const [extra, field] of [
    [{ shop_id: '99999' }, 'shop_id'],
    [{ shop_id: undefined, out_shop_id: 'S-DEMO-2' }, 'out_shop_id'],
    [{ shop_id: '20002' }, 'shop_id'],
    [{ brand_id: '10002' }, 'brand_id'],
    [{ brand_id: undefined, out_brand_id: 'B-ELSEWHERE' }, 'out_brand_id'],
  ]) {
    const r = await json(await post(n % 2, CONSUME, deduct(10, extra), who));
    assert.deepEqual([r.status, r.error.code, r.error.field], [403, 'OUT_OF_SCOPE', field], JSON.stringify(extra));
  }
  assert.equal((await f.customer()).points.available, 5000);
  // Neither brand nor shop named: the cashier's one brand and one shop are filled in.
  const body = deduct(10);
  delete body.brand_id;
  delete body.shop_id;
  const filled = await json(await post(1, CONSUME, body, who));
  assert.equal(filled.status, 200, JSON.stringify(filled));
  const op = `op-${who.authorization.split('token-')[1]}`;
  await f.settled(op);
  const row = (await f.rows()).find((x) => x.operator === op && x.outcome === 'ok');
  assert.deepEqual([row.brand, row.shop], ['10001', '20001']);
  // Two shops: the operator must say which.
  const two = deduct(10);
  delete two.shop_id;
  const which = await json(await post(0, CONSUME, two, as('two')));
  assert.deepEqual([which.status, which.error.field], [400, 'shop_id']);
  // A list of shops inside the parameters is checked item by item.
  const list = await json(
    await post(
      1,
      '/v1/top/alibaba.alsc.crm.card.searchcard',
      { brand_id: '10001', open_card_shop_ids: ['20001', '20002'] },
      as('desk'),
    ),
  );
  assert.deepEqual([list.status, list.error.field], [403, 'open_card_shop_ids[1]']);
  // What the request cannot bound (an activity decides the vouchers) is refused a limited role.
  const issue = await json(
    await post(
      0,
      '/v1/top/alibaba.alsc.crm.marketing.issue.voucher',
      { activity_id: 'A', customer_id: CUSTOMER },
      as('desk'),
    ),
  );
  assert.deepEqual([issue.status, issue.error.limit], [403, 'amount']);
});

test("a write's failure says what it means for the ledger (outcome), and the audit trail finds a request's every attempt", async () => {
  // Refused by the platform: not applied.
  const refused = await json(await post(0, CONSUME, { ...deduct(60000), request_id: 'OUT-1' }, MANAGER));
  assert.equal(refused.status, 409);
  assert.equal(refused.error.outcome, 'not_applied');
  // Turned away before it was sent (over the cashier's per-call limit): not applied.
  const over = await json(await post(1, CONSUME, { ...deduct(1500), request_id: 'OUT-2' }, CASHIER));
  assert.equal(over.error.code, 'LIMIT_EXCEEDED');
  assert.equal(over.error.outcome, 'not_applied');
  // The reply lost after the platform applied it: unknown; the retry with the same id applies nothing twice.
  await f.faults('12345678', [{ kind: 'drop-after', count: 1 }]);
  const seven = { ...deduct(7), request_id: 'OUT-3' };
  const lost = await json(await post(0, CONSUME, seven, MANAGER));
  assert.equal(lost.error.outcome, 'unknown');
  assert.equal(lost.error.retriable, true);
  const again = await json(await post(1, CONSUME, seven, MANAGER));
  assert.equal(again.ok, true);
  assert.equal((await f.customer()).points.available, 4993);
  // A read's failure carries no outcome: it moves nothing.
  const read = await json(
    await post(0, '/v1/top/alibaba.alsc.crm.open.customer.get', { mobile: '13900000000' }, MANAGER),
  );
  assert.equal(read.ok, false);
  assert.equal(read.error.outcome, undefined);
  // Every attempt of OUT-3, and nothing else.
  await f.settled('op-manager-01');
  const rows = (await json(await f.get(1, '/v1/audit?request_id=OUT-3'))).data.rows;
  assert.deepEqual(rows.map((r) => r.outcome).sort(), ['NETWORK_ERROR', 'ok'].sort());
  assert.ok(rows.every((r) => r.request_id === 'OUT-3'));
  const bad = await json(await f.get(0, `/v1/audit?request_id=${'x'.repeat(201)}`));
  assert.equal(bad.status, 400);
  assert.equal(bad.error.field, 'request_id');
});

test('a voucher restored names the order it was used on: that order must be one the proxy recorded', async () => {
  const change = (action, order) => ({
    customer_id: CUSTOMER,
    source: 'POS',
    voucher_id_list: ['2837374884'],
    voucher_status_action: action,
    ...(order ? { out_order_id: order } : {}),
  });
  await post(0, '/v1/top/alibaba.alsc.crm.customer.voucher.list', { customer_id: CUSTOMER }, MANAGER);
  const used = await json(await post(1, VOUCHER, change('NORMAL_ISUSED', 'V-ORDER-1'), MANAGER));
  assert.equal(used.status, 200, JSON.stringify(used));
  const stranger = await json(await post(0, VOUCHER, change('ISUSED_NORMAL', 'V-ORDER-UNKNOWN'), MANAGER));
  assert.deepEqual([stranger.status, stranger.error.code, stranger.error.field], [403, 'OUT_OF_SCOPE', 'out_order_id']);
  assert.deepEqual(
    (await f.customer()).vouchers.map((v) => v.status),
    ['USED', 'NORMAL'],
  );
  const restored = await json(await post(1, VOUCHER, change('ISUSED_NORMAL', 'V-ORDER-1'), MANAGER));
  assert.equal(restored.status, 200, JSON.stringify(restored));
  assert.deepEqual(
    (await f.customer()).vouchers.map((v) => v.status),
    ['NORMAL', 'NORMAL'],
  );
});
