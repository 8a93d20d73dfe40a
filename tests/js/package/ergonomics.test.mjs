// What a JavaScript developer reaches for next: one SdkError across ESM and CommonJS, network
// failures that say why, hooks for logging and metrics that never see a secret, paging as an
// async iterator, and undeclared methods refused before they reach the gateway (misspelled
// family methods with the nearest name) unless sent through the `untyped` escape hatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { TopClient, SdkError, validate, nextPage } from 'loyalty-sdk';
import { stub } from './stub.mjs';

const SECRET = 'hook-secret-0123456789';
const FLOW = 'alibaba.alsc.crm.point.querypointflow';
const page = (n, items, more) =>
  JSON.stringify({
    result: {
      biz_success: true,
      current_page: n,
      page_size: 2,
      has_next_page: more,
      total_size: 5,
      result_list: items.map((i) => ({ flow_id: `F${i}`, change_point: i })),
    },
  });

test('one SdkError identity whether the package was imported or required', () => {
  const cjs = createRequire(import.meta.url)('loyalty-sdk');
  assert.equal(cjs.SdkError, SdkError);
  let thrown;
  try {
    new cjs.TopClient({ appKey: 'k', appSecret: 's' }).prepare('alibaba.alsc.crm.point.extra.consume', {});
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof SdkError, 'a CJS error is an ESM SdkError');
  assert.ok(new SdkError({ code: 'INTERNAL' }) instanceof cjs.SdkError, 'and the other way round');
});

test('a network failure names its cause and stays retriable', async () => {
  // A port that was just free: nothing listens there.
  const gone = await stub([{ body: '' }]);
  await gone.close();
  const top = new TopClient({ appKey: 'k', appSecret: SECRET, gateway: `${gone.url}/router/rest` });
  await assert.rejects(top.untyped.call('taobao.time.get', {}, { retries: 0 }), (e) => {
    assert.ok(e instanceof SdkError);
    assert.equal(e.code, 'NETWORK_ERROR');
    assert.equal(e.subCode, 'ECONNREFUSED');
    assert.match(e.message, /ECONNREFUSED/);
    assert.equal(e.retriable, true);
    return true;
  });
});

test('hooks see each attempt, its status and timing, the retries — and never a secret or the body', async () => {
  const ok = JSON.stringify({
    result: { biz_success: true, result: 'PF1', result_code: '200', result_desc: '成功', result_view: '' },
    request_id: 'trace-PF1',
  });
  const gw = await stub([{ status: 503, body: 'busy' }, { body: ok }]);
  const events = [];
  const top = new TopClient({
    appKey: 'k',
    appSecret: SECRET,
    gateway: `${gw.url}/router/rest`,
    onRequest: (e) => events.push(['request', e]),
    onResponse: (e) => events.push(['response', e]),
  });
  try {
    const deduct = {
      biz_channel: 'CS',
      brand_id: 'b',
      shop_id: 's',
      change_point: 1,
      customer_id: 'c',
      operator_id: 'o',
      out_biz_id: 'O',
      request_id: 'RID-7',
    };
    await top.call('alibaba.alsc.crm.point.extra.consume', deduct, {
      retries: 1,
      backoffMs: 1,
      onRetry: (e) => events.push(['retry', e]),
    });
  } finally {
    await gw.close();
  }
  assert.deepEqual(
    events.map(([kind, e]) => [kind, e.attempt, e.status ?? null]),
    [
      ['request', 1, null],
      ['response', 1, 503],
      ['retry', 1, null],
      ['request', 2, null],
      ['response', 2, 200],
    ],
  );
  const [, response] = events[1];
  assert.equal(response.method, 'alibaba.alsc.crm.point.extra.consume');
  // One name for the business key, another for the platform's trace id.
  assert.equal(response.idempotencyKey, 'RID-7');
  assert.equal(events[4][1].requestId, 'trace-PF1');
  assert.equal(typeof response.ms, 'number');
  assert.equal(events[2][1].error.code, 'HTTP_ERROR');
  const everything = JSON.stringify(events);
  for (const leak of [SECRET, 'sign=', 'change_point', 'app_key=']) assert.ok(!everything.includes(leak), leak);
});

