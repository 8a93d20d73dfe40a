// The fake gateway's ALSC CRM operations on points: deducted (补扣, 抵现), added (补录, the
// operate API), reversed, their flows, and the rules that price them.
import {
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
  shopOf,
  timeRange,
  pointsShort,
  KIND_NAMES,
  customerFlows,
  page,
  items,
} from './common.js';

const CHANNELS = ['CS', 'KRY'];

/** Checks shared by the writes that name a customer's points: brand, shop, channel, customer. */
function pointsCall(ledger, p, { channel = true } = {}) {
  requireFields(p, ['customer_id', 'operator_id', 'out_biz_id', 'request_id']);
  if (channel) {
    requireFields(p, ['biz_channel']);
    checkEnum(p, 'biz_channel', CHANNELS);
  }
  oneOf(p, ['brand_id', 'out_brand_id']);
  oneOf(p, ['shop_id', 'out_shop_id']);
  if (!checkBrand(ledger, p)) return { refusal: noBrand() };
  const c = ledger.findCustomer({ customer_id: p.customer_id });
  return c ? { c } : { refusal: noCustomer() };
}

/** Points taken from a customer for an order (补扣 and 抵现 alike), journalled as `kind`. */
function deduct(kind) {
  return (ledger, p, ctx) => {
    const n = amount(p, 'change_point', { required: true });
    const { c, refusal } = pointsCall(ledger, p);
    if (refusal) return refusal;
    if (c.points.available < n) return pointsShort(c, n);
    c.points.available -= n;
    order(ledger, p.out_biz_id, c).points += n;
    const flow = ledger.nextId('PF');
    ledger.record({
      operator: p.operator_id,
      kind,
      method: ctx.method,
      request_id: p.request_id,
      order: p.out_biz_id,
      customer_id: c.customer_id,
      points: -n,
      reason: p.reason,
    });
    return ok(flow);
  };
}

/** The member point-deduction rule for a customer's level (one rule for every level here). */
function deductionRule(ledger, c) {
  const d = ledger.config.catalog?.point_rule?.deduct ?? { consume_money: 100, deducted_point: 100, max_point: 0 };
  return { ...d, level_id: c?.level_id ?? '' };
}

const memberDeductionRules = (ledger) =>
  items(
    'MemberPointDeductionRuleOpenInfo',
    (ledger.config.catalog?.levels ?? []).map((l) => {
      const d = deductionRule(ledger, { level_id: l.level_id });
      return {
        consume_money: d.consume_money,
        deducted_point: d.deducted_point,
        enable: true,
        has_upper_limit: d.max_point > 0,
        level_id: l.level_id,
        max_point: d.max_point,
      };
    }),
  );

/** The brand's point rule as PointDeductionRuleOpenInfo. */
export const deductionRuleInfo = (ledger) => ({
  member_point_deduction_rules: memberDeductionRules(ledger),
  with_coupon: Boolean(ledger.config.catalog?.point_rule?.deduct?.with_coupon),
});

