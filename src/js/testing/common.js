// What the ALSC CRM operations of the fake gateway share: the business layer's refusal of a
// bad field (code 50, isv.invalid-parameter: the gateway checks only top-level parameters,
// PROTOCOL.md in this folder), business answers, the checks, and the ledger helpers (orders,
// stored value taken paid-part first, a customer's flows with running balances, pages).
import { list } from './render.js';

export class GatewayError extends Error {
  constructor(code, msg, subCode, subMsg) {
    super(msg);
    this.top = { code, msg };
    if (subCode !== undefined) this.top.sub_code = subCode;
    if (subMsg !== undefined) this.top.sub_msg = subMsg;
  }
}

// A field inside the business object: the documents' error example for every ALSC API is
// code 50 "Remote service error", isv.invalid-parameter, 非法参数; the reason follows it.
const refuse = (why) => new GatewayError(50, 'Remote service error', 'isv.invalid-parameter', `非法参数：${why}`);
export const missing = (name) => refuse(`缺少 ${name}`);
export const invalid = (name, why) => refuse(why ?? `${name} 不合法`);

export const ok = (result) => ({ biz_success: true, result, result_code: '200', result_desc: '成功', result_view: '' });
export const fail = (code, desc, view) => ({
  biz_success: false,
  result_code: code,
  result_desc: desc,
  result_view: view,
});

const isEmpty = (v) => v === undefined || v === null || v === '';
export const given = (p, name) => !isEmpty(p[name]);

export function amount(p, name, { required = false } = {}) {
  if (!given(p, name)) {
    if (required) throw missing(name);
    return 0;
  }
  const n = typeof p[name] === 'string' && /^-?\d+$/.test(p[name]) ? Number(p[name]) : p[name];
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid(name, `${name} 必须是正整数`);
  return n;
}

export function requireFields(p, names) {
  for (const n of names) if (!given(p, n)) throw missing(n);
}

export function oneOf(p, names) {
  if (!names.some((n) => given(p, n))) throw missing(names.join('/'));
}

export function checkEnum(p, name, values) {
  if (given(p, name) && !values.includes(String(p[name]))) throw invalid(name, `${name} 只能是 ${values.join('/')}`);
}

/**
 * The brand a call names (brand_id or out_brand_id), null when it names one that does not
 * exist; a call that names none is the app's brand (the first configured).
 */
export function checkBrand(ledger, p) {
  const brands = ledger.config.brands ?? [];
  if (!p.brand_id && !p.out_brand_id) return brands[0] ?? null;
  const brand = brands.find(
    (b) => (p.brand_id && b.brand_id === p.brand_id) || (p.out_brand_id && b.out_brand_id === p.out_brand_id),
  );
  return brand ?? null;
}

/**
 * A timestamp to epoch ms, or NaN: `yyyy-MM-dd HH:mm:ss` in GMT+8, or epoch milliseconds as
 * digits (the 2018 official Python SDK sends `str(int(time.time() * 1000))`).
 */
export function parseChinaTime(text) {
  if (/^\d{10,16}$/.test(text ?? '')) return Number(text);
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text ?? '');
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const back = new Date(ms + 8 * 3600_000);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? ms : NaN;
}

/**
 * A filter of epoch ms by a query's time range (`from` and `to` fields, GMT+8 text, both
 * inclusive to the second; either may be left out). A malformed time is refused by name.
 */
export function timeRange(p, from, to) {
  const bound = (name, end) => {
    if (!given(p, name)) return end ? Infinity : -Infinity;
    const ms = parseChinaTime(String(p[name]));
    if (Number.isNaN(ms)) throw invalid(name, `${name} 格式为 yyyy-MM-dd HH:mm:ss`);
    return end ? ms + 999 : ms;
  };
  const lo = bound(from, false);
  const hi = bound(to, true);
  return (ms) => ms >= lo && ms <= hi;
}

export const chinaTime = (ms) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

export function order(ledger, id, customer) {
  ledger.orders[id] ??= {
    customer_id: customer.customer_id,
    points: 0,
    value: { PRE: 0, GIFT: 0 },
    vouchers: [],
    charged: 0,
    refunded: null,
  };
  return ledger.orders[id];
}

