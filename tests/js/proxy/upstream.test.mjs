// What an upstream sends back, as the proxy reads it: only the refusals the platforms document
// are final (anything else after a write keeps the key open and the reservation held); an
// answer is read up to a cap; secrets and mobiles leave scrubbed from success answers as from
// errors, in every encoding. The upstream is a scripted stub on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startStack, tokensWith, rolesWith, as, deduct, record, CONSUME } from '../fixtures.mjs';

const TOP_SECRET = 'sandbox-top-secret';
const U8_SECRET = 'sandbox-u8-secret';
const SESSION = 'session-sekret-42';
let upstream;
let seen = [];
/** How the stub answers the next business call: `(path) => { status, type, body } | 'huge'`. */
let answer = null;
let f;

const ok = (result) =>
  JSON.stringify({ result: { biz_success: true, result, result_code: '200', result_desc: '成功', result_view: '' } });

before(async () => {
  upstream = createServer(async (req, res) => {
    for await (const chunk of req) void chunk;
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/system/token') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(JSON.stringify({ errcode: '0', token: { appKey: 'opa-sandbox', expiresIn: 7200, id: 'tok-1' } }));
    }
    seen.push(url.pathname);
    const a = answer(url.pathname);
    if (a === 'huge') {
      // 50 MB, streamed without a length.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1 << 20, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 50 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => {});
      return pump();
    }
    res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json;charset=UTF-8' });
    res.end(a.body);
  });
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  f = await startStack({
    isolates: 2,
    upstream: `http://127.0.0.1:${upstream.address().port}`,
    vars: {
      UPSTREAM_RETRIES: '0',
      TOP_SESSION: SESSION,
      UPSTREAM_MAX_BYTES: String(256 * 1024),
      CONSOLE_TOKENS: tokensWith({ retrier: { role: 'retrier' } }),
      ROLES: rolesWith({
        retrier: { methods: ['alibaba.alsc.crm.point.extra.consume'], limits: { callsPerMinute: 5 } },
      }),
    },
  });
});
after(async () => {
  await f.close();
  upstream.close();
});

const json = async (r) => ({ status: r.status, ...(await r.json()) });
const usage = async () => (await (await f.get(0, '/v1/operations')).json()).data.usage;

test('after a write, an answer that is no documented refusal leaves the outcome unknown', async () => {
  for (const [label, a] of [
    ['HTTP 404 page', { status: 404, type: 'text/html', body: '<html><h1>404 Not Found</h1></html>' }],
    ['HTTP 400, not a platform body', { status: 400, type: 'text/plain', body: 'Bad Request' }],
    [
      'TOP isp fault',
      {
        body: JSON.stringify({
          error_response: { code: 15, msg: 'Remote service error', sub_code: 'isp.unknown-error' },
        }),
      },
    ],
    ['200 with HTML', { type: 'text/html', body: '<html>ok?</html>' }],
  ]) {
    answer = () => a;
    seen = [];
    const used = (await usage()).points;
    const body = deduct(7, { request_id: `UNK-${label}` });
    const r = await json(await f.post(0, CONSUME, body));
    assert.equal(r.error.retriable, true, `${label}: ${JSON.stringify(r.error)}`);
    assert.match(r.error.message, /may have been applied/, label);
    assert.ok(r.status >= 500, label);
    assert.equal((await usage()).points, used + 7, `${label}: the reservation is held`);
    const again = await f.post(1, CONSUME, body);
    assert.ok(again.status >= 500, `${label}: the key is still open`);
    assert.equal(seen.length, 2, `${label}: the retry went to the platform again`);
    assert.equal((await usage()).points, used + 7, `${label}: counted once`);
  }
  // A documented refusal is final: released, and the same key answers it again, unsent.
  answer = () => ({
    body: JSON.stringify({
      result: { biz_success: false, result_code: 'POINT_NOT_ENOUGH', result_desc: '积分不足', result_view: '积分不足' },
    }),
  });
  seen = [];
  const start = (await usage()).points;
  const refused = deduct(9, { request_id: 'FINAL-1' });
  assert.equal((await f.post(0, CONSUME, refused)).status, 409);
  const replay = await json(await f.post(1, CONSUME, refused));
  assert.deepEqual([replay.status, replay.replayed, seen.length], [409, true, 1]);
  assert.equal((await usage()).points, start, 'released');
});

test('U8: errcodes 2001 and 30021 are final; 99999, -1 and the like leave the outcome unknown', async () => {
  for (const [errcode, final] of [
    ['2001', true],
    ['30021', true],
    ['99999', false],
    [-1, false],
    ['20003', false],
  ]) {
    answer = () => ({ type: 'text/html', body: JSON.stringify({ errcode, errmsg: 'fail' }) });
    seen = [];
    const body = [record({ source_code: `U8-${errcode}`, ori_points: 3 })];
    const r = await json(await f.post(0, '/v1/u8/points/change', body));
    assert.equal(r.error.retriable, !final, `${errcode}: ${JSON.stringify(r.error)}`);
    const again = await json(await f.post(1, '/v1/u8/points/change', body));
    assert.equal(Boolean(again.replayed), final, `${errcode}: replayed when final`);
    assert.equal(seen.length, final ? 1 : 2, `${errcode}: upstream calls`);
  }
});

