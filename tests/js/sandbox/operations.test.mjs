// Every operation through `fakeGateway()`: a request built from the package's metadata (and
// the fake's demo world, for ids that must exist), sent with call() unchanged, answers the
// result shape the published definition documents — every field it sends is documented and
// of the documented type, every field documented as always present is there — and writes
// move the ledger while reads leave it as it was. The definitions are read here from spec/,
// not through the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { TopClient, U8Client, operations, validate, newRequestId } from 'loyalty-sdk';
import { fakeGateway } from 'loyalty-sdk/testing';
import { CUSTOMER as C1, OTHER_CUSTOMER as C2 } from '../fixtures.mjs';

const spec = new URL('../../../spec/', import.meta.url);
const DEFINITIONS = new Map(
  ['alsc-crm', 'u8'].flatMap((dir) =>
    readdirSync(new URL(`${dir}/`, spec)).map((file) => {
      const d = JSON.parse(readFileSync(new URL(`${dir}/${file}`, spec), 'utf8'));
      return [d.name, d];
    }),
  ),
);
// The reviewed overlay's corrections of result types (U8 points documented as strings).
const OVERLAY = JSON.parse(readFileSync(new URL('overlay.json', spec), 'utf8')).operations;
for (const [method, entry] of Object.entries(OVERLAY))
  for (const c of entry.corrections ?? []) {
    if (!c.result || !c.type) continue;
    let params = DEFINITIONS.get(method).responseParams;
    let target;
    for (const part of c.result.split('.')) {
      target = params.find((p) => p.name === part);
      params = target?.subParams ?? [];
    }
    target.type = c.type;
  }

let serial = 0;
const unique = (prefix) => `${prefix}-${(serial += 1)}`;

// Field values by name: ids of the demo world, else something of the field's type.
const WORLD = {
  brand_id: () => '10001',
  out_brand_id: () => 'B-DEMO',
  shop_id: () => '20001',
  out_shop_id: () => 'S-DEMO',
  customer_id: () => C1,
  card_id: () => '7328763784623',
  mobile: () => '13800000001',
  operator_id: () => 'op-1',
  operator_name: () => '收银员',
  out_biz_id: () => unique('ORD'),
  outer_order_id: () => unique('ORD'),
  new_outer_order_id: () => unique('REF'),
  reverse_order_id: () => unique('REV'),
  request_id: () => newRequestId(),
  page_no: () => 1,
  page_size: () => 20,
  source_code: () => unique('U8'),
  mid: () => '10000001',
  ori_money: () => '1.00',
  calc_money: () => '1.00',
  deleted: () => false,
};

function sample(field) {
  if (WORLD[field.name]) return WORLD[field.name]();
  if (field.choices) return field.type === 'Number' ? Number(field.choices[0].value) : field.choices[0].value;
  if (field.fields) {
    const one = build(field.fields, []);
    return field.type.endsWith('[]') ? [one] : one;
  }
  return (
    { String: `${field.name}-1`, Number: 1, Boolean: false, Date: '2025-01-01 12:00:00', 'String[]': [] }[field.type] ??
    `${field.name}-1`
  );
}

// Who and where a call is about, given wherever the operation has the field.
const IDENTITY = ['brand_id', 'shop_id', 'customer_id', 'operator_id', 'operator_name'];

/**
 * The required fields (and the idempotency key), one of each "one of these" rule, a field a
 * `required_when` asks for, and the brand, shop, customer and operator where there are fields
 * for them.
 */
function build(fields, rules, key) {
  const out = {};
  for (const f of fields) if (f.required || f.name === key || IDENTITY.includes(f.name)) out[f.name] = sample(f);
  for (const r of rules) {
    if (r.kind === 'any_of' && !r.fields.some((n) => out[n] !== undefined))
      out[r.fields[0]] = sample(fields.find((f) => f.name === r.fields[0]));
    if (r.kind === 'required_when' && r.values.includes(String(out[r.when])))
      out[r.field] = sample(fields.find((f) => f.name === r.field));
  }
  return out;
}

