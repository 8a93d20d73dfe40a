// Node (ESM): the wasm comes inside the package's JS (gzip, base64), so a bundled backend
// (esbuild, Vite SSR, ncc) that copies no files still has it; inflating it takes about a
// millisecond.
import { gunzipSync } from 'node:zlib';
import packed from './wasm/inline.cjs';
import { initSync } from './wasm/loyalty_sdk.js';

initSync({ module: gunzipSync(Buffer.from(packed, 'base64')) });

export * from './sdk.js';
