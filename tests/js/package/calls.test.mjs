// How call() spends the caller's time and options: a ban longer than the budget ends the call at
// once, a deadline bounds the whole call, an abort keeps the platform's last word, client-level
// defaults are honoured and misspelled options refused, a call may bring its own session, and
// the platform's trace id reaches the result and the hooks under its own name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopClient, U8Client, SdkError } from 'loyalty-sdk';
import { stub } from './stub.mjs';
import { SAMPLE_DEDUCTION } from '../fixtures.mjs';

const EXTRA = 'alibaba.alsc.crm.point.extra.consume';
const PARAMS = SAMPLE_DEDUCTION;
const OK = (trace = 'trace-1') =>
  JSON.stringify({
    result: { biz_success: true, result: 'PF1', result_code: '200', result_desc: '成功', result_view: '' },
    request_id: trace,
  });
const BAN = (seconds) =>
  JSON.stringify({
    error_response: {
      code: 7,
      msg: 'App Call Limited',
      sub_code: 'accesscontrol.limited-by-app-access-count',
      sub_msg: `This ban will last for ${seconds} more seconds`,
      request_id: 'trace-ban',
    },
  });

async function withStub(script, fn) {
  const server = await stub(script);
  try {
    return await fn(server, `${server.url}/router/rest`);
  } finally {
    await server.close();
  }
}

test('a ban longer than the budget ends the call at once: RATE_LIMITED, retriable, with the wait and the platform words', async () => {
  await withStub([{ body: BAN(3600) }, { body: OK() }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    const started = Date.now();
    await assert.rejects(c.call(EXTRA, PARAMS, { timeoutMs: 2000, retries: 1 }), (e) => {
      assert.ok(e instanceof SdkError);
      assert.deepEqual(
        [e.code, e.retriable, e.retryAfterMs, e.platformCode, e.platformMsg, e.subMsg, e.requestId],
        [
          'RATE_LIMITED',
          true,
          3_600_000,
          '7',
          'App Call Limited',
          'This ban will last for 3600 more seconds',
          'trace-ban',
        ],
      );
      return true;
    });
    assert.ok(Date.now() - started < 1000, `returned at once (${Date.now() - started} ms)`);
    assert.equal(server.seen.length, 1, 'not retried into the ban');
  });
  // The budget: what maxRetryDelayMs allows and what is left of the deadline.
  await withStub([{ body: BAN(3) }, { body: OK() }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    await assert.rejects(
      c.call(EXTRA, PARAMS, { maxRetryDelayMs: 5_000, deadlineMs: 2_000 }),
      (e) => e.code === 'RATE_LIMITED',
    );
    assert.equal(server.seen.length, 1);
  });
  // A short ban within both is waited for, then the call goes on.
  await withStub([{ body: BAN(1) }, { body: OK() }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    const started = Date.now();
    const r = await c.call(EXTRA, PARAMS, { backoffMs: 1 });
    assert.equal(r.result, 'PF1');
    assert.ok(Date.now() - started >= 950, 'waited for the ban');
    assert.equal(server.seen.length, 2);
  });
});

test('deadlineMs bounds the whole call, timeoutMs each attempt', async () => {
  await withStub([{ delayMs: 400, body: OK() }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    const started = Date.now();
    // Four attempts of 300 ms would take 1.2 s; the deadline stops them at 700 ms.
    await assert.rejects(
      c.call(EXTRA, PARAMS, { timeoutMs: 300, retries: 3, backoffMs: 1, deadlineMs: 700 }),
      (e) => e.code === 'TIMEOUT' && e.retriable,
    );
    const took = Date.now() - started;
    assert.ok(took >= 650 && took < 1100, `${took} ms`);
    assert.ok(server.seen.length <= 3, `${server.seen.length} attempts`);
  });
  // A backoff that would run past the deadline is not waited for: the last error comes back.
  await withStub([{ status: 503, body: 'busy' }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    const started = Date.now();
    await assert.rejects(
      c.call(EXTRA, PARAMS, { backoffMs: 5_000, maxRetryDelayMs: 10_000, deadlineMs: 1_000 }),
      (e) => e.code === 'HTTP_ERROR' && e.retriable,
    );
    assert.ok(Date.now() - started < 800);
    assert.equal(server.seen.length, 1);
  });
  // The default deadline is a few seconds, whatever the retries.
  // (A gateway that never answers: the handler waits on nothing that keeps the process alive.)
  await withStub([() => new Promise(() => {})], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    const started = Date.now();
    await assert.rejects(c.call(EXTRA, PARAMS, { retries: 10, backoffMs: 1 }), (e) => e.code === 'TIMEOUT');
    const took = Date.now() - started;
    assert.ok(took >= 9_500 && took < 12_000, `${took} ms`);
  });
});

test('an abort keeps the last platform error as its cause', async () => {
  await withStub([{ body: BAN(1) }, { body: OK() }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(c.call(EXTRA, PARAMS, { signal: controller.signal }), (e) => {
      assert.equal(e.code, 'ABORTED');
      assert.equal(e.retriable, false);
      assert.ok(e.cause instanceof SdkError, 'the platform error is kept');
      assert.equal(e.cause.code, 'RATE_LIMITED');
      assert.equal(e.cause.platformCode, '7');
      return true;
    });
    assert.equal(server.seen.length, 1);
  });
});

