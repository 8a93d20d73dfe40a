// The fake gateway as a platform with books: stored-value flows by shop and time range, point
// flows of a customer at a shop (never U8's), paged, filtered by type, with the documented
// fields; writes from another channel; flows that show late; a planted wrong amount.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopClient, U8Client, newRequestId } from 'loyalty-sdk';
import { fakeGateway } from 'loyalty-sdk/testing';
import { readFileSync } from 'node:fs';
import { CUSTOMER, posWrite } from '../fixtures.mjs';

const OTHER = '7027365982937563912723';
const here = new URL('../../../spec/alsc-crm/', import.meta.url);
const documented = (file) => {
  const spec = JSON.parse(readFileSync(new URL(file, here), 'utf8'));
  const list = spec.responseParams[0].subParams.find((p) => p.name === 'result_list');
  return new Set(list.subParams.map((p) => p.name));
};
const china = (ms) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

function setup(now = Date.now) {
  const gw = fakeGateway({ now });
  const top = new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: 'https://gw.fake/router/rest',
  });
  const call = (method, params) => top.call(method, params, { fetch: gw.fetch, retries: 0 });
  const at = (shop) => ({ biz_channel: 'CS', brand_id: '10001', shop_id: shop, operator_id: 'op-1' });
  const pay = (shop, value, extra = {}) =>
    call('alibaba.alsc.crm.recharge.dedut.update', {
      ...at(shop),
      customer_id: CUSTOMER,
      value,
      outer_order_id: `V-${newRequestId()}`,
      request_id: newRequestId(),
      ...extra,
    });
  const consume = (shop, points, customer = CUSTOMER) =>
    call('alibaba.alsc.crm.point.extra.consume', {
      ...at(shop),
      customer_id: customer,
      change_point: points,
      out_biz_id: `P-${newRequestId()}`,
      request_id: newRequestId(),
    });
  const sandbox = async (path, body) =>
    (await gw.fetch(`https://gw.fake/__sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) })).json();
  return { gw, call, at, pay, consume, sandbox };
}

test("a shop's stored-value flows, by time range and type, paged, with the documented fields", async () => {
  const { call, pay } = setup();
  for (let i = 1; i <= 7; i++) await pay(i % 2 ? '20001' : '20002', i * 10);
  await call('alibaba.alsc.crm.recharge.charge.update', {
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    card_id: '7328763784623',
    charge_type: 'CASH',
    operator_id: 'op-1',
    outer_order_id: `C-${newRequestId()}`,
    request_id: newRequestId(),
    real_value: 1000,
    gift_value: 100,
    trigger_gift: false,
  });
  const page = (p) =>
    call('alibaba.alsc.crm.recharge.accountflows.get', {
      brand_id: '10001',
      shop_id: '20001',
      start_time: china(Date.now() - 60_000),
      end_time: china(Date.now() + 60_000),
      page_no: p,
      page_size: 3,
      ...p.extra,
    });
  const first = await page(1);
  assert.equal(first.total_size, 5, 'four payments and a top-up at 20001');
  const all = [...first.result_list, ...(await page(2)).result_list];
  assert.deepEqual(
    all.map((f) => [f.flow_type, f.order_value, f.shop_id]),
    [
      ['CHARGE', 1100, '20001'],
      ['DEDUT', -70, '20001'],
      ['DEDUT', -50, '20001'],
      ['DEDUT', -30, '20001'],
      ['DEDUT', -10, '20001'],
    ],
  );
  const fields = documented('alibaba_alsc_crm_recharge_accountflows_get.json');
  for (const f of all) for (const k of Object.keys(f)) assert.ok(fields.has(k), `${k} is documented`);
  assert.equal(all[0].gift_value, 100);
  const charges = await call('alibaba.alsc.crm.recharge.accountflows.get', {
    brand_id: '10001',
    shop_id: '20001',
    flow_types: 'CHARGE',
    page_no: 1,
  });
  assert.equal(charges.total_size, 1);
  const before = await call('alibaba.alsc.crm.recharge.accountflows.get', {
    brand_id: '10001',
    shop_id: '20001',
    end_time: china(Date.now() - 3_600_000),
    page_no: 1,
  });
  assert.equal(before.total_size, 0, 'nothing before the range');
  // The documents require a shop unless a customer or card is named, and a brand.
  await assert.rejects(call('alibaba.alsc.crm.recharge.accountflows.get', { brand_id: '10001', page_no: 1 }), (e) =>
    /shop_id/.test(e.subMsg ?? e.message),
  );
  await assert.rejects(
    call('alibaba.alsc.crm.recharge.accountflows.get', {
      brand_id: '10001',
      shop_id: '20001',
      start_time: 'yesterday',
      page_no: 1,
    }),
    (e) => /start_time/.test(e.subMsg ?? e.message),
  );
});

test("a customer's point flows at a shop, never U8's, filtered and paged", async () => {
  const { call, consume, gw } = setup();
  await consume('20001', 5);
  await consume('20002', 7);
  await consume('20001', 9, OTHER);
  const u8 = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-sandbox',
    appSecret: 'sandbox-u8-secret',
    baseUrl: 'https://gw.fake',
  });
  await u8.call(
    'points/change',
    [{ mid: '10000001', action_type: 5, ori_money: '1', calc_money: '1', ori_points: 10, source_code: 'S-1' }],
    { fetch: gw.fetch },
  );
  const flows = await call('alibaba.alsc.crm.point.querypointflow', {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    start_time: china(Date.now() - 60_000),
    page_no: 1,
  });
  assert.deepEqual(
    flows.result_list.map((f) => [f.change_point, f.shop_name]),
    [[-5, '小王面馆 西湖店']],
    'the U8 award and the other shop are not among them',
  );
  assert.equal(flows.result_list[0].remain_point, 5000 - 5, 'the balance after it, U8 points apart');
  const fields = documented('alibaba_alsc_crm_point_querypointflow.json');
  for (const k of Object.keys(flows.result_list[0])) assert.ok(fields.has(k), `${k} is documented`);
  const typed = await call('alibaba.alsc.crm.point.querypointflow', {
    brand_id: '10001',
    shop_id: '20002',
    customer_id: CUSTOMER,
    point_flow_type: 'point.consume',
    page_no: 1,
    page_size: 1,
  });
  assert.deepEqual([typed.total_size, typed.has_next_page], [1, false]);
  await assert.rejects(
    call('alibaba.alsc.crm.point.querypointflow', { brand_id: '10001', customer_id: CUSTOMER, page_no: 1 }),
    (e) => /shop_id/.test(e.subMsg ?? e.message),
  );
});

test('a write from another channel is journalled as such and shows in the flows', async () => {
  const { call, sandbox, gw } = setup();
  const pos = posWrite({ shop: '20002', value: 250, order: 'POS9-1', operator: 'pos-9', requestId: 'pos-9-1' });
  const got = await sandbox('channel', pos);
  assert.equal(got.result.biz_success, true);
  const again = await sandbox('channel', pos);
  assert.equal(again.result.biz_success, true, 'its own idempotency holds');
  assert.deepEqual(
    gw.ledger.journal.map((j) => [j.order, j.channel, j.shop_id]),
    [['POS9-1', 'other', '20002']],
  );
  const flows = await call('alibaba.alsc.crm.recharge.accountflows.get', {
    brand_id: '10001',
    shop_id: '20002',
    page_no: 1,
  });
  assert.deepEqual(
    flows.result_list.map((f) => [f.outer_order_id, f.order_value, f.operator]),
    [['POS9-1', -250, 'pos-9']],
  );
  assert.equal(
    (await sandbox('channel', { method: 'alibaba.alsc.crm.recharge.accountflows.get', params: {} })).error !==
      undefined,
    true,
  );
});

test('a late flow shows only after its delay; a planted amount shows in the flows', async () => {
  let now = Date.now();
  const { pay, call, gw, sandbox } = setup(() => now);
  gw.setFaults('12345678', [{ kind: 'late', ms: 60_000, count: 1 }]);
  await pay('20001', 40, { outer_order_id: 'LATE-1' });
  const flows = () =>
    call('alibaba.alsc.crm.recharge.accountflows.get', { brand_id: '10001', shop_id: '20001', page_no: 1 });
  assert.equal((await flows()).total_size, 0, 'applied, not shown yet');
  assert.equal(gw.ledger.view().find((c) => c.customer_id === CUSTOMER).stored_value.PRE, 20000 - 40);
  now += 61_000;
  assert.deepEqual(
    (await flows()).result_list.map((f) => [f.outer_order_id, f.order_value]),
    [['LATE-1', -40]],
  );
  const entry = gw.ledger.journal.find((j) => j.order === 'LATE-1');
  await sandbox('amend', { seq: entry.seq, value: -45 });
  assert.deepEqual(
    (await flows()).result_list.map((f) => f.order_value),
    [-45],
  );
});
