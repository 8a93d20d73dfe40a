// The reconciliation matcher as the pure function it is (www/worker/src/books/match.js): each
// rule on a hand-made case, and random days whose truth the test knows (which writes the
// platform applied, which flows came from elsewhere) judged against it: one item per write
// and per flow, every unknown outcome settled as the platform has it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  reconcile,
  summarize,
  valueRead,
  pointsRead,
  vouchersRead,
  u8Read,
  KINDS,
} from '../../../www/worker/src/books/match.js';
import { tally } from '../../../www/worker/src/books/close.js';
import { CUSTOMER as C1, OTHER_CUSTOMER as C2 } from '../fixtures.mjs';

const DAY = { from: Date.parse('2025-03-01T00:00:00+08:00'), to: Date.parse('2025-03-02T00:00:00+08:00') };
const NOON = DAY.from + 12 * 3600_000;
const LATER = DAY.to + 3 * 3600_000;
const LAG = 30 * 60_000;

let n = 0;
const write = (extra = {}) => ({
  key: `R-${++n}`,
  operator: 'op-1',
  operation: 'alibaba.alsc.crm.point.extra.consume',
  platform: 'top',
  order_id: `O-${n}`,
  customer: C1,
  brand: '10001',
  shop: '20001',
  at: NOON + n * 1000,
  day: '2025-03-01',
  state: 'applied',
  moves: { points_deducted: '10' },
  attempts: 1,
  inDay: true,
  ...extra,
});
const pay = (extra = {}) =>
  write({ operation: 'alibaba.alsc.crm.recharge.dedut.update', moves: { value_paid: '500' }, ...extra });
const pointFlow = (w, amount = '-10', extra = {}) => ({
  flow_id: `PF-${w.key}`,
  order_id: w.order_id,
  amount,
  at: w.at + 200,
  type: 'point.consume',
  customer: w.customer,
  brand: '10001',
  shop: '20001',
  ...extra,
});
const valueFlow = (w, amount = '-500', extra = {}) => ({
  flow_id: `VF-${w.key}`,
  order_id: w.order_id,
  amount,
  at: w.at + 200,
  type: 'DEDUT',
  account: 'A1',
  brand: '10001',
  shop: '20001',
  ...extra,
});
const allRead = (writes) => {
  const reads = { [valueRead('10001', '20001')]: 'done', [valueRead('10001', '20002')]: 'done' };
  for (const w of writes) {
    reads[pointsRead(w.brand, w.shop, w.customer)] = 'done';
    reads[vouchersRead(w.brand, w.customer)] = 'done';
  }
  return reads;
};
const run = (writes, flows = {}, extra = {}) =>
  reconcile({
    writes,
    flows: { points: [], value: [], ...flows },
    accounts: { [C1]: 'A1', [C2]: 'A2' },
    reads: allRead(writes),
    day: DAY,
    readAt: LATER,
    lagMs: LAG,
    ...extra,
  });
const kinds = (items) => items.map((i) => i.kind);

test('a write found on the platform as recorded is matched; an unknown one is settled applied', () => {
  const a = write();
  const b = write({ state: 'unknown' });
  const items = run([a, b], { points: [pointFlow(a), pointFlow(b)] });
  assert.deepEqual(kinds(items), ['matched', 'settled_applied']);
  assert.deepEqual(items[1].settle, { operator: 'op-1', key: b.key, applied: true, evidence: [`points:PF-${b.key}`] });
  assert.equal(items[0].settle, undefined);
  assert.deepEqual(items[0].platform.flows[0], {
    source: 'points',
    flow_id: `PF-${a.key}`,
    amount: '-10',
    at: new Date(a.at + 200).toISOString(),
    type: 'point.consume',
  });
});

test('no flow: an unknown outcome is not applied once the lag has passed, unresolved before', () => {
  const w = write({ state: 'unknown' });
  assert.deepEqual(kinds(run([w])), ['settled_not_applied']);
  assert.equal(run([w])[0].settle.applied, false);
  assert.deepEqual(kinds(run([w], {}, { readAt: w.at + LAG - 1 })), ['unresolved']);
  const applied = write();
  assert.deepEqual(kinds(run([applied])), ['mismatched'], 'the proxy was told applied; the platform has nothing');
  assert.deepEqual(kinds(run([applied], {}, { readAt: applied.at + 1000 })), ['unresolved']);
});

