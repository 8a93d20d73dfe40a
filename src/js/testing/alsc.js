// ALSC CRM semantics over the ledger: the operations the sandbox implements, each with the
// parameter checks the gateway makes (40 missing, 41 invalid) and the business answers
// (`biz_success=false` with result_code / result_desc / result_view) the service gives.
import { list } from './render.js';

export class GatewayError extends Error {
  constructor(code, msg, subCode, subMsg) {
    super(msg);
    this.top = { code, msg, sub_code: subCode, sub_msg: subMsg };
  }
}

const missing = (name) => new GatewayError(40, `Missing required arguments:${name}`, `isv.missing-parameter:${name}`, `缺少必选参数 ${name}`);
const invalid = (name, why) => new GatewayError(41, `Invalid arguments:${name}`, `isv.invalid-parameter:${name}`, why);

const ok = (result) => ({ biz_success: true, result, result_code: '200', result_desc: '成功', result_view: '' });
const fail = (code, desc, view) => ({ biz_success: false, result_code: code, result_desc: desc, result_view: view });

const isEmpty = (v) => v === undefined || v === null || v === '';
const given = (p, name) => !isEmpty(p[name]);

function amount(p, name, { required = false } = {}) {
  if (!given(p, name)) {
    if (required) throw missing(name);
    return 0;
  }
  const n = typeof p[name] === 'string' && /^-?\d+$/.test(p[name]) ? Number(p[name]) : p[name];
  if (!Number.isSafeInteger(n) || n <= 0) throw invalid(name, `${name} 必须是正整数`);
  return n;
}

function requireFields(p, names) {
  for (const n of names) if (!given(p, n)) throw missing(n);
}

function oneOf(p, names) {
  if (!names.some((n) => given(p, n))) throw missing(names.join('/'));
}

function checkEnum(p, name, values) {
  if (given(p, name) && !values.includes(String(p[name]))) throw invalid(name, `${name} 只能是 ${values.join('/')}`);
}

function checkBrand(ledger, p) {
  const brand = (ledger.config.brands ?? []).find((b) => (p.brand_id && b.brand_id === p.brand_id) || (p.out_brand_id && b.out_brand_id === p.out_brand_id));
  return brand ?? null;
}

const chinaTime = (ms) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

function order(ledger, id, customer) {
  ledger.orders[id] ??= { customer_id: customer.customer_id, points: 0, value: { PRE: 0, GIFT: 0 }, vouchers: [], charged: 0, refunded: null };
  return ledger.orders[id];
}

const noCustomer = () => fail('CUSTOMER_NOT_FOUND', '顾客不存在', '未找到该顾客，请核对手机号或会员号');
const noBrand = () => fail('BRAND_NOT_FOUND', '品牌不存在', '品牌不存在，请核对品牌ID');
const pointsShort = (c, n) => fail('POINT_NOT_ENOUGH', '积分不足', `积分不足：可用 ${c.points.available}，本次需 ${n}`);
const balanceShort = (c, n) => fail('BALANCE_NOT_ENOUGH', '储值余额不足', `储值余额不足：可用 ${c.stored_value.PRE + c.stored_value.GIFT} 分，本次需 ${n} 分`);

/**
 * Takes `n` from stored value, paid part (PRE) first, then the gift part (GIFT), and books
 * it on the order so a refund can give back exactly those parts.
 */
function consumeValue(ledger, c, orderId, n) {
  const pre = Math.min(c.stored_value.PRE, n);
  const gift = n - pre;
  c.stored_value.PRE -= pre;
  c.stored_value.GIFT -= gift;
  const o = order(ledger, orderId, c);
  o.value.PRE += pre;
  o.value.GIFT += gift;
  return { PRE: pre, GIFT: gift };
}

const KIND_NAMES = {
  'point.consume': '积分补扣', verify: '核销', refund: '退款', 'recharge.charge': '充值', 'recharge.refund': '充值退款', 'value.consume': '储值消费',
  'value.undedut': '储值退回', 'point.operate.1': '积分增加', 'point.operate.2': '积分冻结', 'point.operate.3': '积分核销', 'point.operate.4': '积分扣减',
};

/**
 * A customer's journal entries that moved `kind` (points or value), newest first, each with
 * the balance after it: walked back from today's balance.
 */
