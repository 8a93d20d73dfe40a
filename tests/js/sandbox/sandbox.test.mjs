// The sandbox gateway's own tests. Requests are signed here, with node:crypto (neither the
// SDK nor the sandbox's code), and every check and semantic is driven over HTTP.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../../www/sandbox/server.mjs';
import { sandboxAt, CUSTOMER } from '../fixtures.mjs';

const APP = '12345678';
const SECRET = 'sandbox-top-secret';
let clock = Date.UTC(2025, 0, 1, 4, 0, 0); // 12:00 in Beijing
let sb;
/** The sandbox's ledger, journal, faults and reset. */
let sandbox;

before(async () => {
  sb = await startSandbox({ port: 0, now: () => clock });
  sandbox = sandboxAt(sb.url);
});
after(() => sb.close());
beforeEach(async () => {
  clock = Date.UTC(2025, 0, 1, 4, 0, 0);
  await sandbox.reset();
  for (const app of [APP, 'opa-sandbox']) await sandbox.faults(app, []);
});

const china = (ms) => new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

function signed(
  method,
  business,
  { signMethod = 'hmac-sha256', secret = SECRET, format = 'json', simplify = 'true', overrides = {} } = {},
) {
  const p = {
    method,
    app_key: APP,
    timestamp: china(clock),
    v: '2.0',
    sign_method: signMethod,
    format,
    simplify,
    ...business,
    ...overrides,
  };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  const s = Object.keys(p)
    .filter((k) => p[k] !== '')
    .sort()
    .map((k) => k + p[k])
    .join('');
  p.sign =
    signMethod === 'md5'
      ? createHash('md5')
          .update(secret + s + secret)
          .digest('hex')
          .toUpperCase()
      : createHmac(signMethod === 'hmac' ? 'md5' : 'sha256', secret)
          .update(s)
          .digest('hex')
          .toUpperCase();
  if ('sign' in overrides) p.sign = overrides.sign;
  return p;
}

