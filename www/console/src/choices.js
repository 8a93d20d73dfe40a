// Labelled choices the console offers where the SDK's metadata has none. A top-up's charge_type
// (充值方式) is free text in its definition, and the platform documents no values for it; POS
// systems fill it with a payment method. The overlay cannot declare them here: a choice set
// there is an enumeration the core enforces (compiled into the wasm), which the documents do
// not make of this field. So the console offers the payment methods the platform documents
// for an order's payment (open.order.backflow `pay_method`: 现金-CASH, 银行卡支付-BANK,
// 微信-WECHAT, 支付宝-ALIPAY, 代扣-DEDUCT, 其他方式-OTHER), less those that are the loyalty
// assets themselves (stored value, points, vouchers), which cannot pay for a top-up.

export const PAYMENT_METHODS = [
  { value: 'CASH', zh: '现金', en: 'cash' },
  { value: 'WECHAT', zh: '微信', en: 'WeChat Pay' },
  { value: 'ALIPAY', zh: '支付宝', en: 'Alipay' },
  { value: 'BANK', zh: '银行卡支付', en: 'bank card' },
  { value: 'DEDUCT', zh: '代扣', en: 'direct debit' },
  { value: 'OTHER', zh: '其他方式', en: 'other' },
];

// Per method, the free-text fields that take these choices.
const CHOICES = { 'alibaba.alsc.crm.recharge.charge.update': { charge_type: PAYMENT_METHODS } };

/** An operation's metadata with the console's choices on the fields that have none of their own. */
export function withConsoleChoices(meta) {
  const own = CHOICES[meta.method];
  if (!own) return meta;
  return { ...meta, fields: meta.fields.map((f) => (own[f.name] && !f.choices ? { ...f, choices: own[f.name] } : f)) };
}
