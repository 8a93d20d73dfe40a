// The proxy's own CPU per call, measured in workerd: one request runs the proxy's real fetch
// handler `n` times over stand-ins for everything outside the Worker (the platform answers at
// once, the Durable Object admits every call, D1 accepts every row), so the workerd process's
// CPU time over `n` calls is the Worker's own work: sign-in, body, validation, limits,
// prepare, parse, the audit row, the reply. Used by tests/bench/proxy.mjs.
import proxy from '../../www/worker/src/index.js';

const ANSWER = JSON.stringify({
  result: { biz_success: true, result: '333213123', result_code: '200', result_desc: '成功', result_view: '' },
});

const ledger = {
  begin: async () => ({ verdict: 'go' }),
  finish: async () => {},
  usage: async () => ({ points: 0, value: 0 }),
};
const namespace = (stub) => ({ idFromName: (name) => name, get: () => stub });
const d1 = { prepare: () => ({ bind: () => ({ run: async () => ({ success: true }) }) }) };

export default {
  async fetch(request, env) {
    const { n, token } = await request.json();
    const stubEnv = { ...env, OPERATORS: namespace(ledger), U8_TOKEN: namespace({}), AUDIT_DB: d1, ASSETS: undefined };
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
          request_id: `cpu-${i}`,
        });
        const r = await proxy.fetch(
          new Request('https://proxy.example/v1/top/alibaba.alsc.crm.point.extra.consume', {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body,
          }),
          stubEnv,
        );
        if (r.status === 200 && (await r.json()).ok) ok++;
      }
    } finally {
      globalThis.fetch = platform;
    }
    return Response.json({ ok });
  },
};
