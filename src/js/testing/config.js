// The fake gateway's default world: the demo's apps (TOP and U8, with their secrets), a brand
// and shops, and two customers with points, stored value, vouchers and a U8 member. Pass your
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
        },
        {
          voucher_id: '2837374885',
          voucher_template_id: 'VT-TEA',
          title: '免费茶饮',
          amount: 1500,
          start_fee: 0,
          status: 'NORMAL',
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
};