test('refused writes: matched without a flow, mismatched with one; they never take an applied write’s flow', () => {
  const refused = write({ state: 'refused' });
  const unsent = write({ state: 'unsent' });
  assert.deepEqual(kinds(run([refused, unsent])), ['matched', 'matched']);
  assert.deepEqual(kinds(run([refused], { points: [pointFlow(refused)] })), ['mismatched']);
  // The same order twice: the refused attempt came first, the applied one owns the flow.
  const first = write({ state: 'refused' });
  const second = write({ order_id: first.order_id });
  // The platform's time is nearer the refused attempt's: the tiers decide, not the time.
  const items = run([first, second], { points: [pointFlow(second, '-10', { at: first.at + 10 })] });
  assert.deepEqual(kinds(items), ['matched', 'matched']);
  assert.equal(items.length, 2, 'and the flow is no one else’s');
});

test('another amount or customer on the same order is mismatched, and the flow is not reported twice', () => {
  const w = write();
  const items = run([w], { points: [pointFlow(w, '-11')] });
  assert.deepEqual(kinds(items), ['mismatched']);
  assert.match(items[0].note, /-11 points .* -10/);
  const p = pay();
  const other = run([p], { value: [valueFlow(p, '-500', { account: 'A2' })] });
  assert.deepEqual(kinds(other), ['mismatched']);
  assert.match(other[0].note, /another customer/);
  const sign = run([w], { points: [pointFlow(w, '10')] });
  assert.deepEqual(kinds(sign), ['mismatched'], 'an award where a deduction was recorded');
});

test('flows no write claims: not_in_audit inside the day, ignored outside it; edge writes claim theirs silently', () => {
  const stray = {
    flow_id: 'PF-x',
    order_id: 'POS-1',
    amount: '-3',
    at: NOON,
    type: 'point.consume',
    customer: C1,
    brand: '10001',
    shop: '20001',
  };
  const before = { ...stray, flow_id: 'PF-y', order_id: 'POS-0', at: DAY.from - 1000 };
  const edge = write({ at: DAY.from - 2000, inDay: false });
  const edgeFlow = pointFlow(edge, '-10', { at: DAY.from + 500 });
  const items = run([edge], { points: [stray, before, edgeFlow] });
  assert.deepEqual(kinds(items), ['not_in_audit']);
  assert.equal(items[0].order_id, 'POS-1');
  assert.equal(items[0].customer, C1);
  const value = { ...valueFlow(pay(), '-100'), order_id: 'POS-2', account: 'A2' };
  assert.equal(run([], { value: [value] })[0].customer, C2, 'a stored-value flow names its account, mapped back');
});

test('what the platform could not show is unresolved: a failed read, a customer without an id', () => {
  const w = write({ state: 'unknown' });
  const reads = { [pointsRead('10001', '20001', C1)]: 'failed' };
  const failed = run([w], { points: [pointFlow(w)] }, { reads });
  assert.deepEqual(kinds(failed), ['unresolved', 'unresolved'], 'the write, and the flow its read did get');
  assert.match(failed[0].note, /could not be read/);
  assert.match(failed[1].note, /did not finish/);
  const masked = write({ customer: '138****0001', state: 'unknown' });
  assert.deepEqual(kinds(run([masked])), ['unresolved']);
  const p = pay({ state: 'unknown' });
  assert.deepEqual(kinds(run([p], {}, { reads: {} })), ['unresolved'], 'the shop’s flows were not read');
});

