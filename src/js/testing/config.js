// The fake gateway's default world: the demo's apps (TOP and U8, with their secrets), a brand
// and shops, two customers with points, stored value, vouchers, a card and a U8 member, and
// the brand's catalog (card templates, physical cards in stock, levels and rules, voucher
// templates, campaigns, promotions, menus, tags) that the read APIs answer from. Pass your
// own `config` to `fakeGateway()` to test against other data.
export default {
  top: {
    apps: [
      {
        appKey: '12345678',
        secret: 'sandbox-top-secret',
        signMethods: ['md5', 'hmac', 'hmac-sha256'],
        sessions: ['sandbox-session'],
        faults: [],
      },
    ],
  },
  u8: {
    apps: [
      {
        appKey: 'opa-sandbox',
        appSecret: 'sandbox-u8-secret',
        fromAccount: 'openapi_dev',
        toAccount: 'openapi_ent',
        online: true,
        faults: [],
      },
      {
        appKey: 'opa-offline',
        appSecret: 'sandbox-u8-secret',
        fromAccount: 'openapi_dev',
        toAccount: 'openapi_ent',
        online: false,
        faults: [],
      },
    ],
    tokenTtlSeconds: 7200,
  },
  brands: [
    {
      brand_id: '10001',
      out_brand_id: 'B-DEMO',
      name: '小王面馆',
    },
  ],
  shops: [
    {
      shop_id: '20001',
      out_shop_id: 'S-DEMO',
      brand_id: '10001',
      name: '小王面馆 西湖店',
    },
    {
      shop_id: '20002',
      out_shop_id: 'S-DEMO-2',
      brand_id: '10001',
      name: '小王面馆 滨江店',
    },
  ],
  customers: [
    {
      customer_id: '7027365982937563912722',
      brand_id: '10001',
      name: '张三',
      mobile: '13800000001',
      outer_id: '2088000000000001',
      outer_type: 'alipay',
      level_no: 2,
      level_id: 'L-GOLD',
      gender: 1,
      birthday: '1990-05-01 00:00:00',
      customer_type: 1,
      // md5 of the demo payment password 123456 (customer.checkppw compares md5 hex).
      pay_passwd_md5: 'E10ADC3949BA59ABBE56E057F20F883E',
      card: {
        card_id: '7328763784623',
        physical_card_id: 'P-0001',
        card_template_id: 'T-GOLD',
        card_type: 'MEMBER',
        status: 'ACTIVED',
      },
      points: {
        available: 5000,
        frozen: 0,
      },
      stored_value: {
        account_id: '7627347265',
        PRE: 20000,
        GIFT: 3000,
      },
      vouchers: [
        {
          voucher_id: '2837374884',
          voucher_template_id: 'VT-20OFF',
          title: '满100减20',
          amount: 2000,
          start_fee: 10000,
          status: 'NORMAL',
          gmt_created: '2026-01-01 10:00:00',
          start_time: '2026-01-01 00:00:00',
          end_time: '2027-06-30 23:59:59',
        },
        {
          voucher_id: '2837374885',
          voucher_template_id: 'VT-TEA',
          title: '免费茶饮',
          amount: 1500,
          start_fee: 0,
          status: 'NORMAL',
          gmt_created: '2026-01-01 10:00:00',
          start_time: '2026-01-01 00:00:00',
          end_time: '2027-06-30 23:59:59',
        },
      ],
      u8: {
        mid: '10000001',
        points: 1000,
      },
    },
    {
      customer_id: '7027365982937563912723',
      brand_id: '10001',
      name: '李四',
      mobile: '13800000002',
      level_no: 1,
      level_id: 'L-SILVER',
      gender: 0,
      customer_type: 1,
      card: {
        card_id: '7328763784624',
        physical_card_id: 'P-0002',
        card_template_id: 'T-SILVER',
        card_type: 'MEMBER',
        status: 'ACTIVED',
      },
      points: {
        available: 80,
        frozen: 0,
      },
      stored_value: {
        account_id: '7627347266',
        PRE: 500,
        GIFT: 0,
      },
      vouchers: [],
      u8: {
        mid: '10000002',
        points: 50,
      },
    },
  ],
  // What the brand has set up: the read APIs answer from here, and card.open / card.batch.sell
  // take physical cards from this stock.
  catalog: {
    card_templates: [
      {
        card_template_id: 'T-GOLD',
        card_type: 'MEMBER',
        name: '金卡',
        status: 'ONLINE',
        sell_price: 0,
        expire_type: 'FOREVER',
        recharge_switch: true,
        opt_plan_id: 'OP-1',
        gmt_create: '2024-01-01 10:00:00',
        gmt_modified: '2024-06-01 10:00:00',
      },
      {
        card_template_id: 'T-SILVER',
        card_type: 'MEMBER',
        name: '银卡',
        status: 'ONLINE',
        sell_price: 0,
        expire_type: 'FOREVER',
        recharge_switch: true,
        opt_plan_id: 'OP-1',
        gmt_create: '2024-01-01 10:00:00',
        gmt_modified: '2024-06-01 10:00:00',
      },
      {
        card_template_id: 'T-GIFT',
        card_type: 'GIFT',
        name: '礼品卡 100 元',
        status: 'ONLINE',
        sell_price: 10000,
        expire_type: 'FIXED_DAYS',
        expire_value: '365',
        recharge_switch: false,
        opt_plan_id: 'OP-1',
        gmt_create: '2024-02-01 10:00:00',
        gmt_modified: '2024-06-01 10:00:00',
      },
    ],
    // Physical cards in stock, not yet sold: card.batch.sell and card.open take them.
    physical_cards: [
      { physical_card_id: 'P-1001', card_template_id: 'T-GIFT', card_type: 'GIFT', status: 'WAIT_ACTIVE' },
      { physical_card_id: 'P-1002', card_template_id: 'T-GIFT', card_type: 'GIFT', status: 'WAIT_ACTIVE' },
      { physical_card_id: 'P-1003', card_template_id: 'T-GOLD', card_type: 'MEMBER', status: 'WAIT_ACTIVE' },
    ],
    levels: [
      { level_id: 'L-SILVER', level_no: 1, level_name: '银卡会员', threshold: 0, present_point: 0 },
      { level_id: 'L-GOLD', level_no: 2, level_name: '金卡会员', threshold: 1000, present_point: 200 },
    ],
    // Points: 1 point per 元 spent; 100 points take 1 元 (100 分) off, at most 5000 points an order.
    point_rule: {
      rule_id: 'PR-1',
      name: '积分规则',
      earn: { consume_money: 1, reward_point: 1 },
      deduct: { consume_money: 100, deducted_point: 100, max_point: 5000, with_coupon: true },
      clear_days: 365,
    },
    recharge_rule: {
      rule_id: 'RR-1',
      rule_name: '储值满赠',
      deduction_order: 'REAL_BEFORE_GIFT',
      gift_type: 'CUSTOMIZED',
      pay_no_pwd_credit: 20000,
      details: [
        { real_value: 10000, gift_value: 1000, gift_point: 0, remark: '充 100 送 10' },
        { real_value: 50000, gift_value: 8000, gift_point: 100, remark: '充 500 送 80 和 100 积分' },
      ],
    },
    opt_plans: [
      {
        opt_plan_id: 'OP-1',
        opt_plan_name: '全国门店',
        opt_plan_type: 1,
        remark: '默认运营计划',
        shop_group_id: 'SG-1',
      },
    ],
    tags: [
      { tag_id: 'TAG-1', tag_name: '高频顾客', tag_type: 'MANUAL' },
      { tag_id: 'TAG-2', tag_name: '生日月', tag_type: 'RULE' },
    ],
    dish_rules: [{ dish_rule_id: 'DR-1', sku_id: 'SKU-NOODLE', out_sku_id: 'N-1', to_level_id: 'L-GOLD' }],
    member_day: { mem_day_rule_id: 'MD-1', mem_day_circle_type: 'WEEK', mem_day_circle: '3', times: '2' },
    menus: [
      {
        menu_id: 'M-1',
        name: '会员特价菜单',
        pro_mode: 'DIFFERENT',
        effect_start: '11:00',
        effect_end: '21:00',
        dishes: [{ dish_id: 'D-1', sku_id: 'SKU-NOODLE', pro_type: '1', pro_price: 1800 }],
      },
    ],
    voucher_templates: [
      {
        voucher_template_id: 'VT-20OFF',
        name: '满100减20',
        type: 'CASH',
        denomination: '20.00',
        amount: 2000,
        min_charge: 10000,
        inventory: 1000,
        user_limit: 5,
        valid_date_type: 'RELATIVE',
        valid_day_count: 30,
        status: 'USED',
      },
      {
        voucher_template_id: 'VT-TEA',
        name: '免费茶饮',
        type: 'GIFT',
        denomination: '15.00',
        amount: 1500,
        min_charge: 0,
        inventory: 500,
        user_limit: 1,
        valid_date_type: 'RELATIVE',
        valid_day_count: 7,
        status: 'USED',
      },
    ],
    // Campaigns marketing.issue.voucher draws from: each issues these voucher templates.
    activities: [{ activity_id: 'ACT-1', name: '进店有礼', vouchers: ['VT-TEA'] }],
    promotions: [
      {
        promotion_id: 'PROMO-1',
        name: '午市满减',
        type: 'TYPE_FULL_AMOUNT',
        status: 'STATUS_WORKING',
        start_time: '2025-01-01 00:00:00',
        end_time: '2026-12-31 23:59:59',
        suitable_people: 'MEMBER',
        item_coverage: 'ALL',
        description: '满 100 元减 10 元',
      },
    ],
  },
};
