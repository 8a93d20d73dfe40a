// Soak: a few hundred mixed operations (points, stored value, U8, refunds) through two isolates
// of the proxy while the sandbox loses replies, fails with 5xx, stalls past the timeout and
// rate-limits at random. The client
// retries each operation with the same request_id (U8: source_code) until it has an answer.
// Afterwards the sandbox's ledger, the D1 audit trail and the operator's Durable Object records
// all show every operation once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, CHAOS, CUSTOMER, MANAGER } from '../fixtures.mjs';

const TOP_OPS = 200;
const U8_OPS = 60;
const PAYS = 40;
const REFUNDS = 20;
let stack;
let fleet;

before(async () => {
  stack = await startStack({ isolates: 2, vars: { UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_RETRIES: '1' } });
  fleet = stack.proxy;
  for (const app of ['12345678', 'opa-sandbox']) {
    await stack.faults(app, CHAOS);
  }
});
after(() => stack?.close());

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

test(`${TOP_OPS + U8_OPS + PAYS + REFUNDS} mixed operations under random faults: each applied exactly once`, async () => {
  const start = new Date().toISOString();
  const consume = (i) => [
    '/v1/top/alibaba.alsc.crm.point.extra.consume',
    {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      change_point: 1 + (i % 7),
      customer_id: CUSTOMER,
      out_biz_id: `SOAK-${i}`,
      reason: 'soak',
      request_id: `SOAK-RID-${i}`,
    },
  ];
  const pay = (i) => [
    '/v1/top/alibaba.alsc.crm.recharge.dedut.update',
    {
      biz_channel: 'KRY',
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      outer_order_id: `SOAK-PAY-${i}`,
      value: 100 + i,
      request_id: `SOAK-PAY-RID-${i}`,
    },
  ];
  const award = (i) => [
    '/v1/u8/points/change',
    [
      {
        mid: '10000001',
        action_type: 5,
        ori_money: '1.00',
        calc_money: '1.00',
        ori_points: 1 + (i % 5),
        multiple: i % 3 ? '0' : '2',
        source_code: `SOAK-U8-${i}`,
      },
    ],
  ];
  const refund = (i) => [
    '/v1/top/alibaba.alsc.crm.open.assert.refund',
    {
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      outer_order_id: `SOAK-${i}`,
      new_outer_order_id: `SOAK-${i}-R`,
      request_id: `SOAK-REFUND-${i}`,
    },
  ];
  const run = async (ops) => {
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
  };
  // Interleaved, then the refunds of the first orders once those are applied.
  const first = [];
  for (let i = 0; i < TOP_OPS; i++) {
    first.push(consume(i));
    if (i < PAYS) first.push(pay(i));
    if (i < U8_OPS) first.push(award(i));
  }
  await run(first);
  await run(Array.from({ length: REFUNDS }, (_, i) => refund(i)));

  const ledger = await stack.sandbox();
  const journal = await stack.journal();
  const points = (i) => 1 + (i % 7);
  const topPoints = Array.from({ length: TOP_OPS }, (_, i) => (i < REFUNDS ? 0 : points(i))).reduce((a, b) => a + b);
  const u8Points = Array.from({ length: U8_OPS }, (_, i) => (1 + (i % 5)) * (i % 3 ? 1 : 2)).reduce((a, b) => a + b);
  const paid = Array.from({ length: PAYS }, (_, i) => 100 + i).reduce((a, b) => a + b);
  const c = ledger.customers.find((x) => x.customer_id === CUSTOMER);
  assert.equal(c.points.available, 5000 - topPoints);
  assert.equal(c.stored_value.PRE + c.stored_value.GIFT, 23000 - paid);
  assert.equal(ledger.customers.find((x) => x.u8?.mid === '10000001').u8.points, 1000 + u8Points);
  const once = (order, kind) => journal.filter((j) => j.order === order && (!kind || j.kind === kind)).length;
  for (let i = 0; i < TOP_OPS; i++) assert.equal(once(`SOAK-${i}`, 'point.consume'), 1, `SOAK-${i} in the journal`);
  for (let i = 0; i < REFUNDS; i++) assert.equal(once(`SOAK-${i}`, 'refund'), 1, `SOAK-${i} refunded once`);
  for (let i = 0; i < PAYS; i++) assert.equal(once(`SOAK-PAY-${i}`), 1, `SOAK-PAY-${i}`);
  for (let i = 0; i < U8_OPS; i++) assert.equal(once(`SOAK-U8-${i}`), 1, `SOAK-U8-${i}`);

  // The D1 audit trail, once the operator's outbox is drained: one applied row per operation.
  const ns = await fleet.mf.getDurableObjectNamespace('OPERATORS');
  const ledgerDo = ns.get(ns.idFromName('op-manager-01'));
  for (let i = 0; (await ledgerDo.stats()).queued > 0; i++) {
    if (i > 400) throw new Error('the audit outbox did not drain');
    await new Promise((r) => setTimeout(r, 25));
  }
  const rows = [];
  for (let cursor = ''; ;) {
    const data = (await (await fleet.fetchVia(0, `/v1/audit?page_size=500${cursor}`, { headers: MANAGER })).json())
      .data;
    rows.push(...data.rows.filter((r) => r.at >= start));
    if (!data.has_next) break;
    cursor = `&before=${data.next_before}`;
  }
  const keys = [
    ...Array.from({ length: TOP_OPS }, (_, i) => `SOAK-RID-${i}`),
    ...Array.from({ length: PAYS }, (_, i) => `SOAK-PAY-RID-${i}`),
    ...Array.from({ length: REFUNDS }, (_, i) => `SOAK-REFUND-${i}`),
    ...Array.from({ length: U8_OPS }, (_, i) => `u8:points/change:SOAK-U8-${i}`),
  ];
  for (const key of keys)
    assert.equal(rows.filter((r) => r.request_id === key && r.outcome === 'ok').length, 1, `${key}: one applied row`);
  // The operator's Durable Object: each key applied, once, with what it moved.
  const records = new Map(JSON.parse(JSON.stringify(await ledgerDo.records())).map((r) => [r.key, r]));
  for (const key of keys) assert.equal(records.get(key)?.state, 'applied', `${key} in the Durable Object`);
  assert.equal(records.get('SOAK-REFUND-0').effect.points, String(points(0)), 'the refund was bounded by its order');
  const failed = rows.filter((r) => r.outcome !== 'ok');
  console.log(
    `# ${rows.length} audit rows, ${failed.length} failed attempts retried: ${[...new Set(failed.map((r) => r.outcome))].join(', ')}`,
  );
  assert.ok(failed.length > 0, 'the faults did fire');
});