// What a call needs beyond the metadata: ids that must exist, amounts the world has, and for
// reversals the write they reverse (run first, on the same gateway).
const PLAN = {
  'alibaba.alsc.crm.open.assert.refund': {
    before: [['alibaba.alsc.crm.point.extra.consume', { out_biz_id: 'ORD-REFUND', change_point: 10 }]],
    params: { outer_order_id: 'ORD-REFUND' },
  },
  'alibaba.alsc.crm.recharge.undedut.update': {
    before: [['alibaba.alsc.crm.recharge.dedut.update', { outer_order_id: 'ORD-V', value: 500 }]],
    params: { outer_order_id: 'ORD-V' },
  },
  'alibaba.alsc.crm.recharge.uncharge.update': {
    before: [['alibaba.alsc.crm.recharge.charge.update', { outer_order_id: 'CH-1', real_value: 1000 }]],
    params: { src_outer_order_id: 'CH-1' },
  },
  'alibaba.alsc.crm.recharge.unchargecheck.get': {
    before: [['alibaba.alsc.crm.recharge.charge.update', { outer_order_id: 'CH-2', real_value: 1000 }]],
    params: { src_outer_order_id: 'CH-2' },
  },
  'alibaba.alsc.crm.recharge.charge.update': { params: { real_value: 1000, trigger_gift: false } },
  'alibaba.alsc.crm.recharge.account.flowdetail.get': {
    before: [['alibaba.alsc.crm.recharge.dedut.update', { outer_order_id: 'ORD-FD', value: 300 }]],
    params: { outer_order_id: 'ORD-FD' },
  },
  'alibaba.alsc.crm.point.reversepoint': {
    before: [['alibaba.alsc.crm.point.consumepoint', { out_biz_id: 'ORD-P', change_point: 100 }]],
    params: { out_biz_id: 'ORD-P' },
  },
  'alibaba.alsc.crm.card.active': {
    before: [
      ['alibaba.alsc.crm.card.open', { card_template_id: 'T-GIFT', physical_card_id: undefined, active: false }],
    ],
    params: (answers) => ({ card_id: answers[0].result }),
  },
  'alibaba.alsc.crm.card.batch.active': {
    before: [['alibaba.alsc.crm.card.batch.sell', { physical_card_ids: ['P-1001'] }]],
    params: { physical_card_ids: ['P-1001'] },
  },
  'alibaba.alsc.crm.card.batch.sell': { params: { physical_card_ids: ['P-1002'] } },
  'alibaba.alsc.crm.card.bindcard': { params: { physical_card_id: 'P-1003' } },
  'alibaba.alsc.crm.card.bindcustomer': {
    before: [['alibaba.alsc.crm.card.batch.sell', { physical_card_ids: ['P-1001'] }]],
    params: { physical_card_id: 'P-1001', card_id: undefined, customer_id: C2 },
  },
  'alibaba.alsc.crm.card.open': { params: { card_template_id: 'T-GIFT', physical_card_id: undefined } },
  'alibaba.alsc.crm.card.qry': {
    params: { card_id: '7328763784623', account_required: true, physical_card_required: true },
  },
  'alibaba.alsc.crm.card.qryphysical': { params: { physical_card_id: 'P-0001' } },
  'alibaba.alsc.crm.card.query.template': { params: { card_template_id: 'T-GOLD' } },
  'alibaba.alsc.crm.card.searchcard': { params: { no: '13800000001' } },
  'alibaba.alsc.crm.customer.checkppw': { params: { pay_passwd: '123456' } },
  'alibaba.alsc.crm.customer.create': {
    params: { outer_id: 'NEW-OUTER-1', outer_type: 'wechat', mobile: '13900000009', channel: '2', customer_type: 1 },
  },
  'alibaba.alsc.crm.customer.get': { params: { options: ['CARD', 'RECHARGE', 'POINT', 'VOUCHER'] } },
  'alibaba.alsc.crm.customer.update': { params: { name: '张三丰' } },
  'alibaba.alsc.crm.customer.updateppw': { params: { pay_passwd: '654321', passwd_type: 'raw' } },
  'alibaba.alsc.crm.marketing.encrypt': { params: { param: 'user-1' } },
  'alibaba.alsc.crm.marketing.issue.voucher': { params: { activity_id: 'ACT-1' } },
  'alibaba.alsc.crm.marketing.share.customer.info': {
    before: [['alibaba.alsc.crm.marketing.issue.voucher', { activity_id: 'ACT-1' }]],
    params: { activity_id: 'ACT-1' },
  },
  'alibaba.alsc.crm.open.customer.save': { params: { mobile: '13900000010', name: '王五' } },
  'alibaba.alsc.crm.open.point.operate': { params: { change_point: 10 } },
  'alibaba.alsc.crm.open.recharge.operate': { params: { operate_type: 1, change_value: 1000 } },
  'alibaba.alsc.crm.open.assert.verify': { params: { point: 10 } },
  'alibaba.alsc.crm.point.cal': { params: { consume_point: 120 } },
  'alibaba.alsc.crm.point.chkpntbypay': { params: { change_point: 100 } },
  'alibaba.alsc.crm.point.consumepoint': { params: { change_point: 100 } },
  'alibaba.alsc.crm.recharge.dedut.update': { params: { value: 100 } },
  'alibaba.alsc.crm.recharge.dedutprecheck.get': { params: { value: 100 } },
  'alibaba.alsc.crm.voucher.send': { params: { voucher_id: 'VT-20OFF', voucher_num: 1 } },
  'alibaba.alsc.crm.voucher.status.change': {
    params: { voucher_id_list: ['2837374884'], voucher_status_action: 'NORMAL_ISUSED', source: 'POS' },
  },
};

