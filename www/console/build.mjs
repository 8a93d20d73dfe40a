// Builds the console into www/console/dist: its own files plus the loyalty-sdk package (the
// browser entry, its wasm and metadata) under sdk/, and uPlot under vendor/. The Worker serves dist/ at `/`.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const uplot = fileURLToPath(new URL('../node_modules/uplot/dist/', import.meta.url));

export function buildConsole() {
  rmSync(`${here}dist`, { recursive: true, force: true });
  mkdirSync(`${here}dist/sdk`, { recursive: true });
  cpSync(`${here}src`, `${here}dist`, { recursive: true });
  for (const f of ['index.js', 'sdk.js', 'messages.js', 'meaning.js', 'operations.js', 'wasm'])
    cpSync(`${pkg}${f}`, `${here}dist/sdk/${f}`, { recursive: true });
  // uPlot draws the balance chart (www/package.json pins it).
  mkdirSync(`${here}dist/vendor`, { recursive: true });
  for (const f of ['uPlot.esm.js', 'uPlot.min.css']) cpSync(`${uplot}${f}`, `${here}dist/vendor/${f}`);
  return `${here}dist`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${buildConsole()}`);
