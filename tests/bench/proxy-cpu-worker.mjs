// The proxy's own CPU per call, measured in workerd: one request runs the proxy's real fetch
// handler `n` times over stand-ins for everything outside the Worker (the platform answers at
// once, the Durable Object admits every call, D1 accepts every row), so the workerd process's
// CPU time over `n` calls is the Worker's own work: sign-in, body, validation, limits,
// prepare, parse, the audit row, the reply. Used by tests/bench/proxy.mjs.
// The stand-ins answer as the real ones do: the operator's ledger admits (`begin`) and takes
// the outcome (`finish`) at once; `waitUntil` lets the outcome's promise run.
import proxy from '../../www/worker/src/index.js';
import passThrough from './passthrough-worker.mjs';

const ANSWER = JSON.stringify({
  result: { biz_success: true, result: '333213123', result_code: '200', result_desc: '成功', result_view: '' },
});

const ledger = {
  begin: async () => ({ verdict: 'go', attempt: 1, retry: false, voucherValue: '0' }),
  finish: async () => {},
  touch: async () => ({ verdict: 'go', usage: {} }),
};
const ctx = { waitUntil: () => {} };
const namespace = (stub) => ({ idFromName: (name) => name, get: () => stub });
const d1 = { prepare: () => ({ bind: () => ({ run: async () => ({ success: true }) }) }) };

export default {
  async fetch(request, env) {
    const { n, token, which } = await request.json();
    const handler = which === 'pass' ? passThrough : proxy;
    const stubEnv = {
      ...env,
      OPERATORS: namespace(ledger),
      ORDERS: namespace({}),
      U8_TOKEN: namespace({}),
      AUDIT_DB: d1,
      ASSETS: undefined,
    };
    const platform = globalThis.fetch;
    globalThis.fetch = async () =>
      new Response(ANSWER, { headers: { 'content-type': 'application/json;charset=UTF-8' } });
    let ok = 0;
    try {
      for (let i = 0; i < n; i++) {
        const body = JSON.stringify({
          biz_channel: 'CS',
          brand_id: '10001',
          shop_id: '20001',
          change_point: 1,
          customer_id: '7027365982937563912722',
          out_biz_id: `B-${i}`,
          reason: 'bench',
          request_id: `cpu-${i}`,
        });
        const r = await handler.fetch(
          new Request('https://proxy.example/v1/top/alibaba.alsc.crm.point.extra.consume', {
            method: 'POST',
            // As a browser's fetch sends it: with its length.
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'content-length': String(new TextEncoder().encode(body).length),
            },
            body,
          }),
          stubEnv,
          ctx,
        );
        if (r.status === 200 && (await r.json()).ok) ok++;
      }
    } finally {
      globalThis.fetch = platform;
    }
    return Response.json({ ok });
  },
};
