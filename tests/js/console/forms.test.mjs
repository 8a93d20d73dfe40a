// The console's form logic (www/console/src/forms.js, format.js, catalog.js, order-book.js),
// without a browser, against the real package's metadata and validate(): what a form offers,
// a value as typed turned into what the call takes, the body it sends, the rules it breaks,
// amounts in 分 read in 元, and what is left of an order after partial reversals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { operations, validate, reversalOf, effectOf } from '../../../pkg/node.mjs';
import * as forms from '../../../www/console/src/forms.js';
import { fenText, yuanToFen, maskMobile, fenAsYuanIn, gmt8, timeTick } from '../../../www/console/src/format.js';
import { ACTIONS, actionOf, offeredActions, reversible, reversesAnOrder } from '../../../www/console/src/catalog.js';
import { orderStandings, returnOf } from '../../../www/console/src/order-book.js';
import { withConsoleChoices, PAYMENT_METHODS } from '../../../www/console/src/choices.js';

const META = new Map(operations().map((o) => [o.method, withConsoleChoices(o)]));
const metaOf = (m) => META.get(m);
const DEDUCT = 'alibaba.alsc.crm.point.extra.consume';
const PAY = 'alibaba.alsc.crm.recharge.dedut.update';
const RETURN = 'alibaba.alsc.crm.recharge.undedut.update';
const REFUND = 'alibaba.alsc.crm.open.assert.refund';
const TOP_UP = 'alibaba.alsc.crm.recharge.charge.update';
const field = (method, name) => metaOf(method).fields.find((f) => f.name === name);
const ids = { order: 'ORD-1', u8Member: null, newOrderId: () => 'ORD-NEW', now: 36 ** 3 };
const ctx = {
  store: { brand_id: 'B1', shop_id: 'S1' },
  requestId: 'r-1',
  operator: 'op1',
  customerId: '900000000000000001',
  cardId: 'C1',
};

test('every action the console offers is one the package declares', () => {
  for (const a of ACTIONS) assert.ok(metaOf(a.method), a.method);
  assert.equal(actionOf(PAY).tab, 'tabConsume');
});

test("a role is offered the actions it may call, in the desk's order, and none the package does not declare", () => {
  const may = [{ method: PAY }, { method: DEDUCT }, { method: 'alibaba.alsc.crm.open.customer.get' }];
  assert.deepEqual(
    offeredActions(may, metaOf).map((a) => a.method),
    [DEDUCT, PAY],
  );
  assert.deepEqual(
    offeredActions([{ method: PAY }], () => undefined),
    [],
  );
  assert.equal(offeredActions(operations(), metaOf).length, ACTIONS.length);
});

test('no form offers a field naming a customer, nor one the console or proxy fills', () => {
  for (const a of ACTIONS) {
    const names = forms.shownFields(metaOf(a.method)).map((f) => f.name);
    for (const filled of ['mobile', 'outer_id', 'customer_id', 'card_id', 'physical_card_id', 'request_id'])
      assert.ok(!names.includes(filled), `${a.method} offers ${filled}`);
  }
  const deduct = forms.shownFields(metaOf(DEDUCT)).map((f) => f.name);
  assert.deepEqual(deduct.sort(), ['biz_channel', 'change_point', 'out_biz_id', 'reason']);
});

