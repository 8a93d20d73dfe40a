// A job as a Cloudflare Workflow: step after step, each sends the next rows at the platform's
// pace (JOB_CALLS_PER_SECOND, shared by the jobs running on it), in parallel, and records what
// became of each row in D1 as it goes. A ban makes the job sleep (a Workflow sleep: no Worker
// request waits) until it ends; rows that failed transiently or with an unknown outcome back
// off and are sent again with their own request id. A restart replays the step that was under
// way: its rows already ended are not sent again, those in flight are sent again with the same
// request id, which the operator's Durable Object and the platform answer once.
import { WorkflowEntrypoint } from 'cloudflare:workers';
import { readConfig } from '../config.js';
import { scrubber } from '../scrub.js';
import { BY_NAME } from '../catalog.js';
import { scopeFromJson } from '../books/visible.js';
import { sendRow } from './row.js';
import { pacer } from './pace.js';
import { writeResults } from './results.js';
import * as store from './store.js';

const STEP = { retries: { limit: 5, delay: '2 seconds', backoff: 'exponential' }, timeout: '10 minutes' };
// A step sends at most this many seconds' worth of rows (and never more than STEP_ROWS).
const STEP_SECONDS = 30;
const STEP_ROWS = 1500;
// How often a step writes the rows it ended and looks whether the job was cancelled.
const FLUSH_MS = 1000;
// Attempts of a row whose outcome stayed unknown or failed transiently, before it ends as it
// stands (unknown: reconciliation settles it).
export const ROW_TRIES = 8;
const backoffMs = (tries) => Math.min(8000, 250 * 2 ** tries) * (0.5 + Math.random() / 2);

const ledgerOf = (env, operator) => env.OPERATORS.get(env.OPERATORS.idFromName(operator));

/** Sends the next rows; answers `{ end }` when no row is left (or it was cancelled), else `{ waitMs }`. */
async function sendSome(env, config, id) {
  const db = env.AUDIT_DB;
  const job = await store.getJob(db, id);
  if (!job || job.status !== 'running' || job.cancel) return { end: true };
  const role = config.roles.get(job.role);
  const meta = BY_NAME.get(job.operation.replace(/^u8:/, ''));
  if (!role || !meta) throw new Error(`the job's role ${job.role} or operation is no longer configured`);
  const ctx = {
    env,
    config,
    scrub: scrubber(config),
    job,
    who: { operator: job.operator, role: job.role, scope: scopeFromJson(job.scope) },
    role,
    meta,
  };
  const running = Math.max(1, await store.runningJobs(db, job.platform));
  const rate = config.jobs.callsPerSecond[job.platform] / running;
  const rows = await store.nextRows(db, id, Date.now(), Math.min(STEP_ROWS, Math.ceil(rate * STEP_SECONDS)));
  if (!rows.length) {
    const at = await store.soonestOpen(db, id);
    return at === null ? { end: true } : { waitMs: Math.max(100, at - Date.now()) };
  }
  const ended = [];
  const deferred = [];
  let ban = 0;
  let cancelled = false;
  const flush = async () => {
    await store.endRows(db, id, ended.splice(0));
    await store.deferRows(db, id, deferred.splice(0));
  };
  const settle = (row, got) => {
    if (got.end) ended.push({ row: row.row, ...got.end });
    else if (got.ban !== undefined) {
      ban = Math.max(ban, got.ban);
      deferred.push({ row: row.row, notBefore: 0, tried: false });
    } else if (row.tries + 1 >= ROW_TRIES)
      ended.push({
        row: row.row,
        outcome: got.again === 'unknown' ? 'unknown' : 'refused',
        code: got.code,
        message: got.message,
      });
    else deferred.push({ row: row.row, notBefore: Date.now() + backoffMs(row.tries), tried: true });
  };
  // The pace is kept where each call is sent (pace.js); rows start as long as at most a
  // second's worth are in flight, so a ban or a cancel leaves few behind.
  ctx.pace = pacer(rate);
  const most = Math.max(2, Math.ceil(rate));
  let flushed = Date.now();
  // Ended rows are written, and the cancel flag read, beside the sends, never holding them up.
  let writing = Promise.resolve();
  const inFlight = new Set();
  for (const row of rows) {
    while (inFlight.size >= most) await Promise.race(inFlight);
    if (Date.now() - flushed >= FLUSH_MS) {
      flushed = Date.now();
      writing = writing.then(async () => {
        await flush();
        cancelled = (await store.getJob(db, id))?.cancel ?? true;
      });
    }
    if (ban || cancelled) break;
    const p = sendRow(ctx, row)
      .then((got) => settle(row, got))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  await writing;
  await flush();
  return { waitMs: ban };
}

/** Writes the results file, gives back what the rows did not use of the reservation, ends the job. */
async function finish(env, id) {
  const db = env.AUDIT_DB;
  const job = await store.getJob(db, id);
  if (job.status !== 'running') return { status: job.status };
  await writeResults(env, job);
  if (job.day) await ledgerOf(env, job.operator).releaseJob({ job: id, kept: await store.keptEffect(db, id) });
  const status = job.cancel ? 'cancelled' : 'done';
  await store.endJob(db, id, status);
  return { status };
}

export class BulkJob extends WorkflowEntrypoint {
  async run(event, step) {
    const { id } = event.payload;
    const env = this.env;
    try {
      const config = readConfig(env);
      for (let n = 0; ; n++) {
        const next = await step.do(`rows ${n}`, STEP, () => sendSome(env, config, id));
        if (next.end) break;
        if (next.waitMs) await step.sleep(`wait ${n}`, next.waitMs);
      }
      return await step.do('finish', STEP, () => finish(env, id));
    } catch (e) {
      await step.do('fail', STEP, async () => {
        const job = await store.getJob(env.AUDIT_DB, id);
        if (job?.day)
          await ledgerOf(env, job.operator).releaseJob({ job: id, kept: await store.keptEffect(env.AUDIT_DB, id) });
        await store.endJob(env.AUDIT_DB, id, 'failed', e?.message ?? e);
      });
      return { failed: String(e?.message ?? e).slice(0, 200) };
    }
  }
}
