// The benchmarks' answer pages: recharge account flows (alibaba.alsc.crm.recharge.accountflows.get)
// of `n` items, flow ids past 2^53, as JSON (the ids bare numbers, as the gateway sends them) and
// as XML of the same items.

/** Flow item `n`. */
export const item = (n) => ({
  flow_id: `${9007199254740993n + BigInt(n)}`,
  account_id: '7627347265',
  flow_type: 'DEDUT',
  current_value: 4000 + n,
  order_value: -65,
  order_time: '2019-08-08 15:15:41',
  operator: '76127653175',
  shop_id: '736182678',
  remark: '机会均等',
  deleted: false,
});

const xmlOf = (o) =>
  Object.entries(o)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');

/** The page of `n` items: `{ json, xml }` bodies. */
export function pageOf(n) {
  const items = Array.from({ length: n }, (_, at) => item(at));
  const json = JSON.stringify({
    result: { biz_success: true, current_page: 1, page_size: n, total_size: n, result_list: items, result_code: '200' },
  }).replace(/"flow_id":"(\d+)"/g, '"flow_id":$1');
  const xml = `<?xml version="1.0" encoding="utf-8"?><alibaba_alsc_crm_recharge_accountflows_get_response><result><biz_success>true</biz_success><current_page>1</current_page><page_size>${n}</page_size><total_size>${n}</total_size><result_list>${items.map((it) => `<recharge_account_flow_open_info>${xmlOf(it)}</recharge_account_flow_open_info>`).join('')}</result_list><result_code>200</result_code></result></alibaba_alsc_crm_recharge_accountflows_get_response>`;
  return { json, xml };
}
