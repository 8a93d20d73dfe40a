// What a bulk job costs: a 10,000-row job (points awarded, `open.point.operate`) in workerd
// through Miniflare against the sandbox, at JOB_CALLS_PER_SECOND {"top": 50}: the upload's
// wall time (every row checked and stored), the job's wall time from start to `done` against
// the floor the rate sets (rows / 50 s), the CPU of the workerd processes this benchmark
// started (the Worker running the Workflow's steps, the Durable Objects, D1) per row, the
// busiest second the sandbox saw (the pace kept: at most 50), and the bans (none expected).
// Prints; asserts nothing. Run: make bench   (or: node tests/bench/jobs.mjs after `make pkg`)
import { workerdCpu } from './cpu.mjs';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';
import world from '../../src/js/testing/config.js';

const ROWS = Number(process.env.JOB_ROWS ?? 10_000);
const RATE = 50;
const CUSTOMER = '7027365982937563912722';
const headers = { authorization: 'Bearer demo-manager-token' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const config = structuredClone(world);
for (const c of config.customers) if (c.points) c.points.available = 1_000_000_000;
const roles = JSON.parse(demoVars().ROLES);
roles.manager.jobs = { day: 'exempt' };

const sb = await startSandbox({ port: 0, config });
const worker = await startWorker({
  vars: {
    ...demoVars(),
    ROLES: JSON.stringify(roles),
    TOP_GATEWAY: `${sb.url}/router/rest`,
    U8_BASE_URL: sb.url,
    JOB_CALLS_PER_SECOND: JSON.stringify({ top: RATE }),
  },
  assetsDir: '/nonexistent',
});
try {
  const lines = Array.from({ length: ROWS }, (_, i) => `10001,20001,${CUSTOMER},${1 + (i % 9)},1,BJ-${i},bench`);
  const file = `brand_id,shop_id,customer_id,change_point,operate_type,outer_order_id,reason\n${lines.join('\n')}\n`;
  let t = performance.now();
  const made = await (
    await fetch(`${worker.url}/v1/jobs?operation=alibaba.alsc.crm.open.point.operate`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: file,
    })
  ).json();
  if (!made.ok) throw new Error(JSON.stringify(made.error).slice(0, 500));
  const upload = (performance.now() - t) / 1000;
  const id = made.data.id;
  const cpu0 = workerdCpu();
  t = performance.now();
  const started = await (await fetch(`${worker.url}/v1/jobs/${id}/start`, { method: 'POST', headers })).json();
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const db = await worker.mf.getD1Database('AUDIT_DB');
  let row;
  for (;;) {
    // D1 read from Node (through Miniflare) every 500 ms, not a request to the Worker.
    row = await db.prepare('SELECT status, error FROM jobs WHERE id = ?').bind(id).first();
    if (row.status !== 'running') break;
    await sleep(500);
  }
  const wall = (performance.now() - t) / 1000;
  const cpu = workerdCpu() - cpu0;
  const counts = await db
    .prepare('SELECT outcome, count(*) AS n FROM job_rows WHERE job = ? GROUP BY outcome')
    .bind(id)
    .all();
  const journal = (await (await fetch(`${sb.url}/__sandbox/journal`)).json()).journal.filter((e) =>
    String(e.request_id).startsWith(`${id}-`),
  );
  const perSecond = new Map();
  for (const e of journal) {
    const s = Math.floor(Date.parse(e.at) / 1000);
    perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
  }
  const ns = await worker.mf.getDurableObjectNamespace('OPERATORS');
  while ((await ns.get(ns.idFromName('op-manager-01')).stats()).queued) await sleep(200);
  const bans = await db
    .prepare("SELECT count(*) AS n FROM audit WHERE job = ? AND outcome = 'RATE_LIMITED'")
    .bind(id)
    .first();
  console.log(
    `a job of ${ROWS} rows at ${RATE} calls/s: ${row.status}; upload (every row checked, stored) ${upload.toFixed(2)} s; ` +
      `start to end ${wall.toFixed(1)} s against a floor of ${(ROWS / RATE).toFixed(0)} s (${((wall / (ROWS / RATE)) * 100).toFixed(1)}%); ` +
      `workerd CPU ${cpu.toFixed(1)} s, ${((cpu / ROWS) * 1000).toFixed(2)} ms a row; ` +
      `rows ${counts.results.map((r) => `${r.outcome ?? 'open'} ${r.n}`).join(', ')}; journal entries ${journal.length}; ` +
      `busiest second ${Math.max(0, ...perSecond.values())} calls; bans ${bans.n}`,
  );
} finally {
  await worker.close();
  await sb.close();
}
