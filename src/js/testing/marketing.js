// The fake gateway's ALSC CRM marketing operations: vouchers issued from a campaign or sent by
// template (into the customer's vouchers), the encryption the campaigns ask for, the brand's
// voucher templates, promotions and special menus, and orders flowing back from the POS.
import {
  ok,
  fail,
  given,
  amount,
  requireFields,
  oneOf,
  noCustomer,
  noBrand,
  brandOf,
  items,
  page,
  pick,
} from './common.js';

const catalog = (ledger, key) => ledger.config.catalog?.[key] ?? [];

const DAY_MS = 86_400_000;

/**
 * When a voucher of template `t` issued now is valid: a FIXED template's own dates; a RELATIVE
 * one from now for `valid_day_count` days, to the end of its last GMT+8 day [assumed].
 */
function validity(ledger, t) {
  if (t.valid_date_type === 'FIXED') return { start_time: t.start_time, end_time: t.end_time };
  const gmt8 = (ms) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
  const lastDay = gmt8(ledger.now() + (Math.max(1, t.valid_day_count ?? 1) - 1) * DAY_MS).slice(0, 10);
  return { start_time: ledger.nowText(), end_time: `${lastDay} 23:59:59` };
}

/** New voucher instances of template `t` for customer `c`; their ids. */
function issue(ledger, c, t, n) {
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = ledger.nextId('V');
    c.vouchers.push({
      voucher_id: id,
      voucher_template_id: t.voucher_template_id,
      title: t.name,
      amount: t.amount ?? 0,
      start_fee: t.min_charge ?? 0,
      status: 'NORMAL',
      voucher_type: t.type,
      gmt_created: ledger.nowText(),
      ...validity(ledger, t),
    });
    ids.push(id);
  }
  if (typeof t.inventory === 'number') t.inventory -= n;
  return ids;
}

const TEMPLATE_KEYS = [
  'description',
  'end_time',
  'inventory',
  'item_coverage',
  'min_charge',
  'name',
  'start_time',
  'status',
  'today_available',
  'type',
  'use_condition',
  'user_limit',
  'valid_date_type',
  'valid_day_count',
  'voucher_template_id',
  'deleted',
  'denomination',
  'update_by',
  'create_by',
  'gmt_create',
  'gmt_modified',
];

/** `E1.` and the text in base64url: reversible, so a test can read what was encrypted. */
export const encrypt = (text) =>
  `E1.${btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`;

