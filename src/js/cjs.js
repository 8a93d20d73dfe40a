// Node (CommonJS): bundled by esbuild into pkg/index.cjs; __dirname is the package folder.
import { initSync } from './wasm/loyalty_sdk.js';

initSync({
  module: require('node:fs').readFileSync(require('node:path').join(__dirname, 'wasm', 'loyalty_sdk_bg.wasm')),
});

export * from './sdk.js';