test('numbers are normalised as typed: whole numbers exactly, 元 to 分 by digits, the rest left for the rules', () => {
  const points = field(DEDUCT, 'change_point');
  const deduct = metaOf(DEDUCT);
  assert.equal(forms.parseInput(deduct, points, { value: ' 300 ' }), 300);
  assert.equal(forms.parseInput(deduct, points, { value: '３００' }), 300, 'full-width digits');
  assert.equal(forms.parseInput(deduct, points, { value: '' }), undefined);
  assert.equal(forms.parseInput(deduct, points, { value: '1.5' }), '1.5', 'not whole: kept for the rules');
  // Beyond 2^53 a number would round: it stays the text typed, and the rules refuse it.
  assert.equal(forms.parseInput(deduct, points, { value: '9007199254740993' }), '9007199254740993');
  const pay = metaOf(PAY);
  const value = field(PAY, 'value');
  assert.equal(forms.isValueField(pay, 'value'), true);
  assert.equal(forms.parseInput(pay, value, { value: '12.34' }), 1234);
  assert.equal(forms.parseInput(pay, value, { value: '0.1' }), 10);
  assert.equal(forms.parseInput(pay, value, { value: '１２．５' }), 1250, 'full-width digits and point');
  assert.equal(forms.parseInput(pay, value, { value: '1.234' }), '1.234', 'three decimals: kept for the rules');
  // As a desk types them: thousands separators (half or full width), a leading or trailing point.
  assert.equal(forms.parseInput(deduct, points, { value: '1,000' }), 1000);
  assert.equal(forms.parseInput(deduct, points, { value: '１，０００' }), 1000);
  assert.equal(forms.parseInput(deduct, points, { value: '5.' }), 5);
  assert.equal(forms.parseInput(deduct, points, { value: '1,00' }), '1,00', 'not grouped by three: for the rules');
  assert.equal(forms.parseInput(pay, value, { value: '.5' }), 50);
  assert.equal(forms.parseInput(pay, value, { value: '5.' }), 500);
  assert.equal(forms.parseInput(pay, value, { value: '12,345.60' }), 1234560);
  assert.equal(forms.parseInput(pay, value, { value: '.' }), '.', 'a point alone: for the rules');
  assert.equal(forms.shownValue(pay, value, 1234), '12.34');
  assert.equal(forms.shownValue(pay, value, 5), '0.05');
  const list = { name: 'voucher_id_list', type: 'String[]' };
  assert.deepEqual(forms.parseInput(metaOf(REFUND), list, { value: 'v1, v2,,' }), ['v1', 'v2']);
  assert.equal(forms.shownValue(metaOf(REFUND), list, ['v1', 'v2']), 'v1,v2');
  assert.equal(forms.parseInput(metaOf(TOP_UP), field(TOP_UP, 'trigger_gift'), { checked: true }), true);
});

test('a new form starts on the current order; a top-up is an order of its own; a reversal has its own new id', () => {
  assert.equal(forms.freshValues(actionOf(DEDUCT), metaOf(DEDUCT), ids).out_biz_id, 'ORD-1');
  assert.equal(forms.freshValues(actionOf(DEDUCT), metaOf(DEDUCT), { ...ids, order: null }).out_biz_id, 'ORD-NEW');
  const topUp = forms.freshValues(actionOf(TOP_UP), metaOf(TOP_UP), ids);
  assert.equal(topUp.outer_order_id, 'TU-NEW');
  assert.equal(topUp.charge_type, 'CASH', 'its preset');
  const refund = forms.freshValues(actionOf(REFUND), metaOf(REFUND), ids, { outer_order_id: 'ORD-9' });
  assert.equal(refund.outer_order_id, 'ORD-9', 'the order it was opened on');
  assert.equal(refund.new_outer_order_id, 'RF-1000');
  const u8 = forms.freshValues(actionOf('points/change'), metaOf('points/change'), { ...ids, u8Member: 'M7' });
  assert.deepEqual([u8.source_code, u8.mid], ['ORD-1-U8-1000', 'M7']);
  // The channel: the shop's, for every call that takes one, unless the form keeps another.
  const atShop = { ...ids, channel: 'KRY' };
  assert.equal(forms.freshValues(actionOf(DEDUCT), metaOf(DEDUCT), atShop).biz_channel, 'KRY');
  const UNDEDUCT = 'alibaba.alsc.crm.recharge.undedut.update';
  assert.equal(forms.freshValues(actionOf(UNDEDUCT), metaOf(UNDEDUCT), atShop).biz_channel, 'KRY', 'a refund too');
  assert.equal(forms.freshValues(actionOf(DEDUCT), metaOf(DEDUCT), atShop, { biz_channel: 'CS' }).biz_channel, 'CS');
  assert.equal(forms.freshValues(actionOf(DEDUCT), metaOf(DEDUCT), ids).biz_channel, undefined, 'no shop channel');
  assert.equal('biz_channel' in forms.freshValues(actionOf('points/change'), metaOf('points/change'), atShop), false);
  const unsent = { outcome: null, inFlight: false };
  assert.equal(forms.followsOrder(actionOf(DEDUCT), metaOf(DEDUCT), unsent), true);
  assert.equal(forms.followsOrder(actionOf(DEDUCT), metaOf(DEDUCT), { ...unsent, inFlight: true }), false);
  // One showing the last answer holds the next call (its order folded away): it follows; one locked to an unknown outcome does not.
  assert.equal(forms.followsOrder(actionOf(PAY), metaOf(PAY), { ...unsent, outcome: { kind: 'ok' } }), true);
  assert.equal(forms.followsOrder(actionOf(PAY), metaOf(PAY), { ...unsent, outcome: { kind: 'bad' } }), true);
  assert.equal(forms.followsOrder(actionOf(PAY), metaOf(PAY), { ...unsent, outcome: { kind: 'unknown' } }), false);
  assert.equal(forms.followsOrder(actionOf(TOP_UP), metaOf(TOP_UP), unsent), false, 'its own order');
});

