// The meaning of a call (the package's meaning.js) against every operation's metadata, checked
// by an independent reading: the published definitions and spec/overlay.json read here as
// files, bodies generated from the definitions, and the expected bounds worked out with plain
// Number arithmetic on small values (no BigInt, no code of the package).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import {
  operations,
  effectOf,
  reversalOf,
  orderIdsOf,
  customerOf,
  businessParams,
  voucherFacesOf,
  permissionsOf,
  reasonField,
  yuanToFen,
  fenToYuan,
  normalizeMobile,
  maskMobile,
  maskMobilesIn,
} from 'loyalty-sdk';

const spec = new URL('../../../spec/', import.meta.url);
const overlay = JSON.parse(readFileSync(new URL('overlay.json', spec), 'utf8')).operations;
const definitions = [
  ...readdirSync(new URL('alsc-crm/', spec)).map((f) => new URL(`alsc-crm/${f}`, spec)),
  new URL('u8/points-change.json', spec),
].map((u) => JSON.parse(readFileSync(u, 'utf8')));
const META = new Map(operations().map((o) => [o.method, o]));

// A small deterministic generator: every run sees the same bodies, and many of them.
let seed = 20;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};

/**
 * A value for a published parameter, its type as the overlay corrects it (U8 documents every
 * field as a string); numbers small enough to sum exactly as Numbers.
 */
function sample(p, types = {}, path = p.name) {
  if (p.subParams) {
    const one = () =>
      Object.fromEntries(p.subParams.map((c) => [c.name, sample(c, types, path ? `${path}.${c.name}` : c.name)]));
    return p.type.endsWith('[]') ? Array.from({ length: 1 + rand(3) }, one) : one();
  }
  switch (types[path] ?? p.type) {
    case 'Money':
    case 'Decimal':
      return `${rand(100)}.${rand(10)}`;
    case 'Number':
      return rand(2) ? 1 + rand(5000) : String(1 + rand(5000));
    case 'String[]':
      return Array.from({ length: 1 + rand(4) }, () => String(1 + rand(900)));
    case 'Boolean':
      return rand(2) === 1;
    default:
      return `v${rand(1_000_000)}`;
  }
}

/** The published request of an operation as the business object (U8: its records). */
function bodyFor(def) {
  const o = overlay[def.name ?? 'points/change'];
  const types = Object.fromEntries(
    (o.corrections ?? []).filter((c) => c.field && c.type).map((c) => [c.field, c.type]),
  );
  const [first] = def.requestParams;
  if (def.requestParams.length === 1 && first.subParams) return sample(first, types, '');
  return Object.fromEntries(def.requestParams.map((p) => [p.name, sample(p, types)]));
}

/** Every value at a dotted path, lists walked: the reading the overlay's paths document. */
function at(node, path) {
  if (Array.isArray(node)) return node.flatMap((n) => at(n, path));
  if (node === null || typeof node !== 'object') return [];
  const [head, ...rest] = path.split('.');
  const v = node[head];
  if (v === undefined || v === '' || v === null) return [];
  if (rest.length) return at(v, rest.join('.'));
  return Array.isArray(v) ? v : [v];
}

/** What an operation moves, worked out from the overlay alone. */
function expected(name, o, body) {
  const records = Array.isArray(body) ? body : [body];
  let points = 0;
  let value = 0;
  let vouchers = 0;
  for (const r of records) {
    for (const path of o.points ?? []) {
      for (const v of at(r, path)) {
        let n = Math.abs(Number(v));
        const by = o.scale?.[path];
        if (by) {
          const m = r[by] === undefined || r[by] === '' ? 1 : Number(r[by]);
          n = Math.ceil((n * Math.round(Math.max(m, 1) * 100)) / 100 - 1e-9);
        }
        points += n;
      }
    }
    for (const path of o.value ?? []) for (const v of at(r, path)) value += Math.abs(Number(v));
    for (const path of o.vouchers ?? []) {
      const raw = r[path];
      vouchers += Array.isArray(raw) ? raw.length : Math.abs(Number(raw ?? 0));
    }
  }
  return { points, value, vouchers };
}

