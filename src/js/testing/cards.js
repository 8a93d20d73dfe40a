// The fake gateway's ALSC CRM operations on cards: opened (from a template, or a physical card
// in stock), sold and activated in batches, bound to physical cards and to customers, and
// looked up (instances, physical cards, templates).
import {
  ok,
  fail,
  given,
  requireFields,
  oneOf,
  noCustomer,
  noBrand,
  brandOf,
  shopOf,
  flag,
  items,
  page,
  pick,
} from './common.js';
import { rechargeRuleInfo } from './value.js';

// Each API documents its own part of the shared card shapes.
const SHAPES = {
  // customer.get
  customer: {
    card: [
      'card_id',
      'card_template_id',
      'card_type',
      'deleted',
      'gmt_create',
      'gmt_modified',
      'open_operator_id',
      'open_operator_name',
      'open_shop_id',
      'open_shop_name',
      'open_time',
      'physical_cards',
      'accounts',
      'status',
      'expire_start',
      'expire_end',
    ],
    physical: [
      'bind_operator_id',
      'bind_shop_id',
      'bind_time',
      'card_id',
      'card_template_id',
      'card_type',
      'physical_card_id',
      'publish_id',
      'status',
      'card_template_name',
    ],
    account: [
      'account_id',
      'account_type',
      'status',
      'balance',
      'real',
      'gift',
      'pre',
      'currency',
      'total_real',
      'total_gift',
      'total_pre',
    ],
  },
  // card.qry, card.searchcard
  instance: {
    card: [
      'accounts',
      'active_operator_id',
      'active_operator_name',
      'active_shop_id',
      'active_time',
      'buy',
      'card_id',
      'card_template_id',
      'card_type',
      'create_by',
      'customer_id',
      'deleted',
      'expire_end',
      'expire_start',
      'gmt_create',
      'gmt_modified',
      'open_operator_id',
      'open_operator_name',
      'open_shop_id',
      'open_shop_name',
      'open_time',
      'operator_id',
      'opt_plan_id',
      'physical_cards',
      'plan_id',
      'status',
      'update_by',
    ],
    physical: [
      'bind_operator_id',
      'bind_shop_id',
      'bind_time',
      'card_id',
      'card_template_id',
      'card_type',
      'create_by',
      'deleted',
      'gmt_create',
      'gmt_modified',
      'operator_id',
      'physical_card_id',
      'plan_id',
      'publish_id',
      'status',
      'update_by',
    ],
    account: [
      'account_id',
      'account_type',
      'balance',
      'create_by',
      'currency',
      'deleted',
      'gift',
      'gmt_create',
      'gmt_modified',
      'pre',
      'real',
      'status',
      'total_gift',
      'total_pre',
      'total_real',
      'update_by',
    ],
  },
};

const template = (ledger, id) => (ledger.config.catalog?.card_templates ?? []).find((t) => t.card_template_id === id);

