// The package through a bundler: Vite builds a page that imports `loyalty-sdk` by name (the
// wasm becomes an emitted asset), and Chromium runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serve } from './static.mjs';
import { launch } from '../chromium.mjs';

test('a Vite build of a page importing loyalty-sdk runs in a browser', async () => {
  const outDir = mkdtempSync(`${tmpdir()}/vite-`);
  // es2022: the browser entry instantiates its wasm with a top-level await.
  await build({
    root: fileURLToPath(new URL('./vite-app/', import.meta.url)),
    logLevel: 'silent',
    build: { outDir, target: 'es2022', emptyOutDir: true },
  });
  const server = await serve(outDir, { '/': `${outDir}/index.html` });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.result !== undefined, null, { timeout: 15_000 });
    const { prepared, errors } = await page.evaluate(() => window.result);
    const url = new URL(prepared.url);
    const all = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(prepared.body)) };
    delete all.sign;
    const s = Object.keys(all)
      .sort()
      .map((k) => k + all[k])
      .join('');
    assert.equal(url.searchParams.get('sign'), createHmac('md5', 'vite-secret').update(s).digest('hex').toUpperCase());
    assert.ok(errors > 0);
  } finally {
    await browser.close();
    await server.close();
  }
});