export const noCustomer = () => fail('CUSTOMER_NOT_FOUND', '顾客不存在', '未找到该顾客，请核对手机号或会员号');
export const noShop = () => fail('SHOP_NOT_FOUND', '门店不存在', '门店不存在，请核对门店ID');
export const noBrand = () => fail('BRAND_NOT_FOUND', '品牌不存在', '品牌不存在，请核对品牌ID');
export const pointsShort = (c, n) =>
  fail('POINT_NOT_ENOUGH', '积分不足', `积分不足：可用 ${c.points.available}，本次需 ${n}`);
export const balanceShort = (c, n) =>
  fail(
    'BALANCE_NOT_ENOUGH',
    '储值余额不足',
    `储值余额不足：可用 ${c.stored_value.PRE + c.stored_value.GIFT} 分，本次需 ${n} 分`,
  );

/**
 * Takes `n` from stored value, paid part (PRE) first, then the gift part (GIFT), and books
 * it on the order so a refund can give back exactly those parts.
 */
export function consumeValue(ledger, c, orderId, n) {
  const pre = Math.min(c.stored_value.PRE, n);
  const gift = n - pre;
  c.stored_value.PRE -= pre;
  c.stored_value.GIFT -= gift;
  spent(c, pre, gift);
  const o = order(ledger, orderId, c);
  o.value.PRE += pre;
  o.value.GIFT += gift;
  return { PRE: pre, GIFT: gift };
}

/** Counts stored value spent (negative: given back), for the accounts' lifetime totals. */
export function spent(c, pre, gift) {
  c.consumed ??= { PRE: 0, GIFT: 0 };
  c.consumed.PRE += pre;
  c.consumed.GIFT += gift;
}

/** `CardOpenInfo` -> `card_open_info`: the item element a list of that type is wrapped in. */
export const items = (type, values) =>
  list(
    type.replace(/[A-Z]/g, (ch, at) => `${at ? '_' : ''}${ch.toLowerCase()}`),
    values,
  );

/** The brand a call names (brand_id or out_brand_id), or null. */
export const brandOf = (ledger, p) => checkBrand(ledger, p);

/** The shop a call names (shop_id or out_shop_id), null when unknown; none named: the first. */
export const shopOf = (ledger, p) => {
  const shops = ledger.config.shops ?? [];
  if (!p.shop_id && !p.out_shop_id) return shops[0] ?? null;
  return (
    shops.find((s) => (p.shop_id && s.shop_id === p.shop_id) || (p.out_shop_id && s.out_shop_id === p.out_shop_id)) ??
    null
  );
};

/** Only `keys` of `obj`: a shape several APIs share, each documenting its own part of it. */
export const pick = (obj, keys) => Object.fromEntries(keys.filter((k) => obj[k] !== undefined).map((k) => [k, obj[k]]));

/** A boolean field: `true`, `false`, or their text. */
export const flag = (v) => v === true || v === 'true';

// Every kind of entry the ALSC ledger journals, by the name its flows describe it with
// (`biz_type_description`): a flow never shows a bare code. U8's entries (`u8.points.*`) are
// another platform's ledger and never appear in ALSC flows.
export const KIND_NAMES = {
  'point.consume': '积分补扣',
  verify: '核销',
  refund: '退款',
  'recharge.charge': '充值',
  'recharge.refund': '充值退款',
  'recharge.freeze': '储值冻结',
  'value.consume': '储值消费',
  'value.undedut': '储值退回',
  'point.operate.1': '积分增加',
  'point.operate.2': '积分冻结',
  'point.operate.3': '积分核销',
  'point.operate.4': '积分扣减',
  'point.cash': '积分抵现',
  'point.extracharge': '积分补录',
  'point.reverse': '积分消费回退',
  'voucher.issue': '发券',
  'voucher.send': '送券',
  'voucher.use': '券核销',
  'voucher.restore': '券反核销',
  'order.backflow': '订单回流',
  'card.open': '开卡',
  'card.active': '卡激活',
  'card.batch.active': '批量激活',
  'card.batch.sell': '批量售卡',
  'card.bind': '绑卡',
  'card.bind.customer': '绑定顾客',
  'password.reset': '重置支付密码',
  'password.update': '修改支付密码',
};

/** A journal entry of U8's own ledger (`points/change`), not of ALSC's. */
const isU8 = (j) => j.api === 'points/change';

/**
 * The journal entries that moved `kind` (points or value), newest first, each with the
 * balance after it (walked back from today's balances), of one customer or (no
 * `customerId`) every customer. U8 points are a balance of their own, never an ALSC point
 * flow; an entry the platform shows late (`visible_at`, a fault) is left out until then, its
 * amount still in the balances.
 */
