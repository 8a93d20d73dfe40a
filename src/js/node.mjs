// Node (ESM): read the wasm from disk synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './wasm/loyalty_sdk.js';

initSync({ module: readFileSync(new URL('./wasm/loyalty_sdk_bg.wasm', import.meta.url)) });

export * from './sdk.js';