test('the client options are the defaults of its calls; unknown options are refused by name', async () => {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, init });
    return new Response(OK(), { status: 200 });
  };
  // The gateway is never reached over the network: the client's fetch is used.
  const c = new TopClient({ appKey: 'k', appSecret: 's', gateway: 'https://gw.invalid/router/rest', fetch });
  const r = await c.call(EXTRA, PARAMS);
  assert.equal(r.result, 'PF1');
  assert.equal(seen.length, 1);
  // The call's own options win over the client's.
  let mine = 0;
  await c.call(EXTRA, PARAMS, {
    fetch: async () => {
      mine += 1;
      return new Response(OK(), { status: 200 });
    },
  });
  assert.deepEqual([seen.length, mine], [1, 1]);
  // timeoutMs and retries at the client level.
  await withStub([{ delayMs: 300, body: OK() }], async (server, gateway) => {
    const slow = new TopClient({ appKey: 'k', appSecret: 's', gateway, timeoutMs: 50, retries: 1, backoffMs: 1 });
    await assert.rejects(slow.call(EXTRA, PARAMS), (e) => e.code === 'TIMEOUT');
    assert.equal(server.seen.length, 2);
  });
  // deadlineMs and lang at the client level.
  await withStub([{ delayMs: 2_000, body: OK() }], async (_, gateway) => {
    const zh = new TopClient({ appKey: 'k', appSecret: 's', gateway, deadlineMs: 200, lang: 'zh' });
    const started = Date.now();
    await assert.rejects(zh.call(EXTRA, PARAMS), (e) => e.code === 'TIMEOUT' && /200 毫秒的期限/.test(e.message));
    assert.ok(Date.now() - started < 1_000);
  });
  // A misspelled option is refused, naming it and the nearest one.
  for (const [options, field, near] of [
    [{ appKey: 'k', appsecret: 's' }, 'appsecret', 'appSecret'],
    [{ appKey: 'k', appSecret: 's', timeoutMS: 5 }, 'timeoutMS', 'timeoutMs'],
    [{ appKey: 'k', appSecret: 's', timeout: 2 }, 'timeout', 'timeoutMs'],
    [{ appKey: 'k', appSecret: 's', retrys: 2 }, 'retrys', 'retries'],
  ]) {
    assert.throws(
      () => new TopClient(options),
      (e) =>
        e instanceof SdkError &&
        e.code === 'INVALID_CONFIG' &&
        e.field === field &&
        e.rule === 'unknown' &&
        e.message.includes(near),
      field,
    );
  }
  assert.throws(
    () => new TopClient({ appKey: 'k', appSecret: 's', signal: new AbortController().signal }),
    (e) => e.field === 'signal' && /per call/.test(e.message),
  );
  assert.throws(
    () => new TopClient({ appKey: 'k', appSecret: 's', fetch: 'no' }),
    (e) => e.field === 'fetch' && e.rule === 'type',
  );
  await assert.rejects(
    c.call(EXTRA, PARAMS, { timeoutMS: 5 }),
    (e) => e.field === 'timeoutMS' && /timeoutMs/.test(e.message),
  );
  await assert.rejects(c.call(EXTRA, PARAMS, { retries: -1 }), (e) => e.field === 'retries' && e.rule === 'type');
  assert.throws(
    () => new U8Client({ fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's', baseURL: 'x' }),
    (e) => e.field === 'baseURL' && /baseUrl/.test(e.message),
  );
});

test('session per call: a POS vendor serves many merchants from one client', async () => {
  await withStub([{ body: OK() }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway, session: 'merchant-default' });
    await c.call(EXTRA, PARAMS, { session: 'merchant-42' });
    await c.call(EXTRA, PARAMS);
    assert.deepEqual(
      server.seen.map((s) => s.query.session),
      ['merchant-42', 'merchant-default'],
    );
    assert.equal(c.prepare(EXTRA, PARAMS, { session: 'merchant-7' }).stringToSign.includes('sessionmerchant-7'), true);
    // A blank session is no session, as the official SDKs send it.
    const none = new TopClient({ appKey: 'k', appSecret: 's', session: ' ' }).prepare(EXTRA, PARAMS);
    assert.ok(!none.url.includes('session='));
    assert.throws(
      () => c.prepare(EXTRA, PARAMS, { session: 'a\nb' }),
      (e) => e.field === 'session',
    );
  });
});