export function customerFlows(ledger, c, kind) {
  return ledgerFlows(ledger, kind, c.customer_id);
}

export function ledgerFlows(ledger, kind, customerId) {
  const field = kind === 'points' ? 'points' : 'value';
  const now = ledger.now();
  const after = new Map();
  const balance = (id) => {
    if (!after.has(id)) {
      const c = ledger.findCustomer({ customer_id: id });
      after.set(id, !c ? 0 : kind === 'points' ? c.points.available : c.stored_value.PRE + c.stored_value.GIFT);
    }
    return after.get(id);
  };
  const out = [];
  for (let i = ledger.journal.length - 1; i >= 0; i--) {
    const j = ledger.journal[i];
    if (!j[field] || (customerId !== undefined && j.customer_id !== customerId)) continue;
    if (isU8(j)) continue;
    const at = balance(j.customer_id);
    if (!(j.visible_at > now)) out.push({ ...j, delta: j[field], after: at });
    after.set(j.customer_id, at - j[field]);
  }
  return out;
}

// Stored-value flow types as the platform writes them (a payment's answer and flows say DEDUT);
// a freeze is the fake's name. PROTOCOL.md.
export const VALUE_FLOW_TYPES = {
  'value.consume': 'DEDUT',
  verify: 'DEDUT',
  'value.undedut': 'UNDEDUT',
  refund: 'UNDEDUT',
  'recharge.charge': 'CHARGE',
  'recharge.refund': 'UNCHARGE',
  'recharge.freeze': 'FREEZE',
};

/** A stored-value flow as PageQueryAccountFlowsOpenInfo. */
export const valueFlow = (ledger, f) => {
  const c = ledger.findCustomer({ customer_id: f.customer_id });
  const shop = (ledger.config.shops ?? []).find((s) => s.shop_id === f.shop_id);
  return {
    account_id: c?.stored_value.account_id ?? '',
    create_by: f.operator ?? '',
    current_value: f.after,
    deleted: false,
    flow_id: `VF${f.seq}`,
    flow_type: VALUE_FLOW_TYPES[f.kind] ?? f.kind,
    gift_value: f.parts?.GIFT ?? 0,
    gmt_create: chinaTime(Date.parse(f.at)),
    gmt_modified: chinaTime(Date.parse(f.at)),
    operator: f.operator ?? '',
    operator_name: '',
    order_src: 2,
    order_time: chinaTime(Date.parse(f.at)),
    order_value: f.delta,
    outer_order_id: f.order ?? '',
    remark: f.reason ?? '',
    shop_id: f.shop_id ?? '',
    shop_name: shop?.name ?? '',
    update_by: f.operator ?? '',
  };
};

/** One page of `rows` (`page_no` from 1, `page_size` default 20) as a CommonPageResult. */
export function page(p, rows, wrapper, withNext) {
  const size = Math.min(Math.max(Number(p.page_size ?? 20) || 20, 1), 100);
  const no = Math.max(Number(p.page_no ?? 1) || 1, 1);
  const slice = rows.slice((no - 1) * size, no * size);
  const out = {
    biz_success: true,
    current_page: no,
    page_size: size,
    result_list: list(wrapper, slice),
    result_code: '200',
    result_desc: '成功',
    result_view: '',
    total_size: rows.length,
  };
  if (withNext)
    Object.assign(out, { has_next_page: no * size < rows.length, total_page: Math.ceil(rows.length / size) });
  return out;
}

/** Why a top-up cannot be refunded, or null when it can. */
export function unchargeable(ledger, id) {
  const o = ledger.orders[id];
  if (!o?.charged) return fail('ORDER_NOT_FOUND', '原充值单不存在', `找不到充值单 ${id}`);
  if (o.refunded) return fail('ORDER_ALREADY_REFUNDED', '充值单已退款', `充值单 ${id} 已退款`);
  const c = ledger.findCustomer({ customer_id: o.customer_id });
  if (c.stored_value.PRE < o.charged || c.stored_value.GIFT < (o.gift ?? 0))
    return fail('BALANCE_NOT_ENOUGH', '余额不足以退款', `充值已被使用，余额不足以退回 ${o.charged} 分`);
  return null;
}

export const properties = (parts) =>
  list('recharge_account_property_open_info', [
    { type: 'PRE', value: parts.PRE },
    { type: 'GIFT', value: parts.GIFT },
  ]);