test('pages: every page in order, stopping after the last, each retried like call()', async () => {
  const gw = await stub([
    (r) => ({ body: page(Number(JSON.parse(r.form.param_page_query_point_flow_open_req).page_no), [1, 2], true) }),
    { status: 502, body: 'bad gateway' },
    (r) => ({ body: page(Number(JSON.parse(r.form.param_page_query_point_flow_open_req).page_no), [3, 4], true) }),
    (r) => ({ body: page(Number(JSON.parse(r.form.param_page_query_point_flow_open_req).page_no), [5], false) }),
    { body: page(9, [9], false) },
  ]);
  const top = new TopClient({ appKey: 'k', appSecret: SECRET, gateway: `${gw.url}/router/rest` });
  const seen = [];
  try {
    for await (const p of top.pages(
      FLOW,
      { customer_id: 'c', brand_id: 'b', shop_id: 's', page_size: 2 },
      { backoffMs: 1 },
    ))
      seen.push([p.current_page, p.result_list.map((f) => f.flow_id)]);
  } finally {
    await gw.close();
  }
  assert.deepEqual(seen, [
    [1, ['F1', 'F2']],
    [2, ['F3', 'F4']],
    [3, ['F5']],
  ]);
  assert.equal(gw.seen.length, 4, 'three pages, one retried, nothing after the last');
});

test('nextPage reads on while the answer leaves any doubt, and stops at an empty page', () => {
  const rows = (n) => Array.from({ length: n }, (_, i) => ({ flow_id: `F${i}` }));
  const at = { page: 1, seen: 0 };
  // has_next_page decides when it says there is more.
  assert.deepEqual(nextPage({ has_next_page: true, total_size: 1, result_list: rows(2) }, at), { page: 2, seen: 2 });
  assert.deepEqual(nextPage({ has_next_page: 'true', result_list: rows(1) }, at), { page: 2, seen: 1 });
  // A platform that sends 20 where 100 were asked, and echoes 100: rows are counted as they
  // came, so the reading goes on to the total.
  const capped = { page_size: 100, total_size: '45', has_next_page: false, result_list: rows(20) };
  assert.deepEqual(nextPage(capped, at), { page: 2, seen: 20 });
  assert.deepEqual(nextPage(capped, { page: 2, seen: 20 }), { page: 3, seen: 40 });
  assert.equal(nextPage({ ...capped, result_list: rows(5) }, { page: 3, seen: 40 }), null);
  // Neither flag nor total: on until an empty page; a flag of false alone ends it.
  assert.deepEqual(nextPage({ page_size: 100, result_list: rows(3) }, { page: 4, seen: 7 }), { page: 5, seen: 10 });
  assert.equal(nextPage({ has_next_page: false, result_list: rows(3) }, at), null);
  assert.equal(nextPage({ has_next_page: true, total_size: 9, result_list: [] }, at), null);
  assert.equal(nextPage(null, at), null);
  assert.equal(nextPage({ total_size: 'many', result_list: rows(1) }, at), null);
});

