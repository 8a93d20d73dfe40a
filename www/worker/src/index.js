// The edge proxy: console operators call it; it keeps the app secrets, checks who may do what
// and where, bounds what each call could move, validates with the same rules as the console,
// signs, forwards and answers plain JSON. What must hold across the fleet lives in
// Cloudflare's primitives (wrangler.toml): a Durable Object per operator (the write-ahead
// record of every call: limits, idempotency, the audit outbox), one per brand for its orders,
// one for the U8 connection, and D1 for the audit trail.
//
//   POST /v1/top/{method}            business parameters as JSON
//   POST /v1/u8/{resource}/{action}  a U8 body (points/change: a list of records)
//   GET  /v1/operations              who the operator is, where they work, limits and usage
//   GET  /v1/audit                   the audit trail (paged, filtered; ?format=csv)
//   POST /v1/reconciliation          start a reconciliation run of a day (a Workflow)
//   GET  /v1/reconciliation[/{id}]   the runs; a run's progress, summary and items (?format=csv)
//   GET  /v1/close                   a day's close per operator and shop (?format=csv)
//   GET  /v1/pending                 writes whose outcome was unknown, and how runs settled them
//   POST /v1/jobs                    a bulk job from a CSV file (a Workflow once started)
//   GET  /v1/jobs[/{id}[/results]]   the jobs; a job's progress; its results file
//   GET  /healthz
// A Cron Trigger (wrangler.toml) reconciles the day before every night.
import { handle } from './envelope.js';
import { nightly } from './books/start.js';

export { OperatorLedger } from './ledger.js';
export { OrderBook } from './orders.js';
export { U8TokenHolder } from './u8token.js';
export { ReconciliationRun } from './books/run.js';
export { BulkJob } from './jobs/run.js';

export default {
  fetch: (request, env, ctx) => handle(request, env, ctx),
  scheduled: (controller, env) => nightly(controller, env),
};
