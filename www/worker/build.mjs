// Bundles the Worker for workerd (Miniflare in tests and the demo): the package's `workerd`
// entry, with its wasm kept as a separate module that workerd compiles at load.
// `wrangler deploy` bundles src/index.js itself and needs none of this.
// Test files running side by side each bundle it: a file is rewritten only when its content
// changed, swapped whole (writeIfChanged), so no Miniflare starting meanwhile reads half a bundle.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeIfChanged } from '../console/build.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));

/** Bundles `entry` (default the Worker's src/index.js; the benchmark wraps it): the bundle's path. */
export async function buildWorker(entry = `${here}src/index.js`) {
  const outfile = `${here}dist/worker.js`;
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    mainFields: ['module', 'main'],
    external: ['*.wasm', 'cloudflare:*'],
    outfile,
    write: false,
    logLevel: 'error',
  });
  for (const f of outputFiles) writeIfChanged(f.path, Buffer.from(f.contents));
  writeIfChanged(`${here}dist/wasm/loyalty_sdk_bg.wasm`, readFileSync(`${pkg}wasm/loyalty_sdk_bg.wasm`));
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildWorker()}`);
}