test('the trace id: on every result, in the hooks and on errors; the business key has its own name', async () => {
  await withStub([{ status: 503, body: 'busy' }, { body: OK('trace-ok') }], async (_, gateway) => {
    const events = [];
    const c = new TopClient({
      appKey: 'k',
      appSecret: 's',
      gateway,
      onResponse: (e) => events.push(['response', e]),
      onRetry: (e) => events.push(['retry', e]),
    });
    const r = await c.call(EXTRA, PARAMS, { backoffMs: 1 });
    assert.equal(r.requestId, 'trace-ok');
    assert.deepEqual(Object.keys(r), ['biz_success', 'result', 'result_code', 'result_desc', 'result_view']);
    assert.ok(!JSON.stringify(r).includes('trace-ok'), 'not one of the fields');
    const last = events.at(-1)[1];
    assert.deepEqual([last.idempotencyKey, last.requestId, last.status], ['req-0001', 'trace-ok', 200]);
    assert.equal(events[0][1].requestId, undefined);
  });
  // XML and a business refusal carry it too.
  const c = new TopClient({ appKey: 'k', appSecret: 's', format: 'xml' });
  const xml =
    '<alibaba_alsc_crm_point_extra_consume_response><result><biz_success>true</biz_success><result>PF2</result></result><request_id>trace-xml</request_id></alibaba_alsc_crm_point_extra_consume_response>';
  assert.equal(c.parse(EXTRA, 200, xml).requestId, 'trace-xml');
  assert.throws(
    () =>
      c.parse(
        EXTRA,
        200,
        '{"result":{"biz_success":false,"result_code":"POINT_NOT_ENOUGH","result_view":"积分不足"},"request_id":"trace-biz"}',
      ),
    (e) => e.code === 'BIZ_ERROR' && e.requestId === 'trace-biz',
  );
});

test('fetch is called as a plain function, as workerd requires of its own', async () => {
  // workerd's fetch throws "Illegal invocation" when called as a method of another object.
  function strictFetch() {
    if (this !== undefined) throw new TypeError('Illegal invocation');
    return Promise.resolve(new Response(OK(), { status: 200 }));
  }
  const client = new TopClient({ appKey: 'k', appSecret: 's', fetch: strictFetch });
  assert.equal((await client.call(EXTRA, PARAMS)).result, 'PF1');
  assert.equal((await client.call(EXTRA, PARAMS, { fetch: strictFetch })).result, 'PF1');
});

test('the error a call ends with carries its earlier attempts: a lost answer before a ban or a busy U8 is not forgotten', async () => {
  // TOP: the first attempt's connection is cut (it may have been applied), the retry is banned.
  await withStub([{ destroy: true }, { body: BAN(3600) }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    await assert.rejects(c.call(EXTRA, PARAMS, { retries: 2, backoffMs: 1 }), (e) => {
      assert.equal(e.code, 'RATE_LIMITED');
      assert.deepEqual(
        e.earlier.map((a) => [a instanceof SdkError, a.code]),
        [[true, 'NETWORK_ERROR']],
      );
      assert.ok(!Object.keys(e).includes('earlier'), 'not enumerable: logs of the error stay small');
      return true;
    });
    assert.equal(server.seen.length, 2);
  });
  // One attempt: nothing earlier.
  await withStub([{ body: BAN(3600) }], async (server, gateway) => {
    const c = new TopClient({ appKey: 'k', appSecret: 's', gateway });
    await assert.rejects(c.call(EXTRA, PARAMS, { retries: 0 }), (e) => e.code === 'RATE_LIMITED' && !e.earlier);
  });
  const token = JSON.stringify({ errcode: '0', token: { appKey: 'a', expiresIn: 7200, id: 'tok-1' } });
  const busy = JSON.stringify({ errcode: '2001', errmsg: '调用太频繁，请稍后再试' });
  const stale = JSON.stringify({ errcode: '2001', errmsg: 'token已过期' });
  const u8 = (baseUrl) =>
    new U8Client({ fromAccount: 'f', toAccount: 't', appKey: 'a', appSecret: 's', baseUrl, backoffMs: 1 });
  const records = [{ mid: '1', action_type: 5, ori_money: '1', calc_money: '1', ori_points: 10, source_code: 'S1' }];
  // U8: timeout, then busy twice: every attempt before the last is there, oldest first.
  await withStub([{ body: token }, { delayMs: 300, body: busy }, { body: busy }, { body: busy }], async (server) => {
    await assert.rejects(u8(server.url).call('points/change', records, { timeoutMs: 150, retries: 2 }), (e) => {
      assert.deepEqual(
        [e.code, e.platformCode, e.earlier.map((a) => a.code)],
        ['U8_ERROR', '2001', ['TIMEOUT', 'U8_ERROR']],
      );
      return true;
    });
  });
  // U8: the answer is lost, then the token has expired and a new one cannot be had: the
  // renewal's error keeps the lost attempt and the refusal that asked for it, then the token
  // fetch's own first attempt.
  await withStub(
    [{ body: token }, { destroy: true }, { body: stale }, { status: 503, body: 'down' }],
    async (server) => {
      await assert.rejects(u8(server.url).call('points/change', records, { retries: 1 }), (e) => {
        assert.deepEqual(
          [e.code, e.earlier.map((a) => [a.code, a.code === 'U8_ERROR' ? a.subCode : null])],
          [
            'HTTP_ERROR',
            [
              ['NETWORK_ERROR', null],
              ['U8_ERROR', 'token_invalid'],
              ['HTTP_ERROR', null],
            ],
          ],
        );
        return true;
      });
    },
  );
});
