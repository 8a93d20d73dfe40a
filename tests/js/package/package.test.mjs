// The built package, imported as a user would (`loyalty-sdk`, resolved to pkg/), in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import * as sdk from 'loyalty-sdk';
import {
  TopClient,
  U8Client,
  SdkError,
  validate,
  operations,
  signTop,
  stringToSign,
  newRequestId,
  ERROR_CODES,
} from 'loyalty-sdk';
import { stub } from './stub.mjs';
import { SAMPLE_DEDUCTION, expectedSign } from '../fixtures.mjs';

const EXTRA = 'alibaba.alsc.crm.point.extra.consume';
const PARAMS = SAMPLE_DEDUCTION;
const OK_BODY = JSON.stringify({
  result: { biz_success: true, result: '333213123', result_code: '200', result_desc: '成功', result_view: '' },
});

test('every export is there', () => {
  assert.deepEqual(Object.keys(sdk).sort(), [
    'Choices',
    'ERROR_CODES',
    'ErrorCode',
    'Rule',
    'SdkError',
    'TopClient',
    'U8Client',
    'businessParams',
    'customerOf',
    'effectOf',
    'fenToYuan',
    'maskMobile',
    'maskMobilesIn',
    'newRequestId',
    'nextPage',
    'normalizeMobile',
    'operations',
    'orderIdsOf',
    'permissionsOf',
    'reasonField',
    'reversalOf',
    'signTop',
    'stringToSign',
    'validate',
    'vocabulary',
    'voucherFacesOf',
    'wholeAmount',
    'yuanToFen',
  ]);
  assert.ok(ERROR_CODES.includes('BIZ_ERROR'));
});

test('CommonJS require gives the same surface', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('loyalty-sdk');
  assert.equal(typeof cjs.TopClient, 'function');
  const c = new cjs.TopClient({ appKey: 'k', appSecret: 's' });
  const a = c.prepare(EXTRA, PARAMS, { timestamp: 1_700_000_000_000 });
  const b = new TopClient({ appKey: 'k', appSecret: 's' }).prepare(EXTRA, PARAMS, { timestamp: 1_700_000_000_000 });
  assert.equal(a.sign, b.sign);
});

// The signature, recomputed with node:crypto from what was sent on the wire.
test('prepare signs what it sends, checked with node:crypto, for each sign method', () => {
  for (const method of ['md5', 'hmac', 'hmac-sha256']) {
    const c = new TopClient({ appKey: '12345678', appSecret: '密钥-secret', signMethod: method });
    const req = c.prepare(EXTRA, PARAMS, { timestamp: new Date('2024-02-28T16:00:00Z') });
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded;charset=UTF-8');
    assert.equal(new URL(req.url).searchParams.get('timestamp'), '2024-02-29 00:00:00', 'GMT+8 whatever the host zone');
    assert.equal(new URL(req.url).searchParams.get('sign'), expectedSign(req, '密钥-secret', method));
    const sent = JSON.parse(new URLSearchParams(req.body).get('param_extra_consume_point_open_req'));
    assert.equal(sent.reason, PARAMS.reason);
    assert.ok(!req.stringToSign.includes('密钥-secret'));
  }
});

test('parameters of any size and script reach the core whole, one call after another', () => {
  // They cross as UTF-8 through a buffer the SDK keeps between calls (up to 64 KB): a long
  // call must not leave bytes behind for a short one, nor a large one be cut.
  // A declared field holds at most 1,024 characters, so the long texts go as an untyped call.
  const c = new TopClient({ appKey: '12345678', appSecret: 'secret', signMethod: 'md5' });
  for (const reason of [
    '😀积分' + 'x'.repeat(200),
    '中'.repeat(30_000),
    'ok',
    '补扣',
    '"quoted" \\ 😀'.repeat(3_000),
    'end',
  ]) {
    const typed = reason.length <= 1024;
    const req = typed
      ? c.prepare(EXTRA, { ...PARAMS, reason }, { timestamp: 1_700_000_000_000 })
      : c.untyped.prepare(
          'taobao.some.untyped.call',
          { reason, request_id: PARAMS.request_id },
          { timestamp: 1_700_000_000_000 },
        );
    const form = new URLSearchParams(req.body);
    const sent = typed ? JSON.parse(form.get('param_extra_consume_point_open_req')) : Object.fromEntries(form);
    assert.equal(sent.reason, reason);
    assert.equal(sent.request_id, PARAMS.request_id);
    assert.equal(new URL(req.url).searchParams.get('sign'), expectedSign(req, 'secret', 'md5'));
  }
});

