// The proxy's routes. Each one runs inside the envelope (envelope.js): `signIn` routes after
// sign-in, `calls` routes (to a platform) with an audit row per call.
import { reply } from './reply.js';
import { topRoute } from './routes/top.js';
import { u8Route, U8_PATH } from './routes/u8.js';
import { operationsRoute } from './routes/operations.js';
import { auditRoute } from './routes/audit.js';
import { startReconciliation, listReconciliations, readReconciliation, RUN_PATH } from './routes/reconciliation.js';
import { closeRoute, pendingRoute } from './routes/close.js';
import { orderRoute, ORDER_PATH } from './routes/orders.js';
import { readLink, setLink } from './routes/links.js';
import { uploadJob, startJob, cancelJob, readJob, listJobs, JOB_PATH } from './routes/jobs.js';

/**
 * @typedef {object} Route
 * @property {string} method
 * @property {(path: string) => boolean} match
 * @property {boolean} signIn whether the route runs after sign-in (with the call's context)
 * @property {boolean} [calls] whether it reaches a platform (an audit row per call)
 * @property {(c: any) => any} run
 */

/** @type {Route[]} */
export const ROUTES = [
  {
    method: 'GET',
    match: (p) => p === '/healthz',
    signIn: false,
    run: ({ headers }) => reply(200, { ok: true }, headers),
  },
  { method: 'GET', match: (p) => p === '/v1/operations', signIn: true, run: operationsRoute },
  { method: 'GET', match: (p) => p === '/v1/audit', signIn: true, run: auditRoute },
  { method: 'GET', match: (p) => ORDER_PATH.test(p), signIn: true, run: orderRoute },
  { method: 'POST', match: (p) => p === '/v1/reconciliation', signIn: true, run: startReconciliation },
  { method: 'GET', match: (p) => p === '/v1/reconciliation', signIn: true, run: listReconciliations },
  { method: 'GET', match: (p) => RUN_PATH.test(p), signIn: true, run: readReconciliation },
  { method: 'GET', match: (p) => p === '/v1/close', signIn: true, run: closeRoute },
  { method: 'GET', match: (p) => p === '/v1/pending', signIn: true, run: pendingRoute },
  { method: 'POST', match: (p) => p === '/v1/jobs', signIn: true, run: uploadJob },
  { method: 'GET', match: (p) => p === '/v1/jobs', signIn: true, run: listJobs },
  { method: 'POST', match: (p) => JOB_PATH.exec(p)?.[2] === 'start', signIn: true, run: startJob },
  { method: 'POST', match: (p) => JOB_PATH.exec(p)?.[2] === 'cancel', signIn: true, run: cancelJob },
  {
    method: 'GET',
    match: (p) => JOB_PATH.test(p) && JOB_PATH.exec(p)[2] !== 'start' && JOB_PATH.exec(p)[2] !== 'cancel',
    signIn: true,
    run: readJob,
  },
  { method: 'GET', match: (p) => p === '/v1/links', signIn: true, run: readLink },
  { method: 'PUT', match: (p) => p === '/v1/links', signIn: true, run: setLink },
  { method: 'POST', match: (p) => p.startsWith('/v1/top/'), signIn: true, calls: true, run: topRoute },
  { method: 'POST', match: (p) => U8_PATH.test(p), signIn: true, calls: true, run: u8Route },
];
