// The edge proxy in workerd (Miniflare), with the sandbox gateway on 127.0.0.1 as upstream.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, deduct, CUSTOMER, MANAGER, CASHIER } from '../fixtures.mjs';

let stack;
let worker;

before(async () => {
  stack = await startStack({ vars: { LOG_CALLS: 'all' } });
  worker = stack.proxy;
});
after(() => stack?.close());
beforeEach(async () => {
  await stack.reset();
  await stack.faults('12345678', []);
});

const post = (path, body, headers = MANAGER, base = worker.url) =>
  fetch(`${base}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

test('authentication: no, malformed or unknown token is 401; a known one is let in', async () => {
  for (const headers of [
    {},
    { authorization: 'demo-manager-token' },
    { authorization: 'Bearer nope' },
    { authorization: 'Basic ZGVtbw==' },
  ]) {
    const r = await fetch(`${worker.url}/v1/operations`, { headers });
    assert.equal(r.status, 401);
    assert.equal((await r.json()).error.code, 'UNAUTHORIZED');
  }
  const ok = await (await fetch(`${worker.url}/v1/operations`, { headers: CASHIER })).json();
  assert.deepEqual(
    [ok.data.operator, ok.data.role, ok.data.limits],
    [
      'op-cashier-01',
      'cashier',
      {
        points: 1000,
        value: 50000,
        pointsPerDay: 3000,
        valuePerDay: 200000,
        vouchers: 2,
        vouchersPerDay: 10,
        voucherValue: 5000,
        voucherValuePerDay: 20000,
        callsPerMinute: 120,
      },
    ],
  );
  // Where the cashier works, by name, for the console to offer: one brand, one shop.
  assert.deepEqual(ok.data.brands, [
    {
      brand_id: '10001',
      name: '小王面馆',
      out_brand_id: 'B-DEMO',
      all_shops: false,
      shops: [{ shop_id: '20001', name: '小王面馆 西湖店', out_shop_id: 'S-DEMO', biz_channel: 'CS' }],
    },
  ]);
  const manager = await (await fetch(`${worker.url}/v1/operations`, { headers: MANAGER })).json();
  assert.deepEqual(
    manager.data.brands[0].shops.map((s) => s.shop_id),
    ['20001', '20002'],
  );
  assert.ok(manager.data.permissions.includes('voucher:restore'));
  assert.ok(manager.data.permissions.includes('u8:link:replace'));
  assert.deepEqual(ok.data.operations.map((o) => o.method).sort(), [
    // The customer lookup's card reads (by card instance id, the card template's name).
    'alibaba.alsc.crm.card.qry',
    'alibaba.alsc.crm.card.query.template',
    'alibaba.alsc.crm.customer.voucher.list',
    'alibaba.alsc.crm.open.customer.get',
    'alibaba.alsc.crm.point.extra.consume',
    'alibaba.alsc.crm.point.querypointflow',
    'alibaba.alsc.crm.recharge.account.flowdetail.get',
    'alibaba.alsc.crm.recharge.accountflows.get',
    'alibaba.alsc.crm.recharge.dedut.update',
    'alibaba.alsc.crm.voucher.status.change',
    'points/change',
  ]);
});

test('authorization: a method outside the role is 403; an amount over the role limit is 403 naming it', async () => {
  const refund = await post(
    '/v1/top/alibaba.alsc.crm.open.assert.refund',
    { brand_id: '10001', shop_id: '20001', outer_order_id: 'x', new_outer_order_id: 'y' },
    CASHIER,
  );
  assert.equal(refund.status, 403);
  assert.equal((await refund.json()).error.code, 'FORBIDDEN');
  const big = await post('/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(1001), CASHIER);
  assert.equal(big.status, 403);
  const e = (await big.json()).error;
  assert.deepEqual([e.code, e.limit], ['LIMIT_EXCEEDED', 'points:1000']);
  const value = await post(
    '/v1/top/alibaba.alsc.crm.recharge.dedut.update',
    {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      outer_order_id: 'o',
      value: 50001,
    },
    CASHIER,
  );
  assert.equal((await value.json()).error.limit, 'value:50000');
  const u8 = await post(
    '/v1/u8/points/change',
    [{ mid: '10000001', action_type: 5, ori_money: '1', calc_money: '1', ori_points: 1001, source_code: 's' }],
    CASHIER,
  );
  assert.equal(u8.status, 403);
  // What U8 applies is ori_points × multiple + extra_points, summed over every record: each of
  // these stays under 1,000 in its largest single field.
  const record = { mid: '10000001', action_type: 5, ori_money: '1', calc_money: '1', source_code: 's' };
  for (const [label, body] of [
    ['multiple', [{ ...record, ori_points: 1000, multiple: '1000000' }]],
    ['extra_points', [{ ...record, ori_points: 1000, extra_points: 1000 }]],
    ['100 records', Array.from({ length: 100 }, (_, i) => ({ ...record, ori_points: 1000, source_code: `s${i}` }))],
    ['fractional multiple', [{ ...record, ori_points: 1000, multiple: '1.01' }]],
  ]) {
    const r = await post('/v1/u8/points/change', body, CASHIER);
    assert.equal(r.status, 403, label);
    assert.equal((await r.json()).error.limit, 'points:1000', label);
  }
  assert.equal((await stack.customer()).points.available, 5000, 'nothing over the limit reached the gateway');
});

test('validation before signing: 400 with every field error; bad bodies are 400/413/415', async () => {
  const r = await post('/v1/top/alibaba.alsc.crm.point.extra.consume', {
    bizChannel: 'CS',
    change_point: 0,
    customer_id: 7,
  });
  assert.equal(r.status, 400);
  const { error } = await r.json();
  assert.equal(error.code, 'INVALID_PARAM');
  const found = error.details.map((d) => `${d.field}:${d.rule}`);
  // The manager works at one brand: the proxy filled it; the shop is left to say.
  for (const want of [
    'bizChannel:unknown',
    'biz_channel:required',
    'change_point:positive',
    'customer_id:type',
    'shop_id:any_of',
  ])
    assert.ok(found.includes(want), `${want} in ${found}`);
  assert.ok(!found.includes('brand_id:any_of'), found.join(' '));
  const noReason = await post('/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(10, { reason: ' ' }));
  assert.deepEqual([noReason.status, (await noReason.json()).error.field], [400, 'reason']);
  assert.equal((await post('/v1/top/alibaba.alsc.crm.point.extra.consume', 'not json')).status, 400);
  assert.equal((await post('/v1/top/alibaba.alsc.crm.point.extra.consume', '[]')).status, 400);
  assert.equal(
    (await post('/v1/top/alibaba.alsc.crm.point.extra.consume', '{}', { ...MANAGER, 'content-type': 'text/plain' }))
      .status,
    415,
  );
  assert.equal(
    (await post('/v1/top/alibaba.alsc.crm.point.extra.consume', JSON.stringify({ reason: 'x'.repeat(70_000) }))).status,
    413,
  );
  const u8 = await post('/v1/u8/points/change', [
    { mid: '1', action_type: 16, ori_money: '1.234', calc_money: '1', ori_points: 1, source_code: 's' },
  ]);
  assert.deepEqual((await u8.json()).error.details.map((d) => d.field).sort(), ['[0].ori_money', '[0].source1']);
});

test('the seed operations and points/change end to end, checked on the sandbox ledger', async () => {
  const order = 'E2E-1';
  const a = await (
    await post(
      '/v1/top/alibaba.alsc.crm.point.extra.consume',
      deduct(300, { out_biz_id: order, operator_id: 'someone-else' }),
    )
  ).json();
  assert.equal(a.ok, true);
  assert.match(a.request_id, /^[0-9a-f-]{36}$/, 'the proxy made the request_id and returned it');
  const b = await (
    await post('/v1/top/alibaba.alsc.crm.recharge.dedut.update', {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      outer_order_id: order,
      value: 1500,
    })
  ).json();
  assert.deepEqual(b.data.result.affected_property_list, [
    { type: 'PRE', value: 1500 },
    { type: 'GIFT', value: 0 },
  ]);
  assert.equal(typeof b.data.result.flow_id, 'string');
  let mid = await stack.customer();
  assert.deepEqual([mid.points.available, mid.stored_value.PRE], [4700, 18500]);
  const c = await (
    await post('/v1/top/alibaba.alsc.crm.open.assert.refund', {
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      outer_order_id: order,
      new_outer_order_id: `${order}-R`,
    })
  ).json();
  assert.equal(c.data.result.point_success, true);
  mid = await stack.customer();
  assert.deepEqual([mid.points.available, mid.stored_value.PRE], [5000, 20000]);
  const u8 = await (
    await post('/v1/u8/points/change', [
      { mid: '10000001', action_type: 5, ori_money: '10.00', calc_money: '10.00', ori_points: 10, source_code: order },
    ])
  ).json();
  assert.equal(u8.data.data[0].after_points, 1010);
  assert.equal((await stack.customer()).u8.points, 1010);
  const tokensBefore = (await stack.sandbox()).u8_tokens_issued;
  await post('/v1/u8/points/change', [
    {
      mid: '10000001',
      action_type: 5,
      ori_money: '1.00',
      calc_money: '1.00',
      ori_points: 1,
      source_code: `${order}-2`,
    },
  ]);
  const tokensAfter = (await stack.sandbox()).u8_tokens_issued;
  assert.equal(tokensAfter, tokensBefore, 'the isolate reuses its U8 token');
  const ops = (await stack.journal()).filter((j) => j.order === order);
  assert.ok(
    ops.filter((j) => j.operator).every((j) => j.operator === 'op-manager-01'),
    'operator_id comes from the token, not the body',
  );
});

test('a business refusal is 409 with the platform message meant for display', async () => {
  const r = await post('/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(60_000));
  assert.equal(r.status, 409);
  const { error } = await r.json();
  assert.deepEqual([error.code, error.platform_code, error.retriable], ['BIZ_ERROR', 'POINT_NOT_ENOUGH', false]);
  assert.match(error.message, /积分不足/);
});

test('the lost reply: the proxy retries with the same request_id and nothing applies twice; the console may retry too', async () => {
  await stack.faults('12345678', [{ kind: 'drop-after', count: 1 }]);
  const body = deduct(200, { request_id: 'console-rid-1', out_biz_id: 'LOST-9' });
  const r = await (await post('/v1/top/alibaba.alsc.crm.point.extra.consume', body)).json();
  assert.deepEqual([r.ok, r.request_id], [true, 'console-rid-1']);
  const again = await (await post('/v1/top/alibaba.alsc.crm.point.extra.consume', body)).json();
  assert.equal(again.ok, true);
  assert.equal((await stack.customer()).points.available, 4800);
  assert.equal((await stack.journal()).filter((j) => j.request_id === 'console-rid-1').length, 1);
});

test('an upstream that stays down is 502; one that does not answer in time is 504', async () => {
  await stack.faults('12345678', [{ kind: 'http-503', count: 10 }]);
  const down = await post('/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(1));
  assert.equal(down.status, 502);
  assert.deepEqual([(await down.json()).error.code], ['HTTP_ERROR']);
  await stack.faults('12345678', [{ kind: 'latency', ms: 1500, count: 10 }]);
  const slow = await stack.startProxy({ UPSTREAM_TIMEOUT_MS: '200', UPSTREAM_RETRIES: '1' });
  try {
    const r = await post(
      '/v1/top/alibaba.alsc.crm.point.extra.consume',
      deduct(1, { request_id: 'slow-1' }),
      MANAGER,
      slow.url,
    );
    assert.equal(r.status, 504);
    const { error, request_id: rid } = await r.json();
    assert.deepEqual([error.code, error.retriable, rid], ['TIMEOUT', true, 'slow-1']);
  } finally {
    await slow.close();
  }
});

test('CORS for the configured console origins only, preflight included', async () => {
  const allowed = 'http://127.0.0.1:8787';
  const pre = await fetch(`${worker.url}/v1/top/alibaba.alsc.crm.point.extra.consume`, {
    method: 'OPTIONS',
    headers: {
      origin: allowed,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), allowed);
  assert.match(pre.headers.get('access-control-allow-headers'), /authorization/);
  const refused = await fetch(`${worker.url}/v1/operations`, {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
  });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
  const get = await fetch(`${worker.url}/v1/operations`, { headers: { ...MANAGER, origin: allowed } });
  assert.equal(get.headers.get('access-control-allow-origin'), allowed);
  const other = await fetch(`${worker.url}/v1/operations`, { headers: { ...MANAGER, origin: 'https://evil.example' } });
  assert.equal(other.headers.get('access-control-allow-origin'), null);
});

test('one audit line per call, with no secret, token or full mobile number', async () => {
  const seen = worker.logs.length;
  await post('/v1/top/alibaba.alsc.crm.open.customer.get', {
    brand_id: '10001',
    shop_id: '20001',
    mobile: '13800000001',
  });
  await new Promise((r) => setTimeout(r, 100));
  const lines = worker.logs.slice(seen);
  assert.equal(lines.length, 1);
  const line = JSON.parse(lines[0]);
  assert.deepEqual(
    [line.operator, line.role, line.operation, line.outcome, line.customer],
    ['op-manager-01', 'manager', 'alibaba.alsc.crm.open.customer.get', 'ok', '138****0001'],
  );
  assert.equal(typeof line.upstream_ms, 'number');
  for (const secret of ['demo-manager-token', 'sandbox-top-secret', 'sandbox-u8-secret', '13800000001'])
    assert.ok(!lines[0].includes(secret), secret);
});

test('by default only failed calls are logged (every call has its row in D1)', async () => {
  const quiet = await stack.startProxy({ LOG_CALLS: 'errors' });
  try {
    await post('/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(1), MANAGER, quiet.url);
    await post('/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(1001), CASHIER, quiet.url);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      quiet.logs.map((l) => JSON.parse(l).outcome),
      ['LIMIT_EXCEEDED'],
    );
  } finally {
    await quiet.close();
  }
});

test('a missing or malformed setting fails every request with a 500 naming it', async () => {
  for (const [vars, setting] of [
    [{ TOP_APP_SECRET: '' }, 'TOP_APP_SECRET'],
    [{ ROLES: '{not json' }, 'ROLES'],
    [{ CONSOLE_TOKENS: '{"raw-token":{"operator":"x","role":"manager"}}' }, 'CONSOLE_TOKENS'],
    [{ TOP_GATEWAY: 'ftp://x' }, 'TOP_GATEWAY'],
  ]) {
    const broken = await stack.startProxy(vars);
    try {
      for (const path of ['/healthz', '/v1/operations']) {
        const r = await fetch(`${broken.url}${path}`, { headers: MANAGER });
        assert.equal(r.status, 500);
        const { error } = await r.json();
        assert.deepEqual([error.code, error.setting], ['CONFIG_ERROR', setting]);
        assert.ok(!JSON.stringify(error).includes('sandbox-top-secret'));
      }
    } finally {
      await broken.close();
    }
  }
});

test('wrangler (4.86.0) bundles the Worker for deploy, with the wasm as its own module', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { buildConsole } = await import('../../../www/console/build.mjs');
  buildConsole();
  const out = mkdtempSync(`${tmpdir()}/wrangler-`);
  const cwd = new URL('../../../www/worker/', import.meta.url);
  const log = execFileSync(
    new URL('../../../www/node_modules/.bin/wrangler', import.meta.url).pathname,
    ['deploy', '--dry-run', '--outdir', out],
    { cwd, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  );
  assert.match(log, /env\.ASSETS/);
  const files = readdirSync(out);
  assert.ok(files.includes('index.js'));
  assert.ok(
    files.some((f) => f.endsWith('loyalty_sdk_bg.wasm')),
    files.join(' '),
  );
});