test('every operation: the effect is the overlay amounts summed, wrapped or not, for many bodies', () => {
  let checked = 0;
  for (const def of definitions) {
    const name = def.name ?? 'points/change';
    const meta = META.get(name);
    assert.ok(meta, name);
    const o = overlay[name];
    for (let round = 0; round < 20; round++) {
      let body = bodyFor(def);
      if (name === 'points/change')
        body = body.map((r) => ({ ...r, multiple: ['0', '0.00', '', '0.5', '1', '2.5', '3.07'][rand(7)] }));
      const got = effectOf(meta, body);
      if (o.unbounded) {
        assert.ok(got.unbounded?.reason, `${name}: unbounded`);
        continue;
      }
      assert.equal(got.unbounded, null, `${name}: ${JSON.stringify(got.unbounded)}`);
      const want = expected(name, o, body);
      assert.deepEqual(
        [got.points, got.value, got.vouchers].map(Number),
        [want.points, want.value, want.vouchers],
        `${name} ${JSON.stringify(body).slice(0, 300)}`,
      );
      if (meta.param) assert.deepEqual(effectOf(meta, { [meta.param]: body }), got, `${name}: wrapped`);
      assert.deepEqual(effectOf(name, body), got, `${name}: by method name`);
      checked++;
    }
    const orderField = o.order_id;
    const sampleBody = bodyFor(def);
    const orders = orderIdsOf(meta, sampleBody);
    const wantOrders = orderField
      ? [...new Set((Array.isArray(sampleBody) ? sampleBody : [sampleBody]).map((r) => String(r[orderField])))]
      : [];
    assert.deepEqual(orders, wantOrders, `${name}: order ids`);
  }
  assert.ok(checked > 500, `${checked} bodies checked`);
});

test('U8: a zero, missing or fractional multiple counts as 1; every action is scaled; calc_points if sent', () => {
  const r = (extra) => ({ mid: '1', action_type: 5, ori_money: '1', calc_money: '1', source_code: 's', ...extra });
  const pts = (records) => effectOf('points/change', records).points;
  for (const multiple of ['0', '0.00', '00', '', undefined, '0.01', '1'])
    assert.equal(pts([r({ ori_points: 1_000_000, multiple })]), 1_000_000n, `multiple ${multiple}`);
  assert.equal(pts([r({ action_type: 51, ori_points: 90_000, multiple: '0.01' })]), 90_000n, 'a redeem');
  assert.equal(pts([r({ action_type: 16, ori_points: 100, multiple: '3' })]), 300n, 'every action is scaled');
  assert.equal(pts([r({ ori_points: 400, multiple: '2.5' })]), 1000n);
  assert.equal(pts([r({ ori_points: 3, multiple: '1.5', extra_points: '7' })]), 12n, 'rounded up, plus extra');
  assert.equal(pts([r({ ori_points: 10, calc_points: -2000 })]), 2000n, 'never below calc_points');
  assert.equal(pts(Array.from({ length: 100 }, () => r({ ori_points: 1000 }))), 100_000n);
  assert.equal(pts([r({ ori_points: 9007199254740993n.toString(), multiple: '1000000' })]), 9007199254740993000000n);
  for (const [record, field] of [
    [r({ ori_points: 1, multiple: '1e9' }), '[0].multiple'],
    [r({ ori_points: 1.5 }), '[0].ori_points'],
    [r({ ori_points: 'lots' }), '[0].ori_points'],
  ])
    assert.equal(effectOf('points/change', [record]).unbounded.field, field);
});

test('vouchers count by list length and by number; restore needs its own permission', () => {
  const change = {
    voucher_id_list: ['a', 'b', 'b'],
    voucher_status_action: 'ISUSED_NORMAL',
    voucher_point_list: ['5', ''],
  };
  const e = effectOf('alibaba.alsc.crm.voucher.status.change', change);
  assert.deepEqual([e.vouchers, e.points, e.voucherIds], [3n, 5n, ['a', 'b']]);
  assert.deepEqual(permissionsOf('alibaba.alsc.crm.voucher.status.change', change), ['voucher:restore']);
  assert.deepEqual(
    permissionsOf('alibaba.alsc.crm.voucher.status.change', { ...change, voucher_status_action: 'NORMAL_ISUSED' }),
    [],
  );
  assert.equal(effectOf('alibaba.alsc.crm.voucher.send', { voucher_id: 'T', voucher_num: 40 }).vouchers, 40n);
  const faces = voucherFacesOf('alibaba.alsc.crm.customer.voucher.list', {
    result_list: [
      { voucher_id: 'V1', amount: 2000 },
      { voucher_id: 'V2', amount: '1500' },
      { voucher_id: 'V3', amount: 'free' },
    ],
  });
  assert.deepEqual(
    [...faces],
    [
      ['V1', 2000n],
      ['V2', 1500n],
    ],
  );
  assert.equal(reasonField('alibaba.alsc.crm.point.extra.consume'), 'reason');
  assert.equal(reasonField('alibaba.alsc.crm.recharge.dedut.update'), null);
});