test('a reversal bounded by its order matches what the platform gave back within the bound, the right way', () => {
  const consume = write();
  const reverse = write({
    operation: 'alibaba.alsc.crm.point.reversepoint',
    order_id: consume.order_id,
    moves: { points_added: '10', bound: ['points'] },
  });
  const flows = [pointFlow(consume), { ...pointFlow(reverse, '6'), flow_id: 'PF-r' }];
  assert.deepEqual(kinds(run([consume, reverse], { points: flows })), ['matched', 'matched']);
  const more = [pointFlow(consume), { ...pointFlow(reverse, '12'), flow_id: 'PF-r' }];
  assert.deepEqual(kinds(run([consume, reverse], { points: more })), ['matched', 'mismatched']);
});

test('a write that moves points and value needs both', () => {
  const verify = write({
    operation: 'alibaba.alsc.crm.open.assert.verify',
    moves: { points_deducted: '10', value_paid: '500' },
    state: 'unknown',
  });
  assert.deepEqual(kinds(run([verify], { points: [pointFlow(verify)], value: [valueFlow(verify)] })), [
    'settled_applied',
  ]);
  assert.deepEqual(kinds(run([verify], { points: [pointFlow(verify)] })), ['mismatched'], 'only part of it');
});

test('U8 has no flow query: unknown outcomes are settled by sending again, known ones stand', () => {
  const u8 = (state) =>
    write({
      operation: 'u8:points/change',
      platform: 'u8',
      brand: null,
      shop: null,
      customer: '10000001',
      state,
      moves: { u8_points_added: '10', bound: ['u8_points'] },
    });
  const [a, b, c, d] = [u8('unknown'), u8('unknown'), u8('unknown'), u8('applied')];
  const sent = {
    [u8Read('op-1', a.key)]: { outcome: 'applied', detail: [{ id: '9' }] },
    [u8Read('op-1', b.key)]: { outcome: 'refused', detail: 'U8_ERROR 2001' },
  };
  const items = run([a, b, c, d], {}, { u8: sent });
  assert.deepEqual(kinds(items), ['settled_applied', 'settled_not_applied', 'unresolved', 'matched']);
  assert.deepEqual(items[0].platform, { u8: [{ id: '9' }] });
});

test('vouchers: the state now decides the last write that touched them', () => {
  const use = (state, extra = {}) =>
    write({
      operation: 'alibaba.alsc.crm.voucher.status.change',
      order_id: null,
      state,
      moves: { vouchers_redeemed: '1', voucher_ids: ['V1'] },
      ...extra,
    });
  assert.deepEqual(kinds(run([use('unknown')], {}, { vouchers: { V1: 'USED' } })), ['settled_applied']);
  assert.deepEqual(kinds(run([use('unknown')], {}, { vouchers: { V1: 'NORMAL' } })), ['settled_not_applied']);
  assert.deepEqual(kinds(run([use('applied')], {}, { vouchers: { V1: 'USED' } })), ['matched']);
  assert.deepEqual(kinds(run([use('applied')], {}, { vouchers: { V1: 'EXPIRED' } })), ['mismatched']);
  const restore = write({
    operation: 'alibaba.alsc.crm.voucher.status.change',
    order_id: null,
    moves: { vouchers_restored: '1', voucher_ids: ['V1'] },
    at: NOON + 3600_000,
  });
  assert.deepEqual(
    kinds(run([use('unknown'), restore], {}, { vouchers: { V1: 'NORMAL' } })),
    ['unresolved', 'matched'],
    'a later restore hides whether the use applied',
  );
});

