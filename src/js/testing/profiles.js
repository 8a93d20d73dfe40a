// The fake gateway's ALSC CRM operations on who a customer is: their details (customer.get,
// with the parts `options` asks for), created, updated or saved, their payment password, and
// the rules that apply to them.
import { md5Hex } from './hash.js';
import {
  ok,
  fail,
  given,
  requireFields,
  oneOf,
  checkEnum,
  noCustomer,
  noBrand,
  brandOf,
  shopOf,
  flag,
  items,
  customerFlows,
  pick,
} from './common.js';
import { deductionRuleInfo } from './points.js';
import { rechargeRuleInfo } from './value.js';
import { cardInfo } from './cards.js';

/** What a customer spent in stored value, and how often, from the journal. */
function spending(ledger, c) {
  const paid = customerFlows(ledger, c, 'value').filter((f) => f.delta < 0);
  const amount = paid.reduce((n, f) => n - f.delta, 0);
  return {
    consume_amount: amount,
    consume_num: paid.length,
    avg_consume: paid.length ? Math.floor(amount / paid.length) : 0,
  };
}

/** A customer's base information as CustomerOpenInfo. */
export function customerInfo(ledger, c) {
  const level = (ledger.config.catalog?.levels ?? []).find((l) => l.level_id === c.level_id);
  const out = [];
  if (c.mobile) out.push({ out_type: 'MOBILE', out_id: c.mobile });
  if (c.outer_id) out.push({ out_type: String(c.outer_type ?? '').toUpperCase(), out_id: c.outer_id });
  return {
    address: c.address ?? '',
    ...spending(ledger, c),
    birthday: c.birthday,
    channel: Number(c.channel ?? 2),
    create_by: 'sandbox',
    customer_id: c.customer_id,
    customer_type: Number(c.customer_type ?? 1),
    deleted: false,
    email: c.email ?? '',
    gender: c.gender === undefined ? undefined : Number(c.gender),
    gmt_create: c.gmt_create ?? '2024-01-01 10:00:00',
    gmt_modified: c.gmt_modified ?? '2024-06-01 10:00:00',
    invoice: c.invoice ?? '',
    level_desc: level?.level_name ?? '',
    level_id: c.level_id ?? '',
    level_no: c.level_no ?? level?.level_no ?? 0,
    mobile: c.mobile ?? '',
    name: c.name ?? '',
    phone: c.phone ?? '',
    remark: c.remark ?? '',
    state: 1,
    tags: c.tags ?? [],
    growth: c.growth ?? 0,
    has_password: Boolean(c.pay_passwd_md5),
    customer_out_info_list: items('CustomerOutInfo', out),
  };
}

/** A new customer id: 22 digits, as the platform's are (far beyond 2^53). */
const newCustomerId = (ledger) => `70273659829375${String(ledger.seq + 1).padStart(8, '0')}`;

function create(ledger, p, ctx, kind) {
  const id = newCustomerId(ledger);
  ledger.nextId('');
  const c = {
    customer_id: id,
    brand_id: brandOf(ledger, p)?.brand_id ?? p.brand_id,
    name: p.name ?? '',
    mobile: p.mobile,
    outer_id: p.outer_id,
    outer_type: p.outer_type,
    channel: p.channel,
    customer_type: Number(p.customer_type ?? 0),
    gender: p.gender === undefined ? undefined : Number(p.gender),
    birthday: p.birthday,
    email: p.email,
    address: p.address,
    remark: p.remark,
    level_id: p.level_id,
    tags: p.tag_id_list,
    gmt_create: ledger.nowText(),
    gmt_modified: ledger.nowText(),
    points: { available: 0, frozen: 0 },
    stored_value: { account_id: ledger.nextId('A'), PRE: 0, GIFT: 0 },
    consumed: { PRE: 0, GIFT: 0 },
    vouchers: [],
  };
  ledger.customers.push(c);
  ledger.record({ operator: p.operator_id, kind, method: ctx.method, request_id: p.request_id, customer_id: id });
  return c;
}

const UPDATABLE = [
  'address',
  'birthday',
  'email',
  'gender',
  'invoice',
  'level_id',
  'mobile',
  'name',
  'phone',
  'remark',
  'customer_type',
];

function update(ledger, c, p, ctx, kind) {
  const changed = UPDATABLE.filter((k) => given(p, k) && p[k] !== c[k]);
  for (const k of changed) c[k] = k === 'gender' || k === 'customer_type' ? Number(p[k]) : p[k];
  if (Array.isArray(p.tag_ids)) c.tags = p.tag_ids;
  c.gmt_modified = ledger.nowText();
  ledger.record({
    operator: p.operator_id,
    kind,
    method: ctx.method,
    request_id: p.request_id,
    customer_id: c.customer_id,
    fields: changed,
  });
}

const taken = (ledger, p) =>
  ledger.customers.find((c) => (p.mobile && c.mobile === p.mobile) || (p.outer_id && c.outer_id === p.outer_id));