test('reversals name their order and what they give back of it', () => {
  const refund = reversalOf('alibaba.alsc.crm.open.assert.refund', { outer_order_id: 'O-1', new_outer_order_id: 'R' });
  assert.deepEqual(
    [refund.field, refund.orders, refund.fromOrder],
    ['outer_order_id', ['O-1'], ['points', 'value', 'vouchers']],
  );
  const listed = reversalOf('alibaba.alsc.crm.open.assert.refund', { outer_order_id: 'O-1', voucher_id_list: ['V'] });
  assert.deepEqual(listed.fromOrder, ['points', 'value']);
  assert.deepEqual(reversalOf('alibaba.alsc.crm.recharge.undedut.update', { outer_order_id: 'O' }).fromOrder, [
    'value',
  ]);
  assert.deepEqual(
    reversalOf('alibaba.alsc.crm.recharge.undedut.update', { outer_order_id: 'O', value: 5 }).fromOrder,
    [],
  );
  assert.deepEqual(reversalOf('alibaba.alsc.crm.recharge.uncharge.update', { src_outer_order_id: 'T' }).orders, ['T']);
  assert.equal(reversalOf('alibaba.alsc.crm.open.recharge.operate', { operate_type: 1, outer_order_id: 'O' }), null);
  assert.deepEqual(
    reversalOf('alibaba.alsc.crm.open.recharge.operate', { operate_type: '4', outer_order_id: 'O', change_value: 1 })
      .fromOrder,
    ['value'],
    'charge refund: the larger of change_value and the order',
  );
  const u8 = reversalOf('points/change', [
    { action_type: 5, source_code: 'A' },
    { action_type: 16, source_code: 'B', source1: 'ORIG' },
  ]);
  assert.deepEqual([u8.orders, u8.fromOrder], [['ORIG'], []]);
  assert.equal(reversalOf('points/change', [{ action_type: 5, source_code: 'A' }]), null);
  assert.equal(reversalOf('alibaba.alsc.crm.point.extra.consume', { out_biz_id: 'x' }), null);
});

test('business parameters, customers and order ids, however the body is written', () => {
  const get = 'alibaba.alsc.crm.open.customer.get';
  const wrapped = { param_customer_get_open_req: { brand_id: '1', mobile: '+86 138-0000-0001' } };
  assert.deepEqual(businessParams(get, wrapped), wrapped.param_customer_get_open_req);
  assert.equal(businessParams(get, []), null);
  assert.equal(businessParams('points/change', {}), null);
  assert.equal(customerOf(get, wrapped), '138****0001');
  assert.equal(customerOf(get, { physical_card_id: 'P-1' }), 'card:P-1');
  assert.equal(customerOf(get, { mobile: '123' }), undefined, 'a mobile that is not one names no one');
  assert.equal(customerOf(get, { customer_id: ['nested'] }), undefined, 'only scalars name a customer');
  let deep = '1';
  for (let i = 0; i < 5000; i++) deep = [deep];
  assert.equal(customerOf(get, { customer_id: deep, mobile: '13800000001' }), '138****0001');
  assert.equal(customerOf('points/change', [{ mid: 7 }, { mid: '7' }, { mid: '8' }]), '7,8');
  assert.deepEqual(orderIdsOf('points/change', [{ source_code: 'A' }, { source_code: 'A' }, { source_code: 'B' }]), [
    'A',
    'B',
  ]);
});

test('元 ↔ 分 by digits, never through a float', () => {
  for (const [yuan, fen] of [
    ['12.50', 1250n],
    ['12.5', 1250n],
    ['0.07', 7n],
    ['12', 1200n],
    [12.5, 1250n],
    ['90071992547409.93', 9007199254740993n],
  ])
    assert.equal(yuanToFen(yuan), fen, String(yuan));
  for (const bad of ['1.234', '-1', '1e3', '', ' ', 'abc', null, 0.1 + 0.2])
    assert.equal(yuanToFen(bad), null, String(bad));
  for (let i = 0; i < 2000; i++) {
    const fen = BigInt(rand(1_000_000_000)) * BigInt(1 + rand(1000));
    assert.equal(yuanToFen(fenToYuan(fen)), fen);
  }
  assert.equal(fenToYuan(-5n), '-0.05');
  assert.equal(fenToYuan('100000000000000000001'), '1000000000000000000.01');
});

test('mobiles: every common notation normalised and masked, in a field or in free text', () => {
  for (const m of [
    '13800000001',
    '+8613800000001',
    '+86 138 0000 0001',
    '0086-138-0000-0001',
    '86 13800000001',
    '138-0000-0001',
    '138 0000 0001',
    '138.0000.0001',
    '(+86) 138 0000 0001',
    '１３８０００００００１',
    '＋８６ １３８ ００００ ０００１',
    ' 138\u00a00000\u00a00001 ',
  ]) {
    assert.equal(normalizeMobile(m), '13800000001', m);
    assert.equal(maskMobile(m), '138****0001', m);
    const text = maskMobilesIn(`call ${m}, please`);
    assert.ok(!/0000.?0001|０００１/.test(text.replace('138****0001', '')), `${m}: ${text}`);
    assert.match(text, /138\*\*\*\*0001/, m);
  }
  for (const not of ['12800000001', '1380000000', '138000000012', 'x', 12])
    assert.equal(normalizeMobile(not), null, String(not));
  assert.equal(
    maskMobilesIn('id 7027365982937563912722 flow 9007199254740994'),
    'id 7027365982937563912722 flow 9007199254740994',
  );
  assert.equal(maskMobilesIn('a13800000001b'), 'a138****0001b');
});