/** A random day whose truth is known: which writes applied, which flows came from elsewhere. */
function randomDay(seed) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const writes = [];
  const flows = { points: [], value: [] };
  const truth = new Map();
  for (let i = 0; i < 300; i++) {
    const points = rand() < 0.5;
    const amount = 1 + Math.floor(rand() * 20);
    const customer = rand() < 0.5 ? C1 : C2;
    const shop = rand() < 0.5 ? '20001' : '20002';
    const applied = rand() < 0.7;
    const state = rand() < 0.3 ? 'unknown' : applied ? 'applied' : rand() < 0.5 ? 'refused' : 'unsent';
    // Some orders carry two writes (a deduction and a later one of another amount).
    const order = rand() < 0.1 && writes.length ? writes[writes.length - 1].order_id : `O-${seed}-${i}`;
    const w = write({
      customer,
      shop,
      order_id: order,
      state,
      at: DAY.from + Math.floor(rand() * 86_000_000),
      ...(points
        ? { moves: { points_deducted: String(amount) } }
        : { operation: 'alibaba.alsc.crm.recharge.dedut.update', moves: { value_paid: String(amount) } }),
    });
    writes.push(w);
    const isApplied = state === 'applied' || (state === 'unknown' && applied);
    truth.set(w.key, isApplied);
    if (isApplied) {
      const f = {
        flow_id: `F-${seed}-${i}`,
        order_id: order,
        amount: String(-amount),
        at: w.at + 300,
        type: 'x',
        brand: '10001',
        shop,
        ...(points ? { customer } : { account: customer === C1 ? 'A1' : 'A2' }),
      };
      (points ? flows.points : flows.value).push(f);
    }
  }
  for (let i = 0; i < 30; i++)
    flows.points.push({
      flow_id: `X-${seed}-${i}`,
      order_id: `POS-${seed}-${i}`,
      amount: '-5',
      at: DAY.from + Math.floor(rand() * 86_000_000),
      type: 'x',
      customer: C1,
      brand: '10001',
      shop: '20001',
    });
  return { writes, flows, truth };
}

test('random days: every write and every flow ends as exactly one item, each unknown settled as it truly was', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const { writes, flows, truth } = randomDay(seed);
    const items = run(writes, flows);
    const summary = summarize(items);
    const flowCount = flows.points.length + flows.value.length;
    assert.equal(summary.writes, writes.length);
    const shown = items.flatMap((i) => i.platform?.flows ?? []).map((f) => f.flow_id);
    assert.equal(new Set(shown).size, shown.length, 'no flow in two items');
    assert.equal(shown.length, flowCount, 'every flow in one item');
    assert.equal(
      items.length,
      writes.length + summary.not_in_audit,
      'one item per write, and one per flow no write claimed',
    );
    for (const item of items) {
      if (item.kind === 'not_in_audit') {
        assert.match(item.order_id, /^POS-/, 'only the other channel’s flows are not in the audit');
        continue;
      }
      const applied = truth.get(item.request_id);
      const expected =
        { applied: 'matched', refused: 'matched', unsent: 'matched' }[item.audit.state] ??
        (applied ? 'settled_applied' : 'settled_not_applied');
      assert.equal(item.kind, expected, `${item.request_id} (${item.audit.state}, applied: ${applied})`);
    }
    assert.equal(summary.not_in_audit, 30);
    assert.equal(summary.mismatched, 0, 'no false mismatch');
    assert.deepEqual(Object.keys(summary), ['writes', ...KINDS]);
  }
});

test('the close counts settled outcomes as settled, amounts by category, hours in GMT+8', () => {
  const a = write({ at: DAY.from + 9 * 3600_000 });
  const b = write({ state: 'unknown', at: DAY.from + 9 * 3600_000 + 5 });
  const c = write({ state: 'unknown', at: DAY.from + 14 * 3600_000 });
  const top = write({
    operation: 'alibaba.alsc.crm.recharge.charge.update',
    moves: { value_topped_up: '10000', method: 'WECHAT' },
    at: DAY.from + 14 * 3600_000,
  });
  const refused = write({ state: 'refused' });
  const settled = new Map([
    [`op-1\u0000${b.key}`, { applied: true }],
    [`op-1\u0000${c.key}`, { applied: false }],
  ]);
  const close = tally([a, b, c, top, refused], settled);
  assert.equal(close.totals.points_deducted, '20');
  assert.deepEqual(close.totals.value_topped_up_by, { WECHAT: '10000' });
  assert.deepEqual(
    [close.totals.applied, close.totals.refused, close.totals.unknown, close.totals.settled],
    [3, 2, 0, 2],
  );
  assert.equal(close.hours[9].points_deducted, '20');
  assert.equal(close.hours[14].value_topped_up, '10000');
  assert.equal(close.hours[14].refused, 1);
  const unsettled = tally([c], new Map());
  assert.equal(unsettled.totals.unknown, 1);
});