async function call(params, headers = {}) {
  const res = await fetch(`${sb.url}/router/rest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    json: text.startsWith('{') ? JSON.parse(text) : null,
  };
}

const EXTRA = 'alibaba.alsc.crm.point.extra.consume';
const DEDUT = 'alibaba.alsc.crm.recharge.dedut.update';
const REFUND = 'alibaba.alsc.crm.open.assert.refund';
const deduct = (points, requestId = 'rq-1', order = 'O-1') => ({
  param_extra_consume_point_open_req: JSON.stringify({
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    change_point: points,
    customer_id: CUSTOMER,
    operator_id: 'op1',
    out_biz_id: order,
    request_id: requestId,
  }),
});
const consume = (value, requestId = 'rq-2', order = 'O-1') => ({
  param_dedut_open_req: JSON.stringify({
    biz_channel: 'CS',
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    operator_id: 'op1',
    outer_order_id: order,
    request_id: requestId,
    value,
  }),
});
const refund = (order, requestId = 'rq-3', newOrder = 'R-1') => ({
  param_property_refund_open_req: JSON.stringify({
    brand_id: '10001',
    shop_id: '20001',
    operator_id: 'op1',
    outer_order_id: order,
    new_outer_order_id: newOrder,
    request_id: requestId,
  }),
});
const errorOf = (r) => r.json.error_response;

test('gateway checks answer the real error codes: top-level parameters 40/41, business fields 50', async () => {
  const cases = [
    [{ ...signed(EXTRA, deduct(1)), app_key: 'nope' }, 29],
    [signed(EXTRA, deduct(1), { overrides: { sign: 'ABC' } }), 25],
    [signed(EXTRA, deduct(1), { overrides: { timestamp: undefined } }), 30],
    [signed(EXTRA, deduct(1), { overrides: { timestamp: '2025/01/01 12:00:00' } }), 31],
    [signed(EXTRA, deduct(1), { overrides: { timestamp: china(clock + 11 * 60_000) } }), 31],
    [signed(EXTRA, deduct(1), { overrides: { timestamp: china(clock - 8 * 3600_000) } }), 31],
    [signed(EXTRA, deduct(1), { overrides: { v: undefined } }), 32],
    [signed(EXTRA, deduct(1), { overrides: { v: '1.0' } }), 34],
    [signed(EXTRA, deduct(1), { overrides: { v: 'two' } }), 33],
    [signed('taobao.nothing.here', {}), 22],
    [signed(EXTRA, {}), 40],
    [signed(EXTRA, { param_extra_consume_point_open_req: 'not json' }), 41],
    [
      signed(EXTRA, {
        param_extra_consume_point_open_req: JSON.stringify({
          biz_channel: 'CS',
          brand_id: '10001',
          shop_id: '20001',
          customer_id: CUSTOMER,
          operator_id: 'o',
          out_biz_id: 'x',
          request_id: 'r',
        }),
      }),
      50,
    ],
    [
      signed(EXTRA, {
        param_extra_consume_point_open_req: JSON.stringify({
          biz_channel: 'CS',
          brand_id: '10001',
          shop_id: '20001',
          change_point: -3,
          customer_id: CUSTOMER,
          operator_id: 'o',
          out_biz_id: 'x',
          request_id: 'r',
        }),
      }),
      50,
    ],
    [signed(EXTRA, deduct(1), { overrides: { session: 'stolen' } }), 27],
  ];
  for (const [params, code] of cases) {
    const r = await call(params);
    assert.equal(errorOf(r)?.code, code, `${JSON.stringify(params).slice(0, 120)} -> ${r.text}`);
    assert.ok(errorOf(r).request_id, 'a request_id in every answer');
    // Sub codes only where the platform sends them: 27 invalid-sessionkey, 50 isv.invalid-parameter.
    const sub = { 27: 'invalid-sessionkey', 50: 'isv.invalid-parameter' }[code];
    assert.equal(errorOf(r).sub_code, sub, `${code}: ${r.text}`);
  }
  // 40/41 name the top-level parameter; 50 says what is wrong inside it.
  assert.equal(
    errorOf(await call(signed(EXTRA, {}))).msg,
    'Missing required arguments:param_extra_consume_point_open_req',
  );
  const inner = errorOf(await call(signed(EXTRA, deduct(-3))));
  assert.deepEqual([inner.msg, inner.sub_code], ['Remote service error', 'isv.invalid-parameter']);
  assert.match(inner.sub_msg, /^非法参数：change_point/);
  // Within the 10-minute window is fine.
  assert.equal(
    (await call(signed(EXTRA, deduct(1), { overrides: { timestamp: china(clock + 9 * 60_000) } }))).json.result
      .biz_success,
    true,
  );
});

test('each sign method is verified, and a wrong one refused', async () => {
  for (const m of ['md5', 'hmac', 'hmac-sha256']) {
    const ok = await call(signed(EXTRA, deduct(1, `rq-${m}`), { signMethod: m }));
    assert.equal(ok.json.result.biz_success, true, m);
    const bad = await call(signed(EXTRA, deduct(1, `rq-bad-${m}`), { signMethod: m, secret: 'wrong' }));
    assert.equal(errorOf(bad).code, 25, m);
  }
  // Chinese text, +, &, = and emoji must sign as sent.
  const tricky = {
    param_extra_consume_point_open_req: JSON.stringify({
      biz_channel: 'KRY',
      brand_id: '10001',
      shop_id: '20001',
      change_point: 1,
      customer_id: CUSTOMER,
      operator_id: 'op',
      out_biz_id: 'O-T',
      request_id: 'rq-t',
      reason: '补扣 a+b&c=d 😀',
    }),
  };
  assert.equal((await call(signed(EXTRA, tricky))).json.result.biz_success, true);
});

test('formats: JSON simplified, JSON plain with list wrappers, XML with a trailing comment', async () => {
  const s = await call(signed(DEDUT, consume(100, 'f1', 'F-1')));
  assert.ok(Array.isArray(s.json.result.result.affected_property_list));
  assert.match(s.text, /"flow_id":\d{16,}/, 'flow ids above 2^53 are sent as bare numbers');
  const plain = await call(signed(DEDUT, consume(100, 'f2', 'F-2'), { simplify: 'false' }));
  const content = plain.json.alibaba_alsc_crm_recharge_dedut_update_response;
  assert.ok(content.request_id);
  assert.ok(Array.isArray(content.result.result.affected_property_list.recharge_account_property_open_info));
  const xml = await call(signed(DEDUT, consume(100, 'f3', 'F-3'), { format: 'xml' }));
  assert.match(xml.type, /xml/);
  assert.match(
    xml.text,
    /^<\?xml.*<alibaba_alsc_crm_recharge_dedut_update_response><result><biz_success>true<\/biz_success>.*<affected_property_list><recharge_account_property_open_info><type>PRE<\/type>.*<\/alibaba_alsc_crm_recharge_dedut_update_response><!--.*-->$/s,
  );
  const xmlErr = await call(signed(EXTRA, {}, { format: 'xml' }));
  assert.match(xmlErr.text, /<error_response><code>40<\/code>/);
});

test('point.extra.consume deducts points; insufficient points and unknown customers are refused', async () => {
  const r = await call(signed(EXTRA, deduct(300)));
  assert.equal(r.json.result.biz_success, true);
  assert.equal((await sandbox.customer()).points.available, 4700);
  const short = await call(signed(EXTRA, deduct(999_999, 'rq-big')));
  assert.deepEqual([short.json.result.biz_success, short.json.result.result_code], [false, 'POINT_NOT_ENOUGH']);
  assert.match(short.json.result.result_view, /积分不足/);
  const nobody = await call(
    signed(EXTRA, {
      param_extra_consume_point_open_req: JSON.stringify({
        biz_channel: 'CS',
        brand_id: '10001',
        shop_id: '20001',
        change_point: 1,
        customer_id: '1',
        operator_id: 'o',
        out_biz_id: 'x',
        request_id: 'rq-n',
      }),
    }),
  );
  assert.equal(nobody.json.result.result_code, 'CUSTOMER_NOT_FOUND');
  assert.equal((await sandbox.customer()).points.available, 4700);
});

test('recharge.dedut.update consumes PRE then GIFT and answers before/after/affected', async () => {
  const r = (await call(signed(DEDUT, consume(21_000)))).json.result;
  assert.equal(r.biz_success, true);
  assert.deepEqual(r.result.before_property_list, [
    { type: 'PRE', value: 20000 },
    { type: 'GIFT', value: 3000 },
  ]);
  assert.deepEqual(r.result.affected_property_list, [
    { type: 'PRE', value: 20000 },
    { type: 'GIFT', value: 1000 },
  ]);
  assert.deepEqual(r.result.after_property_list, [
    { type: 'PRE', value: 0 },
    { type: 'GIFT', value: 2000 },
  ]);
  assert.equal(r.result.current_value, 2000);
  const short = (await call(signed(DEDUT, consume(2001, 'rq-short', 'O-2')))).json.result;
  assert.equal(short.result_code, 'BALANCE_NOT_ENOUGH');
});

test('open.assert.refund reverts what an order consumed, exactly once', async () => {
  await call(signed(EXTRA, deduct(300, 'a', 'ORDER-9')));
  await call(signed(DEDUT, consume(5000, 'b', 'ORDER-9')));
  const r = (await call(signed(REFUND, refund('ORDER-9', 'c')))).json.result;
  assert.equal(r.biz_success, true);
  assert.deepEqual([r.result.point_success, r.result.value_success], [true, true]);
  const afterRefund = await sandbox.customer();
  assert.equal(afterRefund.points.available, 5000);
  assert.deepEqual(afterRefund.stored_value, { account_id: '7627347265', PRE: 20000, GIFT: 3000 });
  const again = (await call(signed(REFUND, refund('ORDER-9', 'd', 'R-2')))).json.result;
  assert.equal(again.result_code, 'ORDER_ALREADY_REFUNDED');
  const unknown = (await call(signed(REFUND, refund('NO-SUCH-ORDER', 'e')))).json.result;
  assert.equal(unknown.result_code, 'ORDER_NOT_FOUND');
  assert.equal((await sandbox.customer()).points.available, 5000);
});

test('open.assert.verify, open.point.operate and open.recharge.operate move the ledger; customer.get shows it', async () => {
  const verify = {
    param_property_verify_open_req: JSON.stringify({
      brand_id: '10001',
      shop_id: '20001',
      operator_id: 'o',
      outer_order_id: 'V-1',
      request_id: 'v1',
      customer_id: CUSTOMER,
      point: 100,
      value: 1000,
      voucher_id_list: ['2837374884'],
    }),
  };
  assert.equal((await call(signed('alibaba.alsc.crm.open.assert.verify', verify))).json.result.biz_success, true);
  const usedAgain = {
    param_property_verify_open_req: JSON.stringify({
      brand_id: '10001',
      shop_id: '20001',
      operator_id: 'o',
      outer_order_id: 'V-2',
      request_id: 'v2',
      customer_id: CUSTOMER,
      voucher_id_list: ['2837374884'],
    }),
  };
  assert.equal(
    (await call(signed('alibaba.alsc.crm.open.assert.verify', usedAgain))).json.result.result_code,
    'VOUCHER_NOT_AVAILABLE',
  );
  const op = (type, n, rid) => ({
    param_point_operate_open_req: JSON.stringify({
      brand_id: '10001',
      shop_id: '20001',
      operator_id: 'o',
      outer_order_id: `P-${rid}`,
      request_id: rid,
      customer_id: CUSTOMER,
      operate_type: type,
      change_point: n,
    }),
  });
  await call(signed('alibaba.alsc.crm.open.point.operate', op(1, 500, 'p1')));
  await call(signed('alibaba.alsc.crm.open.point.operate', op(2, 200, 'p2')));
  const rc = (type, n, rid, extra = {}) => ({
    param_recharge_operate_open_req: JSON.stringify({
      brand_id: '10001',
      shop_id: '20001',
      operator_id: 'o',
      outer_order_id: 'C-1',
      request_id: rid,
      customer_id: CUSTOMER,
      operate_type: type,
      change_value: n,
      ...extra,
    }),
  });
  await call(signed('alibaba.alsc.crm.open.recharge.operate', rc(1, 10_000, 'c1')));
  const missingNew = await call(signed('alibaba.alsc.crm.open.recharge.operate', rc(4, undefined, 'c2')));
  assert.deepEqual([errorOf(missingNew).code, errorOf(missingNew).sub_code], [50, 'isv.invalid-parameter']);
  await call(signed('alibaba.alsc.crm.open.recharge.operate', rc(4, undefined, 'c3', { new_outer_order_id: 'C-1R' })));
  const get = {
    param_customer_get_open_req: JSON.stringify({ brand_id: '10001', shop_id: '20001', mobile: '13800000001' }),
  };
  const info = (await call(signed('alibaba.alsc.crm.open.customer.get', get))).json.result.result;
  assert.deepEqual(
    { available: info.point_account_open_info.available_point, frozen: info.point_account_open_info.freeze_point },
    { available: 5000 - 100 + 500 - 200, frozen: 200 },
  );
  assert.equal(info.card_open_info_list[0].accounts[0].balance, 23000 - 1000);
  assert.equal(info.voucher_open_info_list.find((v) => v.voucher_id === '2837374884').status, 'USED');
  assert.equal(info.customer_open_info.customer_id, CUSTOMER);
});

test('idempotency: same request_id and content answers the first answer; different content is refused', async () => {
  const first = await call(signed(DEDUT, consume(700, 'same-id')));
  clock += 1000;
  const second = await call(signed(DEDUT, consume(700, 'same-id')));
  assert.deepEqual(second.json.result, first.json.result);
  assert.match(second.text, /"flow_id":\d{16,}/, 'the replay keeps the big id exact');
  assert.equal((await sandbox.customer()).stored_value.PRE, 20000 - 700);
  const conflict = await call(signed(DEDUT, consume(800, 'same-id')));
  assert.equal(conflict.json.result.result_code, 'REQUEST_ID_CONFLICT');
  assert.equal((await sandbox.journal()).length, 1);
});

test('the lost reply: applied, connection dropped, a retry with the same request_id applies nothing twice', async () => {
  await assert.rejects(call(signed(EXTRA, deduct(250, 'lost-1')), { 'x-sandbox-fault': 'drop-after' }));
  assert.equal((await sandbox.customer()).points.available, 4750, 'it was applied');
  const retry = await call(signed(EXTRA, deduct(250, 'lost-1')));
  assert.equal(retry.json.result.biz_success, true);
  assert.equal((await sandbox.customer()).points.available, 4750, 'and not applied again');
  assert.equal((await sandbox.journal()).filter((j) => j.request_id === 'lost-1').length, 1);
});

test('faults: latency, drops, 502/503, HTML, truncation, rate limit, isp; by count, probability or header', async () => {
  const started = Date.now();
  await call(signed(EXTRA, deduct(1, 'lat')), { 'x-sandbox-fault': 'latency;ms=300' });
  assert.ok(Date.now() - started >= 290);
  await assert.rejects(call(signed(EXTRA, deduct(1, 'drop')), { 'x-sandbox-fault': 'drop-before' }));
  assert.equal(
    (await sandbox.journal()).filter((j) => j.request_id === 'drop').length,
    0,
    'dropped before: nothing applied',
  );
  assert.equal((await call(signed(EXTRA, deduct(1, 'f502')), { 'x-sandbox-fault': 'http-502' })).status, 502);
  assert.equal((await call(signed(EXTRA, deduct(1, 'f503')), { 'x-sandbox-fault': 'http-503' })).status, 503);
  assert.match((await call(signed(EXTRA, deduct(1, 'html')), { 'x-sandbox-fault': 'html' })).text, /<html>/);
  await assert.rejects(call(signed(EXTRA, deduct(1, 'cut')), { 'x-sandbox-fault': 'truncated' }));
  const limited = await call(signed(EXTRA, deduct(1, 'rl')), { 'x-sandbox-fault': 'rate-limit;seconds=3' });
  assert.deepEqual([errorOf(limited).code, errorOf(limited).sub_msg], [7, 'This ban will last for 3 more seconds']);
  const isp = await call(signed(EXTRA, deduct(1, 'isp')), { 'x-sandbox-fault': 'isp' });
  assert.match(errorOf(isp).sub_code, /^isp\./);
  // Configured per app: the first two calls fail, the third goes through.
  await sandbox.faults(APP, [{ kind: 'http-503', count: 2 }]);
  const statuses = [];
  for (const rid of ['c1', 'c2', 'c3']) statuses.push((await call(signed(EXTRA, deduct(1, rid)))).status);
  assert.deepEqual(statuses, [503, 503, 200]);
  await sandbox.faults(APP, [{ kind: 'isp', probability: 0 }]);
  assert.equal((await call(signed(EXTRA, deduct(1, 'p0')))).json.result.biz_success, true, 'probability 0 never fires');
});

const U8 = { from_account: 'openapi_dev', to_account: 'openapi_ent', app_key: 'opa-sandbox' };
const u8get = async (path, q) => {
  const res = await fetch(`${sb.url}${path}?${new URLSearchParams(q)}`);
  return { type: res.headers.get('content-type'), json: await res.json() };
};
const u8post = async (q, body) => {
  const res = await fetch(`${sb.url}/api/points/change?${new URLSearchParams(q)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { type: res.headers.get('content-type'), json: await res.json() };
};
const record = (over = {}) => ({
  mid: '10000001',
  action_type: '5',
  ori_money: '100.00',
  calc_money: '100.00',
  ori_points: '100',
  multiple: '2',
  extra_points: '20',
  source_code: 'SO-1',
  ...over,
});

test('U8: token issue and expiry, tradeid, points/change per action type, errcode replies', async () => {
  const bad = await u8get('/system/token', {
    from_account: 'openapi_dev',
    app_key: 'opa-sandbox',
    app_secret: 'wrong',
  });
  // The document lists 30021 and 2001 (fail): other refusals are 2001, their reason in errmsg.
  assert.deepEqual(bad.json, { errcode: '2001', errmsg: 'app_key或app_secret错误' });
  const offline = await u8get('/system/token', {
    from_account: 'openapi_dev',
    app_key: 'opa-offline',
    app_secret: 'sandbox-u8-secret',
  });
  assert.deepEqual(offline.json, { errcode: '30021', errmsg: '此应用未上线' });
  const tok = await u8get('/system/token', {
    from_account: 'openapi_dev',
    app_key: 'opa-sandbox',
    app_secret: 'sandbox-u8-secret',
  });
  assert.match(tok.type, /^application\/json;charset=UTF-8$/, 'JSON served as the document shows');
  assert.equal(tok.json.errcode, '0');
  assert.equal(tok.json.token.expiresIn, 7200);
  const token = tok.json.token.id;
  assert.equal((await u8get('/system/tradeid', { ...U8, token })).json.errcode, '0');

  const award = await u8post({ ...U8, token }, [record()]);
  assert.equal(award.json.errcode, 0, 'success errcode as a number');
  assert.deepEqual(
    [award.json.data[0].before_points, award.json.data[0].calc_points, award.json.data[0].after_points],
    [1000, 220, '1220'],
  );
  const replay = await u8post({ ...U8, token }, [record()]);
  assert.deepEqual(replay.json.data, award.json.data, 'the same source_code is applied once');
  const redeem = await u8post({ ...U8, token }, [record({ action_type: 51, ori_points: 200, source_code: 'SO-2' })]);
  assert.equal(redeem.json.data[0].after_points, '1020');
  const noSource1 = await u8post({ ...U8, token }, [record({ action_type: 16, source_code: 'SO-3' })]);
  assert.equal(noSource1.json.errcode, '2001');
  assert.match(noSource1.json.errmsg, /source1/);
  const missing = await u8post({ ...U8, token }, [{ mid: '10000001' }]);
  assert.match(missing.json.errmsg, /缺少必填字段/);
  const ret = await u8post({ ...U8, token }, [
    record({ action_type: 16, ori_points: 220, source_code: 'SO-4', source1: 'SO-1' }),
  ]);
  assert.equal(ret.json.data[0].after_points, '800');
  const tooMuch = await u8post({ ...U8, token }, [record({ action_type: 51, ori_points: 5000, source_code: 'SO-5' })]);
  assert.deepEqual([tooMuch.json.errcode, /积分不足/.test(tooMuch.json.errmsg)], ['2001', true]);
  assert.deepEqual((await u8post({ ...U8, token: 'forged' }, [record()])).json, {
    errcode: '2001',
    errmsg: 'token无效',
  });
  clock += 7200 * 1000;
  assert.deepEqual((await u8post({ ...U8, token }, [record({ source_code: 'SO-6' })])).json, {
    errcode: '2001',
    errmsg: 'token已过期',
  });
  const member = await sandbox.customer();
  assert.equal(member.u8.points, 800);
  assert.equal((await sandbox.journal()).filter((j) => j.api === 'points/change').length, 3);
});

test('the ledger persists to a JSON file and reloads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-'));
  const statePath = join(dir, 'ledger.json');
  const first = await startSandbox({ port: 0, statePath, now: () => clock });
  const p = signed(EXTRA, deduct(111, 'persist-1'));
  await fetch(`${first.url}/router/rest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(p).toString(),
  });
  await first.close();
  assert.equal(JSON.parse(readFileSync(statePath, 'utf8')).customers[0].points.available, 4889);
  const second = await startSandbox({ port: 0, statePath, now: () => clock });
  try {
    const res = await fetch(`${second.url}/router/rest`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(p).toString(),
    });
    assert.equal((await res.json()).result.biz_success, true, 'the idempotent replay survives a restart');
    const view = await sandboxAt(second.url).sandbox();
    assert.equal(view.customers[0].points.available, 4889);
  } finally {
    await second.close();
  }
});

// How the official SDKs send, written here by hand from their documented behaviour: the sandbox
// takes each as the platform does.
const md5Sign = (p) => {
  const s = Object.keys(p)
    .filter((k) => typeof p[k] === 'string' && p[k].trim() !== '')
    .sort()
    .map((k) => k + p[k])
    .join('');
  return createHash('md5')
    .update(SECRET + s + SECRET)
    .digest('hex')
    .toUpperCase();
};

test('the official Node SDK: every parameter in a multipart/form-data body, md5-signed', async () => {
  const p = {
    method: EXTRA,
    app_key: APP,
    timestamp: china(clock),
    v: '2.0',
    sign_method: 'md5',
    format: 'json',
    partner_id: 'top-sdk-nodejs',
    param_extra_consume_point_open_req: deduct(25, 'node-sdk-1', 'NODE-1').param_extra_consume_point_open_req,
  };
  p.sign = md5Sign(p);
  const boundary = '----TopSdkNodeBoundary7MA4YWxkTrZu0gW';
  const body = `${Object.entries(p)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')}--${boundary}--\r\n`;
  const res = await fetch(`${sb.url}/router/rest`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  const answer = await res.json();
  assert.equal(answer.alibaba_alsc_crm_point_extra_consume_response?.result?.biz_success, true, JSON.stringify(answer));
  assert.equal((await sandbox.customer()).points.available, 4975);
  // A wrong signature in the same form is refused as such, not as a missing method.
  const forged = body.replace(p.sign, 'F'.repeat(32));
  const refused = await fetch(`${sb.url}/router/rest`, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: forged,
  });
  assert.equal((await refused.json()).error_response.code, 25);
});

test('the 2018 official Python SDK: an epoch-millisecond timestamp; the PHP SDK: blank values sent, not signed', async () => {
  const query = {
    method: EXTRA,
    app_key: APP,
    timestamp: String(clock),
    v: '2.0',
    sign_method: 'md5',
    format: 'json',
    partner_id: 'top-sdk-python-20180326',
  };
  const business = { ...deduct(30, 'py-sdk-1', 'PY-1'), remark: '  ' };
  const sign = md5Sign({ ...query, ...business });
  const res = await fetch(`${sb.url}/router/rest?${new URLSearchParams({ ...query, sign })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(business).toString(),
  });
  const answer = await res.json();
  assert.equal(answer.alibaba_alsc_crm_point_extra_consume_response?.result?.biz_success, true, JSON.stringify(answer));
  // Milliseconds more than 10 minutes off are refused like any other timestamp.
  const late = { ...query, timestamp: String(clock + 11 * 60_000) };
  const again = { ...deduct(30, 'py-sdk-2', 'PY-2'), remark: '  ' };
  const stale = await fetch(
    `${sb.url}/router/rest?${new URLSearchParams({ ...late, sign: md5Sign({ ...late, ...again }) })}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(again).toString(),
    },
  );
  assert.equal((await stale.json()).error_response.code, 31);
  assert.equal((await sandbox.customer()).points.available, 4970);
});
