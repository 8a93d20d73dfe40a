// The audit searched by customer: a customer's writes are filed as each call named them (their
// id, a card, their U8 member), so one search sends each of those names and the trail answers
// every write for them, newest first, paged by the same cursor; the values are capped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, record, CUSTOMER, MANAGER } from '../fixtures.mjs';

const CARD = '7328763784623';
const MEMBER = '10000001';
const T = '/v1/top/alibaba.alsc.crm.';
let f;

before(async () => {
  f = await startStack({ vars: { UPSTREAM_RETRIES: '0' } });
});
after(() => f?.close());

const write = (path, body) => f.write(path, body);
async function audit(query) {
  await f.settled('op-manager-01');
  const res = await f.get(0, `/v1/audit?${query}`, MANAGER);
  return { status: res.status, ...(await res.json()) };
}
const ops = (page) => page.data.rows.map((r) => `${r.operation.replace('alibaba.alsc.crm.', '')} ${r.customer}`);

test("a customer's top-ups, top-up refunds and U8 awards are found with their id, card and U8 member", async () => {
  const order = `T-${Date.now()}`;
  const at = { biz_channel: 'CS', brand_id: '10001', shop_id: '20001' };
  await write(`${T}recharge.charge.update`, {
    ...at,
    card_id: CARD,
    charge_type: 'CASH',
    trigger_gift: false,
    outer_order_id: order,
    real_value: 1000,
    gift_value: 100,
  });
  await write(`${T}recharge.uncharge.update`, {
    ...at,
    card_id: CARD,
    src_outer_order_id: order,
    outer_order_id: `U-${Date.now()}`,
    remark: '顾客退卡',
  });
  await write('/v1/u8/points/change', [record({ mid: MEMBER })]);
  await write(`${T}point.extra.consume`, {
    ...at,
    customer_id: CUSTOMER,
    change_point: 1,
    out_biz_id: `P-${Date.now()}`,
    reason: '积分抵扣',
  });

  const byId = await audit(`customer=${CUSTOMER}&writes=1`);
  assert.deepEqual(ops(byId), [`point.extra.consume ${CUSTOMER}`], 'the id alone: the calls naming the id');

  const all = `customer=${CUSTOMER}&customer=card:${CARD}&customer=${MEMBER}&writes=1`;
  const every = await audit(all);
  assert.deepEqual(ops(every), [
    `point.extra.consume ${CUSTOMER}`,
    `u8:points/change ${MEMBER}`,
    `recharge.uncharge.update card:${CARD}`,
    `recharge.charge.update card:${CARD}`,
  ]);
  const ids = every.data.rows.map((r) => r.id);
  assert.deepEqual(
    ids,
    [...ids].sort((a, b) => b - a),
    'newest first',
  );

  // Paged by the cursor: two at a time, the same rows in the same order, none twice.
  const first = await audit(`${all}&page_size=2`);
  assert.equal(first.data.has_next, true);
  const second = await audit(`${all}&page_size=2&before=${first.data.next_before}`);
  assert.deepEqual(
    [...first.data.rows, ...second.data.rows].map((r) => r.id),
    ids,
  );
  assert.equal(second.data.has_next, false);

  // As a file too.
  await f.settled('op-manager-01');
  const csv = await (await f.get(0, `/v1/audit?${all}&format=csv`, MANAGER)).text();
  assert.equal(csv.trim().split('\r\n').length, 1 + ids.length, csv);
});

test('a search by customer takes at most 8 values, refused by name past them', async () => {
  const nine = Array.from({ length: 9 }, (_, i) => `customer=c-${i}`).join('&');
  const r = await audit(nine);
  assert.deepEqual([r.status, r.error.code, r.error.field], [400, 'BAD_REQUEST', 'customer']);
  const eight = await audit(Array.from({ length: 8 }, (_, i) => `customer=c-${i}`).join('&'));
  assert.deepEqual([eight.status, eight.data.rows], [200, []]);
});
