// The linter for every hand-written JS file (run by `make lint`, with prettier for the layout).
// Each deployable runs somewhere else, so each gets that place's globals: the package and the
// fake gateway run everywhere (no Node or browser globals), the proxy in workerd, the console
// in browsers, tests and tools in Node.
import js from '@eslint/js';
import globals from 'globals';

const everywhere = {
  ...globals['shared-node-browser'],
  crypto: 'readonly',
  Response: 'readonly',
  Request: 'readonly',
  Headers: 'readonly',
  WebAssembly: 'readonly',
  DOMException: 'readonly',
  AbortController: 'readonly',
  AbortSignal: 'readonly',
  structuredClone: 'readonly',
};

export default [
  { ignores: ['pkg/', 'target/', '**/node_modules/', 'www/**/dist/', 'www/.wrangler/', 'spec/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: everywhere },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-shadow': 'error',
      'no-implicit-globals': 'error',
      'no-param-reassign': 'off',
    },
  },
  // The CommonJS entry is written as a module for esbuild, with Node's require and __dirname.
  { files: ['src/js/cjs.js'], languageOptions: { globals: { ...everywhere, ...globals.node } } },
  { files: ['www/console/src/**'], languageOptions: { globals: { ...everywhere, ...globals.browser } } },
  { files: ['www/worker/src/**'], languageOptions: { globals: { ...everywhere, ...globals.serviceworker } } },
  {
    files: ['**/*.mjs', 'tests/**', 'www/*.mjs', 'www/*/*.mjs', 'www/console/build.mjs', 'src/js/node.mjs'],
    languageOptions: { globals: { ...everywhere, ...globals.node } },
  },
  {
    // Functions a test hands to the browser (page.evaluate) use its globals.
    files: ['tests/js/**'],
    languageOptions: { globals: { ...everywhere, ...globals.node, ...globals.browser } },
  },
  {
    files: ['tests/js/package/browser/**', 'tests/js/package/vite-app/**'],
    languageOptions: { globals: { ...everywhere, ...globals.browser } },
  },
];
