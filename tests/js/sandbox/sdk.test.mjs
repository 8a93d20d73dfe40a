// The SDK package against the sandbox gateway: the three seed operations and U8 points/change,
// success and failure, in JSON (simplified and plain) and XML; and safe retries through faults.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { TopClient, U8Client, newRequestId } from 'loyalty-sdk';
import { startSandbox } from '../../../www/sandbox/server.mjs';
import { sandboxAt, CUSTOMER } from '../fixtures.mjs';

let sb;
/** The sandbox's ledger, journal, faults and reset. */
let sandbox;
before(async () => {
  sb = await startSandbox({ port: 0 });
  sandbox = sandboxAt(sb.url);
});
after(() => sb.close());
beforeEach(async () => {
  await sandbox.reset();
});

const client = (opts = {}) =>
  new TopClient({ appKey: '12345678', appSecret: 'sandbox-top-secret', gateway: `${sb.url}/router/rest`, ...opts });

const SHAPES = [
  ['JSON simplified', {}],
  ['JSON plain', { simplify: false }],
  ['XML', { format: 'xml' }],
  ['XML md5', { format: 'xml', signMethod: 'md5' }],
  ['JSON hmac', { signMethod: 'hmac' }],
];

for (const [label, opts] of SHAPES) {
  test(`seed operations through the SDK, ${label}`, async () => {
    const c = client(opts);
    const order = `ORD-${newRequestId()}`;
    const points = await c.call('alibaba.alsc.crm.point.extra.consume', {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      change_point: 300,
      customer_id: CUSTOMER,
      operator_id: 'op-1',
      out_biz_id: order,
      request_id: newRequestId(),
      reason: '补扣 😀 a+b&c=d',
    });
    assert.equal(points.biz_success, true);
    assert.equal(typeof points.result, 'string');

    const value = await c.call('alibaba.alsc.crm.recharge.dedut.update', {
      biz_channel: 'KRY',
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      operator_id: 'op-1',
      outer_order_id: order,
      request_id: newRequestId(),
      value: 21_000,
      biz_date: '2025-01-01 12:00:00',
    });
    assert.deepEqual(value.result.affected_property_list, [
      { type: 'PRE', value: 20000 },
      { type: 'GIFT', value: 1000 },
    ]);
    assert.equal(value.result.current_value, 2000);
    assert.equal(typeof value.result.flow_id, 'string', 'a flow id above 2^53 arrives as an exact string');
    assert.ok(BigInt(value.result.flow_id) > 2n ** 53n);

    const refunded = await c.call('alibaba.alsc.crm.open.assert.refund', {
      brand_id: '10001',
      shop_id: '20001',
      operator_id: 'op-1',
      outer_order_id: order,
      new_outer_order_id: `R-${order}`,
      request_id: newRequestId(),
    });
    assert.deepEqual([refunded.result.point_success, refunded.result.value_success], [true, true]);
    assert.deepEqual((await sandbox.customer()).points, { available: 5000, frozen: 0 });

    await assert.rejects(
      c.call('alibaba.alsc.crm.open.assert.refund', {
        brand_id: '10001',
        shop_id: '20001',
        operator_id: 'op-1',
        outer_order_id: order,
        new_outer_order_id: `R2-${order}`,
        request_id: newRequestId(),
      }),
      (e) => e.code === 'BIZ_ERROR' && e.platformCode === 'ORDER_ALREADY_REFUNDED' && /不能重复退回/.test(e.resultView),
    );
    await assert.rejects(
      c.call('alibaba.alsc.crm.point.extra.consume', {
        biz_channel: 'CS',
        brand_id: '10001',
        shop_id: '20001',
        change_point: 999_999,
        customer_id: CUSTOMER,
        operator_id: 'op-1',
        out_biz_id: `${order}-2`,
        request_id: newRequestId(),
      }),
      (e) => e.code === 'BIZ_ERROR' && e.platformCode === 'POINT_NOT_ENOUGH' && !e.retriable,
    );
  });
}

test('a wrong secret is a TOP_ERROR 25, not retried', async () => {
  const c = new TopClient({ appKey: '12345678', appSecret: 'not-the-secret', gateway: `${sb.url}/router/rest` });
  await assert.rejects(
    c.call('alibaba.alsc.crm.point.extra.consume', {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      change_point: 1,
      customer_id: CUSTOMER,
      operator_id: 'o',
      out_biz_id: 'x',
      request_id: 'r',
    }),
    (e) => e.code === 'TOP_ERROR' && e.platformCode === '25' && !e.retriable && typeof e.requestId === 'string',
  );
});

test('the lost reply: call() retries after the connection drops and nothing applies twice', async () => {
  await sandbox.faults('12345678', [
    { kind: 'drop-after', count: 1 },
    { kind: 'http-503', count: 1 },
    { kind: 'rate-limit', seconds: 1, count: 1 },
  ]);

  try {
    const requestId = newRequestId();
    const r = await client().call(
      'alibaba.alsc.crm.point.extra.consume',
      {
        biz_channel: 'CS',
        brand_id: '10001',
        shop_id: '20001',
        change_point: 400,
        customer_id: CUSTOMER,
        operator_id: 'o',
        out_biz_id: 'LOST-1',
        request_id: requestId,
      },
      { backoffMs: 5 },
    );
    assert.equal(r.biz_success, true);
    assert.equal((await sandbox.customer()).points.available, 4600, 'applied exactly once');
    assert.equal((await sandbox.journal()).filter((j) => j.request_id === requestId).length, 1);
  } finally {
    await sandbox.faults('12345678', []);
  }
});

