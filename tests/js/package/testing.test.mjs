// loyalty-sdk/testing: the fake gateway as a fetch function, as a user tests their own code —
// call() unchanged, signatures and timestamps checked, a ledger, faults. It is also the
// sandbox's implementation (www/sandbox/server.mjs serves it), so the sandbox's tests cover it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopClient, U8Client, SdkError, newRequestId } from 'loyalty-sdk';
import { fakeGateway, DEFAULT_CONFIG } from 'loyalty-sdk/testing';
import { CUSTOMER, deduct as deduction } from '../fixtures.mjs';

// Straight to the platform: the operator and request id the proxy would add.
const deduct = (points, extra = {}) => deduction(points, { operator_id: 'op', request_id: newRequestId(), ...extra });
const top = (opts = {}) =>
  new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: 'https://gw.fake/router/rest',
    ...opts,
  });
const balance = (gw) => gw.ledger.view().find((c) => c.customer_id === CUSTOMER).points.available;

test('call() works unchanged against the fake gateway, in every sign method and format', async () => {
  const gw = fakeGateway();
  for (const opts of [{}, { signMethod: 'md5' }, { signMethod: 'hmac', format: 'xml' }]) {
    const r = await top(opts).call('alibaba.alsc.crm.point.extra.consume', deduct(10), { fetch: gw.fetch });
    assert.equal(r.biz_success, true);
  }
  assert.equal(balance(gw), 4970);
});

test('it checks signatures and timestamps as the platform does', async () => {
  const gw = fakeGateway();
  await assert.rejects(
    top({ appSecret: 'wrong' }).call('alibaba.alsc.crm.point.extra.consume', deduct(1), {
      fetch: gw.fetch,
      retries: 0,
    }),
    (e) => e instanceof SdkError && e.platformCode === '25',
  );
  const late = fakeGateway({ now: () => Date.now() + 3_600_000 });
  await assert.rejects(
    top().call('alibaba.alsc.crm.point.extra.consume', deduct(1), { fetch: late.fetch, retries: 0 }),
    (e) => e.platformCode === '31',
  );
  await assert.rejects(
    top().call('alibaba.alsc.crm.point.extra.consume', deduct(99999), { fetch: gw.fetch }),
    (e) => e.code === 'BIZ_ERROR' && /积分不足/.test(e.resultView),
  );
  assert.equal(balance(gw), 5000);
});

test('faults: a lost reply is retried with the same request_id and applies once', async () => {
  const gw = fakeGateway();
  gw.setFaults('12345678', [
    { kind: 'drop-after', count: 1 },
    { kind: 'http-503', count: 1 },
  ]);
  const retries = [];
  const r = await top().call('alibaba.alsc.crm.point.extra.consume', deduct(100), {
    fetch: gw.fetch,
    backoffMs: 1,
    onRetry: (e) => retries.push(e.error.code),
  });
  assert.equal(r.biz_success, true);
  assert.deepEqual(retries, ['NETWORK_ERROR', 'HTTP_ERROR']);
  assert.equal(balance(gw), 4900, 'applied once');
  assert.equal(gw.ledger.journal.length, 1);
});

test('U8: token, points/change, and the ledger', async () => {
  const gw = fakeGateway();
  const u8 = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-sandbox',
    appSecret: 'sandbox-u8-secret',
    baseUrl: 'https://u8.fake',
  });
  const r = await u8.call(
    'points/change',
    [{ mid: '10000001', action_type: 5, ori_money: '1.00', calc_money: '1.00', ori_points: 25, source_code: 'U8-T-1' }],
    { fetch: gw.fetch },
  );
  assert.equal(r.data[0].after_points, 1025);
  gw.reset();
  assert.equal(gw.ledger.view().find((c) => c.u8?.mid === '10000001').u8.points, 1000);
});

// ---- The test double judges as the gateway does, and keeps one ledger for every operation.

const POINTS_OF = (gw, id = CUSTOMER) => gw.ledger.view().find((c) => c.customer_id === id).points.available;
const call = (gw, method, params, opts = {}) => top(opts).call(method, params, { fetch: gw.fetch, retries: 0 });
const base = { brand_id: '10001', shop_id: '20001' };
const by = { operator_id: 'op' };

