// Bundling a backend that uses the package, as its README says, offline: esbuild (ESM and
// CommonJS) and Vite SSR bundles of a Node backend run from a folder holding nothing but the
// bundle (the wasm travels inside the package's JS for Node), and an esbuild bundle for
// Workers (the wasm copied beside it as a module) runs in workerd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { Miniflare } from 'miniflare';

const app = fileURLToPath(new URL('./backend-app/', import.meta.url));
const EXPECTED = { ok: true, points: 4993, errors: 8 };

/** Runs `file` from a folder of its own: nothing of the repository or node_modules near it. */
function runAlone(file) {
  const alone = mkdtempSync(join(tmpdir(), 'bundle-run-'));
  const name = file.split('/').pop();
  copyFileSync(file, join(alone, name));
  try {
    assert.deepEqual(readdirSync(alone), [name], 'only the bundle');
    return JSON.parse(execFileSync(process.execPath, [name], { cwd: alone, encoding: 'utf8' }));
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
}

test('esbuild bundles a Node backend, ESM and CommonJS, that runs on its own', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bundle-esbuild-'));
  try {
    for (const [format, ext] of [
      ['esm', 'mjs'],
      ['cjs', 'cjs'],
    ]) {
      const result = await esbuild({
        entryPoints: [join(app, 'server.js')],
        bundle: true,
        platform: 'node',
        format,
        outfile: join(out, `server.${ext}`),
        logLevel: 'silent',
      });
      assert.deepEqual(result.warnings, [], `${format}: no warnings`);
      assert.deepEqual(runAlone(join(out, `server.${ext}`)), EXPECTED, format);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('Vite SSR bundles the same backend, dependencies included, and it runs on its own', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bundle-vite-'));
  try {
    await vite({
      root: app,
      logLevel: 'silent',
      build: { ssr: join(app, 'server.js'), outDir: out, emptyOutDir: true },
      ssr: { noExternal: true, target: 'node' },
    });
    assert.deepEqual(runAlone(join(out, 'server.mjs')), EXPECTED);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('esbuild bundles a Worker with the workerd conditions; it runs in workerd', async () => {
  const out = mkdtempSync(join(tmpdir(), 'bundle-worker-'));
  mkdirSync(out, { recursive: true });
  const mf = await (async () => {
    await esbuild({
      entryPoints: [join(app, 'worker.js')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker'],
      loader: { '.wasm': 'copy' },
      outdir: out,
      logLevel: 'silent',
    });
    assert.ok(
      readdirSync(out).some((f) => f.endsWith('.wasm')),
      'the wasm beside the bundle',
    );
    return new Miniflare({
      modules: true,
      modulesRoot: out,
      scriptPath: join(out, 'worker.js'),
      modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
      compatibilityDate: '2025-01-01',
    });
  })();
  try {
    const res = await mf.dispatchFetch('http://localhost/');
    assert.deepEqual(await res.json(), { ok: true, points: 4993 });
  } finally {
    await mf.dispose();
    rmSync(out, { recursive: true, force: true });
  }
});
