// A Worker as a user writes it, bundled by esbuild with the workerd conditions (the wasm copied
// beside the bundle as a module) and run by tests/js/package/bundling.test.mjs in workerd.
import { TopClient } from 'loyalty-sdk';
import { fakeGateway } from 'loyalty-sdk/testing';

export default {
  async fetch() {
    const gateway = fakeGateway();
    const top = new TopClient({
      appKey: '12345678',
      appSecret: 'sandbox-top-secret',
      gateway: 'https://gw.invalid/router/rest',
      fetch: gateway.fetch,
    });
    const answer = await top.call('alibaba.alsc.crm.point.extra.consume', {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      change_point: 7,
      customer_id: '7027365982937563912722',
      operator_id: 'op-1',
      out_biz_id: 'WORKER-1',
      request_id: 'WORKER-1',
    });
    const points = gateway.ledger.view().find((c) => c.customer_id === '7027365982937563912722').points.available;
    return Response.json({ ok: answer.biz_success, points });
  },
};
