// The package loads and signs inside workerd (through Miniflare), with the wasm imported as a
// compiled module and no fetch of it at start-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { CUSTOMER, expectedSign } from '../fixtures.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('the package signs inside workerd', async () => {
  const mf = new Miniflare({
    modules: true,
    modulesRoot: root,
    scriptPath: `${root}tests/js/package/workerd/worker.mjs`,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2025-01-01',
  });
  try {
    const params = {
      biz_channel: 'CS',
      brand_id: '1',
      shop_id: '2',
      change_point: 5,
      customer_id: CUSTOMER,
      operator_id: '4',
      out_biz_id: '5',
      request_id: 'r-1',
    };
    const res = await mf.dispatchFetch('http://localhost/', {
      method: 'POST',
      body: JSON.stringify({ params, timestamp: 1_700_000_000_000 }),
    });
    const out = await res.json();
    const url = new URL(out.prepared.url);
    assert.equal(url.searchParams.get('timestamp'), '2023-11-15 06:13:20', 'GMT+8 inside a UTC Worker');
    assert.equal(url.searchParams.get('sign'), expectedSign(out.prepared, 'worker-secret', 'hmac-sha256'));
    assert.ok(out.errors.some((e) => e.field === 'biz_channel' && e.rule === 'required'));
    assert.match(out.requestId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(out.error, { isSdkError: true, isError: true, code: 'TOP_ERROR', platformCode: '25' });
    const testing = await (await mf.dispatchFetch('http://localhost/testing')).json();
    assert.deepEqual(testing, { ok: true, points: 4993 }, 'loyalty-sdk/testing works in workerd');
  } finally {
    await mf.dispose();
  }
});
