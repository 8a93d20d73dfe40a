// The proxy against a bare pass-through Worker (tests/bench/passthrough-worker.mjs: the same
// call made with the package's TopClient, nothing else), in one run, both in workerd through
// Miniflare against the sandbox: latency and throughput of writes (point.extra.consume) at
// concurrency 1 and 32, the round trips per call to the Durable Objects and D1 counted
// (tests/bench/proxy-counted-worker.mjs), the Worker's own CPU per call, and the operator's
// Durable Object storage per 1,000 writes. Prints; asserts nothing.
// Run: make bench   (or: node tests/bench/proxy.mjs after `make pkg`)
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerdCpu } from './cpu.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';

const CUSTOMER = '7027365982937563912722';
const ROUNDS = 3;
const sb = await startSandbox({ port: 0 });
// The demo roles, without the per-minute cap that would stop a benchmark.
const roles = JSON.parse(demoVars().ROLES);
delete roles.manager.limits.callsPerMinute;
const vars = { ...demoVars(), ROLES: JSON.stringify(roles), TOP_GATEWAY: `${sb.url}/router/rest`, U8_BASE_URL: sb.url };
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const proxy = await startWorker({ vars, assetsDir: '/nonexistent', entry: here('./proxy-counted-worker.mjs') });
const pass = await startWorker({ vars, assetsDir: '/nonexistent', entry: here('./passthrough-worker.mjs') });
const headers = { authorization: 'Bearer demo-manager-token', 'content-type': 'application/json' };

const params = (tag, i) => ({
  biz_channel: 'CS',
  brand_id: '10001',
  shop_id: '20001',
  change_point: 1,
  customer_id: CUSTOMER,
  out_biz_id: `B-${tag}-${i}`,
  reason: 'bench',
  request_id: `B-${tag}-${i}`,
});
const send = (worker, tag) => async (i) => {
  const r = await fetch(`${worker.url}/v1/top/alibaba.alsc.crm.point.extra.consume`, {
    method: 'POST',
    headers,
    body: JSON.stringify(params(tag, i)),
  });
  const body = await r.json();
  if (!body.ok) throw new Error(JSON.stringify(body.error));
};

/** `n` calls, `concurrency` at a time: mean latency (ms) and calls per second. */
async function run(call, n, concurrency) {
  await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  let next = 0;
  let total = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await call(i);
        total += performance.now() - t;
      }
    }),
  );
  return { ms: total / n, perSecond: (n / (performance.now() - t0)) * 1000 };
}

const bench = (path) => fetch(`${proxy.url}/__bench/${path}`).then((r) => r.json());
let tag = 0;
const results = [];
for (let round = 1; round <= ROUNDS; round++) {
  for (const [concurrency, n] of [
    [1, 300],
    [32, 640],
  ]) {
    // Warm both, then measure them back to back, the order alternating by round.
    await run(send(pass, `w${++tag}`), 50, concurrency);
    await run(send(proxy, `w${++tag}`), 50, concurrency);
    const order = round % 2 ? ['pass', 'proxy'] : ['proxy', 'pass'];
    const got = {};
    for (const which of order) {
      if (which === 'proxy') await bench('reset');
      tag += 1;
      got[which] = await run(send(which === 'proxy' ? proxy : pass, `m${tag}`), n, concurrency);
      if (which === 'proxy') got.counts = await bench('counts');
    }
    // Let the outboxes drain, then count their D1 batches per call.
    await new Promise((r) => setTimeout(r, 500));
    const later = await bench('counts');
    results.push({ round, concurrency, n, ...got, later });
    const per = (k) => (later[k] / n).toFixed(2);
    console.log(
      `round ${round}, concurrency ${String(concurrency).padStart(2)}: proxy ${got.proxy.ms.toFixed(2)} ms/call, ${got.proxy.perSecond.toFixed(0)} calls/s; pass-through ${got.pass.ms.toFixed(2)} ms/call, ${got.pass.perSecond.toFixed(0)} calls/s; latency ×${(got.proxy.ms / got.pass.ms).toFixed(2)}, throughput ${((got.proxy.perSecond / got.pass.perSecond) * 100).toFixed(0)} %; per call: Durable Object ${per('begin')} awaited + ${per('finish')} not waited, order book ${per('orders')}; from the outbox, off the answer's path: order book ${per('outboxOrders')}, D1 ${per('d1')}`,
    );
  }
}

