// Starting reconciliation runs: by a manager for a day, or by the Cron Trigger every night for
// the day before (GMT+8), and again for recent days a run left unresolved items in.
import { readConfig, ConfigError } from '../config.js';
import { shopClock } from '../clock.js';
import { dayAfter } from './day.js';
import { everything, scopeJson } from './visible.js';
import * as store from './store.js';

// How many days back the nightly run looks for unresolved items to try again.
export const RETRY_DAYS = 7;
// Runs (and their items) of days older than this are forgotten; the audit trail stays.
export const KEEP_DAYS = 180;
// Runs at once, across the fleet: each one calls the platforms.
export const MAX_RUNNING = 4;

const randomId = () =>
  [...crypto.getRandomValues(new Uint8Array(5))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A run's id: also its Workflow instance's (letters, digits, - and _). */
export const runId = (day, prefix = 'run') => `${prefix}-${day}-${randomId()}`;

/** Records a run and starts its Workflow; answers the run. */
export async function startRun(env, { id, day, startedBy, scope, now = Date.now() }) {
  await store.createRun(env.AUDIT_DB, { id, day, startedBy, scope: scopeJson(scope), now });
  try {
    await env.RECONCILIATION.create({ id, params: { id } });
  } catch (e) {
    await store.failRun(env.AUDIT_DB, id, `the run could not be started: ${e?.message ?? e}`);
    throw e;
  }
  return store.getRun(env.AUDIT_DB, id);
}

// A run still marked running this long after it began has its Workflow asked how it is.
export const STALE_MS = 3600_000;
const ENDED = ['errored', 'terminated', 'complete'];

/**
 * Fails the runs whose Workflow ended without finishing them (an error outside its steps, the
 * engine's step limit, an instance lost): else such a run would hold its day, and a place among
 * MAX_RUNNING, for ever.
 */
export async function reapStale(env, now = Date.now()) {
  const db = env.AUDIT_DB;
  for (const run of await store.runningRuns(db)) {
    if (now - Date.parse(run.created_at) < STALE_MS) continue;
    let status;
    try {
      status = (await (await env.RECONCILIATION.get(run.id)).status()).status;
    } catch (e) {
      if (!/not_found/.test(String(e?.message))) continue;
      status = 'not found';
    }
    if (status === 'not found' || ENDED.includes(status))
      await store.abandonRun(db, run.id, `its Workflow ended (${status}) without finishing the run`);
  }
}

/**
 * The Cron Trigger: reconciles the GMT+8 day before `scheduledTime`, once (the run's id is the
 * day's), and each of the RETRY_DAYS before whose latest run left unresolved items.
 */
export async function nightly(controller, env) {
  let config;
  try {
    config = readConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(JSON.stringify({ nightly_config_error: e.setting }));
    return;
  }
  const db = env.AUDIT_DB;
  await reapStale(env, controller.scheduledTime);
  const today = shopClock(controller.scheduledTime).day;
  const yesterday = dayAfter(today, -1);
  const started = [];
  const id = `nightly-${yesterday}`;
  if (!(await store.getRun(db, id))) {
    await startRun(env, { id, day: yesterday, startedBy: 'cron', scope: everything(config) });
    started.push(id);
  }
  const running = new Set((await store.runningRuns(db)).map((r) => r.day));
  for (let n = 2; n <= RETRY_DAYS + 1; n++) {
    const day = dayAfter(today, -n);
    if (running.has(day)) continue;
    const [latest] = (await store.listRuns(db, { day, limit: 5 })).filter((r) => r.status === 'done');
    if (!latest?.summary?.unresolved) continue;
    const again = runId(day, 'retry');
    await startRun(env, { id: again, day, startedBy: 'cron', scope: everything(config) });
    started.push(again);
  }
  await store.forgetBefore(db, dayAfter(today, -KEEP_DAYS));
  console.log(JSON.stringify({ nightly: started }));
}
