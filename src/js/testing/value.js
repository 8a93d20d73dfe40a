// The fake gateway's ALSC CRM operations on stored value: paid, reversed, topped up (checked
// first) and refunded, and its flows.
import {
  missing,
  invalid,
  ok,
  fail,
  given,
  amount,
  requireFields,
  oneOf,
  checkEnum,
  checkBrand,
  chinaTime,
  order,
  noCustomer,
  noBrand,
  noShop,
  balanceShort,
  consumeValue,
  ledgerFlows,
  valueFlow,
  timeRange,
  shopOf,
  pick,
  page,
  unchargeable,
  properties,
  spent,
  brandOf,
  items,
} from './common.js';

export const VALUE = {
  'alibaba.alsc.crm.recharge.dedut.update': {
    param: 'param_dedut_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_id', 'outer_order_id', 'request_id', 'biz_channel']);
      checkEnum(p, 'biz_channel', ['CS', 'KRY']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const n = amount(p, 'value', { required: true });
      if (given(p, 'biz_date') && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(p.biz_date))
        throw invalid('biz_date', 'biz_date 格式为 yyyy-MM-dd HH:mm:ss');
      const brand = checkBrand(ledger, p);
      if (!brand) return noBrand();
      const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return noCustomer();
      if (c.stored_value.PRE + c.stored_value.GIFT < n) return balanceShort(c, n);
      const before = { ...c.stored_value };
      const taken = consumeValue(ledger, c, p.outer_order_id, n);
      const seq = ledger.nextId('');
      ledger.record({
        operator: p.operator_id,
        kind: 'value.consume',
        method: ctx.method,
        request_id: p.request_id,
        order: p.outer_order_id,
        customer_id: c.customer_id,
        value: -n,
        parts: taken,
      });
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
        ledger.record({
          operator: p.operator_id,
          kind: 'recharge.refund',
          method: ctx.method,
          request_id: p.request_id,
          order: p.outer_order_id,
          customer_id: c.customer_id,
          value: -o.charged,
        });
        return ok(true);
      }
      const n = amount(p, 'change_value', { required: true });
      if (type === '1') {
        c.stored_value.PRE += n;
        order(ledger, p.outer_order_id, c).charged += n;
        ledger.record({
          operator: p.operator_id,
          kind: 'recharge.charge',
          method: ctx.method,
          request_id: p.request_id,
          order: p.outer_order_id,
          customer_id: c.customer_id,
          value: n,
        });
        return ok(true);
      }
      if (type === '3') {
        if (c.stored_value.PRE + c.stored_value.GIFT < n) return balanceShort(c, n);
        const taken = consumeValue(ledger, c, p.outer_order_id, n);
        ledger.record({
          operator: p.operator_id,
          kind: 'value.consume',
          method: ctx.method,
          request_id: p.request_id,
          order: p.outer_order_id,
          customer_id: c.customer_id,
          value: -n,
          parts: taken,
        });
        return ok(true);
      }
      if (type === '2') {
        // Frozen value leaves the balance (paid part first) until it is used or released.
        if (c.stored_value.PRE + c.stored_value.GIFT < n) return balanceShort(c, n);
        const pre = Math.min(c.stored_value.PRE, n);
        c.stored_value.PRE -= pre;
        c.stored_value.GIFT -= n - pre;
        c.frozen_value = (c.frozen_value ?? 0) + n;
        ledger.record({
          operator: p.operator_id,
          kind: 'recharge.freeze',
          method: ctx.method,
          request_id: p.request_id,
          order: p.outer_order_id,
          customer_id: c.customer_id,
          value: -n,
          parts: { PRE: pre, GIFT: n - pre },
        });
        return ok(true);
      }
      return fail('OPERATE_TYPE_REQUIRED', '缺少操作类型', 'operate_type 须为 1 充值、2 冻结、3 核销或 4 充值回退');
    },
  },

  // 分页查询储值流水: a customer's (customer_id or card_id) or a shop's flows, in a time range,
  // of some flow types, of an order; newest first.
  'alibaba.alsc.crm.recharge.accountflows.get': {
    param: 'param_page_query_account_flows_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['page_no']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      const byCustomer = given(p, 'customer_id') || given(p, 'card_id');
      if (!byCustomer) oneOf(p, ['shop_id', 'out_shop_id']);
      if (!checkBrand(ledger, p)) return noBrand();
      let customerId;
      if (byCustomer) {
        const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
        if (!c) return noCustomer();
        customerId = c.customer_id;
      }
      const named = given(p, 'shop_id') || given(p, 'out_shop_id');
      const shop = named ? shopOf(ledger, p) : null;
      if (named && !shop) return noShop();
      // A customer's flows are theirs at every shop of the brand; a shop names whose otherwise.
      const range = timeRange(p, 'start_time', 'end_time');
      const types = given(p, 'flow_types')
        ? String(p.flow_types)
            .split(',')
            .map((t) => t.trim())
        : null;
      const flows = ledgerFlows(ledger, 'value', customerId)
        .filter((f) => byCustomer || !shop || f.shop_id === shop.shop_id)
        .filter((f) => range(Date.parse(f.at)))
        .filter((f) => !given(p, 'out_order_id') || f.order === String(p.out_order_id))
        .map((f) => valueFlow(ledger, f))
        .filter((f) => !types || types.includes(f.flow_type));
      return page(p, flows, 'recharge_account_flow_open_info', false);
    },
  },

  'alibaba.alsc.crm.recharge.account.flowdetail.get': {
    param: 'param_query_recharge_account_flow_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['outer_order_id', 'flow_id']);
      const hit = ledger.journal.find(
        (j) =>
          j.value !== undefined &&
          j.value !== 0 &&
          (String(j.seq) === String(p.flow_id).replace(/^VF/, '') ||
            (p.outer_order_id && j.order === p.outer_order_id)),
      );
      const f = hit && ledgerFlows(ledger, 'value', hit.customer_id).find((x) => x.seq === hit.seq);
      if (!f) return fail('FLOW_NOT_FOUND', '流水不存在', '找不到该储值流水');
      const c = ledger.findCustomer({ customer_id: f.customer_id });
      // The detail documents fewer fields than the page of flows.
      const flow = pick(valueFlow(ledger, f), [
        'account_id',
        'current_value',
        'flow_id',
        'flow_type',
        'operator',
        'operator_name',
        'order_src',
        'order_time',
        'order_value',
        'outer_order_id',
        'remark',
        'shop_id',
        'shop_name',
      ]);
      return ok({
        ...flow,
        affected_property_list: properties(f.parts ?? { PRE: f.delta, GIFT: 0 }),
        brand_id: c.brand_id,
        card_id: ledger.memberCard(c)?.card_id ?? '',
      });
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
      const before = { ...c.stored_value };
      const gift = Math.min(o.value.GIFT, Math.max(0, n - o.value.PRE));
      const pre = n - gift;
      c.stored_value.PRE += pre;
      c.stored_value.GIFT += gift;
      spent(c, -pre, -gift);
      o.value.PRE -= pre;
      o.value.GIFT -= gift;
      if (o.value.PRE + o.value.GIFT === 0 && !o.points) o.refunded = p.new_outer_order_id;
      ledger.record({
        operator: p.operator_id,
        kind: 'value.undedut',
        method: ctx.method,
        request_id: p.request_id,
        order: p.outer_order_id,
        refund_order: p.new_outer_order_id,
        customer_id: c.customer_id,
        value: n,
        parts: { PRE: pre, GIFT: gift },
      });
      return ok({
        account_id: c.stored_value.account_id,
        affected_property_list: properties({ PRE: pre, GIFT: gift }),
        after_property_list: properties(c.stored_value),
        before_property_list: properties(before),
        current_value: c.stored_value.PRE + c.stored_value.GIFT,
        flow_type: 'UNDEDUT',
        operator: p.operator_id,
        order_time: chinaTime(ctx.now()),
        order_value: n,
        outer_order_id: p.new_outer_order_id,
        remark: p.remark ?? '',
      });
    },
  },

  'alibaba.alsc.crm.recharge.chargeprecheck.get': {
    param: 'param_charge_pre_check_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return noCustomer();
      if (ledger.memberCard(c)?.status !== 'ACTIVED')
        return fail('CARD_NOT_ACTIVE', '卡未激活', '会员卡未激活，不能充值');
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
      if (ledger.orders[p.outer_order_id]?.charged)
        return fail('ORDER_EXISTS', '充值单已存在', `充值单 ${p.outer_order_id} 已充值`);
      const before = { ...c.stored_value };
      c.stored_value.PRE += real;
      c.stored_value.GIFT += gift;
      const o = order(ledger, p.outer_order_id, c);
      o.charged = real;
      o.gift = gift;
      ledger.record({
        operator: p.operator_id,
        kind: 'recharge.charge',
        method: ctx.method,
        request_id: p.request_id,
        order: p.outer_order_id,
        customer_id: c.customer_id,
        value: real + gift,
        parts: { PRE: real, GIFT: gift },
        reason: p.remark,
      });
      return ok({
        account_id: c.stored_value.account_id,
        affected_property_list: properties({ PRE: real, GIFT: gift }),
        after_property_list: properties(c.stored_value),
        before_property_list: properties(before),
        current_value: c.stored_value.PRE + c.stored_value.GIFT,
        flow_type: 'CHARGE',
        order_value: real + gift,
        outer_order_id: p.outer_order_id,
        operator: p.operator_id,
      });
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
      ledger.record({
        operator: p.operator_id,
        kind: 'recharge.refund',
        method: ctx.method,
        request_id: p.request_id,
        order: p.src_outer_order_id,
        refund_order: p.outer_order_id,
        customer_id: c.customer_id,
        value: -(o.charged + (o.gift ?? 0)),
        parts: { PRE: -o.charged, GIFT: -(o.gift ?? 0) },
      });
      return ok({
        account_id: c.stored_value.account_id,
        affected_property_list: properties({ PRE: o.charged, GIFT: o.gift ?? 0 }),
        after_property_list: properties(c.stored_value),
        before_property_list: properties(before),
        current_value: c.stored_value.PRE + c.stored_value.GIFT,
        flow_type: 'UNCHARGE',
        outer_order_id: p.outer_order_id,
        operator: p.operator_id,
      });
    },
  },

  // 查询储值账户信息: the account of a customer or a card; its lifetime totals are what it holds
  // now plus what was spent from it.
  'alibaba.alsc.crm.recharge.account.get': {
    param: 'param_query_recharge_account_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const c = p.account_id
        ? ledger.customers.find((x) => x.stored_value?.account_id === p.account_id)
        : ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return fail('ACCOUNT_NOT_FOUND', '储值账户不存在', '找不到该储值账户');
      return ok(accountInfo(ledger, c));
    },
  },

  // 储值核销预先校验: whether the balance covers `value`; nothing is taken.
  'alibaba.alsc.crm.recharge.dedutprecheck.get': {
    param: 'param_deduct_pre_check_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const n = amount(p, 'value', { required: true });
      const c = ledger.findCustomer({ customer_id: p.customer_id, card_id: p.card_id });
      if (!c) return noCustomer();
      if (c.stored_value.PRE + c.stored_value.GIFT < n) return balanceShort(c, n);
      return ok(true);
    },
  },

  // 储值规则下行: the brand's top-up rule.
  'alibaba.alsc.crm.recharge.qryrule': {
    param: 'param_pull_recharge_rule_by_shop_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      if (!brandOf(ledger, p)) return noBrand();
      const template = (ledger.config.catalog?.card_templates ?? []).find(
        (t) => t.card_template_id === (p.card_template_id ?? 'T-GOLD'),
      );
      return ok(rechargeRuleInfo(ledger, { card_type: template?.card_type ?? 'MEMBER', shop_id: p.shop_id }));
    },
  },
};