test('idempotency as the documents give it: request_id everywhere, unique order ids where documented', async () => {
  const gw = fakeGateway();
  // point.extra.consume: request_id is the only key its document gives; out_biz_id is the order
  // the points relate to, which two deductions may share.
  const first = deduct(10, { out_biz_id: 'SHARED' });
  await call(gw, 'alibaba.alsc.crm.point.extra.consume', first);
  await call(gw, 'alibaba.alsc.crm.point.extra.consume', first);
  assert.equal(POINTS_OF(gw), 4990, 'the same request_id applies once');
  await call(gw, 'alibaba.alsc.crm.point.extra.consume', deduct(10, { out_biz_id: 'SHARED' }));
  assert.equal(POINTS_OF(gw), 4980, 'another request_id for the same order is another deduction');
  // recharge.dedut.update: outer_order_id is documented unique within the ISV.
  const pay = (request_id) => ({
    ...base,
    ...by,
    biz_channel: 'CS',
    customer_id: CUSTOMER,
    outer_order_id: 'PAY-1',
    request_id,
    value: 100,
  });
  await call(gw, 'alibaba.alsc.crm.recharge.dedut.update', pay('r-1'));
  await assert.rejects(
    call(gw, 'alibaba.alsc.crm.recharge.dedut.update', pay('r-2')),
    (e) => e.code === 'BIZ_ERROR' && e.platformCode === 'ORDER_DUPLICATE',
  );
  assert.equal(gw.ledger.journal.filter((j) => j.order === 'PAY-1').length, 1);
  // recharge.uncharge.update: its outer_order_id is also the refund's idempotency key (作为退款幂等号).
  const card = '7328763784623';
  await call(gw, 'alibaba.alsc.crm.recharge.charge.update', {
    ...base,
    ...by,
    biz_channel: 'CS',
    card_id: card,
    charge_type: '1',
    outer_order_id: 'TOPUP-1',
    request_id: 'c-1',
    real_value: 1000,
    trigger_gift: true,
  });
  const uncharge = (request_id) => ({
    ...base,
    ...by,
    biz_channel: 'CS',
    outer_order_id: 'UNCHARGE-1',
    src_outer_order_id: 'TOPUP-1',
    request_id,
  });
  const a = await call(gw, 'alibaba.alsc.crm.recharge.uncharge.update', uncharge('u-1'));
  const b = await call(gw, 'alibaba.alsc.crm.recharge.uncharge.update', uncharge('u-2'));
  assert.deepEqual(b, a, 'the second request answers the first');
  assert.equal(gw.ledger.journal.filter((j) => j.kind === 'recharge.refund').length, 1, 'refunded once');
});

