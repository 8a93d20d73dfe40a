// The fake gateway's ALSC CRM rule queries (会员计划): levels, growth, joining, member days,
// member prices, joining dishes, operation plans and tags, from the brand's catalog.
import { ok, requireFields, noBrand, brandOf, items, page } from './common.js';

const STAMPS = { gmt_create: '2024-01-01 10:00:00', gmt_modified: '2024-06-01 10:00:00', deleted: false };
const BY = { create_by: 'sandbox', update_by: 'sandbox' };
const catalog = (ledger, key) => ledger.config.catalog?.[key] ?? [];

/** Every rule query says whether logically deleted data is wanted; its brand, if named, must exist. */
function brandQuery(ledger, p, { deleted = true } = {}) {
  if (deleted) requireFields(p, ['deleted']);
  return brandOf(ledger, p) ? null : noBrand();
}

/** Which levels' menus and points a member-day or member-price rule lists. */
const levelMenus = (ledger) =>
  items(
    'LevelMenuOpenInfo',
    catalog(ledger, 'levels').map((l) => ({
      deleted: false,
      level_id: l.level_id,
      level_name: l.level_name,
      menu_id: catalog(ledger, 'menus')[0]?.menu_id ?? '',
      menu_name: catalog(ledger, 'menus')[0]?.name ?? '',
      use_switch: l.level_no > 1,
    })),
  );

export const RULES = {
  'alibaba.alsc.crm.rule.level.querylevelrule': {
    param: 'plan_rule_query_request',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      const levels = catalog(ledger, 'levels').map((l) => ({ ...l, ...STAMPS, ...BY, ext_info: {} }));
      return page(p, levels, 'level_rule_open_info', false);
    },
  },

  'alibaba.alsc.crm.rule.querydishrule': {
    param: 'param_plan_rule_query_open_req',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      const rules = catalog(ledger, 'dish_rules').map((r) => ({ ...r, ...STAMPS, plan_id: 'PLAN-1', ext_info: '{}' }));
      return page(p, rules, 'dish_grow_open_rule_info', false);
    },
  },

  'alibaba.alsc.crm.rule.querygrowrule': {
    param: 'param_plan_rule_query_open_req',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p, { deleted: false });
      if (refused) return refused;
      return ok({
        ...STAMPS,
        ...BY,
        common_consume_grow_support: true,
        decrease_support: true,
        ext_info: '{}',
        grow_rule_id: 'GR-1',
        grow_support: true,
        level_consume_grow_rule_open_info_list: items(
          'LevelConsumeGrowRuleOpenInfo',
          catalog(ledger, 'levels').map((l) => ({
            ...STAMPS,
            ...BY,
            ext_info: '{}',
            level_id: l.level_id,
            level_name: l.level_name,
            level_no: String(l.level_no),
            per_consume: 100,
            per_growth: 1,
          })),
        ),
        recharge_consume_grow_support: false,
        recharge_grow_support: false,
      });
    },
  },

  'alibaba.alsc.crm.rule.queryjoinmrule': {
    param: 'param_plan_rule_query_open_req',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      return ok({
        ...STAMPS,
        follow_wechat_support: true,
        join_member_dish_support: catalog(ledger, 'dish_rules').length > 0,
        mobile_register_support: true,
        pay_join_support: false,
        scan_order_support: true,
      });
    },
  },

  'alibaba.alsc.crm.rule.querymdayerule': {
    param: 'param_plan_rule_query_open_req',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      const day = ledger.config.catalog?.member_day ?? {};
      return ok({
        ...STAMPS,
        level_menu_list: levelMenus(ledger),
        level_point_list: items(
          'LevelPointOpenInfo',
          catalog(ledger, 'levels').map((l) => ({
            deleted: false,
            level_id: l.level_id,
            level_name: l.level_name,
            times: day.times ?? '1',
            use_switch: true,
          })),
        ),
        mem_day_circle: day.mem_day_circle ?? '',
        mem_day_circle_type: day.mem_day_circle_type ?? 'WEEK',
        mem_day_rule_id: day.mem_day_rule_id ?? 'MD-1',
        mem_day_switch: Boolean(day.mem_day_rule_id),
        menu_switch: true,
        point_switch: true,
        ext_info: '{}',
      });
    },
  },

  'alibaba.alsc.crm.rule.querympricerule': {
    param: 'param_plan_rule_query_open_req',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      return ok({ ...STAMPS, level_menu_list: levelMenus(ledger), pay_type: 'UNLIMITED_PAY', ext_info: '{}' });
    },
  },

  'alibaba.alsc.crm.rule.queryoptplan': {
    param: 'plan_rule_query_open_request',
    writes: false,
    handle(ledger, p) {
      requireFields(p, ['page_size']);
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      const shops = ledger.config.shops ?? [];
      const plans = catalog(ledger, 'opt_plans').map((x) => ({
        opt_plan_id: x.opt_plan_id,
        opt_plan_name: x.opt_plan_name,
        remark: x.remark ?? '',
        opt_plan_type: x.opt_plan_type ?? 1,
        recharge_rule_id: ledger.config.catalog?.recharge_rule?.rule_id ?? '',
        recharge_rule_name: ledger.config.catalog?.recharge_rule?.rule_name ?? '',
        point_rule_id: ledger.config.catalog?.point_rule?.rule_id ?? '',
        point_rule_name: ledger.config.catalog?.point_rule?.name ?? '',
        apply_shop_count: shops.length,
        shop_group_info: {
          shop_ids: shops.map((s) => s.shop_id),
          shop_group_id: x.shop_group_id ?? '',
          shop_group_type: 1,
          opt_plan_id: x.opt_plan_id,
          out_shop_ids: shops.map((s) => s.out_shop_id).filter(Boolean),
        },
        ...STAMPS,
        ...BY,
      }));
      return page(p, plans, 'opt_plan_open_info', false);
    },
  },

  'alibaba.alsc.crm.rule.querytaglist': {
    param: 'param_plan_rule_query_open_req',
    writes: false,
    handle(ledger, p) {
      const refused = brandQuery(ledger, p);
      if (refused) return refused;
      const tags = catalog(ledger, 'tags').map((t) => ({ ...t, ...STAMPS, plan_id: 'PLAN-1' }));
      return page(p, tags, 'crm_tag_open_info', false);
    },
  },
};