const META = new Map(operations().map((o) => [o.method, o]));

/** The request for `method`: built from its metadata, then the plan's values. */
function requestFor(method, extra = {}) {
  const meta = META.get(method);
  const params = { ...build(meta.fields, meta.rules, meta.idempotencyKey), ...extra };
  for (const k of Object.keys(params)) if (params[k] === undefined) delete params[k];
  return params;
}

/** Where `value` departs from the documented parameters `params`, as readable lines. */
function departures(value, params, at, out = []) {
  for (const [k, v] of Object.entries(value ?? {})) {
    const p = params.find((x) => x.name === k);
    if (!p) out.push(`${at}.${k} is not documented`);
    else typed(v, p, `${at}.${k}`, out);
  }
  for (const p of params)
    if (p.required && !(p.name in (value ?? {}))) out.push(`${at}.${p.name} is documented as always there`);
  return out;
}

function typed(v, p, at, out) {
  if (v === null) return;
  const list = p.type.endsWith('[]');
  if (p.subParams) {
    if (list && !Array.isArray(v)) return out.push(`${at}: a ${p.type}, got ${JSON.stringify(v)}`);
    for (const item of list ? v : [v])
      if (item && typeof item === 'object' && !Array.isArray(item)) departures(item, p.subParams, at, out);
      else out.push(`${at}: an object, got ${JSON.stringify(item)}`);
    return;
  }
  const ok = {
    String: () => typeof v === 'string',
    // Ids the definitions type as Number come as exact text (the overlay corrects them).
    Number: () => typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)),
    Boolean: () => typeof v === 'boolean',
    Date: () => typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v),
    'String[]': () => Array.isArray(v) && v.every((s) => typeof s === 'string'),
    Json: () => true,
  }[p.type];
  if (ok && !ok()) out.push(`${at}: a ${p.type}, got ${JSON.stringify(v)}`);
}

const top = (gateway, format = {}) =>
  new TopClient({
    ...format,
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: 'https://gw.invalid/router/rest',
    fetch: gateway.fetch,
    retries: 0,
  });

// Simplified JSON (the SDK's default), plain JSON with its list wrappers, and XML.
for (const [name, format] of [
  ['simplified JSON', {}],
  ['plain JSON', { simplify: false }],
  ['XML', { format: 'xml' }],
])
  test(`all 62 operations answer through fakeGateway() with the documented result shape (${name})`, async () => {
    await everyOperation(format);
  });

async function everyOperation(format) {
  const all = operations();
  assert.equal(all.length, 62);
  const problems = [];
  for (const meta of all) {
    const gateway = fakeGateway();
    const def = DEFINITIONS.get(meta.method);
    if (meta.platform === 'u8') {
      const u8 = new U8Client({
        fromAccount: 'openapi_dev',
        toAccount: 'openapi_ent',
        appKey: 'opa-sandbox',
        appSecret: 'sandbox-u8-secret',
        baseUrl: 'https://u8.invalid',
        fetch: gateway.fetch,
      });
      const record = requestFor(meta.method, { ori_points: 25 });
      assert.deepEqual(validate(meta.method, [record]), [], meta.method);
      const answer = await u8.call(meta.method, [record]);
      const data = def.responseParams.find((p) => p.name === 'data');
      problems.push(...departures({ data: answer.data }, [data], meta.method));
      assert.equal(gateway.ledger.journal.length, 1, 'the write is journalled');
      continue;
    }
    const plan = PLAN[meta.method] ?? {};
    const client = top(gateway, format);
    const answers = [];
    try {
      for (const [method, extra] of plan.before ?? [])
        answers.push(await client.call(method, requestFor(method, extra)));
    } catch (e) {
      problems.push(`${meta.method} (before it): ${e.code} ${e.message}`);
      continue;
    }
    const extra = typeof plan.params === 'function' ? plan.params(answers) : plan.params;
    const params = requestFor(meta.method, extra);
    assert.deepEqual(validate(meta.method, params), [], `${meta.method} ${JSON.stringify(params)}`);
    const before = gateway.ledger.journal.length;
    let result;
    try {
      result = await client.call(meta.method, params);
    } catch (e) {
      problems.push(`${meta.method}: ${e.code} ${e.message}`);
      continue;
    }
    const envelope = def.responseParams.find((p) => p.name === 'result');
    problems.push(...departures(result, envelope.subParams, meta.method));
    assert.equal(typeof result.requestId, 'string', `${meta.method}: the trace id`);
    const moved = gateway.ledger.journal.length - before;
    // A write that is only a check, or a query the documents list with a request_id, moves nothing.
    const reads = ['alibaba.alsc.crm.marketing.share.customer.info'];
    if (meta.writes && !reads.includes(meta.method)) assert.ok(moved >= 1, `${meta.method} is journalled`);
    else assert.equal(moved, 0, `${meta.method} reads only`);
  }
  assert.deepEqual(problems, []);
}
