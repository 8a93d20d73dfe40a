// The proxy as a fleet runs it: two isolates of the Worker in workerd sharing the Durable
// Objects and D1 that wrangler.toml declares, against the sandbox. Cumulative limits, proxy
// idempotency, one U8 token, the audit trail, Cloudflare Access, and hostile input.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { U8Client } from 'loyalty-sdk';
import { startStack, tokensWith, rolesWith, as, deduct, record, CUSTOMER, MANAGER } from '../fixtures.mjs';

let stack;

// A cashier of its own for each test: their day's limits are not shared.
const cashier = (n) => as(`c${n}`);
const cashiers = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [`c${i + 1}`, { role: i === 5 ? 'lookup' : 'cashier' }]),
);

before(async () => {
  stack = await startStack({
    isolates: 2,
    vars: {
      CONSOLE_TOKENS: tokensWith(cashiers),
      // A lookup desk allowed three calls a minute.
      ROLES: rolesWith({
        lookup: { methods: ['alibaba.alsc.crm.open.customer.get'], limits: { callsPerMinute: 3 } },
      }),
      UPSTREAM_RETRIES: '0',
    },
  });
});
after(() => stack?.close());
beforeEach(async () => {
  await stack.reset();
  for (const app of ['12345678', 'opa-sandbox']) await stack.faults(app, []);
});

/** Streams `total` bytes with chunked encoding; the status that came back, and how much was sent by then. */
function sendChunked(url, total) {
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const req = httpRequest(url, { method: 'POST', headers: MANAGER }, (res) => {
      done = true;
      res.resume();
      resolve({ status: res.statusCode, sent });
    });
    // workerd may cut the connection right after its answer: the cut is the proof it stopped.
    req.on('error', () => (done ? undefined : resolve({ status: null, sent })));
    const chunk = Buffer.alloc(1 << 16, 0x20);
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      if (!done) req.end();
    };
    pump();
  });
}
const auditRows = async (query = '', headers = MANAGER) =>
  (await (await stack.get(0, `/v1/audit?page_size=500${query}`, headers)).json()).data.rows;

test("a cashier's daily limit holds under 50 concurrent calls from two isolates", async () => {
  // 3,000 points a day; each call 100: exactly 30 may pass, whichever isolate serves them.
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      stack.post(i % 2, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(100), cashier(1)),
    ),
  );
  const bodies = await Promise.all(answers.map((r) => r.json()));
  const ok = bodies.filter((b) => b.ok).length;
  assert.equal(ok, 30);
  for (const b of bodies.filter((x) => !x.ok))
    assert.deepEqual([b.error.code, b.error.limit], ['LIMIT_EXCEEDED', 'pointsPerDay:3000']);
  assert.equal((await stack.customer()).points.available, 5000 - 3000);
  const usage = (await (await stack.get(1, '/v1/operations', cashier(1))).json()).data.usage;
  assert.equal(usage.points, 3000);
});

test('calls per minute hold across isolates, and say when to retry', async () => {
  const lookup = { brand_id: '10001', shop_id: '20001', mobile: '13800000001' };
  const minute = () => new Date().toISOString().slice(0, 16);
  const startMinute = minute();
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      stack.post(i % 2, '/v1/top/alibaba.alsc.crm.open.customer.get', lookup, cashier(6)),
    ),
  );
  const limited = (await Promise.all(answers.filter((r) => r.status === 429).map((r) => r.json()))).map((b) => b.error);
  for (const e of limited)
    assert.deepEqual(
      [e.code, e.limit, e.retriable, e.retry_after_ms > 0],
      ['RATE_LIMITED', 'callsPerMinute:3', true, true],
    );
  // Three fit in a minute; a minute that turned during the calls would let more through.
  if (minute() === startMinute) assert.deepEqual(answers.map((r) => r.status).sort(), [200, 200, 200, 429, 429, 429]);
});

test('what the platform refuses is released; what it may have applied stays counted', async () => {
  // The demo customer has 5,000 points: the manager takes 4,950 of them first.
  assert.equal((await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(4950))).status, 200);
  const refused = await stack.post(1, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(900), cashier(2));
  assert.equal(refused.status, 409, 'not enough points');
  let usage = (await (await stack.get(0, '/v1/operations', cashier(2))).json()).data.usage;
  assert.equal(usage.points, 0, 'a refusal moves nothing and reserves nothing');
  await stack.faults('12345678', [{ kind: 'drop-before', count: 1 }]);
  const lost = await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(40), cashier(2));
  assert.equal((await lost.json()).error.retriable, true);
  usage = (await (await stack.get(0, '/v1/operations', cashier(2))).json()).data.usage;
  assert.equal(usage.points, 40, 'an unknown outcome keeps its reservation');
});

