// Bundles the Worker for workerd (Miniflare in tests and the demo): the package's `workerd`
// entry, with its wasm kept as a separate module that workerd compiles at load.
// `wrangler deploy` bundles src/index.js itself and needs none of this.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));

/** Bundles `entry` (default the Worker's src/index.js; the benchmark wraps it). */
export async function buildWorker(entry = `${here}src/index.js`) {
  mkdirSync(`${here}dist/wasm`, { recursive: true });
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    external: ['*.wasm', 'cloudflare:*'],
    outfile: `${here}dist/worker.js`,
    logLevel: 'error',
  });
  copyFileSync(`${pkg}wasm/loyalty_sdk_bg.wasm`, `${here}dist/wasm/loyalty_sdk_bg.wasm`);
  return `${here}dist/worker.js`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildWorker()}`);
}
