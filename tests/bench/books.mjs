// What a reconciliation run costs: a day of N audited writes through the proxy (half point
// deductions, half stored-value payments, over two shops), so N flows on the platform, then one
// run of the day in workerd through Miniflare against the sandbox: its wall time (from POST
// /v1/reconciliation to `done`), the CPU of the workerd processes this benchmark started (the
// Worker, the Workflow, D1 and the Durable Objects) and of this Node process (the sandbox
// answering the reads) over the run, for N = 1,000, 3,000 and 10,000, with the growth per
// 1,000 writes. Unpaced (RECONCILE_CALLS_PER_SECOND=1000): at the default 20 calls a second a
// day of 10,000 flows is about 200 pages, 10 s more. Prints; asserts nothing.
// Run: make bench   (or: node tests/bench/books.mjs after `make pkg`)
import { workerdCpu } from './cpu.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';
import world from '../../src/js/testing/config.js';

const SIZES = (process.env.BOOKS_SIZES ?? '1000,3000,10000').split(',').map(Number);
const CUSTOMER = '7027365982937563912722';
const headers = { authorization: 'Bearer demo-manager-token', 'content-type': 'application/json' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const nodeCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// The demo world with balances no day of the benchmark runs out of.
const config = structuredClone(world);
for (const c of config.customers) {
  if (c.points) c.points.available = 1_000_000_000;
  if (c.stored_value) c.stored_value.PRE = 1_000_000_000_000;
}
const roles = JSON.parse(demoVars().ROLES);
delete roles.manager.limits.callsPerMinute;

const write = (i) =>
  i % 2
    ? [
        'alibaba.alsc.crm.point.extra.consume',
        {
          biz_channel: 'CS',
          brand_id: '10001',
          shop_id: i % 4 < 2 ? '20001' : '20002',
          change_point: 1 + (i % 7),
          customer_id: CUSTOMER,
          out_biz_id: `BB-P-${i}`,
          reason: 'bench',
          request_id: `BB-RP-${i}`,
        },
      ]
    : [
        'alibaba.alsc.crm.recharge.dedut.update',
        {
          biz_channel: 'CS',
          brand_id: '10001',
          shop_id: i % 4 < 2 ? '20001' : '20002',
          customer_id: CUSTOMER,
          value: 1 + (i % 13),
          outer_order_id: `BB-V-${i}`,
          request_id: `BB-RV-${i}`,
        },
      ];

/** A write, sent again with its key when undici reused a socket workerd had just closed. */
async function send(url, body) {
  for (let tries = 0; ; tries++) {
    try {
      return await (await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })).json();
    } catch (e) {
      if (tries < 3 && e.cause?.code === 'UND_ERR_SOCKET') continue;
      throw e;
    }
  }
}

async function day(n) {
  const sb = await startSandbox({ port: 0, config });
  const worker = await startWorker({
    vars: {
      ...demoVars(),
      ROLES: JSON.stringify(roles),
      TOP_GATEWAY: `${sb.url}/router/rest`,
      U8_BASE_URL: sb.url,
      RECONCILE_LAG_SECONDS: '0',
      RECONCILE_CALLS_PER_SECOND: '1000',
    },
    assetsDir: '/nonexistent',
  });
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < n; i = next++) {
          const [method, body] = write(i);
          const a = await send(`${worker.url}/v1/top/${method}`, body);
          if (!a.ok) throw new Error(`write ${i}: ${JSON.stringify(a.error)}`);
        }
      }),
    );
    const ns = await worker.mf.getDurableObjectNamespace('OPERATORS');
    while ((await ns.get(ns.idFromName('op-manager-01')).stats()).queued) await sleep(100);
    const journal = await (await fetch(`${sb.url}/__sandbox/journal`)).json();
    const flows = journal.journal.length;
    await sleep(500);
    const db = await worker.mf.getD1Database('AUDIT_DB');
    const dayOf = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const cpu0 = workerdCpu();
    const node0 = nodeCpu();
    const t0 = performance.now();
    const started = await (
      await fetch(`${worker.url}/v1/reconciliation`, { method: 'POST', headers, body: JSON.stringify({ day: dayOf }) })
    ).json();
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    let row;
    for (;;) {
      // D1 read from Node (through Miniflare) every 100 ms, not a request to the Worker.
      row = await db.prepare('SELECT * FROM recon_runs WHERE id = ?').bind(started.data.id).first();
      if (row.status !== 'running') break;
      await sleep(100);
    }
    const wall = (performance.now() - t0) / 1000;
    const cpu = workerdCpu() - cpu0;
    const sandbox = nodeCpu() - node0;
    if (row.status !== 'done') throw new Error(`run ${row.status}: ${row.error}`);
    const summary = JSON.parse(row.summary);
    return { n, flows, wall, cpu, sandbox, calls: row.calls_done, summary };
  } finally {
    await worker.close();
    await sb.close();
  }
}

const results = [];
for (const n of SIZES) {
  const r = await day(n);
  results.push(r);
  const s = r.summary;
  console.log(
    `reconciliation of a day of ${n} audited writes (${r.flows} journal entries): wall ${r.wall.toFixed(2)} s, workerd CPU ${r.cpu.toFixed(2)} s, sandbox (Node) CPU ${r.sandbox.toFixed(2)} s, ${r.calls} platform calls; items: matched ${s.matched}, settled ${s.settled_applied + s.settled_not_applied}, not_in_audit ${s.not_in_audit}, mismatched ${s.mismatched}, unresolved ${s.unresolved}`,
  );
}
if (results.length > 1) {
  const per = (r, k) => ((r[k] / r.n) * 1000).toFixed(2);
  console.log(
    `per 1,000 writes: ${results.map((r) => `N=${r.n}: wall ${per(r, 'wall')} s, workerd CPU ${per(r, 'cpu')} s`).join('; ')}`,
  );
}