test('a repeated request_id answers the recorded outcome without calling upstream; other content is 409', async () => {
  const body = deduct(100, { request_id: 'RID-1' });
  const first = await (await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', body)).json();
  assert.equal(first.ok, true);
  const calls = (await stack.journal()).length;
  const again = await (await stack.post(1, '/v1/top/alibaba.alsc.crm.point.extra.consume', body)).json();
  assert.deepEqual([again.ok, again.replayed, again.data], [true, true, first.data]);
  assert.equal((await stack.journal()).length, calls, 'the replay did not reach the platform');
  const other = await stack.post(1, '/v1/top/alibaba.alsc.crm.point.extra.consume', { ...body, change_point: 900 });
  assert.equal(other.status, 409);
  assert.equal((await other.json()).error.code, 'REQUEST_ID_CONFLICT');
  // A refusal is final too: the same id repeats it.
  const big = deduct(99999, { request_id: 'RID-2' });
  const no = await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', big);
  assert.equal(no.status, 409);
  const noAgain = await stack.post(1, '/v1/top/alibaba.alsc.crm.point.extra.consume', big);
  assert.deepEqual([noAgain.status, (await noAgain.json()).replayed], [409, true]);
  assert.equal((await stack.customer()).points.available, 4900);
});

test('U8: the same source_code with other points is refused by the proxy; the sandbox refuses it too', async () => {
  const first = record({ source_code: 'U8-ORDER-1', ori_points: 100 });
  assert.equal((await stack.post(0, '/v1/u8/points/change', [first])).status, 200);
  const replay = await (await stack.post(1, '/v1/u8/points/change', [first])).json();
  assert.equal(replay.replayed, true);
  const changed = await stack.post(1, '/v1/u8/points/change', [{ ...first, ori_points: 900 }]);
  assert.equal(changed.status, 409);
  assert.equal((await changed.json()).error.field, 'source_code');
  assert.equal((await stack.sandbox()).customers.find((c) => c.u8?.mid === '10000001').u8.points, 1100);
  // The sandbox on its own, as the platform is assumed to answer: the same source_code with
  // other points is refused (errcode 2001, the U8 document's "fail"), not answered with the first call's result.
  const u8 = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-sandbox',
    appSecret: 'sandbox-u8-secret',
    baseUrl: stack.sb.url,
  });
  await assert.rejects(
    u8.call('points/change', [{ ...first, ori_points: 900 }], { retries: 0 }),
    (e) => e.code === 'U8_ERROR' && e.platformCode === '2001',
  );
});

test('an unreadable answer to a write is retriable with the same id, and applies once', async () => {
  await stack.faults('12345678', [{ kind: 'applied-html', count: 1 }]);
  const body = deduct(100, { request_id: 'RID-HTML' });
  const first = await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', body);
  const e = (await first.json()).error;
  assert.deepEqual([first.status, e.code, e.retriable], [502, 'DECODE_ERROR', true]);
  assert.match(e.message, /may have been applied/);
  const retry = await (await stack.post(1, '/v1/top/alibaba.alsc.crm.point.extra.consume', body)).json();
  assert.equal(retry.ok, true);
  assert.equal((await stack.customer()).points.available, 4900, 'applied once');
});

test('one U8 token for the fleet, renewed once when U8 calls it invalid', async () => {
  const issued = async () => (await stack.sandbox()).u8_tokens_issued;
  const start = await issued();
  const answers = await Promise.all(
    Array.from({ length: 10 }, (_, i) => stack.post(i % 2, '/v1/u8/points/change', [record()])),
  );
  assert.ok(answers.every((r) => r.status === 200));
  assert.equal(await issued(), start + 1, 'ten calls from two isolates, one token');
  // The sandbox forgets its tokens: the next call is told `token无效`, renews once, succeeds.
  await stack.reset();
  const r = await stack.post(1, '/v1/u8/points/change', [record()]);
  assert.equal(r.status, 200);
  assert.equal(await issued(), 1);
});

