// Bulk jobs. POST /v1/jobs?operation=METHOD (text/csv): a file of rows, checked whole; a job
// ready to start. POST /v1/jobs/{id}/start, /cancel. GET /v1/jobs: the operator's jobs (a
// role with "audit": "all": every job in its scope). GET /v1/jobs/{id}: progress. GET
// /v1/jobs/{id}/results: the results file (CSV), once the job has ended.
import { ProxyError } from '../errors.js';
import { readLimited } from '../body.js';
import { BY_NAME } from '../catalog.js';
import { countCall } from '../counted.js';
import { createJob, checkJobLimits } from '../jobs/create.js';
import { operationName } from '../jobs/row.js';
import { resultsKey } from '../jobs/results.js';
import * as store from '../jobs/store.js';
import { csvAnswer } from './books.js';

export const JOB_PATH = /^\/v1\/jobs\/(job-[0-9a-f]{10})(?:\/(start|cancel|results))?$/;
const JOB_ID = /^job-[0-9a-f]{10}$/;

const ok = (status, data) => ({ status, body: { ok: true, data, request_id: null } });

function jobsOf(c) {
  if (!c.role.jobs) throw new ProxyError('FORBIDDEN', `role ${c.role.name} may not run jobs`, { field: 'role' });
}

/**
 * Whether the operator may read a job: their own, or, for `audit: all`, one whose every brand
 * they work at, at every shop its operator could have named there. A job that names no brand
 * is nobody else's (U8 jobs record their operator's brands).
 */
function mayRead(c, job) {
  if (job.operator === c.who.operator) return true;
  if (c.role.audit !== 'all' || !job.brands.length) return false;
  return job.brands.every((b) => {
    const mine = c.who.scope.get(b);
    const theirs = job.scope[b];
    return mine === '*' || (mine !== undefined && Array.isArray(theirs) && theirs.every((s) => mine.has(s)));
  });
}

async function jobAt(c, own) {
  const [, id] = JOB_PATH.exec(c.url.pathname);
  const job = await store.getJob(c.env.AUDIT_DB, id);
  if (!job || !(own ? job.operator === c.who.operator : mayRead(c, job)))
    throw new ProxyError('NOT_FOUND', `no job ${id}`);
  return job;
}

/** A job as the routes give it, its counts and (while it runs) when it should end. */
async function view(c, job) {
  const counts = await store.countsOf(c.env.AUDIT_DB, job.id);
  let eta = null;
  if (job.status === 'running') {
    const running = Math.max(1, await store.runningJobs(c.env.AUDIT_DB, job.platform));
    const rate = c.config.jobs.callsPerSecond[job.platform] / running;
    eta = new Date(Date.now() + ((job.total - counts.done) * 1000) / rate).toISOString();
  }
  return {
    id: job.id,
    operation: job.operation,
    operator: job.operator,
    status: job.status,
    total: job.total,
    effect: job.effect,
    ...counts,
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
    eta,
    error: job.error,
  };
}

function queryOf(c) {
  const q = { lang: 'zh' };
  for (const [k, v] of c.url.searchParams) {
    if (k === 'operation') q.operation = v;
    else if (k === 'again') {
      if (!JOB_ID.test(v))
        throw new ProxyError('BAD_REQUEST', 'again must name an earlier job of the same file (job-…)', {
          field: 'again',
        });
      q.again = v;
    } else if (k === 'lang') {
      if (v !== 'zh' && v !== 'en') throw new ProxyError('BAD_REQUEST', 'lang must be zh or en', { field: 'lang' });
      q.lang = v;
    } else
      throw new ProxyError('BAD_REQUEST', `${k.slice(0, 40)} is not a parameter of this route`, {
        field: k.slice(0, 40),
      });
  }
  return q;
}