// One round trip to a Durable Object from the Worker, alone: what the proxy adds at least.
{
  const touch = () => fetch(`${proxy.url}/__bench/touch`).then((r) => r.text());
  const t = await run(touch, 300, 1);
  const none = await run(() => fetch(`${proxy.url}/__bench/counts`).then((r) => r.text()), 300, 1);
  console.log(
    `a Durable Object round trip from the Worker alone: ${(t.ms - none.ms).toFixed(2)} ms (a request that makes one, ${t.ms.toFixed(2)} ms; one that makes none, ${none.ms.toFixed(2)} ms)`,
  );
}

// The operator's Durable Object storage per 1,000 writes: a fresh day of the manager's writes.
{
  const before = await bench('stats?operator=op-manager-01');
  await run(send(proxy, 'storage'), 1000, 16);
  await new Promise((r) => setTimeout(r, 1000));
  const after = await bench('stats?operator=op-manager-01');
  console.log(
    `Durable Object storage: ${after.bytes} bytes for ${after.records} idempotency records (+${after.bytes - before.bytes} bytes for ${after.records - before.records} writes: ${((((after.bytes - before.bytes) / (after.records - before.records)) * 1000) / 1024).toFixed(0)} KB per 1,000 writes), ${after.queued} queued`,
  );
}
await proxy.close();
await pass.close();

// The Worker's own CPU per call, in workerd: tests/bench/proxy-cpu-worker.mjs runs the proxy's
// fetch handler n times in one request over stand-ins for the upstream, the Durable Object
// and D1; the workerd process's CPU over n calls, less a request of no calls, is the Worker's
// own work. (workerd reports no CPU time per request locally: tail events carry 0, and its
// inspector's samples run on across other isolates' work on the thread.)
{
  const { Miniflare } = await import('miniflare');
  const { buildWorker } = await import('../../www/worker/build.mjs');
  const scriptPath = await buildWorker(here('./proxy-cpu-worker.mjs'));
  const mf = new Miniflare({
    modules: true,
    modulesRoot: dirname(scriptPath),
    scriptPath,
    compatibilityDate: '2025-01-01',
    compatibilityFlags: ['nodejs_compat'],
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    bindings: { ...demoVars(), ROLES: JSON.stringify(roles) },
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
  await mf.ready;
  const once = async (n, which) => {
    const cpu0 = workerdCpu();
    const r = await (
      await mf.dispatchFetch('http://localhost/', {
        method: 'POST',
        body: JSON.stringify({ n, token: 'demo-manager-token', which }),
      })
    ).json();
    if (r.ok !== n) throw new Error(`only ${r.ok} of ${n} calls succeeded`);
    return workerdCpu() - cpu0;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await once(500, 'proxy');
  await once(500, 'pass');
  const per = { proxy: [], pass: [] };
  for (let k = 0; k < 5; k++) {
    for (const which of k % 2 ? ['pass', 'proxy'] : ['proxy', 'pass']) {
      const none = await once(0, which);
      const many = await once(2000, which);
      per[which].push(((many - none) / 2000) * 1e6);
    }
  }
  const show = (xs) =>
    [...xs]
      .sort((a, b) => a - b)
      .map((x) => x.toFixed(0))
      .join(' / ');
  console.log(
    `the Worker's own CPU per call (in workerd; upstream, Durable Object and D1 stood in for): the proxy ${show(per.proxy)} µs (median ${median(per.proxy).toFixed(0)} µs; aim < 500 µs); the pass-through ${show(per.pass)} µs (median ${median(per.pass).toFixed(0)} µs): the proxy's own work (sign-in, body, scope, validation, effect, content digest, scrubbing, the audit row and log line) about ${(median(per.proxy) - median(per.pass)).toFixed(0)} µs`,
  );
  await mf.dispose();
}
await sb.close();