test("the body carries the form's values and what the session fills, the customer from the lookup alone", () => {
  const values = { change_point: 300, out_biz_id: 'ORD-1', reason: 'r', biz_channel: 'CS', mobile: '13800000002' };
  const body = forms.buildBody(actionOf(DEDUCT), metaOf(DEDUCT), values, ctx);
  assert.deepEqual(body, {
    brand_id: 'B1',
    shop_id: 'S1',
    request_id: 'r-1',
    operator_id: 'op1',
    customer_id: '900000000000000001',
    change_point: 300,
    out_biz_id: 'ORD-1',
    reason: 'r',
    biz_channel: 'CS',
  });
  assert.equal(
    forms.buildBody(actionOf(PAY), metaOf(PAY), { value: 100 }, ctx).card_id,
    'C1',
    "a stored value call names the customer's card",
  );
  const u8 = forms.buildBody(actionOf('points/change'), metaOf('points/change'), { mid: 'M7', x: 1 }, ctx);
  assert.deepEqual(u8, [{ mid: 'M7' }], 'U8: a list of one record, its values only');
});

test('the rules a form breaks, one per field, by the package; an adjustment by hand needs a reason', () => {
  const action = actionOf(DEDUCT);
  const values = { change_point: 'x', out_biz_id: 'ORD-1', biz_channel: 'CS' };
  const body = forms.buildBody(action, metaOf(DEDUCT), values, ctx);
  const errors = forms.fieldErrors(action, metaOf(DEDUCT), body, values, validate);
  assert.deepEqual([...errors.keys()].sort(), ['change_point', 'reason']);
  assert.equal(errors.get('change_point').error.rule, 'type');
  assert.equal(errors.get('change_point').field.name, 'change_point');
  assert.equal(errors.get('reason').error.rule, 'reasonRequired');
  const fixed = { ...values, change_point: 300, reason: 'goodwill' };
  const ok = forms.fieldErrors(action, metaOf(DEDUCT), { ...body, ...fixed }, fixed, validate);
  assert.equal(ok.size, 0);
  // A U8 record's errors are named by the field, not its place in the list.
  const u8 = actionOf('points/change');
  const u8body = forms.buildBody(u8, metaOf('points/change'), { ori_points: 'many' }, ctx);
  const u8errors = forms.fieldErrors(u8, metaOf('points/change'), u8body, {}, validate);
  assert.ok(u8errors.has('ori_points') || u8errors.has('mid'), [...u8errors.keys()].join());
  for (const name of u8errors.keys()) assert.doesNotMatch(name, /^\[/);
});

test('amounts: 分 and 元 by digits, never floats; mobiles masked', () => {
  assert.equal(fenText(1234), '12.34');
  assert.equal(fenText('5'), '0.05');
  assert.equal(fenText('-1250'), '-12.50');
  assert.equal(fenText('123456789012345678'), '1234567890123456.78');
  assert.equal(fenText('abc'), 'abc');
  assert.equal(yuanToFen('12.5'), 1250);
  assert.equal(yuanToFen('12.345'), null);
  assert.equal(yuanToFen('-1'), null);
  assert.equal(maskMobile('13800000001'), '138****0001');
});

test("a platform's refusal that states 分 is read in 元, in both languages; points and minutes are left alone", () => {
  assert.equal(
    fenAsYuanIn('储值余额不足：可用 500 分，本次需 1200 分', '元'),
    '储值余额不足：可用 5.00\u00a0元，本次需 12.00\u00a0元',
  );
  assert.equal(fenAsYuanIn('最多可退 1250分', 'yuan'), '最多可退 12.50\u00a0yuan');
  assert.equal(fenAsYuanIn('最多可回退 300 积分', '元'), '最多可回退 300 积分');
  assert.equal(fenAsYuanIn('请 5 分钟后再试', '元'), '请 5 分钟后再试');
  assert.equal(fenAsYuanIn(undefined, '元'), undefined);
});

test('which orders can be reversed from their row, and which calls reverse one', () => {
  assert.equal(reversible(metaOf, DEDUCT), true);
  assert.equal(reversible(metaOf, PAY), true);
  assert.equal(reversible(metaOf, TOP_UP), true);
  assert.equal(reversible(metaOf, 'alibaba.alsc.crm.open.point.operate'), false, 'an adjustment by hand');
  assert.equal(reversesAnOrder(metaOf(RETURN), { outer_order_id: 'ORD-1' }), true);
  assert.equal(reversesAnOrder(metaOf(PAY), { outer_order_id: 'ORD-1' }), false);
});

// Rows as the console books them: each reversal with what its own fields say it gave back
// (effectOf) and the kinds it gives back whole (reversalOf).
const paid = (order, method, body) => {
  const e = effectOf(metaOf(method), body);
  return { order, method, moved: { points: String(e.points), value: String(e.value) }, customer: '138****0001' };
};
const reversal = (order, method, body) => ({
  ...paid(order, method, body),
  customer: undefined,
  reversal: { whole: reversalOf(metaOf(method), body).fromOrder },
});

test('partial reversals: an order shows what it took, what came back so far, and what is left', () => {
  const rows = [
    paid('ORD-1', PAY, { value: 5000 }),
    reversal('ORD-1', RETURN, { outer_order_id: 'ORD-1', value: 1200 }),
    reversal('ORD-1', RETURN, { outer_order_id: 'ORD-1', value: 800 }),
  ];
  const [o] = orderStandings(rows);
  assert.deepEqual(o.paid, { points: '0', value: '5000' });
  assert.deepEqual(o.reversed, { points: '0', value: '2000' });
  assert.deepEqual(o.left, { points: '0', value: '3000' });
  assert.equal(o.reversals, 2);
  assert.equal(o.refunded, false);
  assert.equal(o.valueOnly, true);
  // The rest comes back: nothing is left, the order is refunded.
  const done = orderStandings([...rows, reversal('ORD-1', RETURN, { outer_order_id: 'ORD-1', value: 3000 })])[0];
  assert.deepEqual(done.left, { points: '0', value: '0' });
  assert.equal(done.refunded, true);
  // A return naming no amount gives back the whole order.
  const whole = orderStandings([rows[0], reversal('ORD-1', RETURN, { outer_order_id: 'ORD-1' })])[0];
  assert.equal(whole.refunded, true);
  assert.deepEqual(whole.reversed, { points: '0', value: '5000' });
});

test('an asset refund gives back the whole order; more given back than taken never shows a negative left', () => {
  const order = [paid('ORD-2', DEDUCT, { change_point: 300 }), paid('ORD-2', PAY, { value: 1500 })];
  const before = orderStandings(order)[0];
  assert.deepEqual(before.paid, { points: '300', value: '1500' });
  assert.equal(before.reversals, 0);
  assert.equal(before.valueOnly, false);
  const after = orderStandings([...order, reversal('ORD-2', REFUND, { outer_order_id: 'ORD-2' })])[0];
  assert.equal(after.refunded, true);
  assert.deepEqual(after.left, { points: '0', value: '0' });
  const over = orderStandings([
    paid('ORD-3', PAY, { value: 100 }),
    reversal('ORD-3', RETURN, { outer_order_id: 'ORD-3', value: 900 }),
  ])[0];
  assert.deepEqual([over.reversed.value, over.left.value], ['100', '0']);
  // Orders stay in the order first seen; a reversal of an order not in the session shows nothing.
  const two = orderStandings([...order, paid('ORD-1', PAY, { value: 1 }), reversal('ORD-X', REFUND, {})]);
  assert.deepEqual(
    two.map((o) => o.order),
    ['ORD-2', 'ORD-1'],
  );
  // A desk saved before reversals were booked marks the order refunded.
  assert.equal(orderStandings([{ ...order[1], refunded: true }])[0].refunded, true);
});

test("a call above the role's threshold asks first; above its per-call limit it is refused before sending", () => {
  const pay = effectOf(metaOf(PAY), { value: 60000 });
  assert.deepEqual(forms.above(pay, { points: 1000, value: 50000 }), ['value']);
  assert.deepEqual(forms.above(pay, { value: '60000' }), [], 'at the limit is within it');
  assert.deepEqual(forms.above(pay, undefined), []);
  const u8 = effectOf(metaOf('points/change'), [{ ori_points: 100, multiple: '10' }]);
  assert.deepEqual(forms.above(u8, { points: 500 }), ['points'], "U8's multiple counts");
});

test('times in GMT+8 in one format; chart ticks as their step calls for', () => {
  const at = Date.UTC(2026, 11, 3, 16, 5, 9); // 2026-12-04 00:05:09 in GMT+8
  assert.equal(gmt8(at), '2026-12-04 00:05:09');
  assert.equal(gmt8('2026-12-03T01:02:03Z'), '2026-12-03 09:02:03');
  assert.equal(gmt8('not a time'), '');
  assert.equal(timeTick(at / 1000, 30), '00:05:09');
  assert.equal(timeTick(at / 1000, 600), '12-04 00:05');
  assert.equal(timeTick(at / 1000, 86400), '2026-12-04');
});

// What a form asks: fresh values as the console makes them at a shop with a channel, or without.
const asked = (method, channel) => {
  const action = actionOf(method);
  const values = forms.freshValues(action, metaOf(method), { ...ids, channel });
  return forms.askedFields(action, metaOf(method), values);
};
const folded = (method, channel) => {
  const a = asked(method, channel);
  return forms
    .shownFields(metaOf(method))
    .map((f) => f.name)
    .filter((n) => !a.has(n))
    .sort();
};

test('each form asks only what a person decides; every other field is folded away, prefilled', () => {
  assert.deepEqual([...asked(TOP_UP, 'KRY')].sort(), ['charge_type', 'real_value']);
  const topUp = actionOf(TOP_UP);
  const arranged = forms.arrange(topUp, metaOf(TOP_UP), asked(TOP_UP, undefined));
  assert.deepEqual(
    arranged.asked.map((f) => f.name),
    ['real_value', 'charge_type', 'biz_channel'],
    "the amount first, as the action names them, then what the shop's settings could not give",
  );
  assert.equal(arranged.folded.length, 8);
  assert.deepEqual(folded(TOP_UP, 'KRY'), [
    'biz_channel',
    'biz_date',
    'ext_info',
    'gift_value',
    'out_pay_id',
    'outer_order_id',
    'pre_value',
    'remark',
    'trigger_gift',
  ]);
  // A shop without a channel: the channel is needed and nothing gives it, so it is asked.
  assert.deepEqual([...asked(TOP_UP, undefined)].sort(), ['biz_channel', 'charge_type', 'real_value']);
  const U8 = 'points/change';
  assert.deepEqual([...asked(U8, 'KRY')].sort(), ['action_type', 'calc_money', 'mid', 'ori_money', 'ori_points']);
  assert.deepEqual(folded(U8, 'KRY'), [
    'cur_points',
    'extra_memo',
    'extra_points',
    'multiple',
    'source1',
    'source2',
    'source_code',
  ]);
  assert.deepEqual([...asked(DEDUCT, 'CS')].sort(), ['change_point', 'reason']);
  assert.deepEqual(folded(DEDUCT, 'CS'), ['biz_channel', 'out_biz_id']);
  // A reversal asks the order it reverses (what it returns is shown from it) and, where it may be partial, the amount.
  assert.deepEqual([...asked(RETURN, 'CS')].sort(), ['outer_order_id', 'value']);
  assert.deepEqual([...asked(REFUND, 'CS')], ['outer_order_id']);
  for (const a of ACTIONS) {
    const shown = new Set(forms.shownFields(metaOf(a.method)).map((f) => f.name));
    // Every name a form asks is a field it shows; every required field shown is asked or prefilled.
    for (const name of asked(a.method, 'CS'))
      assert.ok(shown.has(name), `${a.method} asks ${name}, which it does not show`);
    const values = forms.freshValues(a, metaOf(a.method), { ...ids, channel: 'CS' });
    for (const f of forms.shownFields(metaOf(a.method)))
      if (f.required && !asked(a.method, 'CS').has(f.name))
        assert.notEqual(values[f.name], undefined, `${a.method}: ${f.name} is folded without a value`);
  }
});

test('a business time left empty is the moment of sending in GMT+8; one the operator set is kept', () => {
  const at = Date.UTC(2026, 11, 3, 16, 5, 9);
  const meta = metaOf(TOP_UP);
  const body = forms.buildBody(actionOf(TOP_UP), meta, { real_value: 10000, charge_type: 'CASH' }, ctx);
  assert.equal(body.biz_date, undefined, 'not in the draft: it is the time of sending');
  const sent = forms.withSendingTime(meta, body, at);
  assert.equal(sent.biz_date, '2026-12-04 00:05:09');
  assert.equal(body.biz_date, undefined, 'the draft is left as it was');
  assert.equal(
    forms.withSendingTime(meta, { ...body, biz_date: '2026-12-01 09:00:00' }, at).biz_date,
    '2026-12-01 09:00:00',
  );
  assert.equal('biz_date' in forms.withSendingTime(metaOf(DEDUCT), { change_point: 1 }, at), false, 'no such field');
  assert.deepEqual(forms.withSendingTime(metaOf('points/change'), [{ mid: 'M' }], at), [{ mid: 'M' }]);
  // The time sent is one validate() accepts; one typed otherwise is refused by name.
  const full = { ...sent, trigger_gift: true, card_id: 'C1', outer_order_id: 'TU-1', biz_channel: 'CS' };
  assert.deepEqual(validate(TOP_UP, full), []);
  const typed = forms.parseInput(meta, field(TOP_UP, 'biz_date'), { value: '2026/12/01' });
  assert.deepEqual(
    validate(TOP_UP, { ...full, biz_date: typed }).map((e) => [e.field, e.rule]),
    [['biz_date', 'date']],
  );
});

test("a top-up's payment method is a labelled choice, every one of which the rules accept", () => {
  const charge = field(TOP_UP, 'charge_type');
  assert.deepEqual(
    charge.choices.map((c) => c.value),
    ['CASH', 'WECHAT', 'ALIPAY', 'BANK', 'DEDUCT', 'OTHER'],
  );
  for (const c of charge.choices) assert.ok(c.zh && c.en, c.value);
  assert.ok(
    charge.choices.some((c) => c.value === actionOf(TOP_UP).preset.charge_type),
    'the preset is a choice',
  );
  const base = {
    brand_id: 'B1',
    shop_id: 'S1',
    request_id: 'r',
    operator_id: 'o',
    card_id: 'C1',
    outer_order_id: 'TU-1',
  };
  for (const c of PAYMENT_METHODS)
    assert.deepEqual(
      validate(TOP_UP, { ...base, biz_channel: 'CS', trigger_gift: true, real_value: 100, charge_type: c.value }),
      [],
    );
  // A field with its own choices keeps them; other operations are the package's metadata as it is.
  const channel = field(TOP_UP, 'biz_channel');
  assert.deepEqual(
    channel.choices.map((c) => c.value),
    ['CS', 'KRY'],
  );
  const raw = operations().find((o) => o.method === PAY);
  assert.equal(withConsoleChoices(raw), raw);
});

test('a reversal shows what it will give back of its order before it is sent, in points and 分', () => {
  const rows = [paid('ORD-1', DEDUCT, { change_point: 300 }), paid('ORD-1', PAY, { value: 5000 })];
  const preview = (method, body, standings = orderStandings(rows)) => {
    const meta = metaOf(method);
    const r = reversalOf(meta, body);
    return returnOf(
      standings.find((o) => o.order === r.orders[0]),
      { returns: meta.reverses.returns, whole: r.fromOrder, named: effectOf(meta, body) },
    );
  };
  // The asset refund gives back all that is left: points and stored value.
  assert.deepEqual(preview(REFUND, { outer_order_id: 'ORD-1' }).back, { points: '300', value: '5000' });
  // A return of stored value: the whole when no amount is named, else that amount; never points.
  assert.deepEqual(preview(RETURN, { outer_order_id: 'ORD-1' }).back, { points: '0', value: '5000' });
  const part = preview(RETURN, { outer_order_id: 'ORD-1', value: 1200 });
  assert.deepEqual([part.back, part.over], [{ points: '0', value: '1200' }, []]);
  // After that part came back, the rest is what is left; more than that is said to be over it.
  const after = orderStandings([...rows, reversal('ORD-1', RETURN, { outer_order_id: 'ORD-1', value: 1200 })]);
  assert.deepEqual(preview(RETURN, { outer_order_id: 'ORD-1' }, after).back.value, '3800');
  const over = preview(RETURN, { outer_order_id: 'ORD-1', value: 4000 }, after);
  assert.deepEqual([over.back.value, over.over, over.left.value], ['4000', ['value'], '3800']);
  // A top-up's refund gives back all of what was topped up, whatever it names.
  const UNCHARGE = 'alibaba.alsc.crm.recharge.uncharge.update';
  const topUp = orderStandings([paid('TU-1', TOP_UP, { real_value: 10000, gift_value: 500 })]);
  assert.deepEqual(preview(UNCHARGE, { src_outer_order_id: 'TU-1', outer_order_id: 'RF-1' }, topUp).back, {
    points: '0',
    value: '10500',
  });
  // Vouchers named come back by id; an order not in the session is not guessed at.
  assert.deepEqual(preview(REFUND, { outer_order_id: 'ORD-1', voucher_id_list: ['V1'] }).back.vouchers, ['V1']);
  assert.equal(preview(REFUND, { outer_order_id: 'ORD-OTHER' }), null);
});
