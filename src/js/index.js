// Browsers and bundlers: fetch and instantiate the wasm next to this file, then export the SDK.
import init from './wasm/loyalty_sdk.js';

await init({ module_or_path: new URL('./wasm/loyalty_sdk_bg.wasm', import.meta.url) });

export * from './sdk.js';
