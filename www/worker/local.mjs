// Runs the edge proxy locally in workerd (through Miniflare): for the demo and the tests. The
// bindings (Durable Objects with SQLite, D1, assets) come from wrangler.toml as wrangler itself
// reads it, and the D1 migrations in its migrations_dir are applied the way
// `wrangler d1 migrations apply --local` records them. Workflows (reconciliation runs, jobs)
// and R2 persist with the rest, and runs and jobs a previous start left running are woken.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig, unstable_splitSqlQuery } from 'wrangler';
import { buildWorker } from './build.mjs';
import { buildConsole } from '../console/build.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const configPath = `${here}wrangler.toml`;

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
 * Runs `step` again when Miniflare's D1 proxy misses its own answer: `prepare()` from Node goes
 * through a synchronous fetch that, about once in forty stack starts on a busy 2-core machine,
 * wakes with no message and fails its assertion (`ERR_ASSERTION`) before anything reached the
 * database. The steps given here are idempotent (a read, or migrations each recorded with its
 * batch), so a second try is safe.
 */
async function withD1Retry(step) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (e) {
      if (attempt >= 3 || e?.code !== 'ERR_ASSERTION') throw e;
    }
  }
}

/** Applies each D1 database's migrations not yet applied, in file-name order. */
async function migrate(mf) {
  const config = unstable_readConfig({ config: configPath });
  for (const d of config.d1_databases ?? []) {
    const db = await mf.getD1Database(d.binding);
    await db.exec(
      'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
    );
    const done = new Set((await db.prepare('SELECT name FROM d1_migrations').all()).results.map((r) => r.name));
    const dir = `${here}${d.migrations_dir ?? 'migrations'}`;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      if (done.has(file)) continue;
      const statements = unstable_splitSqlQuery(readFileSync(`${dir}/${file}`, 'utf8'));
      await db.batch([
        ...statements.map((s) => db.prepare(s)),
        db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(file),
      ]);
    }
  }
}

/**
 * Starts the Worker. `vars` are its settings; `port` 0 picks one; the console in
 * `www/console/` is served at `/` when it is there. `isolates` > 1 runs more copies of the
 * Worker, each its own isolate, sharing the Durable Objects and D1 as a fleet does; reach copy
 * `i` with `fetchVia(i, path, init)`. `persist`: a folder keeping the state across runs. Log
 * lines (one JSON object each) are collected in `logs`. `entry`: another module to run in the
 * Worker's place with the same bindings (the benchmark's wrappers). `scheduled(time)` fires the
 * Cron Trigger's handler; `woken` lists the runs woken at start.
 */
export async function startWorker({
  vars = demoVars(),
  port = 0,
  host = '127.0.0.1',
  assetsDir = `${here}../console/dist`,
  isolates = 1,
  persist,
  entry,
} = {}) {
  // wrangler.toml serves the console's build as the Worker's assets: made when missing, so a
  // proxy test needs no console test to have run before it.
  if (!existsSync(assetsDir)) buildConsole();
  const scriptPath = await buildWorker(entry);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(configPath);
  const logs = [];
  let pending = '';
  const proxy = {
    ...workerOptions,
    name: 'proxy',
    modules: true,
    scriptPath,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    bindings: vars,
    assets: existsSync(`${assetsDir}/index.html`) ? { ...workerOptions.assets, directory: assetsDir } : undefined,
  };
  // The other isolates use the first one's Durable Object classes: one namespace per binding.
  const shared = Object.fromEntries(
    Object.entries(proxy.durableObjects).map(([k, d]) => [k, { ...d, scriptName: 'proxy' }]),
  );
  const workflows = Object.fromEntries(
    Object.entries(proxy.workflows ?? {}).map(([k, w]) => [k, { ...w, scriptName: 'proxy' }]),
  );
  const copies = Array.from({ length: isolates - 1 }, (_, i) => ({
    ...proxy,
    name: `proxy-${i + 1}`,
    assets: undefined,
    durableObjects: shared,
    workflows,
  }));
  const mf = new Miniflare({
    workers: [proxy, ...copies],
    host,
    port,
    ...(persist
      ? {
          d1Persist: `${persist}/d1`,
          durableObjectsPersist: `${persist}/do`,
          workflowsPersist: `${persist}/workflows`,
          r2Persist: `${persist}/r2`,
        }
      : {}),
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
  await withD1Retry(() => migrate(mf));
  const woken = await wakeRuns(mf);
  const fetchVia = async (i, path, init) =>
    i === 0 ? fetch(`${url}${path}`, init) : (await mf.getWorker(`proxy-${i}`)).fetch(`${url}${path}`, init);
  // Cron Triggers never fire locally: this runs the Worker's scheduled handler as one would.
  const scheduled = async (time = Date.now(), cron = CRON) =>
    (await mf.getWorker('proxy')).scheduled({ cron, scheduledTime: new Date(time) });
  return { url, mf, logs, fetchVia, scheduled, woken, close: () => mf.dispose() };
}

const CRON = unstable_readConfig({ config: configPath }).triggers?.crons?.[0] ?? '* * * * *';

/**
 * Wakes the reconciliation runs and jobs a previous start left running (their ids are in D1): locally
 * a persisted Workflow instance does not move after a restart until it is sent an event, while
 * Cloudflare resumes it by itself. Answers the ids woken.
 */
async function wakeRuns(mf) {
  const db = await mf.getD1Database('AUDIT_DB');
  const bindings = await mf.getBindings('proxy');
  const woken = [];
  for (const [binding, sql] of [
    ['RECONCILIATION', "SELECT id FROM recon_runs WHERE status = 'running'"],
    ['JOBS', "SELECT id FROM jobs WHERE status = 'running'"],
  ]) {
    const { results } = await withD1Retry(() => db.prepare(sql).all());
    for (const { id } of results) {
      try {
        await (await bindings[binding].get(id)).sendEvent({ type: 'wake', payload: {} });
        woken.push(id);
      } catch (e) {
        console.error(`${binding} ${id} could not be woken: ${e.message}`);
      }
    }
  }
  return woken;
}