test('the audit trail: a row per call, failures included; filters; managers see all, others their own; CSV', async () => {
  await stack.faults('12345678', [{ kind: 'http-503', count: 1 }]);
  const once = deduct(10, { request_id: 'AUD-1' });
  const failed = await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', once, cashier(3));
  assert.equal(failed.status, 502);
  await stack.post(1, '/v1/top/alibaba.alsc.crm.point.extra.consume', once, cashier(3));
  await stack.post(0, '/v1/top/alibaba.alsc.crm.open.customer.get', {
    param_customer_get_open_req: { brand_id: '10001', shop_id: '20001', mobile: '13800000001' },
  });
  await stack.post(1, '/v1/top/alibaba.alsc.crm.open.customer.get', {
    brand_id: '10001',
    shop_id: '20001',
    physical_card_id: 'CARD-9',
  });
  await stack.post(0, '/v1/u8/points/change', [record({ source_code: 'AUD-U8' })], cashier(3));
  await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(10), {
    authorization: 'Bearer nope',
    'content-type': 'application/json',
  });
  await stack.settled('op-c3', 'op-manager-01');

  const all = await auditRows();
  const mine = all.filter((r) => r.request_id === 'AUD-1');
  assert.deepEqual(mine.map((r) => [r.outcome, r.status]).sort(), [
    ['HTTP_ERROR', 502],
    ['ok', 200],
  ]);
  assert.ok(mine.every((r) => r.operator === 'op-c3' && r.points === '10' && r.customer === CUSTOMER && r.order_id));
  const lookups = all.filter(
    (r) => r.operation === 'alibaba.alsc.crm.open.customer.get' && r.operator === 'op-manager-01',
  );
  assert.deepEqual(
    lookups.map((r) => r.customer).sort(),
    ['138****0001', 'card:CARD-9'],
    'wrapped bodies and card lookups name the customer',
  );
  assert.equal(all.find((r) => r.order_id === 'AUD-U8').customer, '10000001');
  assert.equal(
    all.find((r) => r.outcome === 'UNAUTHORIZED'),
    undefined,
    'a refused sign-in is counted, not written as a row',
  );
  for (const r of all) assert.ok(!JSON.stringify(r).includes('13800000001'));

  const cashierView = await auditRows('', cashier(3));
  assert.ok(
    cashierView.length > 0 && cashierView.every((r) => r.operator === 'op-c3'),
    'a cashier sees only their own rows',
  );
  const peek = await auditRows('&operator=op-manager-01', cashier(3));
  assert.ok(
    peek.every((r) => r.operator === 'op-c3'),
    "and cannot ask for another operator's",
  );
  assert.ok((await auditRows('&operation=u8:points/change')).every((r) => r.operation === 'u8:points/change'));
  assert.ok((await auditRows(`&customer=${CUSTOMER}`)).length >= 2);
  const day = all[0].day;
  assert.equal((await auditRows(`&from=${day}&to=${day}`)).length, all.length);
  const bad = await stack.get(0, '/v1/audit?from=yesterday');
  assert.deepEqual([bad.status, (await bad.json()).error.field], [400, 'from']);
  const page = await (await stack.get(0, '/v1/audit?page_size=2&page=1')).json();
  assert.deepEqual([page.data.rows.length, page.data.has_next], [2, true]);

  const csv = await stack.get(0, '/v1/audit?format=csv');
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(
    lines[0],
    'id,at,day,operator,role,operation,request_id,order_id,points,value,vouchers,customer,brand,shop,outcome,status,platform_code,upstream_ms,result,job',
  );
  // Refusals counted past 10 a minute follow the rows, with no id.
  assert.equal(lines.filter((l) => !l.startsWith(',')).length, all.length + 1);
});

test('no configured secret reaches a caller, a log line or an audit row, whatever upstream echoes', async () => {
  // The U8 token request carries app_secret in its query; this gateway echoes it in a 502.
  await stack.reset();
  await stack.faults('opa-sandbox', [{ kind: 'echo', methods: ['/system/token'] }]);
  const r = await stack.post(0, '/v1/u8/points/change', [record({ source_code: 'ECHO-1' })]);
  const text = await r.text();
  assert.equal(r.status, 502);
  assert.match(text, /upstream refused|HTTP/, 'the echo did reach the proxy');
  for (const secret of ['sandbox-u8-secret', 'sandbox-top-secret']) {
    assert.ok(!text.includes(secret), `answer: ${text}`);
    assert.ok(!stack.proxy.logs.join('\n').includes(secret), 'logs');
    await stack.settled('op-manager-01');
    assert.ok(!JSON.stringify(await auditRows()).includes(secret), 'audit');
  }
});

