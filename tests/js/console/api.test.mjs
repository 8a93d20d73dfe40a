// The console's calls to the proxy (www/console/src/api.js), without a browser: what comes back
// when the proxy is not reached, answers unreadably, or ends the session, and why a call failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, failureKind } from '../../../www/console/src/api.js';

async function withFetch(fake, run) {
  const real = globalThis.fetch;
  globalThis.fetch = fake;
  try {
    return await run();
  } finally {
    globalThis.fetch = real;
  }
}
const client = (events = []) =>
  createApi({ token: () => 'tok', onUnauthorized: () => events.push('401'), unreachable: () => 'proxy down' });

test('a write is posted as JSON with the bearer token; a read is a GET', async () => {
  const seen = [];
  const fake = async (path, init) => {
    seen.push([path, init.method, init.headers, init.body]);
    return new Response(JSON.stringify({ ok: true, data: { n: '1' } }), { status: 200 });
  };
  await withFetch(fake, async () => {
    assert.deepEqual(await client()('/v1/top/m', { a: '1' }), { status: 200, ok: true, data: { n: '1' } });
    await client()('/v1/audit');
  });
  assert.deepEqual(seen[0], [
    '/v1/top/m',
    'POST',
    { authorization: 'Bearer tok', 'content-type': 'application/json' },
    '{"a":"1"}',
  ]);
  assert.deepEqual(seen[1], ['/v1/audit', 'GET', { authorization: 'Bearer tok' }, undefined]);
});

test('no answer from the proxy is PROXY_UNREACHABLE, retriable, and never throws', async () => {
  const r = await withFetch(
    async () => {
      throw new TypeError('fetch failed');
    },
    () => client()('/v1/top/m', {}),
  );
  assert.deepEqual(r, {
    status: 0,
    ok: false,
    error: { code: 'PROXY_UNREACHABLE', message: 'proxy down', retriable: true },
  });
  assert.equal(failureKind(r), 'proxy_unreachable');
});

test('an unreadable answer is BAD_ANSWER, retriable only from a server error; 401 ends the session', async () => {
  const events = [];
  const answer = (status) =>
    withFetch(
      async () => new Response('<html>', { status }),
      () => client(events)('/x', {}),
    );
  assert.deepEqual((await answer(502)).error, { code: 'BAD_ANSWER', message: 'HTTP 502', retriable: true });
  assert.deepEqual((await answer(404)).error, { code: 'BAD_ANSWER', message: 'HTTP 404', retriable: false });
  assert.deepEqual(events, []);
  await answer(401);
  assert.deepEqual(events, ['401']);
});

test('why a call failed: a rule, the proxy, the platform, or the error itself', () => {
  assert.equal(failureKind({ ok: false, error: { code: 'INVALID_PARAM', field: 'point' } }), 'invalid');
  assert.equal(
    failureKind({ ok: false, error: { code: 'NETWORK_ERROR', outcome: 'unknown' } }),
    'platform_unreachable',
  );
  // The platform not reached but the proxy knows nothing applied: the error's own words.
  assert.equal(failureKind({ ok: false, error: { code: 'NETWORK_ERROR', outcome: 'not_applied' } }), 'other');
  assert.equal(failureKind({ ok: false, error: { code: 'BIZ_ERROR', outcome: 'not_applied' } }), 'other');
});

test('a file (a CSV export) comes back as its text with the bearer token; an error as the proxy sent it', async () => {
  const events = [];
  const seen = [];
  const file = (response) =>
    withFetch(
      async (path, init) => {
        seen.push([path, init.method, init.headers]);
        return response();
      },
      () => client(events).file('/v1/close?format=csv'),
    );
  assert.deepEqual(await file(() => new Response('day,operator\r\n', { status: 200 })), {
    status: 200,
    ok: true,
    text: 'day,operator\r\n',
  });
  assert.deepEqual(seen[0], ['/v1/close?format=csv', undefined, { authorization: 'Bearer tok' }]);
  const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: 'no', field: 'role' } };
  assert.deepEqual(await file(() => new Response(JSON.stringify(forbidden), { status: 403 })), {
    status: 403,
    ...forbidden,
  });
  assert.deepEqual((await file(() => new Response('<html>', { status: 502 }))).error, {
    code: 'BAD_ANSWER',
    message: 'HTTP 502',
  });
  assert.equal(
    (
      await file(() => {
        throw new TypeError('fetch failed');
      })
    ).error.code,
    'PROXY_UNREACHABLE',
  );
  assert.deepEqual(events, []);
  await file(() => new Response('{"ok":false,"error":{"code":"UNAUTHORIZED"}}', { status: 401 }));
  assert.deepEqual(events, ['401']);
});