test('a prepared request keeps line breaks of its string-to-sign, and its exact shape', () => {
  // The core hands the request over as lines; a value with line breaks (sent untyped) must
  // survive whole in stringToSign, and the object keep the documented fields only.
  const c = new TopClient({ appKey: 'k1', appSecret: 's1', signMethod: 'md5' });
  const note = 'line one\nline two\r\n{"x":1}\n';
  const req = c.untyped.prepare('taobao.some.untyped.call', { note, n: 5 }, { timestamp: 1_700_000_000_000 });
  assert.deepEqual(Object.keys(req), ['method', 'url', 'headers', 'body', 'stringToSign', 'sign']);
  assert.deepEqual(req.headers, { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' });
  assert.equal(new URLSearchParams(req.body).get('note'), note);
  const expected = `app_keyk1formatjsonmethodtaobao.some.untyped.calln5note${note}sign_methodmd5simplifytruetimestamp2023-11-15 06:13:20v2.0`;
  assert.equal(req.stringToSign, expected);
  assert.equal(req.sign, createHash('md5').update(`s1${expected}s1`).digest('hex').toUpperCase());
  assert.equal(new URL(req.url).searchParams.get('sign'), req.sign);
});

test('parse types an answer in place: ids exact after emoji and escapes, wrappers gone, texts read as declared', () => {
  // The core sends edits in UTF-16 units and JS applies them to its own string: text before
  // an edit that is wider than one unit (emoji, Chinese, escapes) must not shift it.
  const c = new TopClient({ appKey: 'k', appSecret: 's' });
  const body =
    '{"alibaba_alsc_crm_recharge_accountflows_get_response":{"result":{"biz_success":true,' +
    '"result_list":{"flow_dto":[{"remark":"😀机会 \\u4e2d\\/","flow_id":9007199254740993,"current_value":12,"order_value":" 9007199254740993 ","deleted":"false"},' +
    '{"remark":"x","flow_id":"7","current_value":-12}]},"total_size":"3","current_page":null},"request_id":"r1"}}';
  assert.deepEqual(c.parse('alibaba.alsc.crm.recharge.accountflows.get', 200, body), {
    biz_success: true,
    result_list: [
      {
        remark: '😀机会 中/',
        flow_id: '9007199254740993',
        current_value: 12,
        order_value: '9007199254740993',
        deleted: false,
      },
      { remark: 'x', flow_id: '7', current_value: -12 },
    ],
    total_size: 3,
    current_page: null,
  });
  // A refusal in the same shape is still BIZ_ERROR, read by the tree decoder.
  const refused = body.replace('"biz_success":true', '"biz_success":false,"result_code":"E9","result_view":"余额不足"');
  assert.throws(
    () => c.parse('alibaba.alsc.crm.recharge.accountflows.get', 200, refused),
    (e) => e instanceof SdkError && e.code === 'BIZ_ERROR' && e.resultView === '余额不足',
  );
});

test('answers of any size and script are read whole, one after another', () => {
  // Answers cross as UTF-8 through the buffer prepare() uses too (64 KB; larger ones get
  // their own): all-ASCII, past the buffer, non-ASCII first, then small again.
  const c = new TopClient({ appKey: 'k', appSecret: 's' });
  const page = (n, remark) =>
    JSON.stringify({
      result: {
        biz_success: true,
        total_size: n,
        result_list: Array.from({ length: n }, (_, i) => ({
          flow_id: `FLOWID${9007199254740993n + BigInt(i)}`,
          remark,
        })),
      },
    }).replace(/"FLOWID(\d+)"/g, '$1');
  for (const [n, remark] of [
    [200, 'ascii only'],
    [500, 'ascii only'],
    [300, '😀机会均等'],
    [1, 'x'],
    [500, '中'.repeat(40)],
    [2, 'end'],
  ]) {
    const body = page(n, remark);
    const r = c.parse('alibaba.alsc.crm.recharge.accountflows.get', 200, body);
    assert.equal(r.result_list.length, n, `${n} items, ${body.length} characters`);
    assert.equal(r.result_list[n - 1].flow_id, String(9007199254740993n + BigInt(n - 1)));
    assert.equal(r.result_list[n - 1].remark, remark);
    // A refusal of the same size goes to the tree decoder with the same bytes.
    const refused = body.replace('"biz_success":true', '"biz_success":false,"result_code":"E9"');
    assert.throws(
      () => c.parse('alibaba.alsc.crm.recharge.accountflows.get', 200, refused),
      (e) => e.code === 'BIZ_ERROR' && e.platformCode === 'E9',
    );
  }
});

test('a call made from inside another (a getter, valueOf, toJSON) does not disturb it', () => {
  // Both share the SDK's UTF-8 buffer: everything that can run the caller's code is read
  // before the buffer is filled.
  const c = new TopClient({ appKey: '12345678', appSecret: 'secret', signMethod: 'md5' });
  const outer = { ...PARAMS, reason: 'outer' };
  let inner;
  const opts = {
    get timestamp() {
      inner = c.prepare(EXTRA, { ...PARAMS, reason: 'inner' }, { timestamp: 1 });
      return 1_700_000_000_000;
    },
  };
  const req = c.prepare(EXTRA, outer, opts);
  const sent = (r) => JSON.parse(new URLSearchParams(r.body).get('param_extra_consume_point_open_req')).reason;
  assert.equal(sent(req), 'outer');
  assert.equal(sent(inner), 'inner');
  assert.equal(new URL(req.url).searchParams.get('sign'), expectedSign(req, 'secret', 'md5'));
  const viaToJson = c.prepare(EXTRA, {
    toJSON: () => {
      inner = c.prepare(EXTRA, { ...PARAMS, reason: 'inner' });
      return outer;
    },
  });
  assert.equal(sent(viaToJson), 'outer');
  assert.equal(sent(inner), 'inner');
  const page = (remark) => JSON.stringify({ result: { biz_success: true, result_list: [{ flow_id: 1, remark }] } });
  let nested;
  const status = {
    valueOf() {
      nested = c.parse('alibaba.alsc.crm.recharge.accountflows.get', 200, page('inner'));
      return 200;
    },
  };
  assert.equal(
    c.parse('alibaba.alsc.crm.recharge.accountflows.get', status, page('outer')).result_list[0].remark,
    'outer',
  );
  assert.equal(nested.result_list[0].remark, 'inner');
});

test('a gateway with whitespace or a line break is refused as a setting', () => {
  for (const gateway of ['https://gw.example/router/rest\nX: 1', 'https://gw.example/ rest']) {
    assert.throws(
      () => new TopClient({ appKey: 'k', appSecret: 's', gateway }),
      (e) => e instanceof SdkError && e.code === 'INVALID_CONFIG',
    );
  }
});

test('signTop and stringToSign reproduce the official md5 vector', () => {
  const p = {
    method: 'taobao.item.seller.get',
    app_key: '12345678',
    session: 'test',
    timestamp: '2016-01-01 12:00:00',
    format: 'json',
    v: '2.0',
    sign_method: 'md5',
    fields: 'num_iid,title,nick,price,num',
    num_iid: '11223344',
    empty: '',
  };
  assert.equal(signTop(p, 'helloworld', 'md5'), '66987CB115214E59E6EC978214934FB8');
  assert.equal(
    stringToSign(p),
    'app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0',
  );
  assert.equal(
    signTop(p, 'helloworld', 'hmac-sha256'),
    createHmac('sha256', 'helloworld').update(stringToSign(p)).digest('hex').toUpperCase(),
  );
});

test('validate and operations', () => {
  assert.deepEqual(validate(EXTRA, PARAMS), []);
  const errors = validate(EXTRA, { ...PARAMS, change_point: 0, bizChannel: 'CS', biz_channel: undefined });
  assert.deepEqual(errors.map((e) => `${e.field}:${e.rule}`).sort(), [
    'bizChannel:unknown',
    'biz_channel:required',
    'change_point:positive',
  ]);
  assert.match(errors.find((e) => e.field === 'bizChannel').message, /did you mean biz_channel\?/);
  assert.deepEqual(
    validate('points/change', []).map((e) => e.rule),
    ['non_empty'],
  );
  const ops = operations();
  assert.equal(ops.length, 62);
  const extra = ops.find((o) => o.method === EXTRA);
  assert.equal(extra.titleZh, '积分补扣');
  assert.equal(extra.writes, true);
  assert.deepEqual(
    extra.fields.find((f) => f.name === 'biz_channel').choices.map((c) => c.value),
    ['CS', 'KRY'],
  );
  ops[0].method = 'mutated';
  assert.notEqual(operations()[0].method, 'mutated', 'callers get a copy');
});

test('newRequestId gives distinct UUID v4 strings', () => {
  const ids = new Set(Array.from({ length: 100 }, () => newRequestId()));
  assert.equal(ids.size, 100);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('errors are real Error objects with stable properties', () => {
  const c = new TopClient({ appKey: 'k', appSecret: 's' });
  let e;
  try {
    c.prepare(EXTRA, { ...PARAMS, biz_channel: 'X' });
  } catch (err) {
    e = err;
  }
  assert.ok(e instanceof SdkError && e instanceof Error);
  assert.equal(e.name, 'SdkError');
  assert.equal(e.code, 'INVALID_PARAM');
  assert.equal(e.field, 'biz_channel');
  assert.equal(e.rule, 'one_of');
  assert.equal(e.retriable, false);
  assert.equal(e.details.length, 1);

  try {
    c.parse(
      EXTRA,
      200,
      '{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count","sub_msg":"This ban will last for 2 more seconds","request_id":"rq9"}}',
    );
  } catch (err) {
    e = err;
  }
  assert.deepEqual(
    {
      code: e.code,
      platformCode: e.platformCode,
      subCode: e.subCode,
      subMsg: e.subMsg,
      requestId: e.requestId,
      retriable: e.retriable,
      retryAfterMs: e.retryAfterMs,
    },
    {
      code: 'RATE_LIMITED',
      platformCode: '7',
      subCode: 'accesscontrol.limited-by-app-access-count',
      subMsg: 'This ban will last for 2 more seconds',
      requestId: 'rq9',
      retriable: true,
      retryAfterMs: 2000,
    },
  );
  try {
    c.parse(
      EXTRA,
      200,
      '{"result":{"biz_success":false,"result_code":"P01","result_desc":"积分不足","result_view":"积分不足，无法扣减"}}',
    );
  } catch (err) {
    e = err;
  }
  assert.equal(e.code, 'BIZ_ERROR');
  assert.equal(e.resultView, '积分不足，无法扣减');
  assert.throws(
    () => new TopClient({ appKey: 'k', appSecret: '' }),
    (err) => err instanceof SdkError && err.code === 'INVALID_CONFIG',
  );
  assert.throws(
    () => new TopClient({ appKey: 'k', appSecret: 's', signMethod: 'sha1' }),
    (err) => err.code === 'INVALID_CONFIG' && /sha1/.test(err.message),
  );
  // Parameters with no JSON at all, or that cannot be written as JSON, name the argument.
  for (const bad of [() => 1, Symbol('x'), { n: 1n }]) {
    assert.throws(
      () => c.prepare(EXTRA, bad),
      (err) => err instanceof SdkError && err.code === 'INVALID_PARAM' && err.field === 'params' && err.rule === 'type',
    );
  }
  // A method name is passed whole, whatever it holds (here a line break, sent untyped).
  const odd = new TopClient({ appKey: 'k', appSecret: 's', signMethod: 'md5' }).untyped.prepare(
    'taobao.a\nb',
    { x: 1 },
    { timestamp: 1_700_000_000_000 },
  );
  assert.equal(new URL(odd.url).searchParams.get('method'), 'taobao.a\nb');
});

test('big integers reach JS as strings, never through JSON.parse of the raw body', () => {
  const c = new TopClient({ appKey: 'k', appSecret: 's' });
  const body =
    '{"result":{"biz_success":true,"result":{"account_id":9007199254740993,"current_value":4000,"outer_order_id":8768237162876387236472,"after_property_list":{"recharge_account_property_open_info":[{"type":"PRE","value":200}]}}}}';
  const r = c.parse('alibaba.alsc.crm.recharge.dedut.update', 200, body);
  assert.equal(r.result.account_id, '9007199254740993');
  assert.equal(r.result.outer_order_id, '8768237162876387236472');
  assert.equal(r.result.current_value, 4000);
  assert.deepEqual(r.result.after_property_list, [{ type: 'PRE', value: 200 }]);
  assert.notEqual(
    String(JSON.parse(body).result.result.account_id),
    '9007199254740993',
    'JSON.parse would have corrupted it',
  );
});

test('call() retries retriable failures with the same request_id and fresh timestamps', async () => {
  let applied = 0;
  const server = await stub([
    {
      status: 200,
      body: '{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.remote-service-timeout","sub_msg":"timeout"}}',
    },
    { status: 502, type: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' },
    () => {
      applied += 1;
      return { status: 200, body: OK_BODY };
    },
  ]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    let clock = 1_700_000_000_000;
    const r = await c.call(EXTRA, PARAMS, { backoffMs: 1, now: () => (clock += 5_000) });
    assert.equal(r.result, '333213123');
    assert.equal(applied, 1);
    assert.equal(server.seen.length, 3);
    const ids = server.seen.map((s) => JSON.parse(s.form.param_extra_consume_point_open_req).request_id);
    assert.deepEqual(ids, ['req-0001', 'req-0001', 'req-0001']);
    const stamps = new Set(server.seen.map((s) => s.query.timestamp));
    assert.equal(stamps.size, 3, 'each attempt is signed afresh');
    for (const s of server.seen)
      assert.equal(
        s.query.sign,
        expectedSign({ url: `http://x${s.url.pathname}${s.url.search}`, body: s.body }, 's', 'hmac-sha256'),
      );
  } finally {
    await server.close();
  }
});

test('call() honours the rate-limit ban before retrying', async () => {
  const server = await stub([
    {
      body: '{"error_response":{"code":7,"msg":"App Call Limited","sub_msg":"This ban will last for 1 more seconds"}}',
    },
    { body: OK_BODY },
  ]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    const started = Date.now();
    await c.call(EXTRA, PARAMS, { backoffMs: 1 });
    assert.ok(Date.now() - started >= 950, 'waited for the ban');
  } finally {
    await server.close();
  }
});

test('call() tries a non-retriable error once', async () => {
  const server = await stub([
    {
      body: '{"error_response":{"code":50,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"非法参数"}}',
    },
  ]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    await assert.rejects(
      c.call(EXTRA, PARAMS, { backoffMs: 1 }),
      (e) => e.code === 'TOP_ERROR' && e.subCode === 'isv.invalid-parameter' && !e.retriable,
    );
    assert.equal(server.seen.length, 1);
  } finally {
    await server.close();
  }
});

test('call() times out each attempt, then gives up with TIMEOUT', async () => {
  const server = await stub([{ delayMs: 500, body: OK_BODY }]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    await assert.rejects(
      c.call(EXTRA, PARAMS, { timeoutMs: 50, retries: 1, backoffMs: 1 }),
      (e) => e instanceof SdkError && e.code === 'TIMEOUT' && e.retriable,
    );
    assert.equal(server.seen.length, 2);
  } finally {
    await server.close();
  }
});

test('call() stops at once when the caller aborts', async () => {
  const server = await stub([{ delayMs: 2_000, body: OK_BODY }]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(
      c.call(EXTRA, PARAMS, { signal: controller.signal, timeoutMs: 5_000 }),
      (e) => e.code === 'ABORTED' && !e.retriable,
    );
    assert.ok(Date.now() - started < 1_500);
    assert.equal(server.seen.length, 1);
  } finally {
    await server.close();
  }
});

test('call() turns a dropped connection into a retriable NETWORK_ERROR', async () => {
  const server = await stub([{ destroy: true }, { body: OK_BODY }]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    const r = await c.call(EXTRA, PARAMS, { backoffMs: 1 });
    assert.equal(r.result, '333213123');
    assert.equal(server.seen.length, 2);
  } finally {
    await server.close();
  }
});

test('call() never sends an invalid request', async () => {
  const server = await stub([{ body: OK_BODY }]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: `${server.url}/router/rest` });
    await assert.rejects(
      c.call(EXTRA, { ...PARAMS, request_id: '' }),
      (e) => e.code === 'INVALID_PARAM' && e.field === 'request_id',
    );
    assert.equal(server.seen.length, 0);
  } finally {
    await server.close();
  }
});

const RECORD = {
  mid: '10000001',
  action_type: 5,
  ori_money: '100.00',
  calc_money: '100.00',
  ori_points: 100,
  source_code: 'SO-1',
};

test('U8Client.call obtains, caches and renews its token, once more when U8 says it is invalid', async () => {
  let tokens = 0;
  let pointsCalls = 0;
  const server = await stub([
    (req) => {
      if (req.url.pathname === '/system/token') {
        tokens += 1;
        assert.equal(req.query.app_secret, 'u8-secret');
        return {
          type: 'text/html',
          body: JSON.stringify({
            errcode: '0',
            errmsg: '成功',
            token: { appKey: 'ak', expiresIn: 7200, id: `tok${tokens}` },
          }),
        };
      }
      pointsCalls += 1;
      // The first call succeeds; U8 then calls tok1 invalid (as if revoked); tok2 works.
      if (pointsCalls === 1) {
        return {
          type: 'text/html',
          body: JSON.stringify({
            errcode: 0,
            data: [{ id: 11000, mid: '10000001', before_points: 1000, calc_points: 100, after_points: '1100' }],
          }),
        };
      }
      if (req.query.token === 'tok1') return { body: '{"errcode":"30002","errmsg":"token无效"}' };
      return { body: JSON.stringify({ errcode: '0', data: [{ id: '9007199254740993', after_points: 1200 }] }) };
    },
  ]);
  try {
    const u8 = new U8Client({
      fromAccount: 'from',
      toAccount: 'to',
      appKey: 'ak',
      appSecret: 'u8-secret',
      baseUrl: server.url,
    });
    let clock = 1_700_000_000_000;
    const now = () => clock;
    const first = await u8.call('points/change', [RECORD], { now });
    assert.deepEqual(first.data[0], {
      id: '11000',
      mid: '10000001',
      before_points: 1000,
      calc_points: 100,
      after_points: 1100,
    });
    clock += 60_000;
    const second = await u8.call('points/change', [RECORD], { now });
    assert.equal(second.data[0].id, '9007199254740993');
    assert.equal(tokens, 2, 'the token was cached, then renewed once when U8 called it invalid');
    const bodies = server.seen.filter((s) => s.url.pathname === '/api/points/change').map((s) => s.body);
    assert.ok(
      bodies.every((b) => b === bodies[0]),
      'the same records every time',
    );
    clock += 7200 * 1000 - 5 * 60 * 1000 - 1; // tok2 was issued at the previous clock
    await u8.call('points/change', [RECORD], { now });
    assert.equal(tokens, 2, 'one ms before the renewal margin, tok2 is still used');
    clock += 1;
    await u8.call('points/change', [RECORD], { now });
    assert.equal(tokens, 3, 'renewed before use once past the renewal margin');
  } finally {
    await server.close();
  }
});

test('U8 errors say what to do', async () => {
  const u8 = new U8Client({ fromAccount: 'from', toAccount: 'to', appKey: 'ak', appSecret: 'x' });
  assert.throws(
    () => u8.parse('points/change', 200, '{"errcode":"30021","errmsg":"此应用未上线"}'),
    (e) => e.code === 'U8_ERROR' && e.subCode === 'app_not_online' && /admin/.test(e.message) && !e.retriable,
  );
  assert.throws(
    () => u8.prepare('points/change', [{ ...RECORD, ori_money: 12.5 }], { token: 't' }),
    (e) => e.code === 'INVALID_PARAM' && e.field === '[0].ori_money' && e.rule === 'decimal',
  );
  const t = u8.parseToken(200, '{"errcode":"0","token":{"id":"t","expiresIn":7200}}', { timestamp: 1_000 });
  assert.deepEqual(t, { expiresAt: 7_201_000, renewAt: 6_901_000, token: 't' });
});

test('timestamps are GMT+8 whatever the host time zone', async () => {
  const { execFileSync } = await import('node:child_process');
  const script =
    "import('loyalty-sdk').then(({ TopClient }) => process.stdout.write(new URL(new TopClient({ appKey: 'k', appSecret: 's' }).untyped.prepare('taobao.time.get', {}, { timestamp: Date.UTC(2024, 1, 28, 16, 0, 0) }).url).searchParams.get('timestamp')))";
  for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('.', import.meta.url),
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    assert.equal(out, '2024-02-29 00:00:00', tz);
  }
});

test('memory stays flat over many calls (nothing leaks per call)', async () => {
  const { initSync } = await import('../../../pkg/wasm/loyalty_sdk.js');
  const { readFileSync } = await import('node:fs');
  // Already initialised by the package entry: this returns the same instance's exports.
  const wasm = initSync({ module: readFileSync(new URL('../../../pkg/wasm/loyalty_sdk_bg.wasm', import.meta.url)) });
  const c = new TopClient({ appKey: 'k', appSecret: 's' });
  const body =
    '{"result":{"biz_success":true,"result":{"account_id":9007199254740993,"after_property_list":{"recharge_account_property_open_info":[{"type":"PRE","value":200}]}}}}';
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      c.prepare(EXTRA, PARAMS, { timestamp: 1_700_000_000_000 + i });
      c.parse('alibaba.alsc.crm.recharge.dedut.update', 200, body);
      validate(EXTRA, PARAMS);
    }
    return wasm.memory.buffer.byteLength;
  };
  const warm = round(2_000);
  assert.equal(round(20_000), warm);
});