test('writes move the ledger, reads read it, reversals reverse', async () => {
  const gw = fakeGateway();
  const c = (method, params) => call(gw, method, params);
  // Points taken as cash, then given back by the reversal; the flows show both.
  await c('alibaba.alsc.crm.point.consumepoint', deduct(300, { out_biz_id: 'CASH-1', operator_name: '收银员' }));
  assert.equal(POINTS_OF(gw), 4700);
  await c('alibaba.alsc.crm.point.reversepoint', {
    ...base,
    ...by,
    operator_name: '收银员',
    biz_channel: 'CS',
    biz_type: 'REFUND',
    out_biz_id: 'CASH-1',
    reverse_order_id: 'CASH-1-R',
    request_id: newRequestId(),
    customer_id: CUSTOMER,
  });
  assert.equal(POINTS_OF(gw), 5000);
  const flows = await c('alibaba.alsc.crm.point.querypointflow', { ...base, customer_id: CUSTOMER });
  assert.deepEqual(
    flows.result_list.map((f) => [f.biz_type, f.change_point, f.remain_point]),
    [
      ['point.reverse', 300, 5000],
      ['point.cash', -300, 4700],
    ],
  );
  // What points are worth comes from the rule and the balance.
  const cal = await c('alibaba.alsc.crm.point.cal', { ...base, customer_id: CUSTOMER, consume_point: 250 });
  assert.deepEqual([cal.result.consume_point, cal.result.deducted_money], [200, 200]);
  // Stored value: the account, the pre-check and the customer view agree after a payment and its reversal.
  await c('alibaba.alsc.crm.recharge.dedut.update', {
    ...base,
    ...by,
    biz_channel: 'CS',
    customer_id: CUSTOMER,
    outer_order_id: 'SV-1',
    request_id: newRequestId(),
    value: 21_000,
  });
  const account = await c('alibaba.alsc.crm.recharge.account.get', { ...base, customer_id: CUSTOMER });
  assert.deepEqual(
    [
      account.result.usable_value,
      account.result.real_value,
      account.result.gift_value,
      account.result.real_value_total,
    ],
    [2000, 0, 2000, 20000],
  );
  await assert.rejects(
    c('alibaba.alsc.crm.recharge.dedutprecheck.get', { ...base, customer_id: CUSTOMER, value: 2001 }),
    (e) => e.platformCode === 'BALANCE_NOT_ENOUGH',
  );
  await c('alibaba.alsc.crm.recharge.undedut.update', {
    ...base,
    ...by,
    biz_channel: 'CS',
    outer_order_id: 'SV-1',
    new_outer_order_id: 'SV-1-R',
    request_id: newRequestId(),
    value: 1000,
  });
  const view = await c('alibaba.alsc.crm.customer.get', {
    ...base,
    customer_id: CUSTOMER,
    options: ['CARD', 'RECHARGE', 'POINT'],
  });
  assert.equal(view.result.card_open_info_list[0].accounts[0].balance, 3000);
  assert.equal(view.result.point_account.available_point, 5000);
  // A new customer, then a card for them from a physical card in stock, found every way.
  const created = await c('alibaba.alsc.crm.customer.create', {
    ...base,
    ...by,
    channel: '2',
    customer_type: 1,
    outer_id: 'wx-open-1',
    outer_type: 'wechat',
    mobile: '13900000001',
    name: '王五',
    request_id: newRequestId(),
  });
  const id = created.result;
  assert.match(id, /^\d{22}$/, 'a 22-digit id, kept exact');
  const opened = await c('alibaba.alsc.crm.card.open', {
    ...base,
    ...by,
    operator_name: '收银员',
    customer_id: id,
    physical_card_id: 'P-1003',
    active: true,
    request_id: newRequestId(),
  });
  const physical = await c('alibaba.alsc.crm.card.qryphysical', { brand_id: '10001', physical_card_id: 'P-1003' });
  assert.deepEqual([physical.result.card_id, physical.result.status], [opened.result, 'ACTIVED']);
  const found = await c('alibaba.alsc.crm.card.searchcard', { ...base, no: '13900000001' });
  assert.deepEqual(
    found.result_list.map((k) => [k.card_id, k.customer_id]),
    [[opened.result, id]],
  );
  await assert.rejects(
    c('alibaba.alsc.crm.card.open', {
      ...base,
      ...by,
      operator_name: '收银员',
      physical_card_id: 'P-1003',
      request_id: newRequestId(),
    }),
    (e) => e.platformCode === 'PHYSICAL_CARD_NOT_AVAILABLE',
    'a physical card is sold once',
  );
  // Vouchers sent by template land in the customer's vouchers, and can be used.
  await c('alibaba.alsc.crm.voucher.send', {
    ...base,
    ...by,
    customer_id: id,
    voucher_id: 'VT-20OFF',
    voucher_num: 2,
    request_id: newRequestId(),
  });
  const vouchers = await c('alibaba.alsc.crm.customer.voucher.list', { ...base, customer_id: id });
  assert.deepEqual(
    vouchers.result_list.map((v) => [v.title, v.status]),
    [
      ['满100减20', 'NORMAL'],
      ['满100减20', 'NORMAL'],
    ],
  );
  const reads = gw.ledger.journal.length;
  await c('alibaba.alsc.crm.rule.queryoptplan', { brand_id: '10001', deleted: false, page_size: 20 });
  await c('alibaba.alsc.crm.voucher.template.list', base);
  assert.equal(gw.ledger.journal.length, reads, 'reads write nothing');
  // Every write is journalled with its request id, order, customer, effect and time.
  for (const j of gw.ledger.journal) {
    assert.ok(j.kind && j.method && j.at, JSON.stringify(j));
    assert.ok(j.request_id, `${j.kind} has its request id`);
  }
});

