// Soak: a few hundred operations through two isolates of the proxy while the sandbox loses
// replies, fails with 5xx, stalls past the timeout and rate-limits at random. The client
// retries each operation with the same request_id (U8: source_code) until it has an answer.
// Afterwards the sandbox's ledger and the D1 audit trail both show every operation once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';

const CUSTOMER = '7027365982937563912722';
const MANAGER = { authorization: 'Bearer demo-manager-token', 'content-type': 'application/json' };
const TOP_OPS = 240;
const U8_OPS = 60;
let sb;
let fleet;

before(async () => {
  sb = await startSandbox({ port: 0 });
  fleet = await startWorker({
    vars: {
      ...demoVars(),
      TOP_GATEWAY: `${sb.url}/router/rest`,
      U8_BASE_URL: sb.url,
      UPSTREAM_TIMEOUT_MS: '300',
      UPSTREAM_RETRIES: '1',
    },
    assetsDir: '/nonexistent',
    isolates: 2,
  });
  const chaos = [
    { kind: 'drop-after', probability: 0.08 },
    { kind: 'drop-before', probability: 0.05 },
    { kind: 'http-503', probability: 0.05 },
    { kind: 'latency', ms: 450, probability: 0.04 },
    { kind: 'rate-limit', seconds: 0, probability: 0.03 },
  ];
  for (const app of ['12345678', 'opa-sandbox']) {
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ app, faults: chaos }) });
  }
});
after(async () => {
  await fleet.close();
  await sb.close();
});

/** Sends one operation until it has a definite answer; the same body every time. */
async function until(i, path, body) {
  for (let attempt = 0; attempt < 25; attempt++) {
    const r = await fleet.fetchVia((i + attempt) % 2, path, {
      method: 'POST',
      headers: MANAGER,
      body: JSON.stringify(body),
    });
    const answer = await r.json();
    if (answer.ok || !answer.error.retriable) return answer;
  }
  throw new Error(`${path} ${JSON.stringify(body)} never got a definite answer`);
}

test(`${TOP_OPS + U8_OPS} operations under random faults: each applied exactly once`, async () => {
  const start = new Date().toISOString();
  const ops = [
    ...Array.from({ length: TOP_OPS }, (_, i) => [
      '/v1/top/alibaba.alsc.crm.point.extra.consume',
      {
        biz_channel: 'CS',
        brand_id: '10001',
        shop_id: '20001',
        change_point: 1 + (i % 7),
        customer_id: CUSTOMER,
        out_biz_id: `SOAK-${i}`,
        request_id: `SOAK-RID-${i}`,
      },
    ]),
    ...Array.from({ length: U8_OPS }, (_, i) => [
      '/v1/u8/points/change',
      [
        {
          mid: '10000001',
          action_type: 5,
          ori_money: '1.00',
          calc_money: '1.00',
          ori_points: 1 + (i % 5),
          source_code: `SOAK-U8-${i}`,
        },
      ],
    ]),
  ];
  const answers = [];
  const queue = ops.map((op, i) => [i, ...op]);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [i, path, body] = next;
        answers[i] = await until(i, path, body);
      }
    }),
  );
  assert.ok(
    answers.every((a) => a.ok),
    JSON.stringify(answers.find((a) => !a.ok)),
  );

  const ledger = await (await fetch(`${sb.url}/__sandbox/ledger`)).json();
  const journal = (await (await fetch(`${sb.url}/__sandbox/journal`)).json()).journal;
  const topPoints = ops.slice(0, TOP_OPS).reduce((n, [, b]) => n + b.change_point, 0);
  const u8Points = ops.slice(TOP_OPS).reduce((n, [, b]) => n + b[0].ori_points, 0);
  assert.equal(ledger.customers.find((c) => c.customer_id === CUSTOMER).points.available, 5000 - topPoints);
  assert.equal(ledger.customers.find((c) => c.u8?.mid === '10000001').u8.points, 1000 + u8Points);
  for (let i = 0; i < TOP_OPS; i++)
    assert.equal(journal.filter((j) => j.order === `SOAK-${i}`).length, 1, `SOAK-${i} in the sandbox journal`);
  for (let i = 0; i < U8_OPS; i++)
    assert.equal(journal.filter((j) => j.order === `SOAK-U8-${i}`).length, 1, `SOAK-U8-${i} in the sandbox journal`);

  const rows = [];
  for (let page = 1; ; page++) {
    const data = (await (await fleet.fetchVia(0, `/v1/audit?page_size=500&page=${page}`, { headers: MANAGER })).json())
      .data;
    rows.push(...data.rows.filter((r) => r.at >= start));
    if (!data.has_next) break;
  }
  for (let i = 0; i < TOP_OPS; i++) {
    const ok = rows.filter((r) => r.request_id === `SOAK-RID-${i}` && r.outcome === 'ok');
    assert.equal(ok.length, 1, `SOAK-RID-${i}: one applied row in the audit trail`);
  }
  for (let i = 0; i < U8_OPS; i++) {
    const ok = rows.filter((r) => r.order_id === `SOAK-U8-${i}` && r.outcome === 'ok');
    assert.equal(ok.length, 1, `SOAK-U8-${i}: one applied row in the audit trail`);
  }
  const failed = rows.filter((r) => r.outcome !== 'ok');
  console.log(
    `# ${rows.length} audit rows, ${failed.length} failed attempts retried: ${[...new Set(failed.map((r) => r.outcome))].join(', ')}`,
  );
  assert.ok(failed.length > 0, 'the faults did fire');
});