export const MARKETING = {
  // 加密: the only ALSC API whose parameter is a string, not an object.
  'alibaba.alsc.crm.marketing.encrypt': {
    param: null,
    topLevel: ['param'],
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['param']);
      return ok(encrypt(String(p.param)));
    },
  },

  // 发券: the campaign's vouchers, into the customer's vouchers.
  'alibaba.alsc.crm.marketing.issue.voucher': {
    param: 'param_issue_voucher_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['activity_id', 'customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      if (!brandOf(ledger, p)) return noBrand();
      const activity = catalog(ledger, 'activities').find((a) => a.activity_id === p.activity_id);
      if (!activity) return fail('ACTIVITY_NOT_FOUND', '活动不存在', `活动 ${p.activity_id} 不存在`);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const prizes = activity.vouchers.map((id) => {
        const t = catalog(ledger, 'voucher_templates').find((x) => x.voucher_template_id === id);
        return {
          denomination: t.denomination,
          prize_level: 1,
          prize_name: t.name,
          voucher_ids: issue(ledger, c, t, 1),
          voucher_name: t.name,
          voucher_type: t.type,
        };
      });
      ledger.record({
        operator: p.operator_id,
        kind: 'voucher.issue',
        method: ctx.method,
        request_id: p.request_id,
        order: p.order_id,
        customer_id: c.customer_id,
        vouchers: prizes.flatMap((x) => x.voucher_ids),
        activity_id: activity.activity_id,
        from_user_id: p.from_user_id,
      });
      return ok({ prize_item_info_list: items('PrizeItemInfo', prizes), win_prize: prizes.length > 0 });
    },
  },

  // 查询分享营销客户领券信息: what the customer received from the campaign, by template.
  'alibaba.alsc.crm.marketing.share.customer.info': {
    param: null,
    topLevel: ['activity_id', 'customer_id'],
    writes: true,
    handle(ledger, p) {
      requireFields(p, ['activity_id', 'customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const got = {};
      for (const j of ledger.journal)
        if (j.kind === 'voucher.issue' && j.customer_id === c.customer_id && j.activity_id === p.activity_id)
          for (const id of j.vouchers) {
            const t = c.vouchers.find((v) => v.voucher_id === id)?.voucher_template_id;
            if (t) got[t] = (got[t] ?? 0) + 1;
          }
      return ok({ share_data: JSON.stringify(got), shared_received: '{}' });
    },
  },

  // 发送券给指定用户: `voucher_num` vouchers of one template.
  'alibaba.alsc.crm.voucher.send': {
    param: 'param_voucher_send_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['customer_id', 'voucher_id']);
      const n = amount(p, 'voucher_num', { required: true });
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const t = catalog(ledger, 'voucher_templates').find((x) => x.voucher_template_id === p.voucher_id);
      if (!t) return fail('VOUCHER_TEMPLATE_NOT_FOUND', '券模板不存在', `券模板 ${p.voucher_id} 不存在`);
      if (typeof t.inventory === 'number' && t.inventory < n)
        return fail('VOUCHER_NO_INVENTORY', '券库存不足', `券模板 ${p.voucher_id} 库存只剩 ${t.inventory}`);
      const ids = issue(ledger, c, t, n);
      ledger.record({
        operator: p.operator_id,
        kind: 'voucher.send',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: c.customer_id,
        vouchers: ids,
      });
      return ok(true);
    },
  },

  'alibaba.alsc.crm.voucher.template.list': {
    param: 'voucher_template_open_req',
    writes: false,
    handle(ledger, p) {
      if (!brandOf(ledger, p)) return noBrand();
      const wanted = Array.isArray(p.status_list) && p.status_list.length ? p.status_list : null;
      const list = catalog(ledger, 'voucher_templates')
        .filter(
          (t) =>
            (!wanted || wanted.includes(t.status)) &&
            (!p.voucher_template_id || t.voucher_template_id === p.voucher_template_id),
        )
        .map((t) =>
          pick(
            {
              ...t,
              deleted: false,
              today_available: true,
              item_coverage: 'ALL',
              use_condition: 'DINE_IN',
              create_by: 'sandbox',
              update_by: 'sandbox',
            },
            TEMPLATE_KEYS,
          ),
        );
      return page(p, list, 'voucher_template_open_info', true);
    },
  },

  'alibaba.alsc.crm.promotion.list': {
    param: 'promotion_facade_open_req',
    writes: false,
    handle(ledger, p) {
      if (!brandOf(ledger, p)) return noBrand();
      const wanted = Array.isArray(p.status_list) && p.status_list.length ? p.status_list : null;
      const shops = items(
        'ShopSelectedOpenInfoList',
        (ledger.config.shops ?? []).map((s) => ({ shop_id: s.shop_id, out_shop_id: s.out_shop_id })),
      );
      const list = catalog(ledger, 'promotions')
        .filter((x) => (!wanted || wanted.includes(x.status)) && (!p.promotion_id || x.promotion_id === p.promotion_id))
        .map((x) => ({
          ...x,
          deleted: false,
          shop_selected_open_info_list: shops,
          create_by: 'sandbox',
          update_by: 'sandbox',
        }));
      return page(p, list, 'promotion_facade_open_info_list', true);
    },
  },

  // 获取特价菜单: its paging numbers are documented as strings.
  'alibaba.alsc.crm.menu.list': {
    param: 'menu_open_req',
    writes: false,
    handle(ledger, p) {
      if (!brandOf(ledger, p)) return noBrand();
      const list = catalog(ledger, 'menus')
        .filter((m) => !p.menu_id || m.menu_id === p.menu_id)
        .map(({ dishes, ...m }) => ({
          ...m,
          deleted: false,
          gmt_create: '2024-01-01 10:00:00',
          gmt_modified: '2024-06-01 10:00:00',
          menu_detail_open_info_list: items('MenuDetailOpenInfo', dishes ?? []),
        }));
      const out = page(p, list, 'menu_open_info', true);
      for (const k of ['current_page', 'page_size', 'total_page', 'total_size']) out[k] = String(out[k]);
      return out;
    },
  },

  // 订单回流: the POS's order, kept in the journal as it came.
  'alibaba.alsc.crm.open.order.backflow': {
    param: 'param_order_backflow_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['action', 'brand_id', 'order_info', 'request_id', 'shop_id']);
      if (!brandOf(ledger, p)) return noBrand();
      const o = p.order_info;
      if (!o || typeof o !== 'object') requireFields({}, ['order_info']);
      ledger.record({
        operator: p.operator_id,
        kind: 'order.backflow',
        method: ctx.method,
        request_id: p.request_id,
        order: o.outer_order_id,
        action: p.action,
        order_status: o.order_status,
        items: Array.isArray(o.item_list) ? o.item_list.length : 0,
        paid: (Array.isArray(p.payment_info_list) ? p.payment_info_list : []).reduce(
          (n, x) => n + (Number(x?.user_pay_amount) || 0),
          0,
        ),
        refunded: given(p, 'refund_info_list') ? p.refund_info_list.length : 0,
      });
      return ok(true);
    },
  },
};
