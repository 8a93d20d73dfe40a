// The package in a browser through a plain <script type="module">: it fetches its wasm next
// to itself and signs with the same bytes as Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { serve } from './static.mjs';
import { launch } from '../chromium.mjs';
import { expectedSign } from '../fixtures.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));

test('a plain module script imports the package and signs', async () => {
  const server = await serve(root, { '/': `${root}tests/js/package/browser/index.html` });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const failures = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 15_000 });
    const out = await page.evaluate(() => window.result);
    assert.deepEqual(failures, []);
    const url = new URL(out.prepared.url);
    assert.equal(url.searchParams.get('sign'), expectedSign(out.prepared, 'browser-test-secret', 'md5'));
    assert.equal(
      JSON.parse(new URLSearchParams(out.prepared.body).get('param_extra_consume_point_open_req')).reason,
      '中文 + & = 😀',
    );
    assert.ok(out.errors.some((e) => e.field === 'bizChannel' && /biz_channel/.test(e.message)));
    assert.deepEqual(out.error, { sdk: true, code: 'HTTP_ERROR', retriable: true });
    assert.match(out.id, /^[0-9a-f-]{36}$/);
  } finally {
    await browser.close();
    await server.close();
  }
});