test('an undeclared method is refused (a misspelled family method with the nearest name); untyped sends it', async () => {
  const errors = validate('alibaba.alsc.crm.point.extra.consum', { change_point: 1 });
  assert.deepEqual(
    errors.map((e) => [e.field, e.rule]),
    [['method', 'unknown']],
  );
  assert.match(errors[0].message, /did you mean alibaba\.alsc\.crm\.point\.extra\.consume\?/);
  const top = new TopClient({ appKey: 'k', appSecret: SECRET });
  assert.throws(
    () => top.prepare('alibaba.alsc.crm.point.extra.consum', {}),
    (e) => e instanceof SdkError && e.field === 'method' && e.rule === 'unknown',
  );
  // validate() of a method it does not know says so, whatever the family.
  assert.deepEqual(
    validate('nope', {}).map((e) => [e.field, e.rule]),
    [['method', 'unknown']],
  );
  assert.match(validate('taobao.time.get', {})[0].message, /not a declared operation.*untyped/);
  await assert.rejects(top.call('taobao.time.get', {}), (e) => e.code === 'INVALID_PARAM' && e.field === 'method');
  // The escape hatch: a new API of the family, checked only against the system parameters.
  const sent = top.untyped.prepare('alibaba.alsc.crm.point.brandnew', { param_x: { a: 1 }, note: ' ' });
  assert.match(sent.url, /method=alibaba\.alsc\.crm\.point\.brandnew/);
  assert.equal(sent.body, 'param_x=%7B%22a%22%3A1%7D', 'the blank note is neither signed nor sent');
  assert.throws(
    () => top.untyped.prepare('alibaba.alsc.crm.point.brandnew', { app_key: 'x' }),
    (e) => e.field === 'app_key' && e.rule === 'reserved',
  );
  const gw = await stub([
    { body: '{"alibaba_alsc_crm_point_brandnew_response":{"result":{"n":9007199254740993},"request_id":"r1"}}' },
  ]);
  try {
    const c = new TopClient({ appKey: 'k', appSecret: SECRET, gateway: `${gw.url}/router/rest` });
    const answer = await c.untyped.call('alibaba.alsc.crm.point.brandnew', { param_x: { a: 1 } });
    // Untyped: the response as sent, big numbers as exact strings, and the trace id.
    assert.deepEqual(answer, { result: { n: '9007199254740993' }, request_id: 'r1' });
    assert.equal(answer.requestId, 'r1');
  } finally {
    await gw.close();
  }
});

test("lang: zh writes every message in Chinese from the rule and the field's metadata", async () => {
  const bad = {
    biz_channel: 'XX',
    change_point: 0,
    customer_id: 'c',
    operator_id: 'o',
    out_biz_id: 'b',
    request_id: 'r',
    bizChannel: 'CS',
  };
  const en = validate('alibaba.alsc.crm.point.extra.consume', bad);
  const zh = validate('alibaba.alsc.crm.point.extra.consume', bad, { lang: 'zh' });
  assert.deepEqual(
    zh.map((e) => [e.field, e.rule]),
    en.map((e) => [e.field, e.rule]),
    'the same rules, only the words differ',
  );
  const by = (rule) => zh.find((e) => e.rule === rule).message;
  assert.match(by('one_of'), /biz_channel（渠道）只能是：CS（辰森）、KRY（客如云）/);
  assert.match(by('positive'), /change_point（变更积分数）须大于 0/);
  assert.match(by('unknown'), /bizChannel 不是 .* 的字段，是否想写 biz_channel？/);
  assert.match(by('any_of'), /brand_id（品牌ID）、out_brand_id（外部品牌ID）不能同时为空/);
  assert.match(
    validate('alibaba.alsc.crm.point.extra.consum', {}, { lang: 'zh' })[0].message,
    /不是已声明的接口，是否想调用 alibaba\.alsc\.crm\.point\.extra\.consume？/,
  );
  assert.match(validate('points/change', [], { lang: 'zh' })[0].message, /至少需要一条记录/);
  assert.throws(
    () => validate('taobao.time.get', {}, { lang: 'fr' }),
    (e) => e instanceof SdkError && e.field === 'lang',
  );

  const top = new TopClient({ appKey: 'k', appSecret: SECRET, lang: 'zh' });
  assert.throws(
    () => top.prepare('alibaba.alsc.crm.point.extra.consume', bad),
    (e) =>
      e.code === 'INVALID_PARAM' && /另有/.test(e.message) && e.details.every((d) => /[\u4e00-\u9fff]/.test(d.message)),
  );
  const gw = await stub([{ delayMs: 300, body: '{}' }]);
  const slow = new TopClient({ appKey: 'k', appSecret: SECRET, gateway: `${gw.url}/router/rest`, lang: 'zh' });
  try {
    await assert.rejects(
      slow.untyped.call('taobao.time.get', {}, { timeoutMs: 50, retries: 0 }),
      (e) => e.code === 'TIMEOUT' && /没有应答/.test(e.message),
    );
  } finally {
    await gw.close();
  }
  const u8 = new (await import('loyalty-sdk')).U8Client({
    fromAccount: 'f',
    toAccount: 't',
    appKey: 'k',
    appSecret: 's',
    lang: 'zh',
  });
  assert.throws(
    () => u8.prepare('points/change', [{ mid: '1' }], { token: 't' }),
    (e) => /为必填项/.test(e.message),
  );
});
