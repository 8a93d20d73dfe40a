// The baseline `make bench` measures the proxy against: a bare Worker that makes the same call
// to the platform with the package's TopClient (signs, sends, parses) and answers its data, with
// none of the proxy's own work (no sign-in, scope, limits, Durable Object or audit). It exports
// the proxy's Durable Object and Workflow classes only because wrangler.toml binds them.
import { TopClient } from 'loyalty-sdk';

export { OperatorLedger, OrderBook, U8TokenHolder, ReconciliationRun, BulkJob } from '../../www/worker/src/index.js';

let client = null;

export default {
  async fetch(request, env) {
    client ??= new TopClient({
      appKey: env.TOP_APP_KEY,
      appSecret: env.TOP_APP_SECRET,
      signMethod: env.TOP_SIGN_METHOD,
      gateway: env.TOP_GATEWAY,
    });
    const method = decodeURIComponent(new URL(request.url).pathname.slice('/v1/top/'.length));
    const params = await request.json();
    try {
      const data = await client.call(method, { ...params, operator_id: 'op-pass' }, { timeoutMs: 8000, retries: 0 });
      return Response.json({ ok: true, data, request_id: params.request_id ?? null });
    } catch (e) {
      return Response.json({ ok: false, error: { code: e.code, message: e.message } }, { status: 502 });
    }
  },
};