test('U8 points/change through the SDK: token flow, success, and classified failures', async () => {
  const u8 = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-sandbox',
    appSecret: 'sandbox-u8-secret',
    baseUrl: sb.url,
  });
  const r = await u8.call('points/change', [
    {
      mid: '10000001',
      action_type: 5,
      ori_money: '100.00',
      calc_money: '100.00',
      ori_points: 100,
      source_code: 'SO-SDK-1',
    },
  ]);
  assert.deepEqual([r.data[0].before_points, r.data[0].after_points, r.data[0].mid], [1000, 1100, '10000001']);
  assert.equal(typeof r.data[0].id, 'string');
  await assert.rejects(
    u8.call('points/change', [
      { mid: '10000001', action_type: 51, ori_money: '1', calc_money: '1', ori_points: 99999, source_code: 'SO-SDK-2' },
    ]),
    (e) =>
      e.code === 'U8_ERROR' &&
      e.platformCode === '2001' &&
      e.subCode === 'rejected' &&
      /积分不足/.test(e.message) &&
      !e.retriable,
  );
  const offline = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-offline',
    appSecret: 'sandbox-u8-secret',
    baseUrl: sb.url,
  });
  await assert.rejects(
    offline.call('points/change', [
      { mid: '10000001', action_type: 5, ori_money: '1', calc_money: '1', ori_points: 1, source_code: 'x' },
    ]),
    (e) => e.code === 'U8_ERROR' && e.subCode === 'app_not_online' && /admin/.test(e.message),
  );
  assert.equal((await sandbox.customer()).u8.points, 1100);
});

test("a desk's day through the SDK: top-up checked then charged and refunded, flows newest first with balances, vouchers used and restored", async () => {
  for (const [label, opts] of [
    ['JSON', {}],
    ['XML', { format: 'xml' }],
  ]) {
    await sandbox.reset();
    const c = client(opts);
    const store = { brand_id: '10001', shop_id: '20001' };
    const base = { ...store, biz_channel: 'KRY', operator_id: 'op-1' };
    assert.equal(
      (await c.call('alibaba.alsc.crm.recharge.chargeprecheck.get', { ...store, customer_id: CUSTOMER })).result,
      true,
      label,
    );
    const charged = await c.call('alibaba.alsc.crm.recharge.charge.update', {
      ...base,
      card_id: '7328763784623',
      charge_type: 'CASH',
      trigger_gift: true,
      real_value: 10000,
      gift_value: 1000,
      outer_order_id: `TOP-${label}`,
      request_id: newRequestId(),
    });
    assert.equal(charged.result.current_value, 34000, label);
    await c.call('alibaba.alsc.crm.point.extra.consume', {
      ...base,
      change_point: 120,
      customer_id: CUSTOMER,
      out_biz_id: `P-${label}`,
      request_id: newRequestId(),
      reason: 'r',
    });
    const points = await c.call('alibaba.alsc.crm.point.querypointflow', {
      ...store,
      customer_id: CUSTOMER,
      page_no: 1,
      page_size: 10,
    });
    assert.deepEqual(
      points.result_list.map((f) => [f.change_point, f.remain_point, f.out_biz_id]),
      [[-120, 4880, `P-${label}`]],
      label,
    );
    const flows = await c.call('alibaba.alsc.crm.recharge.accountflows.get', {
      ...store,
      customer_id: CUSTOMER,
      page_no: 1,
    });
    assert.deepEqual(
      flows.result_list.map((f) => [f.order_value, f.current_value, f.outer_order_id]),
      [[11000, 34000, `TOP-${label}`]],
      label,
    );
    const detail = await c.call('alibaba.alsc.crm.recharge.account.flowdetail.get', {
      brand_id: '10001',
      flow_id: flows.result_list[0].flow_id,
    });
    assert.deepEqual(
      detail.result.affected_property_list,
      [
        { type: 'PRE', value: 10000 },
        { type: 'GIFT', value: 1000 },
      ],
      label,
    );
    const check = { ...store, biz_channel: 'KRY', customer_id: CUSTOMER, src_outer_order_id: `TOP-${label}` };
    assert.equal((await c.call('alibaba.alsc.crm.recharge.unchargecheck.get', check)).result, true);
    const back = await c.call('alibaba.alsc.crm.recharge.uncharge.update', {
      ...base,
      src_outer_order_id: `TOP-${label}`,
      outer_order_id: `UN-${label}`,
      request_id: newRequestId(),
    });
    assert.equal(back.result.current_value, 23000, label);
    await assert.rejects(
      c.call('alibaba.alsc.crm.recharge.unchargecheck.get', check),
      (e) => e.code === 'BIZ_ERROR' && e.platformCode === 'ORDER_ALREADY_REFUNDED',
    );
    const vouchers = await c.call('alibaba.alsc.crm.customer.voucher.list', { ...store, customer_id: CUSTOMER });
    assert.deepEqual(
      vouchers.result_list.map((v) => v.status),
      ['NORMAL', 'NORMAL'],
      label,
    );
    const used = await c.call('alibaba.alsc.crm.voucher.status.change', {
      ...store,
      customer_id: CUSTOMER,
      operator_id: 'op-1',
      request_id: newRequestId(),
      source: 'CONSOLE',
      voucher_id_list: ['2837374884'],
      voucher_status_action: 'NORMAL_ISUSED',
    });
    assert.deepEqual(used.result.voucher_status_list, [{ is_success: true, voucher_id: '2837374884' }], label);
    assert.deepEqual(
      (await sandbox.customer()).vouchers.map((v) => v.status),
      ['USED', 'NORMAL'],
      label,
    );
  }
});
