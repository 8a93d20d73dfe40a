// The fake gateway's ALSC CRM operations on customers' assets: the assets view, redeeming and
// refunding an order's assets, vouchers.
import { list } from './render.js';
import {
  missing,
  invalid,
  ok,
  fail,
  given,
  amount,
  requireFields,
  checkEnum,
  order,
  noCustomer,
  pointsShort,
  balanceShort,
  consumeValue,
  page,
  spent,
} from './common.js';

export const CUSTOMERS = {
  'alibaba.alsc.crm.open.assert.refund': {
    param: 'param_property_refund_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['brand_id', 'new_outer_order_id', 'operator_id', 'outer_order_id', 'request_id', 'shop_id']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      if (given(p, 'voucher_id_list') && !Array.isArray(p.voucher_id_list))
        throw invalid('voucher_id_list', 'voucher_id_list 必须是字符串数组');
      const o = ledger.orders[p.outer_order_id];
      if (!o) return fail('ORDER_NOT_FOUND', '原订单不存在', `找不到原订单 ${p.outer_order_id} 的核销记录，无法退回`);
      if (o.refunded)
        return fail(
          'ORDER_ALREADY_REFUNDED',
          '订单已退款',
          `订单 ${p.outer_order_id} 已于退款单 ${o.refunded} 退回，不能重复退回`,
        );
      const c = ledger.findCustomer({ customer_id: o.customer_id });
      c.points.available += o.points;
      c.stored_value.PRE += o.value.PRE;
      c.stored_value.GIFT += o.value.GIFT;
      spent(c, -o.value.PRE, -o.value.GIFT);
      const wanted = Array.isArray(p.voucher_id_list) && p.voucher_id_list.length ? p.voucher_id_list : o.vouchers;
      const statuses = wanted.map((id) => {
        const v = o.vouchers.includes(id) ? c.vouchers.find((x) => x.voucher_id === id) : null;
        if (v) v.status = 'NORMAL';
        return { success: Boolean(v), voucher_id: id };
      });
      o.refunded = p.new_outer_order_id;
      ledger.record({
        operator: p.operator_id,
        kind: 'refund',
        method: ctx.method,
        request_id: p.request_id,
        order: p.outer_order_id,
        refund_order: p.new_outer_order_id,
        customer_id: c.customer_id,
        points: o.points,
        value: o.value.PRE + o.value.GIFT,
        vouchers: statuses.filter((s) => s.success).map((s) => s.voucher_id),
      });
      return {
        ...ok({ point_success: true, value_success: true, voucher_status_list: list('voucher_status_info', statuses) }),
        result_code: '0',
        result_view: '成功',
      };
    },
  },

  'alibaba.alsc.crm.open.customer.get': {
    param: 'param_customer_get_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['brand_id', 'shop_id']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      const c = ledger.findCustomer(p);
      if (!c) return noCustomer();
      const sv = c.stored_value;
      const card = ledger.memberCard(c);
      const level = (ledger.config.catalog?.levels ?? []).find((l) => l.level_id === c.level_id);
      const used = ledger.journal
        .filter((j) => j.customer_id === c.customer_id && j.points < 0)
        .reduce((n, j) => n - j.points, 0);
      return ok({
        card_open_info_list: list('card_open_info', [
          {
            accounts: list('account_open_info', [
              {
                balance: sv.PRE + sv.GIFT,
                gift: sv.GIFT,
                pre: sv.PRE,
                real: sv.PRE,
                total_gift: sv.GIFT,
                total_pre: sv.PRE,
                total_real: sv.PRE,
              },
            ]),
            card_id: card?.card_id,
            card_template_id: card?.card_template_id,
            card_type: card?.card_type,
            status: card?.status,
          },
        ]),
        customer_open_info: {
          customer_id: c.customer_id,
          customer_type: 1,
          mobile: c.mobile,
          name: c.name,
          level_id: c.level_id,
          level_no: c.level_no ?? level?.level_no,
          level_desc: level?.level_name,
          channel: 2,
        },
        point_account_open_info: {
          available_point: c.points.available,
          freeze_point: c.points.frozen,
          remain_point: c.points.available + c.points.frozen,
          total_point: c.points.available + c.points.frozen + used,
          total_used_point: used,
        },
        voucher_open_info_list: list(
          'voucher_open_info',
          c.vouchers.map((v) => ({
            amount: v.amount,
            start_fee: v.start_fee,
            status: v.status,
            title: v.title,
            voucher_id: v.voucher_id,
            voucher_template_id: v.voucher_template_id,
            voucher_type: 'CASH',
          })),
        ),
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
      ledger.record({
        operator: p.operator_id,
        kind: 'verify',
        method: ctx.method,
        request_id: p.request_id,
        order: p.outer_order_id,
        customer_id: c.customer_id,
        points: -points,
        value: -value,
        vouchers,
      });
      return ok({
        point_success: true,
        value_success: true,
        voucher_status_list: list(
          'voucher_status_info',
          vouchers.map((id) => ({ success: true, voucher_id: id })),
        ),
      });
    },
  },

  'alibaba.alsc.crm.customer.voucher.list': {
    param: 'customer_voucher_full_open_req',
    writes: false,
    handle(ledger, p) {
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const wanted =
        Array.isArray(p.voucher_status_list) && p.voucher_status_list.length ? p.voucher_status_list : null;
      const vouchers = c.vouchers
        .filter((v) => !wanted || wanted.includes(v.status))
        .map((v) => ({
          amount: v.amount,
          customer_id: c.customer_id,
          start_time: v.start_time,
          end_time: v.end_time,
          gmt_created: v.gmt_created,
          start_fee: v.start_fee,
          status: v.status,
          title: v.title,
          voucher_id: v.voucher_id,
          voucher_template_id: v.voucher_template_id,
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
      ledger.record({
        operator: p.operator_id,
        kind: `voucher.${to === 'USED' ? 'use' : 'restore'}`,
        method: ctx.method,
        request_id: p.request_id,
        order: p.out_order_id,
        customer_id: c.customer_id,
        vouchers: statuses.filter((s) => s.is_success).map((s) => s.voucher_id),
      });
      return ok({ voucher_status_list: list('voucher_status_info', statuses) });
    },
  },
};
