// Cloudflare Workers: the wasm arrives as a compiled module import; no fetch at start-up.
import wasmModule from './wasm/loyalty_sdk_bg.wasm';
import { initSync } from './wasm/loyalty_sdk.js';

initSync({ module: wasmModule });

export * from './sdk.js';
