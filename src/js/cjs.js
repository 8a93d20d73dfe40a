// Node (CommonJS): bundled by esbuild into pkg/index.cjs. The wasm comes inside the package's
// JS, as for ESM (node.mjs): `wasm/inline.cjs` stays its own file, shared by both.
import { initSync } from './wasm/loyalty_sdk.js';

initSync({ module: require('node:zlib').gunzipSync(Buffer.from(require('./wasm/inline.cjs'), 'base64')) });

export * from './sdk.js';