test('a large page grows the memory by a bounded share of its text, and the next reuses it', async () => {
  // A fresh process: the wasm memory only grows, so the high-water mark of one page is read
  // from an instance that has parsed nothing larger before.
  const { execFileSync } = await import('node:child_process');
  const script = `
    const { TopClient } = await import('loyalty-sdk');
    const { readFileSync } = await import('node:fs');
    const { initSync } = await import('../../../pkg/wasm/loyalty_sdk.js');
    const wasm = initSync({ module: readFileSync('../../../pkg/wasm/loyalty_sdk_bg.wasm') });
    const c = new TopClient({ appKey: 'k', appSecret: 's' });
    const n = 5000;
    const flow = (i) => '<recharge_account_flow_open_info><flow_id>' + (9007199254740993n + BigInt(i)) +
      '</flow_id><account_id>7627347265</account_id><flow_type>DEDUT</flow_type><current_value>' + (4000 + i) +
      '</current_value><order_value>-65</order_value><order_time>2019-08-08 15:15:41</order_time>' +
      '<operator>76127653175</operator><shop_id>736182678</shop_id><remark>机会均等 &amp; 先到先得</remark>' +
      '<deleted>false</deleted></recharge_account_flow_open_info>';
    const xml = '<?xml version="1.0" encoding="utf-8"?><alibaba_alsc_crm_recharge_accountflows_get_response><result>' +
      '<biz_success>true</biz_success><result_list>' + Array.from({ length: n }, (_, i) => flow(i)).join('') +
      '</result_list></result></alibaba_alsc_crm_recharge_accountflows_get_response>';
    const m = 'alibaba.alsc.crm.recharge.accountflows.get';
    const pages = [];
    const before = wasm.memory.buffer.byteLength;
    for (let k = 0; k < 3; k++) {
      const r = c.parse(m, 200, xml);
      pages.push([wasm.memory.buffer.byteLength, r.result_list.length, r.result_list[n - 1].flow_id, r.result_list[1].remark]);
    }
    process.stdout.write(JSON.stringify({ before, text: Buffer.byteLength(xml), pages }));
  `;
  const out = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('.', import.meta.url),
      encoding: 'utf8',
    }),
  );
  for (const [, length, lastId, remark] of out.pages) {
    assert.equal(length, 5000);
    assert.equal(lastId, String(9007199254740993n + 4999n));
    assert.equal(remark, '机会均等 & 先到先得');
  }
  // A String per element name and per text made it 5.5 times the page's text (11.3 MB more
  // for a 2.0 MB page); borrowed from the text, about 3 times.
  const grown = out.pages[0][0] - out.before;
  assert.ok(grown <= 3.5 * out.text, `grew ${grown} B for a page of ${out.text} B`);
  assert.equal(out.pages[1][0], out.pages[0][0], 'the second page fits in what the first freed');
  assert.equal(out.pages[2][0], out.pages[0][0]);
});

test('signTop and stringToSign refuse parameters that are not an object', () => {
  assert.throws(
    () => stringToSign(['a']),
    (e) => e instanceof SdkError && e.code === 'INVALID_PARAM' && e.field === 'params',
  );
  assert.throws(
    () => signTop('x', 's', 'md5'),
    (e) => e.code === 'INVALID_PARAM',
  );
  assert.throws(
    () => signTop({ a: '1' }, 's', 'sha1'),
    (e) => e.code === 'INVALID_CONFIG',
  );
});