function customerFlows(ledger, c, kind) {
  const field = kind === 'points' ? 'points' : 'value';
  let after = kind === 'points' ? c.points.available : c.stored_value.PRE + c.stored_value.GIFT;
  const out = [];
  for (const j of [...ledger.journal].reverse()) {
    if (j.customer_id !== c.customer_id || !j[field]) continue;
    out.push({ ...j, delta: j[field], after });
    after -= j[field];
  }
  return out;
}

const valueFlow = (c, f) => ({
  account_id: c.stored_value.account_id, current_value: f.after, flow_id: `VF${f.seq}`, flow_type: f.kind, gmt_create: chinaTime(Date.parse(f.at)),
  operator: f.operator ?? '', order_time: chinaTime(Date.parse(f.at)), order_value: f.delta, outer_order_id: f.order ?? '', remark: f.reason ?? '',
});

/** One page of `items` (`page_no` from 1, `page_size` default 20) as a CommonPageResult. */
function page(p, items, wrapper, withNext) {
  const size = Math.min(Math.max(Number(p.page_size ?? 20) || 20, 1), 100);
  const no = Math.max(Number(p.page_no ?? 1) || 1, 1);
  const slice = items.slice((no - 1) * size, no * size);
  const out = { biz_success: true, current_page: no, page_size: size, result_list: list(wrapper, slice), result_code: '200', result_desc: '成功', result_view: '', total_size: items.length };
  if (withNext) Object.assign(out, { has_next_page: no * size < items.length, total_page: Math.ceil(items.length / size) });
  return out;
}

/** Why a top-up cannot be refunded, or null when it can. */
function unchargeable(ledger, id) {
  const o = ledger.orders[id];
  if (!o?.charged) return fail('ORDER_NOT_FOUND', '原充值单不存在', `找不到充值单 ${id}`);
  if (o.refunded) return fail('ORDER_ALREADY_REFUNDED', '充值单已退款', `充值单 ${id} 已退款`);
  const c = ledger.findCustomer({ customer_id: o.customer_id });
  if (c.stored_value.PRE < o.charged || c.stored_value.GIFT < (o.gift ?? 0)) return fail('BALANCE_NOT_ENOUGH', '余额不足以退款', `充值已被使用，余额不足以退回 ${o.charged} 分`);
  return null;
}

const properties = (parts) => list('recharge_account_property_open_info', [{ type: 'PRE', value: parts.PRE }, { type: 'GIFT', value: parts.GIFT }]);

