// A call reaches the platform only once it is admitted: a reversal's reads of the order's flows
// come after the operator's calls per minute and limits, so a flood past them under one token
// spends none of the shared app key's rate. A counting relay sits in front of the sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startStack, CUSTOMER, tokensWith, rolesWith, as, deduct, CONSUME, REFUND } from '../fixtures.mjs';

let relay;
let f;
const seen = {};

before(async () => {
  relay = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const method = /method=([\w.]+)/.exec(`${req.url}&${body}`)?.[1] ?? '?';
    seen[method] = (seen[method] ?? 0) + 1;
    const r = await fetch(`${f.sb.url}${req.url}`, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
      body: req.method === 'GET' ? undefined : body,
    });
    res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise((r) => relay.listen(0, '127.0.0.1', r));
  f = await startStack({
    isolates: 2,
    upstream: `http://127.0.0.1:${relay.address().port}`,
    vars: {
      UPSTREAM_RETRIES: '0',
      CONSOLE_TOKENS: tokensWith({ eve: { role: 'refunder' } }),
      ROLES: rolesWith({
        refunder: {
          methods: ['alibaba.alsc.crm.point.extra.consume', 'alibaba.alsc.crm.open.assert.refund', 'voucher:restore'],
          limits: { points: 1000, callsPerMinute: 5 },
          reverse: 'own',
        },
      }),
    },
  });
});
after(async () => {
  await f.close();
  relay.close();
});

test("a reversal's platform reads come after its admission: calls past the rate read nothing", async () => {
  const order = `ORD-A-${Math.random()}`;
  assert.equal((await f.post(0, CONSUME, deduct(1, { out_biz_id: order }), as('eve'))).status, 200);
  await new Promise((r) => setTimeout(r, 300));
  for (const k of Object.keys(seen)) delete seen[k];
  const statuses = [];
  for (let i = 0; i < 20; i++) {
    const r = await f.post(
      i % 2,
      REFUND,
      {
        brand_id: '10001',
        shop_id: '20001',
        customer_id: CUSTOMER,
        outer_order_id: order,
        new_outer_order_id: `RF-${i}`,
      },
      as('eve'),
    );
    statuses.push(r.status);
    await r.arrayBuffer();
  }
  const admitted = statuses.filter((s) => s !== 429).length;
  assert.ok(statuses.filter((s) => s === 429).length >= 10, JSON.stringify(statuses));
  const reads =
    (seen['alibaba.alsc.crm.point.querypointflow'] ?? 0) +
    (seen['alibaba.alsc.crm.recharge.accountflows.get'] ?? 0) +
    (seen['alibaba.alsc.crm.customer.voucher.list'] ?? 0);
  // Each admitted refund reads points and stored value at each of the brand's two shops, the
  // order's customer's stored value once (at every shop), and the customer's used vouchers.
  assert.ok(reads <= admitted * 6, `${reads} reads for ${admitted} admitted calls: ${JSON.stringify(seen)}`);
  assert.ok((seen['alibaba.alsc.crm.open.assert.refund'] ?? 0) <= admitted);
  // The ledger: the order's point came back once.
  const refunds = (await f.journal()).filter((j) => j.order === order && j.kind === 'refund');
  assert.equal(refunds.length, 1);
});