test('an answer past the cap is not read: a clear 502, the write’s key left open', async () => {
  answer = () => 'huge';
  const started = Date.now();
  const r = await json(await f.post(0, CONSUME, deduct(1, { request_id: 'HUGE-1' })));
  assert.deepEqual([r.status, r.error.code, r.error.retriable], [502, 'UPSTREAM_TOO_LARGE', true]);
  assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  const read = await json(
    await f.post(1, '/v1/top/alibaba.alsc.crm.open.customer.get', {
      brand_id: '10001',
      shop_id: '20001',
      mobile: '13800000001',
    }),
  );
  assert.deepEqual([read.status, read.error.code, read.error.retriable], [502, 'UPSTREAM_TOO_LARGE', false]);
});

test('secrets and mobiles leave no answer, success or error, in any encoding', async () => {
  const enc = (s, each) => [...s].map(each).join('');
  const forms = [
    TOP_SECRET,
    U8_SECRET,
    SESSION,
    encodeURIComponent(`x=${TOP_SECRET}`),
    enc(U8_SECRET, (c) => `%${c.charCodeAt(0).toString(16)}`),
    enc(U8_SECRET, (c) => `&#${c.charCodeAt(0)};`),
    enc(U8_SECRET, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
    enc(U8_SECRET, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    Buffer.from(`secret is ${TOP_SECRET}!`).toString('base64'),
    Buffer.from(SESSION).toString('hex'),
    `token=${'t0k3n'.repeat(4)}`,
    `token%3D${'t0k3n'.repeat(4)}`,
    `"token":"${'t0k3n'.repeat(4)}"`,
    `<token>${'t0k3n'.repeat(4)}</token>`,
    `session=${'t0k3n'.repeat(4)}`,
    `TOP_SESSION=${'t0k3n'.repeat(4)}`,
  ];
  const mobiles = ['+8613800000001', '138-0000-0001', '138 0000 0001', '１３８０００００００１', '0086 138 0000 0001'];
  const text = [...forms, ...mobiles].join(' | ');
  const leaks = (s) => [
    ...[TOP_SECRET, U8_SECRET, SESSION, 't0k3n', '00000001', '０００１'].filter((x) => s.includes(x)),
    ...forms.filter((x) => s.includes(x)),
  ];
  for (const [label, a] of [
    ['success', { body: ok(text) }],
    ['refusal', { body: JSON.stringify({ result: { biz_success: false, result_code: 'X', result_view: text } }) }],
    [
      'gateway error',
      { body: JSON.stringify({ error_response: { code: 25, msg: 'Invalid Signature', sub_msg: text } }) },
    ],
    ['an HTTP error page', { status: 502, type: 'text/plain', body: text }],
  ]) {
    answer = () => a;
    const r = await f.post(0, CONSUME, deduct(1));
    const got = await r.text();
    assert.deepEqual(leaks(got), [], `${label}: ${got.slice(0, 400)}`);
  }
  // A success answer whose keys name a credential, and a mobile sent as a number.
  answer = () => ({
    body: JSON.stringify({
      result: {
        biz_success: true,
        result: { customer_open_info: { mobile: 13800000001, token: 'abcdefgh', name: '张三' } },
        result_code: '200',
      },
    }),
  });
  const r = await json(
    await f.post(1, '/v1/top/alibaba.alsc.crm.open.customer.get', {
      brand_id: '10001',
      shop_id: '20001',
      mobile: '13800000001',
    }),
  );
  assert.deepEqual(r.data.result.customer_open_info, { mobile: '138****0001', token: '[REDACTED]', name: '张三' });
  await f.settled('op-manager-01');
  assert.deepEqual(leaks(JSON.stringify(await f.rows())), [], 'audit rows');
  assert.deepEqual(leaks(f.proxy.logs.join('\n')), [], 'log lines');
});

test('retries of an unknown outcome count toward calls per minute: an outage cannot multiply upstream calls', async () => {
  // Inside one GMT+8 minute: wait out its last seconds.
  while (new Date().getSeconds() > 50) await new Promise((r) => setTimeout(r, 500));
  answer = () => ({ status: 503, type: 'text/plain', body: 'Service Unavailable' });
  seen = [];
  const body = deduct(1, { request_id: 'OUTAGE-1' });
  const statuses = [];
  for (let i = 0; i < 12; i++) statuses.push((await f.post(i % 2, CONSUME, body, as('retrier'))).status);
  {
    assert.deepEqual(statuses.slice(5), Array(7).fill(429), String(statuses));
    assert.equal(seen.length, 5, 'five calls a minute reached the platform, no more');
  }
});
