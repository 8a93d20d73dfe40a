// The fake gateway's ALSC CRM operations on points: deducted, added, reversed, and their flows.
import {
  ok,
  amount,
  requireFields,
  oneOf,
  checkEnum,
  checkBrand,
  chinaTime,
  order,
  noCustomer,
  noBrand,
  pointsShort,
  KIND_NAMES,
  customerFlows,
  page,
} from './common.js';

export const POINTS = {
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
      ledger.record({
        operator: p.operator_id,
        kind: 'point.consume',
        method: ctx.method,
        request_id: p.request_id,
        order: p.out_biz_id,
        customer_id: c.customer_id,
        points: -n,
      });
      return ok(flow);
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

  'alibaba.alsc.crm.point.querypointflow': {
    param: 'param_page_query_point_flow_open_req',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['customer_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const flows = customerFlows(ledger, c, 'points').map((f) => ({
        biz_type: f.kind,
        biz_type_description: KIND_NAMES[f.kind] ?? f.kind,
        change_point: f.delta,
        flow_id: `PF${f.seq}`,
        operator_name: f.operator ?? '',
        out_biz_id: f.order ?? '',
        reason: f.reason ?? '',
        remain_point: f.after,
        shop_name: '',
        time: chinaTime(Date.parse(f.at)),
      }));
      return page(p, flows, 'point_flow_open_info', true);
    },
  },
};
