// A Node backend as a user writes it: bundled whole by tests/js/package/bundling.test.mjs (esbuild
// ESM and CommonJS, Vite SSR) and run from a folder that holds nothing but the bundle.
import { TopClient, validate } from 'loyalty-sdk';
import { fakeGateway } from 'loyalty-sdk/testing';

(async () => {
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
    out_biz_id: 'BUNDLE-1',
    request_id: 'BUNDLE-1',
  });
  const points = gateway.ledger.view().find((c) => c.customer_id === '7027365982937563912722').points.available;
  const errors = validate('alibaba.alsc.crm.point.extra.consume', {}).length;
  console.log(JSON.stringify({ ok: answer.biz_success, points, errors }));
})();
