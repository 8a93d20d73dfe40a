// Builds the console into www/console/dist: its own files plus the loyalty-sdk package (the
// browser entry, its wasm and metadata) under sdk/, and uPlot under vendor/. The Worker serves dist/ at `/`.
// Test files run side by side, each building the console while other stacks serve it: so dist/
// is never emptied, a file is rewritten only when its content changed, by a rename that swaps
// it whole, and files no longer built are removed.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const uplot = fileURLToPath(new URL('../node_modules/uplot/dist/', import.meta.url));

/** Every file under `path` (or `path` itself when it is a file). */
const filesUnder = (path) =>
  statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => filesUnder(join(path, name))) : [path];

/** Writes `bytes` at `path` unless it holds them already, swapping the file whole. */
export function writeIfChanged(path, bytes) {
  try {
    if (readFileSync(path).equals(bytes)) return;
  } catch {
    // not there yet
  }
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
}

export function buildConsole() {
  const out = `${here}dist`;
  /** dist's path -> the file it is built from */
  const wanted = new Map();
  for (const f of filesUnder(`${here}src`)) wanted.set(join(out, relative(`${here}src`, f)), f);
  for (const name of ['index.js', 'sdk.js', 'messages.js', 'meaning.js', 'operations.js', 'wasm'])
    for (const f of filesUnder(`${pkg}${name}`)) wanted.set(join(out, 'sdk', relative(pkg, f)), f);
  // uPlot draws the balance chart (www/package.json pins it).
  for (const name of ['uPlot.esm.js', 'uPlot.min.css']) wanted.set(join(out, 'vendor', name), `${uplot}${name}`);
  for (const [to, from] of wanted) writeIfChanged(to, readFileSync(from));
  let present = [];
  try {
    present = filesUnder(out);
  } catch {
    // nothing built before
  }
  for (const f of present) if (!wanted.has(f) && !f.endsWith('.partial')) rmSync(f, { force: true });
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${buildConsole()}`);
