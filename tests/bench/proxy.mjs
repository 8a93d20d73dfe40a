// The proxy's cost per call with its Durable Object and D1 in the path: wall time through the
// proxy minus the same call made directly with the SDK, and the CPU time of the workerd process
// (the Worker, its Durable Objects and D1 together) per call. Prints; asserts nothing.
// Run: make bench   (or: node tests/bench/proxy.mjs after `make pkg`)
import { readFileSync, mkdtempSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { TopClient } from 'loyalty-sdk';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';

const N = 300;
const CUSTOMER = '7027365982937563912722';
const sb = await startSandbox({ port: 0 });
// The demo roles, without the per-minute cap that would stop a benchmark.
const roles = JSON.parse(demoVars().ROLES);
delete roles.manager.limits.callsPerMinute;
const fleet = await startWorker({
  vars: { ...demoVars(), ROLES: JSON.stringify(roles), TOP_GATEWAY: `${sb.url}/router/rest`, U8_BASE_URL: sb.url },
  assetsDir: '/nonexistent',
});
const headers = { authorization: 'Bearer demo-manager-token', 'content-type': 'application/json' };
const direct = new TopClient({
  appKey: '12345678',
  appSecret: demoVars().TOP_APP_SECRET,
  gateway: `${sb.url}/router/rest`,
});

/** CPU seconds (user + system) of every workerd process, from /proc. */
function workerdCpu() {
  const pids = execFileSync('pgrep', ['-f', 'workerd'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  const ticks = pids.reduce((n, pid) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return n + Number(f[11]) + Number(f[12]);
    } catch {
      return n;
    }
  }, 0);
  return ticks / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
}

const params = (i, tag) => ({
  biz_channel: 'CS',
  brand_id: '10001',
  shop_id: '20001',
  change_point: 1,
  customer_id: CUSTOMER,
  out_biz_id: `B-${tag}-${i}`,
  request_id: `B-${tag}-${i}`,
});
const viaProxy = (i, tag) =>
  fetch(`${fleet.url}/v1/top/alibaba.alsc.crm.point.extra.consume`, {
    method: 'POST',
    headers,
    body: JSON.stringify(params(i, tag)),
  }).then((r) => r.json());
const viaSdk = (i, tag) =>
  direct.call('alibaba.alsc.crm.point.extra.consume', { ...params(i, tag), operator_id: 'op' });

async function timed(fn, tag) {
  const t = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await fn(i, tag);
    if (r.ok === false) throw new Error(JSON.stringify(r.error));
  }
  return ((performance.now() - t) / N) * 1000;
}

for (let round = 1; round <= 3; round++) {
  await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  await timed(viaProxy, `warm${round}`);
  await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  const cpu0 = workerdCpu();
  const proxy = await timed(viaProxy, `p${round}`);
  const cpu = ((workerdCpu() - cpu0) / N) * 1e6;
  await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  const sdk = await timed(viaSdk, `s${round}`);
  console.log(
    `round ${round}: point.extra.consume through the proxy ${proxy.toFixed(0)} µs/call, direct with the SDK ${sdk.toFixed(0)} µs/call, added ${(proxy - sdk).toFixed(0)} µs; workerd CPU ${cpu.toFixed(0)} µs/call (Worker + Durable Object + D1)`,
  );
}
await fleet.close();

// The Worker's own CPU per call, in workerd: tests/bench/proxy-cpu-worker.mjs runs the proxy's
// fetch handler n times in one request over stand-ins for the upstream, the Durable Object
// and D1; the workerd process's CPU over n calls, less a request of no calls, is the
// Worker's own work. (workerd reports no CPU time per request locally: tail events carry 0,
// and its inspector's samples run on across other isolates' work on the thread.)
{
  const { build } = await import('esbuild');
  const { Miniflare } = await import('miniflare');
  const dir = mkdtempSync(`${tmpdir()}/proxy-cpu-`);
  await build({
    entryPoints: [fileURLToPath(new URL('./proxy-cpu-worker.mjs', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    external: ['*.wasm', 'cloudflare:*'],
    outfile: `${dir}/worker.js`,
    logLevel: 'error',
  });
  mkdirSync(`${dir}/wasm`);
  copyFileSync(
    fileURLToPath(new URL('../../pkg/wasm/loyalty_sdk_bg.wasm', import.meta.url)),
    `${dir}/wasm/loyalty_sdk_bg.wasm`,
  );
  const mf = new Miniflare({
    modules: true,
    modulesRoot: dir,
    scriptPath: `${dir}/worker.js`,
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
  const run = async (n) => {
    const cpu0 = workerdCpu();
    const r = await (
      await mf.dispatchFetch('http://localhost/', {
        method: 'POST',
        body: JSON.stringify({ n, token: 'demo-manager-token' }),
      })
    ).json();
    if (r.ok !== n) throw new Error(`only ${r.ok} of ${n} calls succeeded`);
    return workerdCpu() - cpu0;
  };
  await run(500);
  const per = [];
  for (let k = 0; k < 5; k++) {
    const none = await run(0);
    const many = await run(2000);
    per.push(((many - none) / 2000) * 1e6);
  }
  per.sort((a, b) => a - b);
  console.log(
    `the Worker's own CPU per proxied call (auth, body, validate, limits, prepare, parse, audit row, reply; in workerd, upstream, Durable Object and D1 stood in for): ${per.map((x) => x.toFixed(0)).join(' / ')} µs (median ${per[2].toFixed(0)} µs; aim < 1 ms)`,
  );
  await mf.dispose();
}
await sb.close();
