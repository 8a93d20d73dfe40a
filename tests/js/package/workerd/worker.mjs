// A Worker that uses the package's workerd entry: the wasm arrives as a compiled module.
import { TopClient, validate, newRequestId, SdkError } from '../../../../pkg/workerd.js';
import { fakeGateway } from '../../../../pkg/testing.js';

export default {
  async fetch(request) {
    if (new URL(request.url).pathname === '/testing') {
      // loyalty-sdk/testing inside workerd: call() against the fake gateway, md5-signed.
      const gateway = fakeGateway();
      const top = new TopClient({
        appKey: '12345678',
        appSecret: 'sandbox-top-secret',
        signMethod: 'md5',
        gateway: 'https://fake.invalid/router/rest',
      });
      const answer = await top.call(
        'alibaba.alsc.crm.point.extra.consume',
        {
          biz_channel: 'CS',
          brand_id: '10001',
          shop_id: '20001',
          change_point: 7,
          customer_id: '7027365982937563912722',
          operator_id: 'o',
          out_biz_id: 'W-1',
          request_id: 'W-1',
        },
        { fetch: gateway.fetch },
      );
      const points = gateway.ledger.view().find((c) => c.customer_id === '7027365982937563912722').points.available;
      return Response.json({ ok: answer.biz_success, points });
    }
    const { params, timestamp } = await request.json();
    const client = new TopClient({ appKey: '12345678', appSecret: 'worker-secret', signMethod: 'hmac-sha256' });
    const prepared = client.prepare('alibaba.alsc.crm.point.extra.consume', params, { timestamp });
    let error;
    try {
      client.parse(
        'alibaba.alsc.crm.point.extra.consume',
        200,
        '{"error_response":{"code":25,"msg":"Invalid signature"}}',
      );
    } catch (e) {
      error = {
        isSdkError: e instanceof SdkError,
        isError: e instanceof Error,
        code: e.code,
        platformCode: e.platformCode,
      };
    }
    return Response.json({
      prepared,
      errors: validate('alibaba.alsc.crm.point.extra.consume', {}),
      requestId: newRequestId(),
      error,
    });
  },
};