/** A card as CardOpenInfo in `shape`: its physical cards, and its account when asked for. */
export function cardInfo(ledger, card, { accounts = false, physical = true, shape = 'instance' } = {}) {
  const keys = SHAPES[shape];
  const owner = card.customer_id ? ledger.findCustomer({ customer_id: card.customer_id }) : null;
  const shop = (ledger.config.shops ?? []).find((s) => s.shop_id === card.open_shop_id);
  const full = {
    ...card,
    open_shop_name: shop?.name,
    create_by: 'sandbox',
    update_by: 'sandbox',
    deleted: false,
    buy: card.card_type === 'GIFT',
    opt_plan_id: template(ledger, card.card_template_id)?.opt_plan_id,
    plan_id: 'PLAN-1',
    gmt_create: card.gmt_create ?? card.open_time ?? '2024-01-01 10:00:00',
    gmt_modified: card.gmt_modified ?? ledger.nowText(),
  };
  if (physical)
    full.physical_cards = items(
      'PhysicalCardOpenInfo',
      card.physical_card_ids.map((id) => {
        const p = ledger.physicalCards.find((x) => x.physical_card_id === id) ?? { physical_card_id: id };
        return pick(
          {
            ...p,
            card_template_name: template(ledger, p.card_template_id)?.name,
            create_by: 'sandbox',
            update_by: 'sandbox',
            deleted: false,
            plan_id: 'PLAN-1',
            publish_id: `PUB-${id}`,
            gmt_create: p.bind_time ?? '2024-01-01 10:00:00',
            gmt_modified: p.bind_time ?? '2024-01-01 10:00:00',
          },
          keys.physical,
        );
      }),
    );
  // The member card holds its owner's stored value (the PRE part is what was paid).
  if (accounts && owner && card.card_id === ledger.memberCard(owner)?.card_id) {
    const sv = owner.stored_value;
    const used = owner.consumed ?? { PRE: 0, GIFT: 0 };
    full.accounts = items('AccountOpenInfo', [
      pick(
        {
          account_id: sv.account_id,
          account_type: 'RECHARGE',
          status: 'NORMAL',
          balance: sv.PRE + sv.GIFT,
          real: sv.PRE,
          gift: sv.GIFT,
          pre: sv.PRE,
          currency: 'CNY',
          total_real: sv.PRE + used.PRE,
          total_gift: sv.GIFT + used.GIFT,
          total_pre: sv.PRE + used.PRE,
          create_by: 'sandbox',
          update_by: 'sandbox',
          deleted: false,
          gmt_create: '2024-01-01 10:00:00',
          gmt_modified: ledger.nowText(),
        },
        keys.account,
      ),
    ]);
  } else if (accounts) full.accounts = items('AccountOpenInfo', []);
  return pick(full, keys.card);
}

const TEMPLATE_KEYS = [
  'card_template_id',
  'card_type',
  'create_by',
  'deleted',
  'expire_type',
  'expire_value',
  'gmt_create',
  'gmt_modified',
  'menu_switch',
  'name',
  'open_gift_switch',
  'opt_plan_id',
  'phy_card_fee_switch',
  'recharge_rule_open_info',
  'recharge_shop_ids',
  'recharge_switch',
  'sell_price',
  'sell_shop_ids',
  'status',
  'update_by',
  'use_shop_ids',
  'vouchers',
  'wx_card_switch',
];

/** A card template as CardTemplateOpenInfo, its top-up rule included. */
function templateInfo(ledger, t) {
  const shops = (ledger.config.shops ?? []).map((s) => s.shop_id);
  return pick(
    {
      ...t,
      create_by: 'sandbox',
      update_by: 'sandbox',
      deleted: false,
      menu_switch: false,
      open_gift_switch: false,
      phy_card_fee_switch: false,
      wx_card_switch: false,
      recharge_rule_open_info: t.recharge_switch ? rechargeRuleInfo(ledger, { card_type: t.card_type }) : undefined,
      recharge_shop_ids: t.recharge_switch ? shops : [],
      sell_shop_ids: shops,
      use_shop_ids: shops,
      vouchers: items('OpenGiftVoucherOpenInfo', []),
    },
    TEMPLATE_KEYS,
  );
}

/** The brand and shop a card call names, or the refusal. */
function place(ledger, p) {
  oneOf(p, ['brand_id', 'out_brand_id']);
  oneOf(p, ['shop_id', 'out_shop_id']);
  if (!brandOf(ledger, p)) return { refusal: noBrand() };
  const shop = shopOf(ledger, p);
  if (!shop) return { refusal: fail('SHOP_NOT_FOUND', '门店不存在', '门店不存在，请核对门店ID') };
  return { shop };
}

const inStock = (ledger, id) =>
  ledger.physicalCards.find((x) => x.physical_card_id === id && x.status === 'WAIT_ACTIVE' && !x.card_id);

/**
 * A new card instance: 13 digits, as the documents' examples.
 * @param {any} ledger
 * @param {{ templateId: string, cardType: string, customerId?: string, shop: any, operator: string,
 *   operatorName?: string, active: boolean, brandId: string }} card
 */