export const METHODS = {
  'alibaba.alsc.crm.point.extra.consume': {
    param: 'param_extra_consume_point_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['biz_channel', 'customer_id', 'operator_id', 'out_biz_id', 'request_id']);
      checkEnum(p, 'biz_channel', ['CS', 'KRY']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const n = amount(p, 'change_point', { required: true });
      if (!checkBrand(ledger, p)) return noBrand();
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      if (c.points.available < n) return pointsShort(c, n);
      c.points.available -= n;
      order(ledger, p.out_biz_id, c).points += n;
      const flow = ledger.nextId('PF');
      ledger.record({ operator: p.operator_id, kind: 'point.consume', method: ctx.method, request_id: p.request_id, order: p.out_biz_id, customer_id: c.customer_id, points: -n });
      return ok(flow);
    },
  },

  'alibaba.alsc.crm.recharge.dedut.update': {
    param: 'param_dedut_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_id', 'outer_order_id', 'request_id', 'biz_channel']);
      checkEnum(p, 'biz_channel', ['CS', 'KRY']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const n = amount(p, 'value', { required: true });
      if (given(p, 'biz_date') && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(p.biz_date)) throw invalid('biz_date', 'biz_date 格式为 yyyy-MM-dd HH:mm:ss');
      const brand = checkBrand(ledger, p);
      if (!brand) return noBrand();
      const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return noCustomer();
      if (c.stored_value.PRE + c.stored_value.GIFT < n) return balanceShort(c, n);
      const before = { ...c.stored_value };
      const taken = consumeValue(ledger, c, p.outer_order_id, n);
      const seq = ledger.nextId('');
      ledger.record({ operator: p.operator_id, kind: 'value.consume', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, value: -n, parts: taken });
      const shop = (ledger.config.shops ?? []).find((s) => s.shop_id === p.shop_id || s.out_shop_id === p.out_shop_id);
      return ok({
        account_id: c.stored_value.account_id,
        affected_property_list: properties(taken),
        after_property_list: properties(c.stored_value),
        before_property_list: properties(before),
        brand_id: brand.brand_id,
        current_value: c.stored_value.PRE + c.stored_value.GIFT,
        ext_info: { empty: true },
        // Flow ids run above 2^53, as the platform's do: clients must keep them exact.
        flow_id: 9007199254740993n + BigInt(Number(seq)),
        flow_type: 'DEDUT',
        operator: p.operator_id,
        operator_name: '',
        order_src: 2,
        order_time: chinaTime(ctx.now()),
        order_value: -n,
        outer_order_id: p.outer_order_id,
        remark: p.remark ?? '',
        shop_id: shop?.shop_id ?? p.shop_id ?? '',
        shop_name: shop?.name ?? '',
      });
    },
  },

  'alibaba.alsc.crm.open.assert.refund': {
    param: 'param_property_refund_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['brand_id', 'new_outer_order_id', 'operator_id', 'outer_order_id', 'request_id', 'shop_id']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      if (given(p, 'voucher_id_list') && !Array.isArray(p.voucher_id_list)) throw invalid('voucher_id_list', 'voucher_id_list 必须是字符串数组');
      const o = ledger.orders[p.outer_order_id];
      if (!o) return fail('ORDER_NOT_FOUND', '原订单不存在', `找不到原订单 ${p.outer_order_id} 的核销记录，无法退回`);
      if (o.refunded) return fail('ORDER_ALREADY_REFUNDED', '订单已退款', `订单 ${p.outer_order_id} 已于退款单 ${o.refunded} 退回，不能重复退回`);
      const c = ledger.findCustomer({ customer_id: o.customer_id });
      c.points.available += o.points;
      c.stored_value.PRE += o.value.PRE;
      c.stored_value.GIFT += o.value.GIFT;
      const wanted = Array.isArray(p.voucher_id_list) && p.voucher_id_list.length ? p.voucher_id_list : o.vouchers;
      const statuses = wanted.map((id) => {
        const v = o.vouchers.includes(id) ? c.vouchers.find((x) => x.voucher_id === id) : null;
        if (v) v.status = 'NORMAL';
        return { success: Boolean(v), voucher_id: id };
      });
      o.refunded = p.new_outer_order_id;
      ledger.record({ operator: p.operator_id, kind: 'refund', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, refund_order: p.new_outer_order_id, customer_id: c.customer_id, points: o.points, value: o.value.PRE + o.value.GIFT, vouchers: statuses.filter((s) => s.success).map((s) => s.voucher_id) });
      return { ...ok({ point_success: true, value_success: true, voucher_status_list: list('voucher_status_info', statuses) }), result_code: '0', result_view: '成功' };
    },
  },

  'alibaba.alsc.crm.open.customer.get': {
    param: 'param_customer_get_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['brand_id', 'shop_id']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      oneOf(p, ['mobile', 'customer_id', 'outer_id', 'physical_card_id']);
      const c = ledger.findCustomer(p);
      if (!c) return noCustomer();
      const sv = c.stored_value;
      const used = ledger.journal.filter((j) => j.customer_id === c.customer_id && j.points < 0).reduce((n, j) => n - j.points, 0);
      return ok({
        card_open_info_list: list('card_open_info', [{
          accounts: list('account_open_info', [{ balance: sv.PRE + sv.GIFT, gift: sv.GIFT, pre: sv.PRE, real: sv.PRE, total_gift: sv.GIFT, total_pre: sv.PRE, total_real: sv.PRE }]),
          card_id: c.card.card_id,
          card_template_id: c.card.card_template_id,
          card_type: c.card.card_type,
          status: c.card.status,
        }]),
        customer_open_info: { customer_id: c.customer_id, customer_type: 1, mobile: c.mobile, name: c.name, level_no: c.level_no, channel: 2 },
        point_account_open_info: {
          available_point: c.points.available,
          freeze_point: c.points.frozen,
          remain_point: c.points.available + c.points.frozen,
          total_point: c.points.available + c.points.frozen + used,
          total_used_point: used,
        },
        voucher_open_info_list: list('voucher_open_info', c.vouchers.map((v) => ({
          amount: v.amount, start_fee: v.start_fee, status: v.status, title: v.title, voucher_id: v.voucher_id, voucher_template_id: v.voucher_template_id, voucher_type: 'CASH',
        }))),
      });
    },
  },

  'alibaba.alsc.crm.open.assert.verify': {
    param: 'param_property_verify_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['brand_id', 'operator_id', 'outer_order_id', 'request_id', 'shop_id']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      const points = amount(p, 'point');
      const value = amount(p, 'value');
      const vouchers = Array.isArray(p.voucher_id_list) ? p.voucher_id_list : [];
      if (!points && !value && !vouchers.length) throw missing('point/value/voucher_id_list');
      const c = ledger.findCustomer(p);
      if (!c) return noCustomer();
      if (c.points.available < points) return pointsShort(c, points);
      if (c.stored_value.PRE + c.stored_value.GIFT < value) return balanceShort(c, value);
      const unusable = vouchers.find((id) => c.vouchers.find((v) => v.voucher_id === id)?.status !== 'NORMAL');
      if (unusable) return fail('VOUCHER_NOT_AVAILABLE', '券不可用', `券 ${unusable} 不存在或已使用`);
      c.points.available -= points;
      consumeValue(ledger, c, p.outer_order_id, value);
      for (const id of vouchers) c.vouchers.find((v) => v.voucher_id === id).status = 'USED';
      const o = order(ledger, p.outer_order_id, c);
      o.points += points;
      o.vouchers.push(...vouchers);
      ledger.record({ operator: p.operator_id, kind: 'verify', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, points: -points, value: -value, vouchers });
      return ok({ point_success: true, value_success: true, voucher_status_list: list('voucher_status_info', vouchers.map((id) => ({ success: true, voucher_id: id }))) });
    },
  },

  'alibaba.alsc.crm.open.point.operate': {
    param: 'param_point_operate_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['brand_id', 'operate_type', 'operator_id', 'outer_order_id', 'request_id', 'shop_id']);
      checkEnum(p, 'operate_type', ['1', '2', '3', '4']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      const n = amount(p, 'change_point', { required: true });
      const c = ledger.findCustomer(p);
      if (!c) return noCustomer();
      const type = String(p.operate_type);
      if (type !== '1' && c.points.available < n) return pointsShort(c, n);
      const delta = { 1: n, 2: -n, 3: -n, 4: -n }[type];
      c.points.available += delta;
      if (type === '2') c.points.frozen += n;
      if (type === '3') order(ledger, p.outer_order_id, c).points += n;
      ledger.record({ operator: p.operator_id, kind: `point.operate.${type}`, method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, points: delta });
      return ok(true);
    },
  },

  'alibaba.alsc.crm.open.recharge.operate': {
    param: 'param_recharge_operate_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['brand_id', 'operator_id', 'outer_order_id', 'request_id', 'shop_id']);
      checkEnum(p, 'operate_type', ['1', '2', '3', '4']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      const type = String(p.operate_type ?? '');
      if (type === '4' && !given(p, 'new_outer_order_id')) throw missing('new_outer_order_id');
      const c = ledger.findCustomer(p);
      if (!c) return noCustomer();
      if (type === '4') {
        const o = ledger.orders[p.outer_order_id];
        if (!o?.charged) return fail('ORDER_NOT_FOUND', '原充值单不存在', `找不到充值单 ${p.outer_order_id}`);
        if (o.refunded) return fail('ORDER_ALREADY_REFUNDED', '充值单已退款', `充值单 ${p.outer_order_id} 已退款`);
        if (c.stored_value.PRE < o.charged) return balanceShort(c, o.charged);
        c.stored_value.PRE -= o.charged;
        o.refunded = p.new_outer_order_id;
        ledger.record({ operator: p.operator_id, kind: 'recharge.refund', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, value: -o.charged });
        return ok(true);
      }
      const n = amount(p, 'change_value', { required: true });
      if (type === '1') {
        c.stored_value.PRE += n;
        order(ledger, p.outer_order_id, c).charged += n;
        ledger.record({ operator: p.operator_id, kind: 'recharge.charge', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, value: n });
        return ok(true);
      }
      if (type === '3') {
        if (c.stored_value.PRE + c.stored_value.GIFT < n) return balanceShort(c, n);
        const taken = consumeValue(ledger, c, p.outer_order_id, n);
        ledger.record({ operator: p.operator_id, kind: 'value.consume', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, value: -n, parts: taken });
        return ok(true);
      }
      return fail('OPERATION_NOT_SUPPORTED', '沙箱不支持该操作', '沙箱暂不支持冻结储值');
    },
  },

  // ---- a customer's flows, derived from the journal (newest first), with running balances ----
  'alibaba.alsc.crm.point.querypointflow': {
    param: 'param_page_query_point_flow_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['customer_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const flows = customerFlows(ledger, c, 'points').map((f) => ({
        biz_type: f.kind, biz_type_description: KIND_NAMES[f.kind] ?? f.kind, change_point: f.delta, flow_id: `PF${f.seq}`,
        operator_name: f.operator ?? '', out_biz_id: f.order ?? '', reason: f.reason ?? '', remain_point: f.after, shop_name: '', time: chinaTime(Date.parse(f.at)),
      }));
      return page(p, flows, 'point_flow_open_info', true);
    },
  },

  'alibaba.alsc.crm.recharge.accountflows.get': {
    param: 'param_page_query_account_flows_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['page_no']);
      const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return noCustomer();
      const flows = customerFlows(ledger, c, 'value').map((f) => valueFlow(c, f));
      return page(p, flows, 'recharge_account_flow_open_info', false);
    },
  },

  'alibaba.alsc.crm.recharge.account.flowdetail.get': {
    param: 'param_query_recharge_account_flow_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['outer_order_id', 'flow_id']);
      const owner = (f) => ledger.findCustomer({ customer_id: f.customer_id });
      const hit = ledger.journal.find((j) => j.value !== undefined && j.value !== 0 && (String(j.seq) === String(p.flow_id).replace(/^VF/, '') || (p.outer_order_id && j.order === p.outer_order_id)));
      if (!hit) return fail('FLOW_NOT_FOUND', '流水不存在', '找不到该储值流水');
      const c = owner(hit);
      const f = customerFlows(ledger, c, 'value').find((x) => x.seq === hit.seq);
      return ok({ ...valueFlow(c, f), affected_property_list: properties(f.parts ?? { PRE: f.delta, GIFT: 0 }), brand_id: c.brand_id, card_id: c.card.card_id });
    },
  },

  // Reverses a stored-value payment: the whole order (no `value`), or part of it, paid part
  // first back as it was taken.
  'alibaba.alsc.crm.recharge.undedut.update': {
    param: 'param_undedut_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['new_outer_order_id', 'operator_id', 'outer_order_id', 'request_id', 'biz_channel']);
      checkEnum(p, 'biz_channel', ['CS', 'KRY']);
      const o = ledger.orders[p.outer_order_id];
      const paid = o ? o.value.PRE + o.value.GIFT : 0;
      if (!paid) return fail('ORDER_NOT_FOUND', '原核销单不存在', `找不到储值核销单 ${p.outer_order_id}`);
      if (o.refunded) return fail('ORDER_ALREADY_REFUNDED', '订单已退款', `订单 ${p.outer_order_id} 已退款`);
      const n = given(p, 'value') ? amount(p, 'value') : paid;
      if (n > paid) return fail('VALUE_EXCEEDS_ORDER', '退回金额超过核销金额', `最多可退 ${paid} 分`);
      const c = ledger.findCustomer({ customer_id: o.customer_id });
      const gift = Math.min(o.value.GIFT, Math.max(0, n - o.value.PRE));
      const pre = n - gift;
      c.stored_value.PRE += pre;
      c.stored_value.GIFT += gift;
      o.value.PRE -= pre;
      o.value.GIFT -= gift;
      if (o.value.PRE + o.value.GIFT === 0 && !o.points) o.refunded = p.new_outer_order_id;
      ledger.record({ operator: p.operator_id, kind: 'value.undedut', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, refund_order: p.new_outer_order_id, customer_id: c.customer_id, value: n, parts: { PRE: pre, GIFT: gift } });
      return ok(true);
    },
  },

  // ---- top-ups: checked first, then charged, and refunded whole ----
  'alibaba.alsc.crm.recharge.chargeprecheck.get': {
    param: 'param_charge_pre_check_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return noCustomer();
      if (c.card.status !== 'ACTIVED') return fail('CARD_NOT_ACTIVE', '卡未激活', '会员卡未激活，不能充值');
      return ok(true);
    },
  },

  'alibaba.alsc.crm.recharge.charge.update': {
    param: 'param_recharge_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['card_id', 'charge_type', 'operator_id', 'outer_order_id', 'request_id', 'biz_channel']);
      if (!given(p, 'trigger_gift')) throw missing('trigger_gift');
      checkEnum(p, 'biz_channel', ['CS', 'KRY']);
      const real = amount(p, 'real_value', { required: true });
      const gift = amount(p, 'gift_value');
      const c = ledger.findCustomer({ card_id: p.card_id });
      if (!c) return noCustomer();
      if (ledger.orders[p.outer_order_id]?.charged) return fail('ORDER_EXISTS', '充值单已存在', `充值单 ${p.outer_order_id} 已充值`);
      const before = { ...c.stored_value };
      c.stored_value.PRE += real;
      c.stored_value.GIFT += gift;
      const o = order(ledger, p.outer_order_id, c);
      o.charged = real;
      o.gift = gift;
      ledger.record({ operator: p.operator_id, kind: 'recharge.charge', method: ctx.method, request_id: p.request_id, order: p.outer_order_id, customer_id: c.customer_id, value: real + gift, parts: { PRE: real, GIFT: gift }, reason: p.remark });
      return ok({ account_id: c.stored_value.account_id, affected_property_list: properties({ PRE: real, GIFT: gift }), after_property_list: properties(c.stored_value), before_property_list: properties(before), current_value: c.stored_value.PRE + c.stored_value.GIFT, flow_type: 'CHARGE', order_value: real + gift, outer_order_id: p.outer_order_id, operator: p.operator_id });
    },
  },

  'alibaba.alsc.crm.recharge.unchargecheck.get': {
    param: 'param_uncharge_check_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['src_outer_order_id', 'biz_channel']);
      return unchargeable(ledger, p.src_outer_order_id) ?? ok(true);
    },
  },

  'alibaba.alsc.crm.recharge.uncharge.update': {
    param: 'param_uncharge_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_id', 'outer_order_id', 'src_outer_order_id', 'request_id', 'biz_channel']);
      const refused = unchargeable(ledger, p.src_outer_order_id);
      if (refused) return refused;
      const o = ledger.orders[p.src_outer_order_id];
      const c = ledger.findCustomer({ customer_id: o.customer_id });
      const before = { ...c.stored_value };
      c.stored_value.PRE -= o.charged;
      c.stored_value.GIFT -= o.gift ?? 0;
      o.refunded = p.outer_order_id;
      ledger.record({ operator: p.operator_id, kind: 'recharge.refund', method: ctx.method, request_id: p.request_id, order: p.src_outer_order_id, refund_order: p.outer_order_id, customer_id: c.customer_id, value: -(o.charged + (o.gift ?? 0)), parts: { PRE: -o.charged, GIFT: -(o.gift ?? 0) } });
      return ok({ account_id: c.stored_value.account_id, affected_property_list: properties({ PRE: o.charged, GIFT: o.gift ?? 0 }), after_property_list: properties(c.stored_value), before_property_list: properties(before), current_value: c.stored_value.PRE + c.stored_value.GIFT, flow_type: 'UNCHARGE', outer_order_id: p.outer_order_id, operator: p.operator_id });
    },
  },

  // ---- vouchers ----
  'alibaba.alsc.crm.customer.voucher.list': {
    param: 'customer_voucher_full_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const wanted = Array.isArray(p.voucher_status_list) && p.voucher_status_list.length ? p.voucher_status_list : null;
      const vouchers = c.vouchers.filter((v) => !wanted || wanted.includes(v.status)).map((v) => ({
        amount: v.amount, customer_id: c.customer_id, start_fee: v.start_fee, status: v.status, title: v.title, voucher_id: v.voucher_id, voucher_template_id: v.voucher_template_id,
      }));
      return page(p, vouchers, 'customer_voucher_open_info', true);
    },
  },

  'alibaba.alsc.crm.voucher.status.change': {
    param: 'param_voucher_status_change_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['customer_id', 'operator_id', 'request_id', 'source', 'voucher_status_action']);
      if (!Array.isArray(p.voucher_id_list) || !p.voucher_id_list.length) throw missing('voucher_id_list');
      checkEnum(p, 'voucher_status_action', ['NORMAL_ISUSED', 'ISUSED_NORMAL']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const [from, to] = p.voucher_status_action === 'NORMAL_ISUSED' ? ['NORMAL', 'USED'] : ['USED', 'NORMAL'];
      const statuses = p.voucher_id_list.map((id) => {
        const v = c.vouchers.find((x) => x.voucher_id === id && x.status === from);
        if (v) v.status = to;
        return { is_success: Boolean(v), voucher_id: id };
      });
      ledger.record({ operator: p.operator_id, kind: `voucher.${to === 'USED' ? 'use' : 'restore'}`, method: ctx.method, request_id: p.request_id, order: p.out_order_id, customer_id: c.customer_id, vouchers: statuses.filter((s) => s.is_success).map((s) => s.voucher_id) });
      return ok({ voucher_status_list: list('voucher_status_info', statuses) });
    },
  },
};