export const POINTS = {
  'alibaba.alsc.crm.point.extra.consume': {
    param: 'param_extra_consume_point_open_req',
    writes: true,
    handle: deduct('point.consume'),
  },

  // 积分抵现: points taken as cash off an order; the operator's name is required here.
  'alibaba.alsc.crm.point.consumepoint': {
    param: 'param_consume_point_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_name']);
      return deduct('point.cash')(ledger, p, ctx);
    },
  },

  // 积分补录: points added for an order that earned them elsewhere.
  'alibaba.alsc.crm.point.extracharge': {
    param: 'param_extra_charge_point_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      const n = amount(p, 'change_point', { required: true });
      const { c, refusal } = pointsCall(ledger, p);
      if (refusal) return refusal;
      c.points.available += n;
      ledger.record({
        operator: p.operator_id,
        kind: 'point.extracharge',
        method: ctx.method,
        request_id: p.request_id,
        order: p.out_biz_id,
        customer_id: c.customer_id,
        points: n,
        reason: p.reason,
      });
      return ok(ledger.nextId('PF'));
    },
  },

  // 积分消费回退: gives back points an order consumed (all of them, or `change_point` of them),
  // once per reverse order.
  'alibaba.alsc.crm.point.reversepoint': {
    param: 'param_reverse_consume_point_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, [
        'biz_type',
        'operator_id',
        'operator_name',
        'out_biz_id',
        'request_id',
        'reverse_order_id',
        'biz_channel',
      ]);
      checkEnum(p, 'biz_channel', CHANNELS);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const o = ledger.orders[p.out_biz_id];
      if (!o?.points) return fail('ORDER_NOT_FOUND', '原订单不存在', `订单 ${p.out_biz_id} 没有消费积分，无法回退`);
      if (o.reversals?.includes(p.reverse_order_id))
        return fail('ORDER_ALREADY_REFUNDED', '已回退', `退单 ${p.reverse_order_id} 已回退过积分`);
      const n = given(p, 'change_point') ? amount(p, 'change_point') : o.points;
      if (n > o.points) return fail('POINT_EXCEEDS_ORDER', '回退积分超过订单消费', `最多可回退 ${o.points} 积分`);
      const c = ledger.findCustomer({ customer_id: o.customer_id });
      c.points.available += n;
      o.points -= n;
      (o.reversals ??= []).push(p.reverse_order_id);
      ledger.record({
        operator: p.operator_id,
        kind: 'point.reverse',
        method: ctx.method,
        request_id: p.request_id,
        order: p.out_biz_id,
        refund_order: p.reverse_order_id,
        customer_id: c.customer_id,
        points: n,
        reason: p.reason,
      });
      return ok(ledger.nextId('PF'));
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
      ledger.record({
        operator: p.operator_id,
        kind: `point.operate.${type}`,
        method: ctx.method,
        request_id: p.request_id,
        order: p.outer_order_id,
        customer_id: c.customer_id,
        points: delta,
      });
      return ok(true);
    },
  },

  // 分页查询积分流水: a customer's point flows at a shop (shop_id和out_shop_id不可同时为空), in
  // a time range, of one type, of orders whose id contains `out_biz_id` (模糊查询); newest
  // first. U8 points are not among them.
  'alibaba.alsc.crm.point.querypointflow': {
    param: 'param_page_query_point_flow_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      if (!checkBrand(ledger, p)) return noBrand();
      const shop = shopOf(ledger, p);
      if (!shop) return noShop();
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const range = timeRange(p, 'start_time', 'end_time');
      const flows = customerFlows(ledger, c, 'points')
        .filter((f) => f.shop_id === undefined || f.shop_id === shop.shop_id)
        .filter((f) => range(Date.parse(f.at)))
        .filter((f) => !given(p, 'point_flow_type') || f.kind === p.point_flow_type)
        .filter((f) => !given(p, 'out_biz_id') || String(f.order ?? '').includes(String(p.out_biz_id)))
        .map((f) => ({
          biz_type: f.kind,
          biz_type_description: KIND_NAMES[f.kind] ?? f.kind,
          change_point: f.delta,
          flow_id: `PF${f.seq}`,
          operator_name: f.operator ?? '',
          out_biz_id: f.order ?? '',
          reason: f.reason ?? '',
          remain_point: f.after,
          shop_name: (ledger.config.shops ?? []).find((s) => s.shop_id === f.shop_id)?.name ?? '',
          time: chinaTime(Date.parse(f.at)),
        }));
      return page(p, flows, 'point_flow_open_info', true);
    },
  },

  // 计算积分可以抵扣的金额: whole steps of the rule only (120 points at 100 for 1 元: 100 points
  // for 100 分); nothing is taken.
  'alibaba.alsc.crm.point.cal': {
    param: 'param_calculate_deducted_money_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const asked = amount(p, 'consume_point', { required: true });
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const rule = deductionRule(ledger, c);
      const usable = Math.min(asked, c.points.available, rule.max_point || Infinity);
      const steps = Math.floor(usable / rule.deducted_point);
      return ok({
        consume_point: steps * rule.deducted_point,
        deducted_money: steps * rule.consume_money,
        deleted: false,
        gmt_create: ledger.nowText(),
        gmt_modified: ledger.nowText(),
      });
    },
  },

  // 校验支付链路中的积分抵扣是否合法: the points exist and the rule allows them.
  'alibaba.alsc.crm.point.chkpntbypay': {
    param: 'param_consume_point_by_pay_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      const n = amount(p, 'change_point', { required: true });
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const rule = deductionRule(ledger, c);
      return ok(n <= c.points.available && (!rule.max_point || n <= rule.max_point) && n % rule.deducted_point === 0);
    },
  },

  'alibaba.alsc.crm.point.rule.get': {
    param: 'param_query_point_rule_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      if (!checkBrand(ledger, p)) return noBrand();
      const rule = ledger.config.catalog?.point_rule ?? {};
      const levels = (ledger.config.catalog?.levels ?? []).filter((l) => !p.level_id || l.level_id === p.level_id);
      return ok({
        create_by: 'sandbox',
        create_by_name: '沙箱',
        deleted: false,
        gmt_create: '2024-01-01 10:00:00',
        gmt_modified: '2024-06-01 10:00:00',
        name: rule.name ?? '积分规则',
        point_addition_rule: {
          allow_pay_methods: items('PayMethodPointAdditionRuleOpenInfo', [
            { enable: true, method_id: 'CASH', method_name: '现金' },
            { enable: true, method_id: 'STOREDVALUE', method_name: '储值' },
          ]),
          member_point_addition_rules: items(
            'MemberPointAdditionRuleOpenInfo',
            levels.map((l) => ({
              allow_product_type: 'ALL',
              allow_recharge: false,
              consume_money: rule.earn?.consume_money ?? 1,
              enable: true,
              level_id: l.level_id,
              reward_point: rule.earn?.reward_point ?? 1,
            })),
          ),
        },
        point_clear_rule: { days: rule.clear_days ?? 0, point_clear_rule_type: rule.clear_days ? 'DAYS' : 'NEVER' },
        point_deduction_rule: deductionRuleInfo(ledger),
        rule_id: rule.rule_id ?? 'PR-1',
        update_by: 'sandbox',
        update_by_name: '沙箱',
      });
    },
  },
};
