// Nothing unbounded, nothing leaked, nothing unknown told as known: the proxy's review findings
// on floods, sizes, nesting, idempotency across operators, Access, CSV and a D1 that fails,
// through two isolates against the sandbox.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { startStack, tokensWith, rolesWith, as, deduct, record, CUSTOMER, MANAGER, CONSUME } from '../fixtures.mjs';

let f;
let certs;
let issuer;
let keys;
const AUD = 'aud-tag-hostile';

before(async () => {
  keys = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  certs = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((r) => certs.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${certs.address().port}`;
  f = await startStack({
    isolates: 2,
    vars: {
      UPSTREAM_RETRIES: '0',
      CONSOLE_TOKENS: tokensWith({
        tight: { role: 'tight' },
        flood: { role: 'tight' },
        u1: { role: 'cashier' },
        u2: { role: 'cashier' },
        see: { role: 'viewer' },
        hide: { role: 'cashier' },
      }),
      ROLES: rolesWith({
        tight: { methods: ['alibaba.alsc.crm.point.extra.consume'], limits: { points: 100, callsPerMinute: 3 } },
        viewer: { methods: ['alibaba.alsc.crm.open.customer.get'], fullMobile: true },
      }),
      ACCESS_TEAM_DOMAIN: issuer,
      ACCESS_AUD: AUD,
      ACCESS_OPERATORS: JSON.stringify({
        emails: { 'alice@shop.example': { operator: 'op-alice', role: 'manager', scope: { 10001: '*' } } },
        groups: { managers: { operator: 'op-group', role: 'manager', scope: { 10001: '*' } } },
      }),
      AUDIT_BACKLOG_MAX: '5',
    },
  });
});
after(async () => {
  await f.close();
  certs.close();
});
beforeEach(() => f.reset());

const json = async (r) => ({ status: r.status, ...(await r.json()) });

test('refused sign-ins write no audit rows: a flood is counted, one row per client and minute', async () => {
  const start = (await f.rows()).length;
  const long = `/v1/top/${'x'.repeat(8000)}`;
  const answers = await Promise.all(
    Array.from({ length: 300 }, (_, i) =>
      f.proxy.fetchVia(i % 2, i % 3 ? CONSUME : long, {
        method: 'POST',
        headers: {
          authorization: `Bearer forged-${i}`,
          'content-type': 'application/json',
          'cf-connecting-ip': '203.0.113.9',
        },
        body: '{}',
      }),
    ),
  );
  assert.ok(answers.every((r) => r.status === 401));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await f.rows()).length, start, 'no audit row before sign-in');
  const d1 = await f.proxy.mf.getD1Database('AUDIT_DB');
  const counted = (await d1.prepare('SELECT minute, client, count FROM refused_signins').all()).results;
  assert.ok(counted.length >= 1 && counted.length <= 4, JSON.stringify(counted));
  assert.ok(counted.every((r) => r.client === '203.0.113.9'));
});

test('refused calls under an operator’s own token are counted past a few rows a minute, not each a row', async () => {
  const start = (await f.rows()).filter((r) => r.operator === 'op-flood').length;
  const N = 200;
  const answers = [];
  for (let i = 0; i < N; i += 20)
    answers.push(
      ...(await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          f.post((i + j) % 2, CONSUME, deduct(1, j % 4 ? {} : { shop_id: '20002' }), as('flood')),
        ),
      )),
    );
  const statuses = answers.map((r) => r.status);
  assert.ok(
    statuses.every((s) => [200, 403, 429, 503].includes(s)),
    JSON.stringify(statuses),
  );
  // 503: this fleet's audit backlog (5) was full, and the call was refused unrecorded.
  const unrecorded = statuses.filter((s) => s === 503).length;
  await f.settled('op-flood');
  const rows = (await f.rows()).filter((r) => r.operator === 'op-flood').length - start;
  const d1 = await f.proxy.mf.getD1Database('AUDIT_DB');
  const counted = (
    await d1.prepare("SELECT minute, outcome, count FROM refused_calls WHERE operator = 'op-flood'").all()
  ).results;
  const folded = counted.reduce((n, r) => n + r.count, 0);
  // At most two minutes: 3 admitted and 10 refused rows in each, the rest counted.
  assert.ok(rows <= 2 * (3 + 10), `${rows} rows`);
  assert.equal(rows + folded + unrecorded, N, 'every call is in a row or a count');
  assert.ok(counted.length <= 2 * 3, JSON.stringify(counted));
  assert.ok(counted.some((r) => r.outcome === 'RATE_LIMITED'));
  // The audit shows the counts beside the rows (to a role seeing all: the flood is over its rate), in the answer and the CSV.
  const page = (await (await f.get(0, '/v1/audit?operator=op-flood&page_size=500')).json()).data;
  assert.equal(
    page.refused.reduce((n, r) => n + r.count, 0),
    folded,
    JSON.stringify(page.refused),
  );
  assert.ok(page.refused.every((r) => r.operator === 'op-flood'));
  const csv = await (await f.get(1, '/v1/audit?operator=op-flood&format=csv')).text();
  const inCsv = [...csv.matchAll(/counted: (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  assert.equal(inCsv, folded);
});

test('every call counts toward calls per minute, refusals and replays included', async () => {
  // Inside one GMT+8 minute: wait out its last seconds.
  while (new Date().getSeconds() > 50) await new Promise((r) => setTimeout(r, 500));
  const who = as('tight');
  const statuses = [];
  // An invalid call, one over the limit, then replays of a good one: the fourth call is 429.
  statuses.push((await f.post(0, CONSUME, { change_point: 0 }, who)).status);
  statuses.push((await f.post(1, CONSUME, deduct(101), who)).status);
  const body = deduct(5, { request_id: 'TIGHT-1' });
  statuses.push((await f.post(0, CONSUME, body, who)).status);
  const replay = await f.post(1, CONSUME, body, who);
  statuses.push(replay.status);
  assert.deepEqual(statuses, [400, 403, 200, 429], String(statuses));
  assert.equal((await replay.json()).error?.code ?? 'RATE_LIMITED', 'RATE_LIMITED');
});

test('strings are capped, nesting is refused early, and an idempotency record keeps a bounded summary', async () => {
  const longId = await json(await f.post(0, CONSUME, deduct(1, { request_id: 'r'.repeat(60_000) })));
  assert.deepEqual([longId.status, longId.error.code, longId.error.field], [400, 'INVALID_PARAM', 'request_id']);
  for (const field of ['customer_id', 'out_biz_id']) {
    let deep = '"x"';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const r = await f.post(1, CONSUME, `{"${field}":${deep},"change_point":1}`);
    assert.equal(r.status, 400, field);
  }
  let mid = '"1"';
  for (let i = 0; i < 5000; i++) mid = `{"a":${mid}}`;
  assert.equal((await f.post(0, '/v1/u8/points/change', `[{"mid":${mid}}]`)).status, 400);
  // 3,000 voucher ids: the platform answers a status for each; the proxy keeps a summary.
  const ids = Array.from({ length: 3000 }, (_, i) => `V${i}`);
  const r = await json(
    await f.post(0, '/v1/top/alibaba.alsc.crm.voucher.status.change', {
      customer_id: CUSTOMER,
      source: 'POS',
      voucher_id_list: ids,
      voucher_status_action: 'NORMAL_ISUSED',
      request_id: 'MANY-VOUCHERS',
    }),
  );
  assert.equal(r.status, 200);
  assert.equal(r.data.result.voucher_status_list.length, 3000, 'the caller got the whole answer');
  await f.settled('op-manager-01');
  const kept = JSON.parse(JSON.stringify(await (await f.ledger('op-manager-01')).records())).find(
    (x) => x.key === 'MANY-VOUCHERS',
  );
  assert.ok(kept.answerBytes > 0 && kept.answerBytes < 2500, `${kept.answerBytes} bytes kept`);
  const replay = await json(
    await f.post(1, '/v1/top/alibaba.alsc.crm.voucher.status.change', {
      customer_id: CUSTOMER,
      source: 'POS',
      voucher_id_list: ids,
      voucher_status_action: 'NORMAL_ISUSED',
      request_id: 'MANY-VOUCHERS',
    }),
  );
  assert.deepEqual([replay.replayed, replay.summarized], [true, true]);
  assert.equal(replay.data.summary['result.voucher_status_list[0].voucher_id'], 'V0');
});

test('audit pages are bounded in bytes as well as rows, and continue where they stopped', async () => {
  const d1 = await f.proxy.mf.getD1Database('AUDIT_DB');
  const big = 'z'.repeat(2000);
  await d1.batch(
    Array.from({ length: 300 }, (_, i) =>
      d1
        .prepare(
          "INSERT INTO audit (at, day, operator, operation, customer, outcome, status) VALUES (?, ?, 'op-bulk', 'x', ?, 'ok', 200)",
        )
        .bind(new Date().toISOString(), new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), `${big}${i}`),
    ),
  );
  const r = await f.get(0, '/v1/audit?page_size=500&operator=op-bulk');
  const text = await r.text();
  assert.ok(text.length < 300 * 1024, `${text.length} bytes`);
  const page = JSON.parse(text).data;
  assert.deepEqual([page.truncated, page.has_next], [true, true]);
  const next = (await (await f.get(1, `/v1/audit?page_size=500&operator=op-bulk&before=${page.next_before}`)).json())
    .data;
  assert.equal(page.rows.length + next.rows.length <= 300, true);
  assert.ok(next.rows.every((x) => x.id < page.next_before));
});

test('CSV: a cell holding a separator is quoted, one starting with a formula is defused', async () => {
  for (const id of ['a;=1+1;', '=HYPERLINK("http://x")', ' @SUM(1)', 'plain'])
    await f.post(0, '/v1/top/alibaba.alsc.crm.open.customer.get', {
      brand_id: '10001',
      shop_id: '20001',
      customer_id: id,
    });
  await f.settled('op-manager-01');
  const csv = await (await f.get(1, '/v1/audit?format=csv&operation=alibaba.alsc.crm.open.customer.get')).text();
  assert.match(csv, /,"a;=1\+1;",/);
  assert.match(csv, /,"'=HYPERLINK\(""http:\/\/x""\)",/);
  assert.match(csv, /,' @SUM\(1\),/);
  for (const line of csv.trim().split('\r\n').slice(1))
    for (const c of line.split(',')) assert.ok(!/^[=+\-@]/.test(c), `a bare formula cell: ${c}`);
});

test('U8: another operator’s source_code is refused with no data; one award, one applied row', async () => {
  const first = record({ source_code: 'SHARED-1', ori_points: 30 });
  assert.equal((await f.post(0, '/v1/u8/points/change', [first], as('u1'))).status, 200);
  const other = await json(await f.post(1, '/v1/u8/points/change', [first], as('u2')));
  assert.deepEqual(
    [other.status, other.error.code, other.error.field, other.data],
    [409, 'REQUEST_ID_CONFLICT', 'source_code', undefined],
  );
  await f.settled('op-u1', 'op-u2');
  const ok = (await f.rows()).filter((r) => r.order_id === 'SHARED-1' && r.outcome === 'ok');
  assert.equal(ok.length, 1);
  assert.equal((await f.sandbox()).customers.find((c) => c.u8?.mid === '10000001').u8.points, 1030);
});

test('U8: a call the proxy refuses claims no source_code; another operator may use them', async () => {
  const codes = ['POS-SQUAT-1', 'POS-SQUAT-2', 'POS-SQUAT-3'];
  // Over the cashier's per-call limit, then outside its methods (a return): nothing is sent.
  const over = await json(
    await f.post(
      0,
      '/v1/u8/points/change',
      codes.map((c) => record({ source_code: c, ori_points: 999999 })),
      as('u1'),
    ),
  );
  assert.deepEqual([over.status, over.error.code], [403, 'LIMIT_EXCEEDED']);
  const journal = (await (await fetch(`${f.sb.url}/__sandbox/journal`)).json()).journal;
  assert.equal(journal.length, 0, 'nothing reached U8');
  const mine = await json(
    await f.post(1, '/v1/u8/points/change', [record({ source_code: codes[1], ori_points: 12 })], as('u2')),
  );
  assert.deepEqual([mine.status, mine.ok], [200, true], JSON.stringify(mine.error));
  assert.equal((await f.sandbox()).customers.find((c) => c.u8?.mid === '10000001').u8.points, 1012);
  // And the code is now u2's: u1 cannot send it.
  const late = await json(
    await f.post(0, '/v1/u8/points/change', [record({ source_code: codes[1], ori_points: 5 })], as('u1')),
  );
  assert.deepEqual([late.status, late.error.code], [409, 'REQUEST_ID_CONFLICT']);
});

test('mobiles: full only to roles allowed them; masked in every notation everywhere else', async () => {
  const lookup = { brand_id: '10001', shop_id: '20001', mobile: '+86 138-0000-0001' };
  const hidden = await json(await f.post(0, '/v1/top/alibaba.alsc.crm.open.customer.get', lookup, as('hide')));
  assert.equal(hidden.status, 200);
  assert.equal(hidden.data.result.customer_open_info.mobile, '138****0001');
  const shown = await json(await f.post(1, '/v1/top/alibaba.alsc.crm.open.customer.get', lookup, as('see')));
  assert.equal(shown.data.result.customer_open_info.mobile, '13800000001');
  await f.settled('op-see', 'op-hide');
  assert.ok(!JSON.stringify(await f.rows()).includes('13800000001'), 'never in an audit row');
  assert.ok(!f.proxy.logs.join('\n').includes('13800000001'), 'never in a log line');
});

test('Access: a bad identity is 401, never 500; groups come from the groups claim only; exp is required', async () => {
  const jwt = (claims, { exp = '5m' } = {}) => {
    const t = new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(AUD)
      .setIssuedAt();
    if (exp !== null) t.setExpirationTime(exp);
    return t.sign(keys.privateKey);
  };
  const who = async (token, extra = {}) => {
    const r = await f.proxy.fetchVia(0, '/v1/operations', { headers: { 'cf-access-jwt-assertion': token, ...extra } });
    return r.status === 200 ? (await r.json()).data.operator : r.status;
  };
  assert.equal(await who(await jwt({ email: 'alice@shop.example' })), 'op-alice');
  assert.equal(await who(await jwt({ email: 'Alice@Shop.Example' })), 'op-alice', 'emails compare without case');
  assert.equal(await who(await jwt({ email: 'x', groups: ['managers'] })), 'op-group');
  for (const claims of [
    { email: '__proto__' },
    { email: 'constructor' },
    { email: 'group:managers' },
    { email: 'managers' },
    { email: ['alice@shop.example'] },
    { email: 'alice@shop.example\n' },
    { groups: ['__proto__', 'toString'] },
  ])
    assert.equal(await who(await jwt(claims)), 401, JSON.stringify(claims));
  assert.equal(await who(await jwt({ email: 'alice@shop.example' }, { exp: null })), 401, 'no exp');
  const expired = await jwt({ email: 'alice@shop.example' }, { exp: Math.floor(Date.now() / 1000) - 60 });
  assert.equal(await who(expired, { authorization: MANAGER.authorization }), 401, 'an expired JWT beside a good token');
  assert.equal(await who('not.a.jwt', { authorization: MANAGER.authorization }), 401);
  // A token is good for ACCESS_MAX_AGE_HOURS (24) after it was issued, however far its exp.
  const aged = (iat, exp) =>
    new SignJWT({ email: 'alice@shop.example' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(AUD)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(keys.privateKey);
  const now = Math.floor(Date.now() / 1000);
  const decades = now + 30 * 365 * 86400;
  assert.equal(await who(await aged(now - 3600, decades)), 'op-alice', 'an hour old');
  assert.equal(await who(await aged(now - 25 * 3600, decades)), 401, 'a day and an hour old, exp decades away');
  assert.equal(await who(await aged(now + 3600, decades)), 401, 'issued in the future');
  const noIat = await new SignJWT({ email: 'alice@shop.example' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(AUD)
    .setExpirationTime(decades)
    .sign(keys.privateKey);
  assert.equal(await who(noIat), 401, 'no iat');
});

test('a D1 outage loses no audit row; a backlog past its cap refuses writes, not reads', async () => {
  const d1 = await f.proxy.mf.getD1Database('AUDIT_DB');
  await d1.exec(
    "CREATE TRIGGER audit_down BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
  );
  const start = (await f.rows()).length;
  const answers = [];
  for (let i = 0; i < 7; i++)
    answers.push(
      (await f.post(i % 2, CONSUME, deduct(1, { request_id: `DOWN-${i}`, out_biz_id: `DOWN-${i}` }))).status,
    );
  // Five rows wait in the operator's outbox (the cap is 5): the next writes are refused,
  // and nothing of them reaches the platform.
  assert.deepEqual(answers, [200, 200, 200, 200, 200, 503, 503]);
  assert.equal((await f.journal()).filter((j) => String(j.order).startsWith('DOWN-')).length, 5);
  const read = await f.post(0, '/v1/top/alibaba.alsc.crm.open.customer.get', {
    brand_id: '10001',
    shop_id: '20001',
    mobile: '13800000001',
  });
  assert.equal(read.status, 200, 'reads go on while the backlog is under twice the cap');
  await d1.exec('DROP TRIGGER audit_down;');
  await f.settled('op-manager-01');
  const rows = (await f.rows()).slice(start);
  for (let i = 0; i < 5; i++)
    assert.equal(rows.filter((r) => r.request_id === `DOWN-${i}` && r.outcome === 'ok').length, 1, `DOWN-${i}`);
});
