// Generated from src/alsc/catalog.rs by `UPDATE_TYPES=1 cargo test --test typescript`. Do not edit.

/** An integer: a number, or a string of digits for values beyond 2^53. */
export type Int = number | string;
/** An integer result: a number when it fits in 2^53, else its exact digits as a string. */
export type Long = number | string;
/** `yyyy-MM-dd HH:mm:ss`, China time. */
export type DateTime = string;

export interface CommonResult<T> {
  biz_success?: boolean;
  result?: T;
  result_code?: string;
  result_desc?: string;
  result_view?: string;
}

export interface CommonPageResult<T> {
  biz_success?: boolean;
  result_list: T[];
  current_page?: Long;
  page_size?: Long;
  total_size?: Long;
  has_next_page?: boolean;
  result_code?: string;
  result_desc?: string;
  result_view?: string;
}

/** Business parameters of each ALSC operation (the fields inside its one wrapper parameter). */
export interface OperationParams {
  /** 标准激活卡 (Activate a card) */
  'alibaba.alsc.crm.card.active': {
    /** 品牌ID,,brand_id与out_brand_id不可同时为空 */
    brand_id?: string;
    /** 电子卡号 */
    card_id: string;
    /** 操作人ID */
    operator_id: string;
    /** 请求ID，用于幂等处理 */
    request_id: string;
    /** 店铺ID，shop_id和out_shop_id不可同时为空 */
    shop_id?: string;
    /** 外部门店ID，shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌ID,brand_id与out_brand_id不可同时为空 */
    out_brand_id?: string;
  };
  /** 批量激活卡 (Activate cards in batch) */
  'alibaba.alsc.crm.card.batch.active': {
    /** 品牌id */
    brand_id?: string;
    /** 操作员id */
    operator_id: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 实体卡列表 */
    physical_card_ids: string[];
    /** 请求id */
    request_id: string;
    /** 门店id */
    shop_id?: string;
  };
  /** 批量开卡（售卡） (Open (sell) cards in batch) */
  'alibaba.alsc.crm.card.batch.sell': {
    /** 实体卡列表 */
    physical_card_ids: string[];
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 请求uuid,用来做幂等 */
    request_id: string;
    /** 品牌id */
    brand_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 门店id */
    shop_id?: string;
    /** 操作员id */
    operator_id: string;
  };
  /** 绑定物理卡 (Bind a physical card) */
  'alibaba.alsc.crm.card.bindcard': {
    /** 外部品牌ID,brand_id与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 物理卡号 */
    physical_card_id: string;
    /** 请求ID，用于幂等处理 */
    request_id: string;
    /** 品牌ID,,brand_id与out_brand_id不可同时为空 */
    brand_id?: string;
    /** 外部门店ID，shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 店铺ID，shop_id和out_shop_id不可同时为空 */
    shop_id?: string;
    /** 操作人id */
    operator_id: string;
    /** 用户id */
    customer_id: string;
    /** 卡号 */
    card_id?: string;
  };
  /** 卡号绑定顾客 (Bind a card to a customer) */
  'alibaba.alsc.crm.card.bindcustomer': {
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 物理卡ID */
    physical_card_id?: string;
    /** 请求ID */
    request_id: string;
    /** 卡ID */
    card_id?: string;
    /** 品牌ID，和外部品牌ID必传1 */
    brand_id?: string;
    /** 外部门店ID */
    out_shop_id?: string;
    /** 顾客ID */
    customer_id?: string;
    /** 门店ID */
    shop_id?: string;
    /** 操作人ID */
    operator_id?: string;
  };
  /** 标准开卡流程 (Open a card) */
  'alibaba.alsc.crm.card.open': {
    /** 品牌ID,与outBrandId不能同时为空 */
    brand_id?: string;
    /** 顾客ID */
    customer_id?: string;
    /** 操作人ID */
    operator_id: string;
    /** 操作人名称 */
    operator_name: string;
    /** 物理卡号，与卡模板ID不能同时为空 */
    physical_card_id?: string;
    /** 门店ID，与outShopId不能同时为空 */
    shop_id?: string;
    /** 外部品牌ID，与brandId不能同时为空 */
    out_brand_id?: string;
    /** 请求UUID ,用于做幂等 */
    request_id: string;
    /** 外部门店ID,与shopId不能同时为空 */
    out_shop_id?: string;
    /** 卡模板ID，与物理卡号不能同时为空 */
    card_template_id?: string;
    /** 是否激活 */
    active?: boolean;
  };
  /** 查询卡模板列表(支持数据下行) (List card templates) */
  'alibaba.alsc.crm.card.pagetmp': {
    /** 品牌id */
    brand_id?: string;
    /** 卡类型 */
    card_type?: string;
    /** 是否包含逻辑删除,数据下行时必须传递 */
    deleted?: boolean;
    /** 更新时间,数据下行时必须传递 */
    gmt_modified?: DateTime;
    /** 上次拉取的业务ID,数据下行时必须传递 */
    last_max_id?: string;
    /** 是否需要总数,分页查询卡模板时必须传递 */
    need_count?: boolean;
    /** 单次返回数量,数据下行时必须传递 */
    num?: Int;
    /** 外部品牌id,与brand_id不可同时为空 */
    out_brand_id?: string;
    /** 外部门店id */
    out_shop_id?: string;
    /** 分页参数,当前页码,分页查询卡模板时必须传递 */
    page_no?: Int;
    /** 分页参数,页面大小,分页查询卡模板时必须传递 */
    page_size?: Int;
    /** 门店id */
    shop_id?: string;
    /** 是否查询详情,若需要详情,传true */
    detail_required?: boolean;
  };
  /** 查询卡实例 (Query a card) */
  'alibaba.alsc.crm.card.qry': {
    /** 查询关联资产账户 */
    account_required?: boolean;
    /** 品牌id */
    brand_id?: string;
    /** 卡实例id */
    card_id?: string;
    /** 外部品牌id和品牌id必传1 */
    out_brand_id?: string;
    /** 外部门店id */
    out_shop_id?: string;
    /** 物理卡号 */
    physical_card_id?: string;
    /** 查询关联物理卡 */
    physical_card_required?: boolean;
    /** saas门店id */
    shop_id?: string;
  };
  /** 查询物理卡 (Query a physical card) */
  'alibaba.alsc.crm.card.qryphysical': {
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 物理卡号 */
    physical_card_id?: string;
    /** 品牌ID */
    brand_id?: string;
  };
  /** 查询卡模板详情 (Get a card template) */
  'alibaba.alsc.crm.card.query.template': {
    /** 品牌id */
    brand_id?: string;
    /** 卡模板ID */
    card_template_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 外部门店id */
    out_shop_id?: string;
    /** 门店id */
    shop_id?: string;
    /** 是否包含逻辑删除 */
    include_logical_delete?: boolean;
    /** 最后一次更新时间 */
    max_update_time?: DateTime;
    /** 物理卡号 */
    physical_card_id?: string;
  };
  /** 搜索卡实例列表(支持号段查询) (Search cards) */
  'alibaba.alsc.crm.card.searchcard': {
    /** 品牌id */
    brand_id?: string;
    /** 卡模板ID */
    card_template_ids?: string[];
    /** 卡类型 */
    card_type?: string;
    /** 是否需要总数 */
    need_count?: boolean;
    /** 号码（手机号/卡实例ID/物理卡号） */
    no?: string;
    /** 开卡门店ID */
    open_card_shop_ids?: string[];
    /** 开卡时间终止 */
    open_time_end?: string;
    /** 开卡时间开始 */
    open_time_start?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 第几页,从1开始计数 */
    page_no?: Int;
    /** 每页大小，默认20 */
    page_size?: Int;
    /** 门店id */
    shop_id?: string;
    /** 卡实例状态 */
    statuses?: string[];
  };
  /** 校验支付密码 (Check payment password) */
  'alibaba.alsc.crm.customer.checkppw': {
    /** 品牌ID 、 外部品牌id 2选1 */
    brand_id?: string;
    /** 传入的密码是否已经加密 */
    encrypted?: boolean;
    /** 密码 */
    pay_passwd: string;
    /** 顾客id */
    customer_id?: string;
    /** 外部品牌id */
    out_brand_id?: string;
  };
  /** 创建顾客 (Create a customer) */
  'alibaba.alsc.crm.customer.create': {
    /** 会员地址 */
    address?: string;
    /** 生日 */
    birthday?: DateTime;
    /** 品牌ID 外部品牌id */
    brand_id?: string;
    /** 渠道 */
    channel: string;
    /** 顾客类型，1:会员，0:顾客 */
    customer_type: 0 | 1;
    /** 邮箱 */
    email?: string;
    /** 性别 0女 1男 */
    gender?: string;
    /** 发票 */
    invoice?: string;
    /** 等级ID */
    level_id?: string;
    /** 手机号 */
    mobile?: string;
    /** 姓名 */
    name?: string;
    /** 操作人ID */
    operator_id?: string;
    /** 外部ID */
    outer_id: string;
    /** 外部ID类型 */
    outer_type: 'wechat' | 'alipay';
    /** 固定电话 */
    phone?: string;
    /** 备注 */
    remark?: string;
    /** 请求ID，用于保障幂等性 */
    request_id: string;
    /** 店铺ID */
    shop_id?: string;
    /** 标签列表 */
    tag_id_list?: string[];
    /** 外部品牌id */
    out_brand_id?: string;
    /** 外部门店id */
    out_shop_id?: string;
  };
  /** 查询顾客详情 (Get customer details) */
  'alibaba.alsc.crm.customer.get': {
    /** 品牌ID 外部品牌id 2选1 */
    brand_id?: string;
    /** 顾客ID */
    customer_id?: string;
    /** 查询选项，默认查询顾客基础信息， CARD：查询顾客名下的卡列表 ,RECHARGE：查询卡下的储值账户信息 ,POINT：查询顾客的积分信息. */
    options: string[];
    /** 店铺ID和外部门店ID必须一 */
    shop_id?: string;
    /** 手机号码 */
    mobile?: string;
    /** 物理卡号 */
    physical_card_id?: string;
    /** 电子卡号 */
    card_id?: string;
    /** 外部品牌id */
    out_brand_id?: string;
    /** 外部门店ID，店铺ID和外部门店ID必须一 */
    out_shop_id?: string;
    /** 微信openID */
    wechat_open_id?: string;
    /** 微信小程序ID */
    wechat_app_id?: string;
    /** 座机 */
    phone?: string;
    /** 支付宝ID */
    alipay_id?: string;
  };
  /** 重置支付密码 (Reset payment password) */
  'alibaba.alsc.crm.customer.resetppw': {
    /** 品牌ID / 外部品牌id 2选1 */
    brand_id?: string;
    /** 操作人ID */
    operator_id?: string;
    /** 操作人名称 */
    operator_name?: string;
    /** 请求ID，幂等处理 */
    request_id: string;
    /** 20180988753656 */
    customer_id: string;
    /** 外部品牌id */
    out_brand_id?: string;
  };
  /** 更新顾客信息 (Update a customer) */
  'alibaba.alsc.crm.customer.update': {
    /** 地址 */
    address?: string;
    /** 生日 */
    birthday?: string;
    /** 品牌ID 外部品牌id 2选1 */
    brand_id?: string;
    /** 顾客ID */
    customer_id: string;
    /** 邮箱 */
    email?: string;
    /** 扩展信息 */
    ext_info?: string;
    /** 性别 */
    gender?: Int;
    /** 发票抬头 */
    invoice?: string;
    /** 等级ID */
    level_id?: string;
    /** 移动电话 */
    mobile?: string;
    /** 姓名 */
    name?: string;
    /** 操作人ID */
    operator_id?: string;
    /** 操作人姓名 */
    operator_name?: string;
    /** 固定电话 */
    phone?: string;
    /** 备注 */
    remark?: string;
    /** 请求ID，幂等处理 */
    request_id: string;
    /** 人群标签 */
    tag_ids?: string[];
    /** 外部品牌id */
    out_brand_id?: string;
    /** 0顾客，1会员 */
    customer_type?: 0 | 1;
  };
  /** 修改支付密码 (Change payment password) */
  'alibaba.alsc.crm.customer.updateppw': {
    /** 品牌id 、 外部品牌id 2选1 */
    brand_id?: string;
    /** 修改人名称 */
    operator_name?: string;
    /** 操作人id */
    operator_id?: string;
    /** md5代表密码已经MD5加密，raw代表密码是原生没有加密 */
    passwd_type?: string;
    /** 密码 */
    pay_passwd?: string;
    /** 顾客id */
    customer_id?: string;
    /** 外部品牌id */
    out_brand_id?: string;
    /** 请求id */
    request_id: string;
  };
  /** 获取顾客优惠券列表 (List a customer's vouchers) */
  'alibaba.alsc.crm.customer.voucher.list': {
    /** 品牌ID */
    brand_id?: string;
    /** 顾客ID */
    customer_id?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 外部门店ID */
    out_shop_id?: string;
    /** 第几页,从1开始计数 */
    page_no?: Int;
    /** 每页大小，默认20 */
    page_size?: Int;
    /** SaaS门店ID */
    shop_id?: string;
    /** 优惠券状态 NORMAL，DELETED，ISUSED */
    voucher_status_list?: string[];
  };
  /** 加密 (Encrypt) */
  'alibaba.alsc.crm.marketing.encrypt': {
    /** 参数 */
    param: string;
  };
  /** 发券 (Issue a voucher) */
  'alibaba.alsc.crm.marketing.issue.voucher': {
    /** 活动id */
    activity_id: string;
    /** 品牌id(brandId和outerBrandId必传其一) */
    brand_id?: string;
    /** 会员id */
    customer_id: string;
    /** 分享营销来源userId（需要用加密接口加密） */
    from_user_id?: string;
    /** 操作人id */
    operator_id?: string;
    /** 操作人姓名 */
    operator_name?: string;
    /** 进店领券订单id */
    order_id?: string;
    /** 进店领券订单来源 */
    order_src?: Int;
    /** 外部品牌id */
    out_brand_id?: string;
    /** 门店id */
    out_shop_id?: string;
    /** 幂等请求id */
    request_id: string;
    /** 门店id */
    shop_id?: string;
  };
  /** 查询分享营销客户领券信息 (Shared-campaign voucher claims) */
  'alibaba.alsc.crm.marketing.share.customer.info': {
    /** 活动id */
    activity_id: string;
    /** 品牌id(brandId和outerBrandId必传其一) */
    brand_id?: string;
    /** 会员id */
    customer_id: string;
    /** 操作人 */
    operator_id?: string;
    /** 操作人姓名 */
    operator_name?: string;
    /** 外部品牌id */
    out_brand_id?: string;
    /** 外部门店id */
    out_shop_id?: string;
    /** 请求幂等id */
    request_id: string;
    /** 门店id */
    shop_id?: string;
  };
  /** 获取特价菜单 (List special-price menus) */
  'alibaba.alsc.crm.menu.list': {
    /** 品牌ID */
    brand_id?: string;
    /** 已删除数据 */
    deleted?: boolean;
    /** 最后修改时间 */
    gmt_modified?: string;
    /** 是否需要总数 */
    need_count?: boolean;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 外部门店ID */
    out_shop_id?: string;
    /** 第几页,从1开始计数 */
    page_no?: Int;
    /** 每页大小，默认20 */
    page_size?: Int;
    /** SaaS门店ID */
    shop_id?: string;
    /** 最后ID */
    last_id?: string;
    /** 特价菜单ID */
    menu_id?: string;
  };
  /** 资产核销回退接口 (Refund consumed assets) */
  'alibaba.alsc.crm.open.assert.refund': {
    /** saas品牌id */
    brand_id: string;
    /** 手机号 */
    mobile?: string;
    /** 退款的订单号 */
    new_outer_order_id: string;
    /** 操作人 */
    operator_id: string;
    /** 外部id */
    outer_id?: string;
    /** 原订单号，就是核销的订单号 */
    outer_order_id: string;
    /** 外部id类型，wechat微信，alipay支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 请求幂等id */
    request_id: string;
    /** saas门店id */
    shop_id: string;
    /** 券实例id集合 */
    voucher_id_list?: string[];
    /** 顾客id */
    customer_id?: string;
  };
  /** 资产核销接口 (Consume (verify) assets) */
  'alibaba.alsc.crm.open.assert.verify': {
    /** saas品牌id */
    brand_id: string;
    /** 手机号 */
    mobile?: string;
    /** 操作人id */
    operator_id: string;
    /** 外部id */
    outer_id?: string;
    /** 外部订单号 */
    outer_order_id: string;
    /** 外部id类型，wechat微信，alipay支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 需要核销的积分 */
    point?: Int;
    /** 请求幂等id */
    request_id: string;
    /** saas门店id */
    shop_id: string;
    /** 需要核销的储值，单位为分 */
    value?: Int;
    /** 券实例id */
    voucher_id_list?: string[];
    /** 需要核销的卡号id，不填默认为会员卡id */
    card_id?: string;
    /** 顾客id */
    customer_id?: string;
  };
  /** 查询会员资产 (Get a member's assets) */
  'alibaba.alsc.crm.open.customer.get': {
    /** saas品牌id */
    brand_id: string;
    /** 手机号 */
    mobile?: string;
    /** 外部id */
    outer_id?: string;
    /** 外部id类型，wechat：微信openId alipay：支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 物理卡id */
    physical_card_id?: string;
    /** saas门店id */
    shop_id: string;
    /** 顾客id */
    customer_id?: string;
  };
  /** 保存和更新顾客 (Save or update a customer) */
  'alibaba.alsc.crm.open.customer.save': {
    /** 生日 */
    birthday?: DateTime;
    /** saas品牌id */
    brand_id: string;
    /** 渠道 crm_back(1, "CRM后台"), pos(2, "POS"), mobile_shop(3, "个人中心"), wechat(4, "微信"), alipay(5, "支付宝"),所有pos端传2 */
    channel: '1' | '2' | '3' | '4' | '5';
    /** 性别 0女 1男,2其他 */
    gender?: 0 | 1 | 2;
    /** 手机号 */
    mobile?: string;
    /** 姓名 */
    name?: string;
    /** 操作人 */
    operator_id: string;
    /** 外部id */
    outer_id?: string;
    /** 外部类型: wechat：微信openId alipay：支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 备注 */
    remark?: string;
    /** 请求幂等id */
    request_id: string;
    /** saas门店id */
    shop_id: string;
  };
  /** 订单回流接口 (Push back an order) */
  'alibaba.alsc.crm.open.order.backflow': {
    /** 待支付动作-WAIT_PAY， 支付动作-PAID, 订单成功动作-SUCCESS， 订单关闭动作-CLOSE， 退款动作-REFUND */
    action: string;
    /** 品牌id */
    brand_id: string;
    /** 扩展 */
    ext_info?: string;
    /** 发票信息 */
    invoice_info?: {
      /** 发票抬头 */
      invoice?: string;
      /** 发票类型： 个人-PERSONAL公司-COMPANY */
      invoice_type?: string;
      /** 纳税人识别码 */
      tax_payer_id?: string;
    };
    /** 物流信息 */
    logistical_info?: {
      /** 送达时间 */
      arrive_time?: DateTime;
      /** 物流状态：WAIT_DELIVERY("WAIT_DELIVERY", "待发货"), WAIT_RECEIVE("WAIT_RECEIVE", "待收货"), SUCCESS("SUCCESS", "确认收货"), REFUND("REFUND", "退货"); */
      logistics_status?: 'WAIT_DELIVERY' | 'WAIT_RECEIVE' | 'SUCCESS' | 'REFUND';
      /** 收款地址 */
      receive_address?: string;
      /** 联系人手机 */
      receive_phone?: string;
    };
    /** 操作人 */
    operator_id?: string;
    /** 订单信息 */
    order_info: {
      /** 订单生效时间（外卖单） */
      active_time?: DateTime;
      /** 渠道 */
      biz_channel?: string;
      /** 订单创建时间 */
      gmt_create?: DateTime;
      /** 订单更新时间 */
      gmt_modified?: DateTime;
      /** 商品信息 */
      item_list?: Array<{
        /** 实际费用 */
        actual_fee?: Int;
        /** 商品名称 */
        goods_name?: string;
        /** 价格 */
        price?: Int;
        /** 优惠金额 */
        prom_fee?: Int;
        /** 商品规格，需保证唯一 */
        sku?: string;
        /** 商品码 */
        spu?: string;
        /** 总金额 */
        total_fee?: Int;
        /** 单位 */
        unit?: string;
        /** 数量 */
        quantity?: string;
        /** 一级分类 */
        primary_class?: string;
        /** 二级分类 */
        secondary_class?: string;
      }>;
      /** 订单备注,长度不超过256 */
      memo?: string;
      /** pos点餐：POS_ORDER 扫码点餐：CODE_ORDER 线上点餐到店（美团）:MEITUAN_ONLINE 线上点餐到店（口碑）:KOUBEI_ONLINE 线上点餐到店（其他）:OTHER_ONLINE 到家外卖（美团）:MEITUAN_TAKEOUT 到家外卖（饿了么）:ELEME_TAKEOUT 其他:OTHER */
      order_source?: 'POS_ORDER' | 'CODE_ORDER' | 'MEITUAN_ONLINE' | 'KOUBEI_ONLINE' | 'OTHER_ONLINE' | 'MEITUAN_TAKEOUT' | 'ELEME_TAKEOUT' | 'OTHER';
      /** 订单状态: WAIT_PAY("WAIT_PAY", "订单待支付"), PAID("PAID", "订单已支付"), SUCCESS("SUCCESS", "订单完成"), CLOSED("CLOSED", "已关闭"), REFUND("REFUND", "订单已退款"); */
      order_status?: 'WAIT_PAY' | 'PAID' | 'SUCCESS' | 'CLOSED' | 'REFUND';
      /** 外部买家基础信息 */
      out_buyer?: {
        /** 邮箱 */
        email?: string;
        /** 名称 */
        name?: string;
        /** 昵称 */
        nick_name?: string;
        /** 手机号 */
        phone?: string;
        /** 用户类型： WECHAT-微信 ALIPAY-支付宝OTHER-其他 */
        type?: string;
        /** 用户userId（支付宝ID/微信ID） */
        user_id?: string;
      };
      /** 外部卖家基础信息 */
      out_seller?: {
        /** 邮箱 */
        email?: string;
        /** 名称 */
        name?: string;
        /** 昵称 */
        nick_name?: string;
        /** 手机号 */
        phone?: string;
        /** 用户类型： WECHAT-微信 ALIPAY-支付宝OTHER-其他 */
        type?: string;
        /** 用户userId（支付宝ID/微信ID） */
        user_id?: string;
      };
      /** 外部订单号 */
      outer_order_id?: string;
      /** 门店地址 */
      shop_address?: string;
      /** 门店id */
      shop_id?: string;
      /** 门店名称 */
      shop_name?: string;
      /** 履约方式 */
      performance_way?: string;
    };
    /** 支付信息 */
    payment_info_list?: Array<{
      /** 费用明细 */
      fee_detail_list?: Array<{
        /** 金额 */
        amount?: Int;
        /** 计算方式 ： 加-PLUS 加-MINUS */
        operator?: string;
        /** MERCHANT_ADJUST 商家调整 PLATFORM_PROM 平台优惠 MERCHANT_PROM 商家优惠 CHARGE 储值 POINT 积分 OTHER 其他 */
        type?: string;
      }>;
      /** 订单总金额 */
      order_total_amount?: Int;
      /** 外部付款方基础信息 */
      out_payer?: {
        /** 邮箱 */
        email?: string;
        /** 名称 */
        name?: string;
        /** 昵称 */
        nick_name?: string;
        /** 手机号 */
        phone?: string;
        /** 用户类型： WECHAT-微信 ALIPAY-支付宝OTHER-其他 */
        type?: string;
        /** 用户userId（支付宝ID/微信ID） */
        user_id?: string;
      };
      /** 外部付款单号 */
      out_payment_no?: string;
      /** 支付宝-ALIPAY 微信-WECHAT 其他-OTHER */
      pay_channel?: string;
      /** 现金-CASH, 代扣-DEDUCT, 银行卡支付-BANK, 储值-STOREDVALUE, 微信-WECHAT, 支付宝 -ALIPAY, 积分-POINTS, 线下券-VOUCHER, 其他方式-OTHER; */
      pay_method?: string;
      /** 支付状态： INITIAL("INITIAL", "初始状态"), WAIT_PAY("WAIT_PAY", "待支付状态"), SUCCESS("SUCCESS", "支付成功状态"), CANCEL("CANCEL", "支付冲正状态"), CLOSE("CLOSE", "关闭状态"); */
      payment_status?: 'INITIAL' | 'WAIT_PAY' | 'SUCCESS' | 'CANCEL' | 'CLOSE';
      /** 支付时间 */
      payment_time?: DateTime;
      /** 商家实收 */
      seller_receive_amount?: Int;
      /** 付款方实付金额 */
      user_pay_amount?: Int;
    }>;
    /** 退款信息 */
    refund_info_list?: Array<{
      /** 退款金额 */
      refund_amount?: Int;
      /** 退款商品 */
      refund_item_list?: Array<{
        /** 实收费用 */
        actual_fee?: Int;
        /** 商品名称 */
        goods_name?: string;
        /** 单价 */
        price?: Int;
        /** 优惠价格 */
        prom_fee?: Int;
        /** 规格 */
        sku?: string;
        /** 商品码 */
        spu?: string;
        /** 总金额 */
        total_fee?: Int;
        /** 计量单位 */
        unit?: string;
        /** 数量 */
        quantity?: string;
      }>;
      /** 退款流水号（支付宝单号、微信单号、三方单号） */
      refund_pay_no?: string;
      /** 退款状态： INITIAL("INITIAL", "退款初始状态"), PROCESSING("PROCESSING", "处理中状态"), SUCCESS("SUCCESS", "退款成功状态"), FAIL("FAIL", "退款失败状态"); */
      refund_status?: 'INITIAL' | 'PROCESSING' | 'SUCCESS' | 'FAIL';
      /** 退款时间 */
      refund_time?: DateTime;
      /** 退款类型 ： 整单-ALL 部分-PART */
      refund_type?: string;
      /** 退款单号，必填 */
      out_refund_no?: string;
    }>;
    /** 请求id */
    request_id: string;
    /** 门店id */
    shop_id: string;
    /** 操作人姓名 */
    operator_name?: string;
    /** 服务人员类别 */
    service_person_category?: string;
    /** 服务人员名称 */
    service_person_name?: string;
    /** 服务人员ID */
    service_person_id?: string;
    /** 订单类型-餐饮-RESTAURANT 生服-LIFE_SERVICE */
    order_channel?: string;
  };
  /** 积分操作接口 (Operate points) */
  'alibaba.alsc.crm.open.point.operate': {
    /** saas品牌id */
    brand_id: string;
    /** 操作积分 */
    change_point: Int;
    /** 手机号 */
    mobile?: string;
    /** 1-增加(charge) 2-冻结(freeze) 3-核销(verify) 4-扣减(decrease) */
    operate_type: 1 | 2 | 3 | 4;
    /** 操作人id */
    operator_id: string;
    /** 外部id */
    outer_id?: string;
    /** 外部id类型，wechat：微信openId alipay：支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 操作原因 */
    reason?: string;
    /** 请求幂等id */
    request_id: string;
    /** saas门店id */
    shop_id: string;
    /** 外部订单号 */
    outer_order_id: string;
    /** 顾客id */
    customer_id?: string;
  };
  /** 储值操作接口 (Operate stored value) */
  'alibaba.alsc.crm.open.recharge.operate': {
    /** saas品牌id */
    brand_id: string;
    /** 操作储值 */
    change_value?: Int;
    /** 顾客id */
    customer_id?: string;
    /** 手机号 */
    mobile?: string;
    /** 1-充值(charge) 2-冻结(freeze) 3-核销(verify) 4-充值回退(refund) */
    operate_type?: 1 | 2 | 3 | 4;
    /** 操作人id */
    operator_id: string;
    /** 外部id */
    outer_id?: string;
    /** 外部订单号 */
    outer_order_id: string;
    /** 外部id类型，wechat：微信openId ；alipay：支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 操作备注 */
    reason?: string;
    /** 请求幂等id */
    request_id: string;
    /** saas门店id */
    shop_id: string;
    /** 回退单号,operate_type为4退款时必填 */
    new_outer_order_id?: string;
  };
  /** 查询规则 (Get member rules) */
  'alibaba.alsc.crm.open.rule.get': {
    /** saas品牌id */
    brand_id?: string;
    /** 手机号 */
    mobile?: string;
    /** 外部id */
    outer_id?: string;
    /** 外部id类型，wechat：微信openId alipay：支付宝 */
    outer_type?: 'wechat' | 'alipay';
    /** 物理卡id */
    physical_card_id?: string;
    /** saas门店id */
    shop_id?: string;
  };
  /** 计算积分可以抵扣的金额 (Money a point amount can offset) */
  'alibaba.alsc.crm.point.cal': {
    /** 品牌id */
    brand_id?: string;
    /** 抵现积分数量 */
    consume_point: Int;
    /** 顾客id */
    customer_id: string;
    /** 门店id */
    shop_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
  };
  /** 校验支付链路中的积分抵扣是否合法 (Check points offset at payment) */
  'alibaba.alsc.crm.point.chkpntbypay': {
    /** 品牌id */
    brand_id?: string;
    /** 变更积分 */
    change_point: Int;
    /** 顾客id */
    customer_id: string;
    /** 外部门店ID */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 门店id */
    shop_id?: string;
  };
  /** 积分抵现 (Redeem points for cash) */
  'alibaba.alsc.crm.point.consumepoint': {
    /** 品牌id */
    brand_id?: string;
    /** 变更积分数 */
    change_point: Int;
    /** 顾客id */
    customer_id: string;
    /** 操作人id */
    operator_id: string;
    /** 操作人名 */
    operator_name: string;
    /** 关联交易号/订单号 */
    out_biz_id: string;
    /** 变更原因 */
    reason?: string;
    /** 请求id，用来做幂等 */
    request_id: string;
    /** 门店id */
    shop_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 辰森是CS,客如云是KRY */
    biz_channel: 'CS' | 'KRY';
  };
  /** 积分补扣 (Deduct extra points) */
  'alibaba.alsc.crm.point.extra.consume': {
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
    /** 品牌id */
    brand_id?: string;
    /** 变更积分数 */
    change_point: Int;
    /** 顾客id */
    customer_id: string;
    /** 操作人ID */
    operator_id: string;
    /** 关联交易号/订单号 */
    out_biz_id: string;
    /** 变更理由 */
    reason?: string;
    /** 请求id，用来做幂等 */
    request_id: string;
    /** 门店id */
    shop_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
  };
  /** 积分补录 (Add extra points) */
  'alibaba.alsc.crm.point.extracharge': {
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
    /** 系统自动生成 */
    brand_id?: string;
    /** 变更积分数,不能小于等于0 */
    change_point: Int;
    /** 顾客id */
    customer_id: string;
    /** 操作人id */
    operator_id: string;
    /** 关联交易号/订单号 */
    out_biz_id: string;
    /** 变更原因 */
    reason?: string;
    /** 请求id，用来做幂等 */
    request_id: string;
    /** 门店id */
    shop_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
  };
  /** 分页查询积分流水 (Page point flows) */
  'alibaba.alsc.crm.point.querypointflow': {
    /** 品牌id */
    brand_id?: string;
    /** 顾客id */
    customer_id: string;
    /** 截止时间 */
    end_time?: DateTime;
    /** 关联交易ID,模糊查询 */
    out_biz_id?: string;
    /** 第几页,从1开始计数 */
    page_no?: Int;
    /** 每页大小，默认20 */
    page_size?: Int;
    /** 积分流水类型,类型参考枚举类 */
    point_flow_type?: string;
    /** 门店id */
    shop_id?: string;
    /** 开始时间 */
    start_time?: DateTime;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** CS是辰森，KRY是客如云 */
    biz_channel?: 'CS' | 'KRY';
  };
  /** 积分消费回退 (Reverse a point redemption) */
  'alibaba.alsc.crm.point.reversepoint': {
    /** 业务场景 */
    biz_type: string;
    /** 品牌id */
    brand_id?: string;
    /** 变更积分数 */
    change_point?: Int;
    /** 顾客id */
    customer_id?: string;
    /** 操作人id */
    operator_id: string;
    /** 操作人名 */
    operator_name: string;
    /** 关联交易号/订单号 */
    out_biz_id: string;
    /** 变更理由 */
    reason?: string;
    /** 请求幂等UUID */
    request_id: string;
    /** 反向操作的业务ID,如退单号 */
    reverse_order_id: string;
    /** 门店id */
    shop_id?: string;
    /** 外部门店ID,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 外部品牌id,brandId与out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 外部渠道，CS是辰森，客如云是KRY */
    biz_channel: 'CS' | 'KRY';
  };
  /** 查询积分规则 (Get point rules) */
  'alibaba.alsc.crm.point.rule.get': {
    /** 品牌id(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 是否包含逻辑删除 */
    include_logical_delete?: boolean;
    /** 会员等级ID */
    level_id?: string;
    /** maxUpdateTime */
    max_update_time?: DateTime;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** 外部门店ID(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 门店ID(不能和outshopid同时为空) */
    shop_id?: string;
  };
  /** 获取促销规则列表 (List promotion rules) */
  'alibaba.alsc.crm.promotion.list': {
    /** 品牌ID */
    brand_id?: string;
    /** 1 */
    deleted?: boolean;
    /** 最后修改时间 */
    gmt_modified?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 第几页,从1开始计数 */
    page_no?: Int;
    /** 每页大小，默认20 */
    page_size?: Int;
    /** STATUS_NEW,STATUS_WORKING,STATUS_SUSPEND,STATUS_END，STATUS_EXPIRED,未投放,执行中,已暂停,已终止,已终止 */
    status_list?: string[];
    /** 最后时间 */
    last_id?: string;
    /** 促销ID */
    promotion_id?: string;
  };
  /** 储值流水详细 (Stored-value flow detail) */
  'alibaba.alsc.crm.recharge.account.flowdetail.get': {
    /** 品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 流水Id */
    flow_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** 外部订单ID，和流水ID必传一 */
    outer_order_id?: string;
  };
  /** 查询储值账户信息 (Get a stored-value account) */
  'alibaba.alsc.crm.recharge.account.get': {
    /** 账户Id，如果有，则查询单个账户 */
    account_id?: string;
    /** 品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 卡Id，POS下查询会员卡/礼品卡在门店下储值账户 */
    card_id?: string;
    /** 会员Id,查询会员下所有储值账户 */
    customer_id?: string;
    /** 门店ID(不能和outshopid同时为空)) */
    shop_id?: string;
    /** 外部门店ID(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
  };
  /** 分页查询储值流水 (Page stored-value flows) */
  'alibaba.alsc.crm.recharge.accountflows.get': {
    /** 品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 卡id */
    card_id?: string;
    /** 会员id */
    customer_id?: string;
    /** 结束时间 */
    end_time?: DateTime;
    /** 流水类型 */
    flow_types?: string;
    /** 外部订单ID */
    out_order_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** 外部门店ID(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 第几页,从1开始计数 */
    page_no: Int;
    /** 每页大小 */
    page_size?: Int;
    /** 门店ID(不能和outshopid同时为空) */
    shop_id?: string;
    /** 开始时间 */
    start_time?: DateTime;
    /** CS是辰森，KRY是客如云 */
    biz_channel?: 'CS' | 'KRY';
  };
  /** 储值充值 (Top up stored value) */
  'alibaba.alsc.crm.recharge.charge.update': {
    /** 时间，选填，不填就以平台为准 */
    biz_date?: DateTime;
    /** 卡Id，礼品卡或会员卡Id */
    card_id: string;
    /** 充值类型，必填 */
    charge_type: string;
    /** 赠储值 */
    gift_value?: Int;
    /** SaaS品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 操作人ID(SaaS Id) */
    operator_id: string;
    /** SaaS门店ID(不能和outshopid同时为空) */
    shop_id?: string;
    /** 外部交易单号id(外部调用方保证在isv内部是唯一，可以是paymentItemId) */
    outer_order_id: string;
    /** 预储 */
    pre_value?: Int;
    /** 实储值 */
    real_value?: Int;
    /** 备注 */
    remark?: string;
    /** 幂等号 */
    request_id: string;
    /** 是否触发储值赠送，必填 1. true：触发赠送，realValue必填 2. false：不触发赠送，realValue和giftValue必填 */
    trigger_gift: boolean;
    /** 外部支付单id */
    out_pay_id?: string;
    /** 外部门店id(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
    /** 支付方式需要按照标准格式传入 */
    ext_info?: string;
  };
  /** 储值账户充值前校验 (Pre-check a top-up) */
  'alibaba.alsc.crm.recharge.chargeprecheck.get': {
    /** 品牌ID(和outbrandid不能同时为空) */
    brand_id?: string;
    /** 卡Id，用于会员卡、礼品卡校验 */
    card_id?: string;
    /** 会员ID，用于会员卡校验，会员卡必填 */
    customer_id?: string;
    /** 门店ID(和outshopid不能同时为空) */
    shop_id?: string;
    /** 外部门店ID(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
  };
  /** 储值消费 (Consume stored value) */
  'alibaba.alsc.crm.recharge.dedut.update': {
    /** 时间 */
    biz_date?: DateTime;
    /** SaaS品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 卡Id，礼品卡或会员卡Id */
    card_id?: string;
    /** 会员 */
    customer_id?: string;
    /** 操作人ID(SaaS Id） */
    operator_id: string;
    /** 外部核销交易单号id(外部调用方保证在isv内部是唯一，可以是paymentItemId) */
    outer_order_id: string;
    /** 备注 */
    remark?: string;
    /** 请求id，用来做幂等 */
    request_id: string;
    /** SaaS门店ID(不能和outshopid同时为空) */
    shop_id?: string;
    /** 核销总资产 */
    value: Int;
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** 外部门店ID,和门店ID必传一 */
    out_shop_id?: string;
    /** 自定义参数按照json格式传入 */
    ext_info?: string;
  };
  /** 储值核销预先校验 (Pre-check a stored-value consumption) */
  'alibaba.alsc.crm.recharge.dedutprecheck.get': {
    /** 品牌ID(不能和outbrandid同时为空)) */
    brand_id?: string;
    /** 卡Id，礼品卡或会员卡Id */
    card_id?: string;
    /** 会员 */
    customer_id?: string;
    /** 门店ID(不能和outshopid同时为空) */
    shop_id?: string;
    /** 核销总资产 */
    value: Int;
    /** 外部门店ID(和shopid不能同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
  };
  /** 储值规则下行 (Pull stored-value rules) */
  'alibaba.alsc.crm.recharge.qryrule': {
    /** 品牌id */
    brand_id?: string;
    /** 会员卡，礼品卡模板id，选填，不填则默认查询会员卡 */
    card_template_id?: string;
    /** 上次更新时间戳 */
    max_update_time?: DateTime;
    /** 外部品牌id,brand_id和out_brand_id不可同时为空 */
    out_brand_id?: string;
    /** 外部门店id,shop_id和out_shop_id不可同时为空 */
    out_shop_id?: string;
    /** 门店id */
    shop_id?: string;
  };
  /** 充值退款 (Refund a top-up) */
  'alibaba.alsc.crm.recharge.uncharge.update': {
    /** SaaS品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 卡号 */
    card_id?: string;
    /** 操作人ID(SaaS Id） */
    operator_id: string;
    /** 退储值订单Id，必填（kry是paymentItemId）,外部保证唯一，作为退款幂等号 */
    outer_order_id: string;
    /** 备注 */
    remark?: string;
    /** SaaS门店ID(不能和outshopid同时为空) */
    shop_id?: string;
    /** 原充值订单Id，必填（kry是srcPaymentItemId） */
    src_outer_order_id: string;
    /** 外部门店ID(不能和sopid同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** 请求id，幂等 */
    request_id: string;
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
    /** 原支付单号 */
    src_out_pay_id?: string;
  };
  /** 储值账户退充值校验 (Pre-check a top-up refund) */
  'alibaba.alsc.crm.recharge.unchargecheck.get': {
    /** 品牌Id(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 卡号 */
    card_id?: string;
    /** 顾客Id */
    customer_id?: string;
    /** 门店id(不能和outshopid同时为空) */
    shop_id?: string;
    /** 原充值订单Id */
    src_outer_order_id: string;
    /** 外部门店ID(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
  };
  /** 储值消费退款(逆向) (Refund a stored-value consumption) */
  'alibaba.alsc.crm.recharge.undedut.update': {
    /** 品牌ID(不能和outbrandid同时为空) */
    brand_id?: string;
    /** 卡ID，礼品卡或会员卡Id */
    card_id?: string;
    /** 会员ID */
    customer_id?: string;
    /** 外部反核销交易订单号(外部调用方保证在isv内部是唯一，可以是paymentItemId) */
    new_outer_order_id: string;
    /** 操作人ID */
    operator_id: string;
    /** 外部核销交易单号id(外部调用方保证在isv内部是唯一，可以是paymentItemId) */
    outer_order_id: string;
    /** 备注 */
    remark?: string;
    /** 请求id，用来做幂等 */
    request_id: string;
    /** 门店ID(不能和outshopid同时为空) */
    shop_id?: string;
    /** 当vlaue不传时，就是退整单金额 */
    value?: Int;
    /** 外部门店ID(不能和shopid同时为空) */
    out_shop_id?: string;
    /** 外部品牌ID(不能和brandid同时为空) */
    out_brand_id?: string;
    /** CS是辰森，KRY是客如云 */
    biz_channel: 'CS' | 'KRY';
  };
  /** 查询会员等级规则 (Member level rules) */
  'alibaba.alsc.crm.rule.level.querylevelrule': {
    /** 是否包含逻辑删除的数据 */
    deleted: boolean;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 品牌ID */
    brand_id?: string;
    /** 外部品牌id */
    out_brand_id?: string;
    /** 每页数量 */
    page_size?: Int;
    /** 上次最有一个ID */
    last_id?: string;
  };
  /** 查询品牌下的入会菜品规则 (Dish rules for joining) */
  'alibaba.alsc.crm.rule.querydishrule': {
    /** 品牌ID */
    brand_id?: string;
    /** 最后更新ID */
    last_id?: string;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 每页查询数量 */
    page_size?: Int;
    /** 是否包括逻辑删除的数据 */
    deleted: boolean;
    /** 外部品牌ID */
    out_brand_id?: string;
  };
  /** 查询品牌下的会员成长规则 (Member growth rules) */
  'alibaba.alsc.crm.rule.querygrowrule': {
    /** 品牌ID */
    brand_id?: string;
    /** 是否包含删除的数据 */
    deleted?: boolean;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 外部品牌ID */
    out_brand_id?: string;
  };
  /** 查询品牌下的成为会员规则 (Membership rules) */
  'alibaba.alsc.crm.rule.queryjoinmrule': {
    /** 品牌ID */
    brand_id?: string;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 是否包括已删除的数据 */
    deleted: boolean;
  };
  /** 查询品牌下的会员日规则 (Member day rules) */
  'alibaba.alsc.crm.rule.querymdayerule': {
    /** 品牌ID */
    brand_id?: string;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 店铺ID */
    shop_id?: string;
    /** 外部店铺ID */
    out_shop_id?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 是否包含已删除的数据 */
    deleted: boolean;
  };
  /** 查询品牌下的会员价规则 (Member price rules) */
  'alibaba.alsc.crm.rule.querympricerule': {
    /** 品牌ID */
    brand_id?: string;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 店铺ID */
    shop_id?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 外部店铺ID */
    out_shop_id?: string;
    /** 是否包括已删除的数据 */
    deleted: boolean;
  };
  /** 查询运营计划 (Operation plans) */
  'alibaba.alsc.crm.rule.queryoptplan': {
    /** 是否包含已逻辑删除的数据 */
    deleted: boolean;
    /** 上次更新的最后一个ID */
    last_id?: string;
    /** 每页大小，默认20 */
    page_size: Int;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 品牌ID */
    brand_id?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
  };
  /** 查询标签列表 (Customer tags) */
  'alibaba.alsc.crm.rule.querytaglist': {
    /** 品牌ID */
    brand_id?: string;
    /** 最后更新ID */
    last_id?: string;
    /** 最后更新时间 */
    last_update_time?: DateTime;
    /** 每页大小 */
    page_size?: Int;
    /** 是否包含逻辑删除的数据 */
    deleted: boolean;
    /** 外部品牌ID */
    out_brand_id?: string;
  };
  /** 发送券给指定用户 (Send a voucher) */
  'alibaba.alsc.crm.voucher.send': {
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 请求id */
    request_id: string;
    /** 品牌id */
    brand_id?: string;
    /** 外部门店id */
    out_shop_id?: string;
    /** 用户id */
    customer_id: string;
    /** 门店id */
    shop_id?: string;
    /** 操作人id */
    operator_id?: string;
    /** 券模板id */
    voucher_id: string;
    /** 发券数量 */
    voucher_num: Int;
  };
  /** 优惠券状态更改 (Change a voucher's status) */
  'alibaba.alsc.crm.voucher.status.change': {
    /** 品牌ID */
    brand_id?: string;
    /** 顾客ID */
    customer_id: string;
    /** 操作ID */
    operator_id: string;
    /** 操作名字 */
    operator_name?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 外部orderID */
    out_order_id?: string;
    /** 外部门店ID */
    out_shop_id?: string;
    /** 请求ID */
    request_id: string;
    /** 门店ID */
    shop_id?: string;
    /** POS,移动门店 */
    source: string;
    /** 优惠券集合 */
    voucher_id_list: string[];
    /** /** * 核销，正常到核销 * / NORMAL_ISUSED, /** * 反核销，已使用到正常（补发一张新的优惠券） * / ISUSED_NORMAL, */
    voucher_status_action: 'NORMAL_ISUSED' | 'ISUSED_NORMAL';
    /** 待核销点数，数组下标和券id对齐 */
    voucher_point_list?: string[];
  };
  /** 获取优惠券模版列表 (List voucher templates) */
  'alibaba.alsc.crm.voucher.template.list': {
    /** 品牌ID */
    brand_id?: string;
    /** 已删除数据 */
    deleted?: boolean;
    /** 最后修改时间 */
    gmt_modified?: string;
    /** 外部品牌ID */
    out_brand_id?: string;
    /** 外部门店ID */
    out_shop_id?: string;
    /** 第几页,从1开始计数 */
    page_no?: Int;
    /** 第几页,从1开始计数 */
    page_size?: Int;
    /** SaaS门店ID */
    shop_id?: string;
    /** UNUSED,USED,NO_INVENTORY,INVALID, 未使用,使用中,无库存,已失效 */
    status_list?: string[];
    /** 最后ID */
    last_id?: string;
    /** 模版ID */
    voucher_template_id?: string;
  };
}

/** Decoded result of each ALSC operation. */
export interface OperationResults {
  'alibaba.alsc.crm.card.active': CommonResult<boolean>;
  'alibaba.alsc.crm.card.batch.active': CommonResult<BatchActiveCardOpenInfo>;
  'alibaba.alsc.crm.card.batch.sell': CommonResult<BatchOpenCardOpenInfo>;
  'alibaba.alsc.crm.card.bindcard': CommonResult<boolean>;
  'alibaba.alsc.crm.card.bindcustomer': CommonResult<boolean>;
  'alibaba.alsc.crm.card.open': CommonResult<string>;
  'alibaba.alsc.crm.card.pagetmp': CommonPageResult<{
    card_template_id?: string;
    card_type?: string;
    create_by?: string;
    deleted?: boolean;
    expire_type?: string;
    expire_value?: string;
    ext_info?: Extinfo;
    gmt_create?: string;
    gmt_modified?: string;
    menu_id?: string;
    menu_limit_type?: string;
    menu_switch?: boolean;
    name?: string;
    open_gift_switch?: boolean;
    opt_plan_id?: string;
    phy_card_fee_amount?: Long;
    phy_card_fee_back?: boolean;
    phy_card_fee_switch?: boolean;
    pre_recharge_amount?: Long;
    recharge_clear?: boolean;
    recharge_rule_open_info?: {
      card_type?: string;
      create_by?: string;
      deduction_order?: string;
      deleted?: boolean;
      ext_info?: Extinfo;
      full_gift_switch?: boolean;
      gift_type?: string;
      gmt_create?: string;
      gmt_modified?: string;
      list_recharge_rule_detail_info_list?: Array<{
        gift_point?: Long;
        gift_value?: Long;
        real_value?: Long;
        remark?: string;
      }>;
      pay_no_pwd_credit?: Long;
      pay_no_pwd_switch?: boolean;
      rule_id?: string;
      rule_name?: string;
      shop_id?: string;
      update_by?: string;
      out_shop_id?: string;
    };
    recharge_shop_ids?: string[];
    recharge_switch?: boolean;
    sell_price?: Long;
    sell_shop_group_id?: string;
    sell_shop_ids?: string[];
    startexpire_type?: string;
    status?: string;
    update_by?: string;
    use_limit_type?: string;
    use_shop_ids?: string[];
    vouchers?: Array<OpenGiftVoucherOpenInfo>;
    wx_card_ext?: WxCardOpenExt;
    wx_card_switch?: boolean;
    out_recharge_shop_ids?: string[];
    out_sell_shop_ids?: string[];
    out_use_shop_ids?: string[];
    publish?: boolean;
  }>;
  'alibaba.alsc.crm.card.qry': CommonResult<{
    accounts?: Array<{
      account_id?: string;
      account_type?: string;
      balance?: Long;
      create_by?: string;
      currency?: string;
      deleted?: boolean;
      gift?: Long;
      gmt_create?: string;
      gmt_modified?: string;
      pre?: Long;
      real?: Long;
      status?: string;
      total_gift?: Long;
      total_pre?: Long;
      total_real?: Long;
      update_by?: string;
      opt_plan_id?: string;
    }>;
    active_operator_id?: string;
    active_operator_name?: string;
    active_shop_id?: string;
    active_time?: string;
    buy?: boolean;
    card_id?: string;
    card_template_id?: string;
    card_type?: string;
    create_by?: string;
    customer_id?: string;
    deleted?: boolean;
    expire_end?: string;
    expire_start?: string;
    gmt_create?: string;
    gmt_modified?: string;
    open_operator_id?: string;
    open_operator_name?: string;
    open_shop_id?: string;
    open_shop_name?: string;
    open_time?: string;
    operator_id?: string;
    opt_plan_id?: string;
    physical_cards?: Array<{
      bind_operator_id?: string;
      bind_shop_id?: string;
      bind_time?: string;
      card_id?: string;
      card_template_id?: string;
      card_type?: string;
      create_by?: string;
      deleted?: boolean;
      gmt_create?: string;
      gmt_modified?: string;
      operator_id?: string;
      physical_card_id?: string;
      plan_id?: string;
      publish_id?: string;
      status?: string;
      update_by?: string;
    }>;
    plan_id?: string;
    status?: string;
    update_by?: string;
  }>;
  'alibaba.alsc.crm.card.qryphysical': CommonResult<{
    physical_card_id?: string;
    card_template_id?: string;
    status?: string;
    card_id?: string;
    card_type?: string;
  }>;
  'alibaba.alsc.crm.card.query.template': CommonResult<{
    card_template_id?: string;
    card_type?: string;
    create_by?: string;
    deleted?: boolean;
    expire_type?: string;
    expire_value?: string;
    ext_info?: Extinfo;
    gmt_create?: string;
    gmt_modified?: string;
    menu_id?: string;
    menu_limit_type?: string;
    menu_switch?: boolean;
    name?: string;
    open_gift_switch?: boolean;
    opt_plan_id?: string;
    phy_card_fee_amount?: Long;
    phy_card_fee_back?: boolean;
    phy_card_fee_switch?: boolean;
    pre_recharge_amount?: Long;
    recharge_clear?: boolean;
    recharge_rule_open_info?: {
      card_type?: string;
      create_by?: string;
      deduction_order?: string;
      deleted?: boolean;
      ext_info?: Extinfo;
      full_gift_switch?: boolean;
      gift_type?: string;
      gmt_create?: string;
      gmt_modified?: string;
      list_recharge_rule_detail_info_list?: Array<{
        gift_point?: Long;
        gift_value?: Long;
        real_value?: Long;
        remark?: string;
      }>;
      pay_no_pwd_credit?: Long;
      pay_no_pwd_switch?: boolean;
      rule_id?: string;
      rule_name?: string;
      shop_id?: string;
      update_by?: string;
      out_shop_id?: string;
    };
    recharge_shop_ids?: string[];
    recharge_switch?: boolean;
    sell_price?: Long;
    sell_shop_group_id?: string;
    sell_shop_ids?: string[];
    startexpire_type?: string;
    status?: string;
    update_by?: string;
    use_limit_type?: string;
    use_shop_ids?: string[];
    vouchers?: Array<OpenGiftVoucherOpenInfo>;
    wx_card_ext?: WxCardOpenExt;
    wx_card_switch?: boolean;
    out_recharge_shop_ids?: string[];
    out_use_shop_ids?: string[];
    out_sell_shop_ids?: string[];
  }>;
  'alibaba.alsc.crm.card.searchcard': CommonPageResult<{
    accounts?: Array<{
      account_id?: string;
      account_type?: string;
      balance?: Long;
      create_by?: string;
      currency?: string;
      deleted?: boolean;
      ext_info?: Extinfo;
      gift?: Long;
      gmt_create?: string;
      gmt_modified?: string;
      pre?: Long;
      real?: Long;
      status?: string;
      total_gift?: Long;
      total_pre?: Long;
      total_real?: Long;
      update_by?: string;
    }>;
    active_operator_id?: string;
    active_operator_name?: string;
    active_shop_id?: string;
    active_time?: string;
    buy?: boolean;
    card_id?: string;
    card_template_id?: string;
    card_type?: string;
    create_by?: string;
    customer_id?: string;
    deleted?: boolean;
    expire_end?: string;
    expire_start?: string;
    ext_info?: Extinfo;
    gmt_create?: string;
    gmt_modified?: string;
    open_operator_id?: string;
    open_operator_name?: string;
    open_shop_id?: string;
    open_shop_name?: string;
    open_time?: string;
    operator_id?: string;
    opt_plan_id?: string;
    physical_cards?: Array<{
      bind_operator_id?: string;
      bind_shop_id?: string;
      bind_time?: string;
      card_id?: string;
      card_template_id?: string;
      card_type?: string;
      create_by?: string;
      deleted?: boolean;
      ext_info?: Extinfo;
      gmt_create?: string;
      gmt_modified?: string;
      operator_id?: string;
      physical_card_id?: string;
      plan_id?: string;
      publish_id?: string;
      status?: string;
      update_by?: string;
    }>;
    plan_id?: string;
    status?: string;
    update_by?: string;
  }>;
  'alibaba.alsc.crm.customer.checkppw': CommonResult<boolean>;
  'alibaba.alsc.crm.customer.create': CommonResult<string>;
  'alibaba.alsc.crm.customer.get': CommonResult<CustomerAggOpenInfo>;
  'alibaba.alsc.crm.customer.resetppw': CommonResult<boolean>;
  'alibaba.alsc.crm.customer.update': CommonResult<string>;
  'alibaba.alsc.crm.customer.updateppw': CommonResult<string>;
  'alibaba.alsc.crm.customer.voucher.list': CommonPageResult<{
    amount?: Long;
    customer_id?: Long;
    end_time?: string;
    gmt_created?: string;
    start_fee?: Long;
    start_time?: string;
    status?: string;
    title?: string;
    voucher_id?: string;
    discount_rate?: string;
    voucher_template_id?: string;
    gift_point?: Long;
  }>;
  'alibaba.alsc.crm.marketing.encrypt': CommonResult<string>;
  'alibaba.alsc.crm.marketing.issue.voucher': CommonResult<PrizeInfo>;
  'alibaba.alsc.crm.marketing.share.customer.info': CommonResult<ShareMarketingCustomerVoucherInfo>;
  'alibaba.alsc.crm.menu.list': CommonPageResult<MenuOpenInfo>;
  'alibaba.alsc.crm.open.assert.refund': CommonResult<PropertyRefundOpenInfo>;
  'alibaba.alsc.crm.open.assert.verify': CommonResult<PropertyVerifyOpenInfo>;
  'alibaba.alsc.crm.open.customer.get': CommonResult<CustomerGetOpenInfo>;
  'alibaba.alsc.crm.open.customer.save': CommonResult<string>;
  'alibaba.alsc.crm.open.order.backflow': CommonResult<boolean>;
  'alibaba.alsc.crm.open.point.operate': CommonResult<boolean>;
  'alibaba.alsc.crm.open.recharge.operate': CommonResult<boolean>;
  'alibaba.alsc.crm.open.rule.get': CommonResult<RuleOpenInfo>;
  'alibaba.alsc.crm.point.cal': CommonResult<DuductedMoneyOpenInfo>;
  'alibaba.alsc.crm.point.chkpntbypay': CommonResult<boolean>;
  'alibaba.alsc.crm.point.consumepoint': CommonResult<string>;
  'alibaba.alsc.crm.point.extra.consume': CommonResult<string>;
  'alibaba.alsc.crm.point.extracharge': CommonResult<string>;
  'alibaba.alsc.crm.point.querypointflow': CommonPageResult<PointFlowOpenInfo>;
  'alibaba.alsc.crm.point.reversepoint': CommonResult<string>;
  'alibaba.alsc.crm.point.rule.get': CommonResult<PointRuleOpenInfo>;
  'alibaba.alsc.crm.promotion.list': CommonPageResult<PromotionFacadeOpenInfoList>;
  'alibaba.alsc.crm.recharge.account.flowdetail.get': CommonResult<{
    account_id?: string;
    affected_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    after_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    before_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    brand_id?: string;
    current_value?: Long;
    flow_id?: string;
    flow_type?: string;
    operator?: string;
    operator_name?: string;
    order_src?: Long;
    order_time?: string;
    order_value?: Long;
    outer_order_id?: string;
    remark?: string;
    shop_id?: string;
    shop_name?: string;
    card_id?: string;
    outer_pay_id?: string;
    ext_info?: string;
  }>;
  'alibaba.alsc.crm.recharge.account.get': CommonResult<RechargeAccountOpenInfo>;
  'alibaba.alsc.crm.recharge.accountflows.get': CommonPageResult<PageQueryAccountFlowsOpenInfo>;
  'alibaba.alsc.crm.recharge.charge.update': CommonResult<{
    account_id?: string;
    affected_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    after_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    before_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    brand_id?: string;
    current_value?: Long;
    ext_info?: Extinfo;
    flow_id?: string;
    flow_type?: string;
    operator?: string;
    operator_name?: string;
    order_src?: Long;
    order_time?: string;
    order_value?: Long;
    outer_order_id?: string;
    remark?: string;
    shop_id?: string;
    shop_name?: string;
  }>;
  'alibaba.alsc.crm.recharge.chargeprecheck.get': CommonResult<boolean>;
  'alibaba.alsc.crm.recharge.dedut.update': CommonResult<{
    account_id?: string;
    affected_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    after_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    before_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    brand_id?: string;
    current_value?: Long;
    ext_info?: Extinfo;
    flow_id?: string;
    flow_type?: string;
    operator?: string;
    operator_name?: string;
    order_src?: Long;
    order_time?: string;
    order_value?: Long;
    outer_order_id?: string;
    remark?: string;
    shop_id?: string;
    shop_name?: string;
  }>;
  'alibaba.alsc.crm.recharge.dedutprecheck.get': CommonResult<boolean>;
  'alibaba.alsc.crm.recharge.qryrule': CommonResult<{
    card_type?: string;
    create_by?: string;
    deduction_order?: string;
    deleted?: boolean;
    full_gift_switch?: boolean;
    gift_type?: string;
    gmt_create?: string;
    gmt_modified?: string;
    list_recharge_rule_detail_info_list?: Array<{
      gift_point?: Long;
      gift_value?: Long;
      real_value?: Long;
      remark?: string;
    }>;
    pay_no_pwd_credit?: Long;
    pay_no_pwd_switch?: boolean;
    rule_id?: string;
    rule_name?: string;
    shop_id?: string;
    update_by?: string;
    out_shop_id?: string;
  }>;
  'alibaba.alsc.crm.recharge.uncharge.update': CommonResult<{
    account_id?: string;
    affected_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    after_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    before_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    brand_id?: string;
    current_value?: Long;
    ext_info?: Extinfo;
    flow_id?: string;
    flow_type?: string;
    operator?: string;
    operator_name?: string;
    order_src?: Long;
    order_time?: string;
    order_value?: Long;
    outer_order_id?: string;
    remark?: string;
    shop_id?: string;
    shop_name?: string;
  }>;
  'alibaba.alsc.crm.recharge.unchargecheck.get': CommonResult<boolean>;
  'alibaba.alsc.crm.recharge.undedut.update': CommonResult<{
    account_id?: string;
    affected_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    after_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    before_property_list?: Array<RechargeAccountPropertyOpenInfo>;
    brand_id?: string;
    current_value?: Long;
    ext_info?: Extinfo;
    flow_id?: string;
    flow_type?: string;
    operator?: string;
    operator_name?: string;
    order_src?: Long;
    order_time?: string;
    order_value?: Long;
    outer_order_id?: string;
    remark?: string;
    shop_id?: string;
    shop_name?: string;
  }>;
  'alibaba.alsc.crm.rule.level.querylevelrule': CommonPageResult<LevelRuleOpenInfo>;
  'alibaba.alsc.crm.rule.querydishrule': CommonPageResult<DishGrowOpenRuleInfo>;
  'alibaba.alsc.crm.rule.querygrowrule': CommonResult<GrowRuleOpenInfo>;
  'alibaba.alsc.crm.rule.queryjoinmrule': CommonResult<JoinMemRuleOpenInfo>;
  'alibaba.alsc.crm.rule.querymdayerule': CommonResult<MemDayRuleOpenInfo>;
  'alibaba.alsc.crm.rule.querympricerule': CommonResult<MemPriceRuleOpenInfo>;
  'alibaba.alsc.crm.rule.queryoptplan': CommonPageResult<OptPlanOpenInfo>;
  'alibaba.alsc.crm.rule.querytaglist': CommonPageResult<CrmTagOpenInfo>;
  'alibaba.alsc.crm.voucher.send': CommonResult<boolean>;
  'alibaba.alsc.crm.voucher.status.change': CommonResult<VoucherUsingOpenInfo>;
  'alibaba.alsc.crm.voucher.template.list': CommonPageResult<VoucherTemplateOpenInfo>;
}

export interface BatchActiveCardOpenInfo {
  all_success?: boolean;
  result_map?: string;
}

export interface BatchOpenCardOpenInfo {
  result_map?: string;
  all_success?: string;
}

export interface CrmTagOpenInfo {
  deleted?: boolean;
  gmt_create?: string;
  gmt_modified?: string;
  plan_id?: string;
  tag_id?: string;
  tag_name?: string;
  tag_type?: string;
}

export interface CustomerAggOpenInfo {
  card_open_info_list?: Array<{
    card_id?: string;
    card_template_id?: string;
    card_type?: string;
    deleted?: boolean;
    gmt_create?: string;
    gmt_modified?: string;
    open_operator_id?: string;
    open_operator_name?: string;
    open_shop_id?: string;
    open_shop_name?: string;
    open_time?: string;
    physical_cards?: Array<{
      bind_operator_id?: string;
      bind_shop_id?: string;
      bind_time?: string;
      card_id?: string;
      card_template_id?: string;
      card_type?: string;
      physical_card_id?: string;
      publish_id?: string;
      status?: string;
      card_template_name?: string;
    }>;
    accounts?: Array<{
      account_id?: string;
      account_type?: string;
      status?: string;
      balance?: Long;
      real?: Long;
      gift?: Long;
      pre?: Long;
      currency?: string;
      total_real?: Long;
      total_gift?: Long;
      total_pre?: Long;
    }>;
    status?: string;
    expire_start?: string;
    expire_end?: string;
  }>;
  customer_open_info?: {
    address?: string;
    avg_consume?: Long;
    birthday?: string;
    channel?: Long;
    consume_amount?: Long;
    consume_num?: Long;
    create_by?: string;
    customer_id?: string;
    customer_store_id?: string;
    customer_time?: string;
    customer_type?: Long;
    deleted?: boolean;
    email?: string;
    follow_wx_time?: string;
    gender?: Long;
    gmt_create?: string;
    gmt_modified?: string;
    invoice?: string;
    last_consume_time?: string;
    level_desc?: string;
    level_id?: string;
    level_no?: Long;
    member_store_id?: string;
    member_time?: string;
    mobile?: string;
    name?: string;
    phone?: string;
    remark?: string;
    state?: Long;
    tags?: string[];
    update_by?: string;
    growth?: Long;
    has_password?: boolean;
    customer_out_info_list?: Array<CustomerOutInfo>;
  };
  customer_voucher_full_open_info_list?: Array<{
    amount?: Long;
    customer_id?: Long;
    end_time?: string;
    gmt_created?: string;
    shop_id?: Long;
    start_fee?: Long;
    start_time?: string;
    status?: string;
    title?: string;
    voucher_id?: string;
    voucher_type?: string;
  }>;
  point_account?: {
    available_point?: Long;
    customer_id?: string;
    freeze_point?: Long;
    total_expired_point?: Long;
    total_point?: Long;
    total_used_point?: Long;
  };
}

export interface CustomerGetOpenInfo {
  card_open_info_list?: Array<{
    accounts?: Array<{
      balance?: Long;
      gift?: Long;
      pre?: Long;
      real?: Long;
      total_gift?: Long;
      total_pre?: Long;
      total_real?: Long;
    }>;
    card_id?: string;
    card_template_id?: string;
    card_type?: string;
    status?: string;
  }>;
  customer_open_info?: {
    birthday?: string;
    channel?: Long;
    customer_id?: string;
    customer_type?: Long;
    email?: string;
    gender?: Long;
    level_desc?: string;
    level_id?: string;
    level_no?: Long;
    mobile?: string;
    name?: string;
    remark?: string;
    member_time?: string;
    member_store_id?: string;
  };
  point_account_open_info?: {
    available_point?: Long;
    freeze_point?: Long;
    total_point?: Long;
    total_used_point?: Long;
    remain_point?: Long;
  };
  voucher_open_info_list?: Array<VoucherOpenInfo>;
}

export interface CustomerOutInfo {
  out_type?: string;
  out_id?: string;
}

export interface DishGrowOpenRuleInfo {
  deleted?: boolean;
  dish_rule_id?: string;
  ext_info?: string;
  gmt_create?: string;
  gmt_modified?: string;
  plan_id?: string;
  sku_id?: string;
  to_level_id?: string;
  out_sku_id?: string;
}

export interface DuductedMoneyOpenInfo {
  consume_point?: Long;
  deducted_money?: Long;
  deleted?: boolean;
  gmt_create?: string;
  gmt_modified?: string;
}

export interface Extinfo {
  empty?: boolean;
}

export interface GrowRuleOpenInfo {
  common_consume_grow_support?: boolean;
  create_by?: string;
  decrease_support?: boolean;
  deleted?: boolean;
  ext_info?: string;
  gmt_create?: string;
  gmt_modified?: string;
  grow_rule_id?: string;
  grow_support?: boolean;
  level_consume_grow_rule_open_info_list?: Array<LevelConsumeGrowRuleOpenInfo>;
  recharge_consume_grow_support?: boolean;
  recharge_grow_support?: boolean;
  update_by?: string;
}

export interface ItemSelectedOpenInfo {
  sku_id?: string;
  dish_id?: string;
  dish_out_no?: string;
  sku_out_no?: string;
}

export interface ItemSelectedOpenInfoList {
  sku_id?: string;
  dish_id?: string;
  sku_out_no?: string;
  dish_out_no?: string;
}

export interface JoinMemRuleOpenInfo {
  deleted?: boolean;
  follow_wechat_support?: boolean;
  gmt_create?: string;
  gmt_modified?: string;
  join_member_dish_support?: boolean;
  mobile_register_support?: boolean;
  pay_join_support?: boolean;
  scan_order_support?: boolean;
}

export interface LevelConsumeGrowRuleOpenInfo {
  create_by?: string;
  deleted?: boolean;
  ext_info?: string;
  gmt_create?: string;
  gmt_modified?: string;
  level_id?: string;
  level_name?: string;
  level_no?: string;
  per_consume?: Long;
  per_growth?: Long;
  update_by?: string;
}

export interface LevelMenuOpenInfo {
  deleted?: boolean;
  level_id?: string;
  level_name?: string;
  menu_id?: string;
  menu_name?: string;
  use_switch?: boolean;
}

export interface LevelPointOpenInfo {
  deleted?: boolean;
  level_id?: string;
  level_name?: string;
  times?: string;
  use_switch?: boolean;
}

export interface LevelRuleOpenInfo {
  level_id?: string;
  level_no?: Long;
  level_name?: string;
  threshold?: Long;
  present_point?: Long;
  gmt_create?: string;
  gmt_modified?: string;
  create_by?: string;
  update_by?: string;
  deleted?: boolean;
  ext_info?: unknown;
}

export interface MemDayRuleOpenInfo {
  deleted?: boolean;
  gmt_create?: string;
  gmt_modified?: string;
  level_menu_list?: Array<LevelMenuOpenInfo>;
  level_point_list?: Array<LevelPointOpenInfo>;
  mem_day_circle?: string;
  mem_day_circle_type?: string;
  mem_day_rule_id?: string;
  mem_day_switch?: boolean;
  menu_switch?: boolean;
  point_switch?: boolean;
  ext_info?: string;
}

export interface MemPriceRuleOpenInfo {
  deleted?: boolean;
  gmt_create?: string;
  gmt_modified?: string;
  level_menu_list?: Array<LevelMenuOpenInfo>;
  pay_type?: string;
  ext_info?: string;
}

export interface MemberPointAdditionRuleOpenInfo {
  allow_product_type?: string;
  allow_recharge?: boolean;
  consume_money?: Long;
  enable?: boolean;
  level_id?: string;
  reward_point?: Long;
  sku_ids?: string[];
}

export interface MemberPointDeductionRuleOpenInfo {
  consume_money?: Long;
  deducted_point?: Long;
  enable?: boolean;
  has_upper_limit?: boolean;
  level_id?: string;
  max_point?: Long;
}

export interface MenuDetailOpenInfo {
  pro_discount?: string;
  pro_type?: string;
  sku_id?: string;
  dish_out_no?: string;
  sku_out_no?: string;
  dish_id?: string;
  pro_price?: Long;
}

export interface MenuOpenInfo {
  effect_end?: string;
  effect_start?: string;
  menu_detail_open_info_list?: Array<MenuDetailOpenInfo>;
  menu_id?: string;
  name?: string;
  pro_discount?: string;
  pro_mode?: string;
  deleted?: boolean;
  gmt_modified?: string;
  gmt_create?: string;
}

export interface OpenGiftVoucherOpenInfo {
  num?: Long;
  voucher_id?: string;
}

export interface OptPlanOpenInfo {
  opt_plan_id?: string;
  opt_plan_name?: string;
  remark?: string;
  opt_plan_type?: Long;
  recharge_rule_id?: string;
  recharge_rule_name?: string;
  point_rule_id?: string;
  point_rule_name?: string;
  apply_shop_count?: Long;
  shop_group_info?: ShopGroupOpenInfo;
  gmt_create?: string;
  gmt_modified?: string;
  create_by?: string;
  update_by?: string;
  deleted?: boolean;
}

export interface PageQueryAccountFlowsOpenInfo {
  account_id?: string;
  create_by?: string;
  current_value?: Long;
  deleted?: boolean;
  flow_id?: string;
  flow_type?: string;
  gmt_create?: string;
  gmt_modified?: string;
  operator?: string;
  operator_name?: string;
  order_src?: Long;
  order_time?: string;
  order_value?: Long;
  outer_order_id?: string;
  remark?: string;
  shop_id?: string;
  shop_name?: string;
  update_by?: string;
  gift_value?: Long;
  outer_pay_id?: string;
  ext_info?: string;
}

export interface PayMethodPointAdditionRuleOpenInfo {
  enable?: boolean;
  method_id?: string;
  method_name?: string;
}

export interface PointAdditionRuleOpenInfo {
  allow_pay_methods?: Array<PayMethodPointAdditionRuleOpenInfo>;
  member_point_addition_rules?: Array<MemberPointAdditionRuleOpenInfo>;
}

export interface PointClearRuleOpenInfo {
  days?: Long;
  point_clear_rule_type?: string;
}

export interface PointDeductionRuleOpenInfo {
  member_point_deduction_rules?: Array<MemberPointDeductionRuleOpenInfo>;
  with_coupon?: boolean;
}

export interface PointFlowOpenInfo {
  biz_type?: string;
  biz_type_description?: string;
  change_point?: Long;
  flow_id?: string;
  operator_name?: string;
  out_biz_id?: string;
  reason?: string;
  remain_point?: Long;
  shop_name?: string;
  time?: string;
}

export interface PointRuleOpenInfo {
  create_by?: string;
  deleted?: boolean;
  ext_info?: Extinfo;
  gmt_create?: string;
  gmt_modified?: string;
  name?: string;
  point_addition_rule?: PointAdditionRuleOpenInfo;
  point_clear_rule?: PointClearRuleOpenInfo;
  point_deduction_rule?: PointDeductionRuleOpenInfo;
  rule_id?: string;
  update_by?: string;
  update_by_name?: string;
  create_by_name?: string;
}

export interface PrizeInfo {
  prize_item_info_list?: Array<PrizeItemInfo>;
  win_prize?: boolean;
}

export interface PrizeItemInfo {
  denomination?: string;
  prize_level?: Long;
  prize_name?: string;
  voucher_ids?: string[];
  voucher_name?: string;
  voucher_type?: string;
}

export interface PromotionFacadeOpenInfoList {
  available_time?: string;
  gmt_create?: string;
  deleted?: boolean;
  description?: string;
  end_time?: string;
  item_coverage?: string;
  item_selected_open_info_list?: Array<ItemSelectedOpenInfoList>;
  name?: string;
  promotion_id?: string;
  shop_selected_open_info_list?: Array<ShopSelectedOpenInfoList>;
  start_time?: string;
  status?: string;
  suitable_people?: string;
  gmt_modified?: string;
  type?: string;
  ext_info?: string;
  create_by?: string;
  update_by?: string;
  update_by_name?: string;
}

export interface PropertyRefundOpenInfo {
  point_success?: boolean;
  value_success?: boolean;
  voucher_status_list?: Array<VoucherStatusInfo>;
}

export interface PropertyVerifyOpenInfo {
  point_success?: boolean;
  value_success?: boolean;
  voucher_status_list?: Array<VoucherStatusInfo>;
}

export interface RechargeAccountOpenInfo {
  account_id?: string;
  card_id?: string;
  customer_id?: string;
  deleted?: boolean;
  gift_value?: Long;
  gift_value_total?: Long;
  gmt_create?: string;
  gmt_modified?: string;
  opt_plan_id?: string;
  pre_value?: Long;
  pre_value_total?: Long;
  real_value?: Long;
  real_value_total?: Long;
  usable_value?: Long;
}

export interface RechargeAccountPropertyOpenInfo {
  type?: string;
  value?: Long;
}

export interface RuleOpenInfo {
  point_deduction_rule?: PointDeductionRuleOpenInfo;
  voucher_template_setting_open_infos?: Array<VoucherTemplateSettingOpenInfo>;
  recharge_rule_open_info?: {
    rule_id?: string;
    rule_name?: string;
    full_gift_switch?: boolean;
    gift_type?: string;
    pay_no_pwd_switch?: boolean;
    pay_no_pwd_credit?: Long;
    deduction_order?: string;
    shop_id?: string;
    list_recharge_rule_detail_infos?: Array<{
      remark?: string;
      gift_point?: Long;
      gift_value?: Long;
      real_value?: Long;
    }>;
  };
}

export interface ShareMarketingCustomerVoucherInfo {
  share_data?: string;
  shared_received?: string;
}

export interface ShopGroupOpenInfo {
  shop_ids?: string[];
  shop_group_id?: string;
  shop_group_type?: Long;
  opt_plan_id?: string;
  out_shop_ids?: string[];
}

export interface ShopSelectedOpenInfo {
  shop_id?: string;
  out_shop_id?: string;
}

export interface ShopSelectedOpenInfoList {
  shop_id?: string;
  out_shop_id?: string;
}

export interface VoucherItemInfo {
  sku_id?: string;
  dish_id?: string;
  sku_out_no?: string;
  dish_out_no?: string;
}

export interface VoucherOpenInfo {
  amount?: Long;
  end_time?: string;
  start_fee?: Long;
  start_time?: string;
  status?: string;
  title?: string;
  voucher_id?: string;
  voucher_template_id?: string;
  voucher_type?: string;
  discount_rate?: string;
  item_id_list?: string[];
  shop_id_list?: string[];
  user_limit?: Long;
  item_coverage?: string;
  shop_coverage?: string;
  available_time?: string;
  item_info_list?: Array<VoucherItemInfo>;
  shop_info_list?: Array<VoucherShopInfo>;
  ext_info?: string;
  use_condition?: string;
}

export interface VoucherShopInfo {
  out_shop_id?: string;
  shop_id?: string;
}

export interface VoucherStatus {
  is_success?: boolean;
  voucher_id?: string;
}

export interface VoucherStatusInfo {
  success?: boolean;
  voucher_id?: string;
}

export interface VoucherTemplateOpenInfo {
  available_time?: string;
  description?: string;
  end_time?: string;
  ext_info?: string;
  inventory?: Long;
  item_coverage?: string;
  item_selected_open_info_list?: Array<ItemSelectedOpenInfo>;
  min_charge?: Long;
  name?: string;
  shop_selected_open_info_list?: Array<ShopSelectedOpenInfo>;
  start_time?: string;
  status?: string;
  today_available?: boolean;
  type?: string;
  use_condition?: string;
  user_limit?: Long;
  valid_date_type?: string;
  valid_day_count?: Long;
  voucher_template_id?: string;
  deleted?: boolean;
  denomination?: string;
  update_by?: string;
  create_by?: string;
  gmt_create?: string;
  gmt_modified?: string;
}

export interface VoucherTemplateSettingOpenInfo {
  order_channel?: string;
  per_day?: Long;
  per_order?: Long;
  voucher_template_ids?: string[];
}

export interface VoucherUsingOpenInfo {
  voucher_status_list?: Array<VoucherStatus>;
}

export interface WxCardOpenExt {
  brand_logo?: string;
  general_bg_logo?: string;
  general_bg_switch?: boolean;
  paid_get_switch?: boolean;
  wx_level_bgs?: Array<WxLevelBgOpenInfo>;
}

export interface WxLevelBgOpenInfo {
  bg_url?: string;
  level_id?: string;
  level_name?: string;
}

/** Every declared ALSC method. */
export type AlscMethod = keyof OperationParams;