test('hostile bodies and paths are 4xx naming what is wrong, never a 500', async () => {
  const start = new Date().toISOString();
  let deep = '1';
  for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
  const nested = await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', `{"change_point":${deep}}`);
  assert.equal(nested.status, 400);
  const long = await stack.post(
    0,
    '/v1/top/alibaba.alsc.crm.point.extra.consume',
    JSON.stringify({ ...deduct(1), reason: Array.from({ length: 8000 }, () => 1) }),
  );
  assert.equal(long.status, 400);
  const surrogate = await stack.post(
    0,
    '/v1/top/alibaba.alsc.crm.point.extra.consume',
    '{"reason":"\\ud800","change_point":1}',
  );
  const s = await surrogate.json();
  assert.equal(surrogate.status, 400, JSON.stringify(s));
  const path = await stack.post(0, '/v1/top/%E0%A4%A', {});
  assert.deepEqual([path.status, (await path.json()).error.field], [400, 'path']);
  // A body with no length, far over the limit: answered 413 once the limit is passed, long
  // before the 20 MB are sent.
  const { status, sent } = await sendChunked(
    `${stack.proxy.url}/v1/top/alibaba.alsc.crm.point.extra.consume`,
    20 << 20,
  );
  assert.ok(status === 413 || status === null, String(status));
  assert.ok(sent < 20 << 20, `the proxy stopped reading (${sent} bytes sent)`);
  await stack.settled('op-manager-01');
  const rows = (await auditRows()).filter((r) => r.at >= start);
  assert.ok(
    rows.some((r) => r.outcome === 'PAYLOAD_TOO_LARGE' && r.status === 413),
    'the proxy answered 413',
  );
  assert.deepEqual(
    rows.filter((r) => r.status >= 500),
    [],
    'no hostile input was a 5xx',
  );
});

test('U8: a refusal U8 documents (2001) is final: 409, released, and the same key answers it again', async () => {
  // The sandbox answers errcode 2001 (the document's "fail") with the reason: 会员不存在.
  const body = [record({ mid: 'NO-SUCH-MEMBER', ori_points: 40, source_code: 'U8-REFUSED-1' })];
  const r = await stack.post(0, '/v1/u8/points/change', body, cashier(4));
  const e = (await r.json()).error;
  assert.deepEqual([r.status, e.code, e.platform_code, e.retriable], [409, 'U8_ERROR', '2001', false]);
  const usage = (await (await stack.get(1, '/v1/operations', cashier(4))).json()).data.usage;
  assert.equal(usage.points, 0, 'released');
  const again = await (await stack.post(1, '/v1/u8/points/change', body, cashier(4))).json();
  assert.deepEqual([again.replayed, again.error.platform_code], [true, '2001']);
  // Codes no document lists leave the outcome unknown: tests/js/proxy/upstream.test.mjs.
});

test('a malformed setting is named, never echoed', async () => {
  const bad = await stack.startProxy({ ROLES: '{"cashier": {"methods": ["secret-fragment-XYZ"' });
  try {
    const r = await fetch(`${bad.url}/healthz`);
    const text = await r.text();
    assert.equal(r.status, 500);
    assert.match(text, /ROLES/);
    assert.ok(!text.includes('secret-fragment-XYZ') && !text.includes('methods'), text);
  } finally {
    await bad.close();
  }
});

test('Cloudflare Access: a valid JWT signs in; expired, other audience or bad signature do not', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const certs = createServer((req, res) => {
    res.writeHead(req.url === '/cdn-cgi/access/certs' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((r) => certs.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${certs.address().port}`;
  const aud = 'aud-tag-0123';
  const access = await stack.startProxy({
    ACCESS_TEAM_DOMAIN: issuer,
    ACCESS_AUD: aud,
    ACCESS_OPERATORS: JSON.stringify({
      emails: { 'alice@shop.example': { operator: 'op-alice', role: 'manager', scope: { 10001: '*' } } },
      groups: { cashiers: { operator: 'op-desk', role: 'cashier', scope: { 10001: ['20001'] } } },
    }),
  });
  const jwt = (claims, { key = privateKey, exp = '5m', audience = aud } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  const who = async (token) => {
    const r = await fetch(`${access.url}/v1/operations`, { headers: { 'cf-access-jwt-assertion': token } });
    return r.status === 200 ? (await r.json()).data.operator : r.status;
  };
  try {
    assert.equal(await who(await jwt({ email: 'alice@shop.example' })), 'op-alice');
    assert.equal(await who(await jwt({ email: 'bob@shop.example', groups: ['cashiers'] })), 'op-desk');
    assert.equal(
      await who(await jwt({ email: 'alice@shop.example' }, { exp: Math.floor(Date.now() / 1000) - 60 })),
      401,
      'expired',
    );
    assert.equal(
      await who(await jwt({ email: 'alice@shop.example' }, { audience: 'another-app' })),
      401,
      'other audience',
    );
    assert.equal(
      await who(await jwt({ email: 'alice@shop.example' }, { key: other.privateKey })),
      401,
      'bad signature',
    );
    assert.equal(await who(await jwt({ email: 'mallory@elsewhere.example' })), 401, 'not mapped');
    const r = await fetch(`${access.url}/v1/operations`, { headers: { authorization: MANAGER.authorization } });
    assert.equal(r.status, 200, 'static tokens still work beside Access');
  } finally {
    await access.close();
    certs.close();
  }
});
