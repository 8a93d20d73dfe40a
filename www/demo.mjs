#!/usr/bin/env node
// The demo, until the edge proxy and console land: starts the sandbox gateway on
// 127.0.0.1:8788, walks the three seed operations and a U8 points/change through the SDK
// package against it, prints what happened, and keeps the sandbox up until Ctrl-C.
import { TopClient, U8Client, newRequestId, SdkError } from 'loyalty-sdk';
import { startSandbox } from './sandbox/server.mjs';

const port = Number(process.env.SANDBOX_PORT ?? 8788);
const sb = await startSandbox({ port });
const top = new TopClient({ appKey: '12345678', appSecret: 'sandbox-top-secret', gateway: `${sb.url}/router/rest` });
const u8 = new U8Client({ fromAccount: 'openapi_dev', toAccount: 'openapi_ent', appKey: 'opa-sandbox', appSecret: 'sandbox-u8-secret', baseUrl: sb.url });
const customer = '7027365982937563912722';
const order = `DEMO-${Date.now()}`;
const show = (title, value) => console.log(`\n== ${title}\n${JSON.stringify(value, null, 2)}`);

try {
  const who = await top.call('alibaba.alsc.crm.open.customer.get', { brand_id: '10001', shop_id: '20001', mobile: '13800000001' });
  show('open.customer.get (查询会员资产)', who.result.point_account_open_info);
  show('point.extra.consume (积分补扣) 300 points', await top.call('alibaba.alsc.crm.point.extra.consume', {
    biz_channel: 'CS', brand_id: '10001', shop_id: '20001', change_point: 300, customer_id: customer, operator_id: 'demo-operator', out_biz_id: order, request_id: newRequestId(), reason: '演示',
  }));
  const value = await top.call('alibaba.alsc.crm.recharge.dedut.update', {
    biz_channel: 'CS', brand_id: '10001', shop_id: '20001', customer_id: customer, operator_id: 'demo-operator', outer_order_id: order, request_id: newRequestId(), value: 2500,
  });
  show('recharge.dedut.update (储值消费) 25.00 元', { before: value.result.before_property_list, after: value.result.after_property_list, flow_id: value.result.flow_id });
  show('open.assert.refund (资产核销回退)', await top.call('alibaba.alsc.crm.open.assert.refund', {
    brand_id: '10001', shop_id: '20001', operator_id: 'demo-operator', outer_order_id: order, new_outer_order_id: `${order}-R`, request_id: newRequestId(),
  }));
  show('U8 points/change (积分增加) 100 points', await u8.call('points/change', [
    { mid: '10000001', action_type: 5, ori_money: '100.00', calc_money: '100.00', ori_points: 100, source_code: order },
  ]));
  try {
    await top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS', brand_id: '10001', shop_id: '20001', change_point: 1_000_000, customer_id: customer, operator_id: 'demo-operator', out_biz_id: `${order}-X`, request_id: newRequestId() });
  } catch (e) {
    if (!(e instanceof SdkError)) throw e;
    show('a business refusal, as the console would show it', { code: e.code, platformCode: e.platformCode, resultView: e.resultView, retriable: e.retriable });
  }
} catch (e) {
  console.error('demo failed:', e);
}
console.log(`\nSandbox gateway running on ${sb.url} — ledger: ${sb.url}/__sandbox/ledger, journal: ${sb.url}/__sandbox/journal. Ctrl-C to stop.`);
const stop = async () => {
  await sb.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
