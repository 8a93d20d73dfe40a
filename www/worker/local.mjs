// Runs the edge proxy locally in workerd (through Miniflare): for the demo and the tests.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { buildWorker } from './build.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Reads a `.dev.vars` file: `KEY=value` lines, `#` comments. */
export function parseDevVars(text) {
  const vars = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) vars[m[1]] = m[2];
  }
  return vars;
}

export const demoVars = () => parseDevVars(readFileSync(`${here}demo.dev.vars`, 'utf8'));

/**
 * Starts the Worker. `vars` are its settings; `port` 0 picks one; the console in
 * `www/console/` is served at `/` when it is there. Log lines (one JSON object each) are
 * collected in `logs`.
 */
export async function startWorker({ vars = demoVars(), port = 0, host = '127.0.0.1', assetsDir = `${here}../console/dist` } = {}) {
  const scriptPath = await buildWorker();
  const logs = [];
  let pending = '';
  const mf = new Miniflare({
    modules: true,
    scriptPath,
    modulesRules: [{ type: 'ESModule', include: ['**/*.js'] }, { type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2025-01-01',
    bindings: vars,
    host,
    port,
    assets: existsSync(`${assetsDir}/index.html`)
      ? { directory: assetsDir, binding: 'ASSETS', routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true } }
      : undefined,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on('data', (chunk) => {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop();
        logs.push(...lines.filter(Boolean));
      });
      stderr.on('data', (chunk) => process.stderr.write(chunk));
    },
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return { url, mf, logs, close: () => mf.dispose() };
}