function openCard(ledger, { templateId, cardType, customerId, shop, operator, operatorName, active, brandId }) {
  const card = {
    card_id: `73287637${String(ledger.seq + 1).padStart(5, '0')}`,
    card_template_id: templateId,
    card_type: cardType,
    status: active ? 'ACTIVED' : 'SOLD',
    customer_id: customerId,
    brand_id: brandId,
    physical_card_ids: [],
    open_shop_id: shop?.shop_id,
    open_operator_id: operator,
    open_operator_name: operatorName,
    open_time: ledger.nowText(),
    operator_id: operator,
  };
  if (active)
    Object.assign(card, { active_time: ledger.nowText(), active_operator_id: operator, active_shop_id: shop?.shop_id });
  ledger.nextId('');
  ledger.cards.push(card);
  return card;
}

function activate(ledger, card, p, shop) {
  card.status = 'ACTIVED';
  Object.assign(card, {
    active_time: ledger.nowText(),
    active_operator_id: p.operator_id,
    active_shop_id: shop?.shop_id,
  });
}

export const CARDS = {
  // 标准开卡: from a template, or a physical card in stock (then bound to the new card).
  'alibaba.alsc.crm.card.open': {
    param: 'param_open_card_standard_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_id', 'operator_name']);
      oneOf(p, ['physical_card_id', 'card_template_id']);
      const { shop, refusal } = place(ledger, p);
      if (refusal) return refusal;
      const physical = given(p, 'physical_card_id') ? inStock(ledger, p.physical_card_id) : null;
      if (given(p, 'physical_card_id') && !physical)
        return fail('PHYSICAL_CARD_NOT_AVAILABLE', '实体卡不可用', `实体卡 ${p.physical_card_id} 不存在或已售出`);
      const t = template(ledger, p.card_template_id ?? physical?.card_template_id);
      if (!t) return fail('CARD_TEMPLATE_NOT_FOUND', '卡模板不存在', `卡模板 ${p.card_template_id} 不存在`);
      if (given(p, 'customer_id') && !ledger.findCustomer({ customer_id: p.customer_id })) return noCustomer();
      const card = openCard(ledger, {
        templateId: t.card_template_id,
        cardType: t.card_type,
        customerId: p.customer_id,
        shop,
        operator: p.operator_id,
        operatorName: p.operator_name,
        active: flag(p.active),
        brandId: brandOf(ledger, p).brand_id,
      });
      if (physical) ledger.bindPhysical(physical.physical_card_id, card.card_id, t.card_template_id, t.card_type);
      ledger.record({
        operator: p.operator_id,
        kind: 'card.open',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: p.customer_id,
        card_id: card.card_id,
        physical_card_id: physical?.physical_card_id,
      });
      return ok(card.card_id);
    },
  },

  'alibaba.alsc.crm.card.active': {
    param: 'param_active_card_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['card_id', 'operator_id', 'request_id']);
      const { shop, refusal } = place(ledger, p);
      if (refusal) return refusal;
      const card = ledger.findCard({ card_id: p.card_id });
      if (!card) return fail('CARD_NOT_FOUND', '卡不存在', `卡 ${p.card_id} 不存在`);
      if (card.status === 'ACTIVED') return fail('CARD_ALREADY_ACTIVE', '卡已激活', `卡 ${p.card_id} 已激活`);
      activate(ledger, card, p, shop);
      ledger.record({
        operator: p.operator_id,
        kind: 'card.active',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: card.customer_id,
        card_id: card.card_id,
      });
      return ok(true);
    },
  },

  // 批量激活卡: each physical card's electronic card; the map says how each went.
  'alibaba.alsc.crm.card.batch.active': {
    param: 'param_batch_active_card_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_id', 'request_id']);
      if (!Array.isArray(p.physical_card_ids) || !p.physical_card_ids.length) requireFields(p, ['physical_card_ids']);
      const { shop, refusal } = place(ledger, p);
      if (refusal) return refusal;
      const outcome = {};
      for (const id of p.physical_card_ids.map(String)) {
        const card = ledger.findCard({ physical_card_id: id });
        if (!card) outcome[id] = '卡不存在';
        else if (card.status === 'ACTIVED') outcome[id] = '已激活';
        else {
          activate(ledger, card, p, shop);
          outcome[id] = 'SUCCESS';
        }
      }
      const done = Object.keys(outcome).filter((id) => outcome[id] === 'SUCCESS');
      if (done.length)
        ledger.record({
          operator: p.operator_id,
          kind: 'card.batch.active',
          method: ctx.method,
          request_id: p.request_id,
          physical_card_ids: done,
        });
      return ok({ all_success: done.length === p.physical_card_ids.length, result_map: JSON.stringify(outcome) });
    },
  },

  // 批量开卡（售卡）: a new card for each physical card in stock, sold, not yet active.
  'alibaba.alsc.crm.card.batch.sell': {
    param: 'param_batch_open_card_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['operator_id', 'request_id']);
      if (!Array.isArray(p.physical_card_ids) || !p.physical_card_ids.length) requireFields(p, ['physical_card_ids']);
      const { shop, refusal } = place(ledger, p);
      if (refusal) return refusal;
      const outcome = {};
      const sold = [];
      for (const id of p.physical_card_ids.map(String)) {
        const physical = inStock(ledger, id);
        if (!physical) {
          outcome[id] = '实体卡不存在或已售出';
          continue;
        }
        const t = template(ledger, physical.card_template_id);
        const card = openCard(ledger, {
          templateId: physical.card_template_id,
          cardType: t?.card_type ?? physical.card_type,
          shop,
          operator: p.operator_id,
          active: false,
          brandId: brandOf(ledger, p).brand_id,
        });
        ledger.bindPhysical(id, card.card_id, physical.card_template_id, card.card_type);
        outcome[id] = 'SUCCESS';
        sold.push(card.card_id);
      }
      if (sold.length)
        ledger.record({
          operator: p.operator_id,
          kind: 'card.batch.sell',
          method: ctx.method,
          request_id: p.request_id,
          cards: sold,
        });
      // The documents type this one as a String.
      return ok({
        result_map: JSON.stringify(outcome),
        all_success: String(sold.length === p.physical_card_ids.length),
      });
    },
  },

  // 绑定物理卡: a physical card in stock onto the customer's card (their member card by default).
  'alibaba.alsc.crm.card.bindcard': {
    param: 'param_bind_physical_card_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      requireFields(p, ['physical_card_id', 'request_id', 'operator_id', 'customer_id']);
      const { refusal } = place(ledger, p);
      if (refusal) return refusal;
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const card = given(p, 'card_id') ? ledger.findCard({ card_id: p.card_id }) : ledger.memberCard(c);
      if (!card || card.customer_id !== c.customer_id) return fail('CARD_NOT_FOUND', '卡不存在', '顾客名下没有这张卡');
      if (!inStock(ledger, p.physical_card_id))
        return fail('PHYSICAL_CARD_NOT_AVAILABLE', '实体卡不可用', `实体卡 ${p.physical_card_id} 不存在或已绑定`);
      ledger.bindPhysical(p.physical_card_id, card.card_id, card.card_template_id, card.card_type);
      ledger.record({
        operator: p.operator_id,
        kind: 'card.bind',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: c.customer_id,
        card_id: card.card_id,
        physical_card_id: p.physical_card_id,
      });
      return ok(true);
    },
  },

  // 卡号绑定顾客: a card nobody holds (a gift card sold in a batch) to a customer.
  'alibaba.alsc.crm.card.bindcustomer': {
    param: 'param_bind_customer_open_req',
    writes: true,
    handle(ledger, p, ctx) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      if (!brandOf(ledger, p)) return noBrand();
      const c = ledger.findCustomer({ customer_id: p.customer_id });
      if (!c) return noCustomer();
      const card = ledger.findCard(p);
      if (!card) return fail('CARD_NOT_FOUND', '卡不存在', '找不到这张卡');
      if (card.customer_id && card.customer_id !== c.customer_id)
        return fail('CARD_ALREADY_BOUND', '卡已绑定他人', `卡 ${card.card_id} 已属于其他顾客`);
      card.customer_id = c.customer_id;
      ledger.record({
        operator: p.operator_id,
        kind: 'card.bind.customer',
        method: ctx.method,
        request_id: p.request_id,
        customer_id: c.customer_id,
        card_id: card.card_id,
      });
      return ok(true);
    },
  },

  'alibaba.alsc.crm.card.qry': {
    param: 'param_query_card_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      const card = ledger.findCard(p);
      if (!card) return fail('CARD_NOT_FOUND', '卡不存在', '找不到这张卡');
      return ok(
        cardInfo(ledger, card, { accounts: flag(p.account_required), physical: flag(p.physical_card_required) }),
      );
    },
  },

  'alibaba.alsc.crm.card.qryphysical': {
    param: 'param_query_phy_card_open_req',
    writes: false,
    handle(ledger, p) {
      const x = ledger.physicalCards.find((c) => c.physical_card_id === p.physical_card_id);
      if (!x) return fail('PHYSICAL_CARD_NOT_FOUND', '实体卡不存在', `实体卡 ${p.physical_card_id} 不存在`);
      return ok(pick(x, ['physical_card_id', 'card_template_id', 'status', 'card_id', 'card_type']));
    },
  },

  'alibaba.alsc.crm.card.query.template': {
    param: 'param_query_card_template_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      const id =
        p.card_template_id ??
        ledger.physicalCards.find((c) => c.physical_card_id === p.physical_card_id)?.card_template_id;
      const t = template(ledger, id);
      if (!t) return fail('CARD_TEMPLATE_NOT_FOUND', '卡模板不存在', '找不到该卡模板');
      return ok(templateInfo(ledger, t));
    },
  },

  // 查询卡模板列表: pages (page_no, page_size), or a pull after last_max_id (num at a time).
  'alibaba.alsc.crm.card.pagetmp': {
    param: 'param_pull_card_template_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      if (!brandOf(ledger, p)) return noBrand();
      const all = (ledger.config.catalog?.card_templates ?? []).filter(
        (t) => !p.card_type || t.card_type === p.card_type,
      );
      const infos = all.map((t) => templateInfo(ledger, t));
      if (given(p, 'num')) {
        const after = all.findIndex((t) => t.card_template_id === p.last_max_id);
        const slice = infos.slice(after + 1, after + 1 + Math.max(1, Number(p.num) || 1));
        const envelope = ok(null);
        delete envelope.result;
        return { ...envelope, result_list: items('CardTemplateOpenInfo', slice) };
      }
      return page(p, infos, 'card_template_open_info', false);
    },
  },

  // 搜索卡实例列表: by a number (mobile, card or physical card), template, type, status.
  'alibaba.alsc.crm.card.searchcard': {
    param: 'param_search_card_open_req',
    writes: false,
    handle(ledger, p) {
      oneOf(p, ['brand_id', 'out_brand_id']);
      oneOf(p, ['shop_id', 'out_shop_id']);
      const holder = p.no ? ledger.findCustomer({ mobile: p.no }) : null;
      const cards = ledger.cards.filter(
        (k) =>
          (!p.no ||
            k.card_id === p.no ||
            k.physical_card_ids.includes(p.no) ||
            (holder && k.customer_id === holder.customer_id)) &&
          (!Array.isArray(p.card_template_ids) ||
            !p.card_template_ids.length ||
            p.card_template_ids.includes(k.card_template_id)) &&
          (!p.card_type || k.card_type === p.card_type) &&
          (!Array.isArray(p.statuses) || !p.statuses.length || p.statuses.includes(k.status)),
      );
      return page(
        p,
        cards.map((k) => cardInfo(ledger, k, { accounts: true })),
        'card_open_info',
        true,
      );
    },
  },
};