export async function uploadJob(c) {
  jobsOf(c);
  const q = queryOf(c);
  if (!q.operation)
    throw new ProxyError('BAD_REQUEST', 'name the operation: ?operation=METHOD', { field: 'operation' });
  const meta = BY_NAME.get(q.operation.replace(/^u8:/, ''));
  const name = meta && operationName(meta);
  if (!meta || name !== q.operation)
    throw new ProxyError('NOT_FOUND', `no operation ${q.operation.slice(0, 120)}`, { field: 'operation' });
  if (!c.role.methods.has(name))
    throw new ProxyError('FORBIDDEN', `role ${c.role.name} may not call ${name}`, { field: 'operation' });
  if (!meta.writes)
    throw new ProxyError('BAD_REQUEST', `${name} moves nothing: a job runs writes`, { field: 'operation' });
  await countCall(c);
  const type = (c.request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('text/csv')) throw new ProxyError('UNSUPPORTED_MEDIA_TYPE', 'send the file as text/csv');
  const max = c.config.jobs.maxBytes;
  const bytes = await readLimited(
    c.request.body,
    c.request.headers.get('content-length'),
    max,
    () => new ProxyError('PAYLOAD_TOO_LARGE', `the file is over ${max} bytes`, { field: 'file' }),
  );
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ProxyError('BAD_REQUEST', 'the file is not UTF-8 text', { field: 'file' });
  }
  c.lang = q.lang;
  c.row.operation = name;
  const { job, made } = await createJob(c, meta, text, q.again ?? null);
  return ok(made ? 201 : 200, await view(c, job));
}

export async function startJob(c) {
  jobsOf(c);
  await countCall(c);
  const job = await jobAt(c, true);
  if (job.status !== 'ready')
    throw new ProxyError('JOB_NOT_READY', `job ${job.id} is ${job.status}: only a ready job starts`, {
      field: 'status',
    });
  checkJobLimits(c.role, job.effect);
  const exempt = c.role.jobs.day === 'exempt';
  const ledger = c.env.OPERATORS.get(c.env.OPERATORS.idFromName(c.who.operator));
  const got = await ledger.reserveJob({
    job: job.id,
    day: c.clock.day,
    limits: c.role.limits,
    effect: job.effect,
    exempt,
  });
  if (got.verdict === 'limit')
    throw new ProxyError('LIMIT_EXCEEDED', `the job does not fit in today's limits: ${got.admission.message}`, {
      limit: got.admission.limit,
      field: got.admission.measure,
    });
  if (!(await store.markStarted(c.env.AUDIT_DB, job.id, exempt ? null : c.clock.day, c.clock.ms))) {
    // Cancelled while it was being reserved: the job never runs, so nothing stays reserved
    // (a start that lost to another start leaves the running one's reservation alone).
    const now = await store.getJob(c.env.AUDIT_DB, job.id);
    if (!exempt && now?.status === 'cancelled' && !now.started_at) await ledger.releaseJob({ job: job.id, kept: {} });
    throw new ProxyError('JOB_NOT_READY', `job ${job.id} was started or cancelled meanwhile`, { field: 'status' });
  }
  try {
    await c.env.JOBS.create({ id: job.id, params: { id: job.id } });
  } catch (e) {
    await store.endJob(c.env.AUDIT_DB, job.id, 'failed', `the job could not be started: ${e?.message ?? e}`);
    if (!exempt) await ledger.releaseJob({ job: job.id, kept: {} });
    throw e;
  }
  return ok(202, await view(c, await store.getJob(c.env.AUDIT_DB, job.id)));
}

export async function cancelJob(c) {
  jobsOf(c);
  await countCall(c);
  const job = await jobAt(c, true);
  if (!['ready', 'running'].includes(job.status))
    throw new ProxyError('JOB_NOT_READY', `job ${job.id} has ended (${job.status})`, { field: 'status' });
  await store.askCancel(c.env.AUDIT_DB, job.id);
  return ok(202, await view(c, await store.getJob(c.env.AUDIT_DB, job.id)));
}

export async function readJob(c) {
  jobsOf(c);
  await countCall(c);
  const job = await jobAt(c, false);
  if (JOB_PATH.exec(c.url.pathname)[2] !== 'results') return ok(200, await view(c, job));
  const file = ['done', 'cancelled'].includes(job.status) ? await c.env.JOB_FILES.get(resultsKey(job.id)) : null;
  if (!file)
    throw new ProxyError('JOB_NOT_READY', `job ${job.id} is ${job.status}: its results come when it ends`, {
      field: 'status',
    });
  return csvAnswer(file.body, `${job.id}-results.csv`);
}

export async function listJobs(c) {
  jobsOf(c);
  if ([...c.url.searchParams.keys()].length)
    throw new ProxyError('BAD_REQUEST', 'GET /v1/jobs takes no parameters', { field: 'query' });
  await countCall(c);
  const all = c.role.audit === 'all';
  const jobs = (await store.listJobs(c.env.AUDIT_DB, { operator: all ? null : c.who.operator })).filter((j) =>
    mayRead(c, j),
  );
  const views = [];
  for (const j of jobs) views.push(await view(c, j));
  return ok(200, { jobs: views });
}