test('the gateway judges as the real one: permissions, bad methods, sessions, blank values', async () => {
  const config = structuredClone(DEFAULT_CONFIG);
  config.top.apps[0].apis = ['alibaba.alsc.crm.point.extra.consume'];
  const gw = fakeGateway({ config });
  await assert.rejects(
    top().call(
      'alibaba.alsc.crm.point.querypointflow',
      { ...base, customer_id: CUSTOMER },
      { fetch: gw.fetch, retries: 0 },
    ),
    (e) => e.code === 'TOP_ERROR' && e.platformCode === '11' && e.subCode === undefined,
  );
  await assert.rejects(
    top().untyped.call('taobao.nothing.here', {}, { fetch: gw.fetch, retries: 0 }),
    (e) => e.platformCode === '22' && e.subCode === undefined && e.platformMsg === 'Invalid method',
  );
  await assert.rejects(
    top({ session: 'stolen' }).call('alibaba.alsc.crm.point.extra.consume', deduct(1), { fetch: gw.fetch, retries: 0 }),
    (e) => e.platformCode === '27' && e.subCode === 'invalid-sessionkey',
  );
  await assert.rejects(
    top({ appSecret: 'wrong' }).call('alibaba.alsc.crm.point.extra.consume', deduct(1), {
      fetch: gw.fetch,
      retries: 0,
    }),
    (e) => e.platformCode === '25' && e.subCode === undefined,
  );
  // A blank session is dropped by the SDK, as by the official ones: the call goes through.
  const ok = await top({ session: '  ' }).call('alibaba.alsc.crm.point.extra.consume', deduct(1), { fetch: gw.fetch });
  assert.equal(ok.biz_success, true);
});

test("a customer's point flows are ALSC's alone, each labelled: U8 awards stay in U8's ledger", async () => {
  const gw = fakeGateway();
  const u8 = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-sandbox',
    appSecret: 'sandbox-u8-secret',
    baseUrl: 'https://u8.fake',
  });
  await call(gw, 'alibaba.alsc.crm.point.extra.consume', deduct(30));
  // 张三 is U8 member 10000001: an award there moves U8's points, not ALSC's.
  await u8.call(
    'points/change',
    [
      {
        mid: '10000001',
        action_type: 5,
        ori_money: '1.00',
        calc_money: '1.00',
        ori_points: 400,
        source_code: 'U8-F-1',
      },
    ],
    { fetch: gw.fetch },
  );
  await call(gw, 'alibaba.alsc.crm.open.point.operate', {
    ...base,
    ...by,
    customer_id: CUSTOMER,
    operate_type: 1,
    change_point: 40,
    reason: 'r',
    outer_order_id: 'O-F-2',
    request_id: newRequestId(),
  });
  const flows = await call(gw, 'alibaba.alsc.crm.point.querypointflow', { ...base, customer_id: CUSTOMER });
  const rows = flows.result_list;
  assert.deepEqual(
    rows.map((f) => [f.change_point, f.remain_point]),
    [
      [40, 5010],
      [-30, 4970],
    ],
    'newest first, each balance after its own flow: no U8 row, no U8 amount in the balances',
  );
  assert.equal(rows[0].remain_point, POINTS_OF(gw));
  assert.deepEqual(
    rows.map((f) => f.biz_type_description),
    ['积分增加', '积分补扣'],
  );
  for (const f of rows) assert.doesNotMatch(f.biz_type_description, /^[a-z0-9.]+$/, 'a label, not a code');
});

test('every kind of entry the fake journals has a label for its flows', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { KIND_NAMES } = await import('../../../src/js/testing/common.js');
  const dir = new URL('../../../src/js/testing/', import.meta.url);
  const kinds = new Set();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    // ledger.record({ ..., kind: 'x' }) and kind: `voucher.${...}` alike.
    for (const m of text.matchAll(/kind: '([a-z0-9.]+)'/g)) kinds.add(m[1]);
    for (const m of text.matchAll(/kind: `([a-z0-9.]+)\$\{/g)) kinds.add(`${m[1]}*`);
  }
  assert.ok(kinds.size > 20, `kinds found: ${kinds.size}`);
  for (const k of kinds) {
    if (k.startsWith('u8.')) continue; // U8's ledger: no ALSC flow shows it
    if (k.endsWith('*')) {
      const prefix = k.slice(0, -1);
      assert.ok(
        Object.keys(KIND_NAMES).some((n) => n.startsWith(prefix)),
        `a label for ${prefix}…`,
      );
    } else assert.ok(KIND_NAMES[k], `a label for ${k}`);
  }
});