/** A customer's stored-value account as RechargeAccountOpenInfo. */
export function accountInfo(ledger, c) {
  const sv = c.stored_value;
  const used = c.consumed ?? { PRE: 0, GIFT: 0 };
  return {
    account_id: sv.account_id,
    card_id: ledger.memberCard(c)?.card_id ?? '',
    customer_id: c.customer_id,
    deleted: false,
    gift_value: sv.GIFT,
    gift_value_total: sv.GIFT + used.GIFT,
    gmt_create: '2024-01-01 10:00:00',
    gmt_modified: ledger.nowText(),
    opt_plan_id: 'OP-1',
    pre_value: sv.PRE,
    pre_value_total: sv.PRE + used.PRE,
    real_value: sv.PRE,
    real_value_total: sv.PRE + used.PRE,
    usable_value: sv.PRE + sv.GIFT,
  };
}

/**
 * The brand's top-up rule as RechargeRuleOpenInfo (`list` names its details' field).
 * @param {any} ledger
 * @param {{ card_type?: string, shop_id?: string, list?: string }} [which]
 */
export function rechargeRuleInfo(
  ledger,
  { card_type = 'MEMBER', shop_id, list = 'list_recharge_rule_detail_info_list' } = {},
) {
  const r = ledger.config.catalog?.recharge_rule ?? {};
  return {
    card_type,
    create_by: 'sandbox',
    deduction_order: r.deduction_order ?? 'REAL_BEFORE_GIFT',
    deleted: false,
    full_gift_switch: Boolean(r.details?.length),
    gift_type: r.gift_type ?? 'CUSTOMIZED',
    gmt_create: '2024-01-01 10:00:00',
    gmt_modified: '2024-06-01 10:00:00',
    [list]: items('RechargeRuleDetailOpenInfo', r.details ?? []),
    pay_no_pwd_credit: r.pay_no_pwd_credit ?? 20000,
    pay_no_pwd_switch: (r.pay_no_pwd_credit ?? 0) !== 0,
    rule_id: r.rule_id ?? 'RR-1',
    rule_name: r.rule_name ?? '储值规则',
    shop_id: shop_id ?? '',
    update_by: 'sandbox',
  };
}