export const PROFILES = {
  // 查询顾客详情: base information always; cards (CARD), their accounts (RECHARGE), points
  // (POINT) as `options` asks; vouchers with VOUCHER (the documents list the field, not the
  // option: an assumption, PROTOCOL.md).
  'alibaba.alsc.crm.customer.get': {
    param: 'param_customer_id_query_open_req',
    writes: false,
    handle(ledger, p) {
      if (!Array.isArray(p.options)) requireFields(p, ['options']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      if (!brandOf(ledger, p)) return noBrand();
      const c = ledger.findCustomer(p);
      if (!c) return noCustomer();
      const want = new Set(p.options.map(String));
      const out = { customer_open_info: customerInfo(ledger, c) };
      if (want.has('CARD') || want.has('RECHARGE'))
        out.card_open_info_list = items(
          'CardOpenInfo',
          ledger.cards
            .filter((k) => k.customer_id === c.customer_id)
            .map((k) => cardInfo(ledger, k, { accounts: want.has('RECHARGE'), shape: 'customer' })),
        );
      if (want.has('POINT')) {
        const used = customerFlows(ledger, c, 'points')
          .filter((f) => f.delta < 0)
          .reduce((n, f) => n - f.delta, 0);
        out.point_account = {
          available_point: c.points.available,
          customer_id: c.customer_id,
          freeze_point: c.points.frozen,
          total_expired_point: 0,
          total_point: c.points.available + c.points.frozen + used,
          total_used_point: used,
        };
      }
      if (want.has('VOUCHER'))
        out.customer_voucher_full_open_info_list = items(
          'CustomerVoucherFullOpenInfo',
          c.vouchers.map((v) => ({
            amount: v.amount,
            customer_id: c.customer_id,
            start_fee: v.start_fee,
            status: v.status,
            title: v.title,
            voucher_id: v.voucher_id,
            voucher_type: v.voucher_type ?? 'CASH',
          })),
        );
      return ok(out);
    },
  },

  // 创建顾客: a new customer, known by its outer id; one already there is refused (the
  // documents say nothing of duplicates: an assumption, PROTOCOL.md).
  'alibaba.alsc.crm.customer.create': {
    param: 'param_customer_create_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['channel', 'customer_type', 'outer_id', 'outer_type', 'request_id']);
      checkEnum(p, 'customer_type', ['0', '1']);
      if (!brandOf(ledger, p)) return noBrand();
      if (taken(ledger, p)) return fail('CUSTOMER_ALREADY_EXISTS', '顾客已存在', '该手机号或外部ID已是顾客');
      return ok(create(ledger, p, ctx, 'customer.create').customer_id);
    },
  },

  'alibaba.alsc.crm.customer.update': {
    param: 'param_customer_update_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      update(ledger, c, p, ctx, 'customer.update');
      return ok('true');
    },
  },

  // 保存和更新顾客: the customer with this mobile or outer id is updated, else created.
  'alibaba.alsc.crm.open.customer.save': {
    param: 'param_customer_save_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['brand_id', 'channel', 'operator_id', 'request_id', 'shop_id']);
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      if (!brandOf(ledger, p)) return noBrand();
      if (!shopOf(ledger, p)) return fail('SHOP_NOT_FOUND', '门店不存在', '门店不存在，请核对门店ID');
      const found = taken(ledger, p);
      if (found) {
        update(ledger, found, p, ctx, 'customer.save');
        return ok(found.customer_id);
      }
      return ok(create(ledger, p, ctx, 'customer.save').customer_id);
    },
  },

  // 校验支付密码: md5 hex when `encrypted`, else the password itself.
  'alibaba.alsc.crm.customer.checkppw': {
    param: 'check_request',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['pay_passwd']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      if (!c.pay_passwd_md5) return fail('PASSWORD_NOT_SET', '未设置支付密码', '顾客还没有设置支付密码');
      const given_ = flag(p.encrypted)
        ? String(p.pay_passwd).toUpperCase()
        : md5Hex(String(p.pay_passwd)).toUpperCase();
      return ok(given_ === c.pay_passwd_md5.toUpperCase());
    },
  },

  // 重置支付密码: the password is cleared; the customer sets a new one (updateppw).
  'alibaba.alsc.crm.customer.resetppw': {
    param: 'reset_pay_pwd_request',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['request_id', 'customer_id']);
      oneOf(p, ['brand_id', 'out_brand_id']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      delete c.pay_passwd_md5;
      ledger.record({
        operator: p.operator_id,
        kind: 'password.reset',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: c.customer_id,
      });
      return ok(true);
    },
  },

  'alibaba.alsc.crm.customer.updateppw': {
    param: 'update_pay_passwd_req',
    writes: true,
    handle(ledger, p, ctx) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      checkEnum(p, 'passwd_type', ['md5', 'raw']);
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      if (!given(p, 'pay_passwd')) return fail('PASSWORD_REQUIRED', '密码不能为空', '请提供新的支付密码');
      c.pay_passwd_md5 = (p.passwd_type === 'md5' ? String(p.pay_passwd) : md5Hex(String(p.pay_passwd))).toUpperCase();
      ledger.record({
        operator: p.operator_id,
        kind: 'password.update',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: c.customer_id,
      });
      return ok('true');
    },
  },

  // 查询规则: the rules that apply to a customer: points off, voucher limits, top-up gifts.
  'alibaba.alsc.crm.open.rule.get': {
    param: 'param_rule_open_req',
    writes: false,
    handle(ledger, p) {
      checkEnum(p, 'outer_type', ['wechat', 'alipay']);
      if (given(p, 'brand_id') && !brandOf(ledger, p)) return noBrand();
      const templates = (ledger.config.catalog?.voucher_templates ?? []).map((t) => t.voucher_template_id);
      const rule = rechargeRuleInfo(ledger, { shop_id: p.shop_id, list: 'list_recharge_rule_detail_infos' });
      return ok({
        point_deduction_rule: deductionRuleInfo(ledger),
        voucher_template_setting_open_infos: items('VoucherTemplateSettingOpenInfo', [
          { order_channel: 'POS', per_day: 2, per_order: 1, voucher_template_ids: templates },
        ]),
        recharge_rule_open_info: pick(rule, [
          'rule_id',
          'rule_name',
          'full_gift_switch',
          'gift_type',
          'pay_no_pwd_switch',
          'pay_no_pwd_credit',
          'deduction_order',
          'shop_id',
          'list_recharge_rule_detail_infos',
        ]),
      });
    },
  },
};
