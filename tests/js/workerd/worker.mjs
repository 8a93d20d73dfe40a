// A Worker that uses the package's workerd entry: the wasm arrives as a compiled module.
import { TopClient, validate, newRequestId, SdkError } from '../../../pkg/workerd.js';

export default {
  async fetch(request) {
    const { params, timestamp } = await request.json();
    const client = new TopClient({ appKey: '12345678', appSecret: 'worker-secret', signMethod: 'hmac-sha256' });
    const prepared = client.prepare('alibaba.alsc.crm.point.extra.consume', params, { timestamp });
    let error;
    try {
      client.parse('alibaba.alsc.crm.point.extra.consume', 200, '{"error_response":{"code":25,"msg":"Invalid signature"}}');
    } catch (e) {
      error = { isSdkError: e instanceof SdkError, isError: e instanceof Error, code: e.code, platformCode: e.platformCode };
    }
    return Response.json({ prepared, errors: validate('alibaba.alsc.crm.point.extra.consume', {}), requestId: newRequestId(), error });
  },
};
