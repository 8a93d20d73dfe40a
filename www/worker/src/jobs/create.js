// A job from an uploaded file: every row checked as a single call is (review() in call.js:
// scope, the core's validate(), permissions, the reason of an adjustment by hand), with the
// role's per-call limits, before anything is stored or sent. A file with any bad row makes no
// job; a good one is stored (the file in R2, its rows in D1) as a ready job with its total
// effect, which the role's per-job limits bound.
//
// The job's id, and so each row's request id, is a digest of the operation and the file: the
// same file uploaded twice (a double click, a second operator with the same campaign list) is
// the same job, never a second run. Running a file again on purpose names the earlier job
// (`again`), which makes a new id, as repeatable as the first.
import { reversalOf } from 'loyalty-sdk';
import { ProxyError } from '../errors.js';
import { review } from '../call.js';
import { admit, zeroUsage, limitsAmounts, LIMITS } from '../limits.js';
import { scopeJson } from '../books/visible.js';
import { readRows } from './csv.js';
import { fileKey } from './results.js';
import * as store from './store.js';

// The errors a refused file's answer lists at most (their count is given whole).
const MAX_ERRORS = 1000;
const AMOUNTS = ['points', 'value', 'vouchers'];

/** The job id of a file: `job-` and 10 hex digits of SHA-256 over the operation, `again` and the file. */
export async function jobIdOf(operation, again, text) {
  const bytes = new TextEncoder().encode(`${operation}\n${again ?? ''}\n${text}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `job-${[...digest.slice(0, 5)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The job this file already is: a ready one of the same operator is answered again; any other is refused. */
function alreadyMade(c, job) {
  if (job.status === 'ready' && job.operator === c.who.operator) return { job, made: false };
  throw new ProxyError(
    'JOB_EXISTS',
    `this file was uploaded before, as job ${job.id} (${job.status}): uploading it again would not run it twice; to run it once more on purpose, upload it with again=${job.id}`,
    { field: 'file', details: [{ job: job.id, status: job.status }] },
  );
}

/** Checks that `again` names a job of this very file (its stored copy), or throws naming the field. */
async function checkAgain(c, again, text) {
  const earlier = again && (await c.env.JOB_FILES.get(fileKey(again)));
  if (!earlier || (await earlier.text()) !== text)
    throw new ProxyError('BAD_REQUEST', `again: ${again} is not an earlier job of this file`, { field: 'again' });
}

/** A row's request id: the job's and the row's, the same on every retry and restart. */
export const requestIdOf = (id, row) => `${id}-${row}`;
/** A U8 row's source_code where the file gives none (U8's key: letters and digits). */
export const sourceCodeOf = (id, row) => `J${id.slice(4)}R${row}`;

/** A row's parameters with what the job derives for it. */
function rowParams(meta, id, { row, params }) {
  if (meta.list) return [{ ...params, source_code: params.source_code ?? sourceCodeOf(id, row) }];
  return { ...params, request_id: requestIdOf(id, row) };
}

const perCall = (limits) =>
  Object.fromEntries(
    Object.entries(limits ?? {}).filter(([k]) =>
      LIMITS.some((l) => l.name === k && l.per === 'call' && l.measure !== 'calls'),
    ),
  );

/** The errors of one row (none when it may be sent), and its parameters and effect. */
function checkRow(c, meta, id, r) {
  const rc = { ...c, meta, row: {} };
  let reviewed;
  try {
    reviewed = review(rc, rowParams(meta, id, r));
  } catch (e) {
    if (!(e instanceof ProxyError)) throw e;
    const details =
      Array.isArray(e.details) && e.details.length ? e.details : [{ field: e.field, rule: e.code, message: e.message }];
    return {
      errors: details.map((d) => ({ row: r.row, field: d.field ?? null, rule: d.rule ?? e.code, message: d.message })),
    };
  }
  const { params, place, effect } = reviewed;
  const fail = (field, rule, message) => ({ errors: [{ row: r.row, field, rule, message }] });
  // A reversal is bounded by its order's record when it is sent, which a file cannot show.
  const rev = reversalOf(meta, params);
  if (rev) return fail(rev.field, 'reversal', `a reversal (${rev.field}) is not run in a job: send it on its own`);
  if (effect.unbounded && limitsAmounts(c.role.limits))
    return fail(
      effect.unbounded.field ?? null,
      'amount',
      `this role has limits, and what the row could move cannot be bounded: ${effect.unbounded.reason}`,
    );
  const admission = admit({
    limits: perCall(c.role.limits),
    usage: { minute: zeroUsage(), day: zeroUsage() },
    effect: { ...effect, voucherValue: 0n },
  });
  if (!admission.ok) return fail(admission.name, 'limit', admission.message);
  return { errors: [], params, brand: place.brand ?? null, effect };
}

/**
 * Checks the file and stores the job; answers `{ job, made }` (`made` false: the same ready job
 * uploaded before). Throws INVALID_PARAM with every bad row (`details`: `{ row, field, rule,
 * message }`), LIMIT_EXCEEDED past the role's per-job limits, or JOB_EXISTS.
 */
export async function createJob(c, meta, text, again) {
  const { config, role, who } = c;
  if (again) await checkAgain(c, again, text);
  const id = await jobIdOf(c.row.operation, again, text);
  const earlier = await store.getJob(c.env.AUDIT_DB, id);
  if (earlier) return alreadyMade(c, earlier);
  const { rows, errors } = readRows(text, meta);
  if (rows.length > config.jobs.maxRows)
    throw new ProxyError(
      'PAYLOAD_TOO_LARGE',
      `the file has ${rows.length} rows: a job takes at most ${config.jobs.maxRows}`,
      {
        field: 'file',
      },
    );
  if (!rows.length && !errors.length)
    errors.push({ row: 0, field: 'file', rule: 'required', message: 'the file has no rows' });
  const total = { points: 0n, value: 0n, vouchers: 0n };
  const brands = new Set();
  const good = [];
  if (!errors.some((e) => e.row === 0))
    for (const r of rows) {
      const got = checkRow(c, meta, id, r);
      if (got.errors.length) {
        errors.push(...got.errors);
        continue;
      }
      for (const k of AMOUNTS) total[k] += got.effect[k];
      if (got.brand) brands.add(got.brand);
      good.push({
        row: r.row,
        params: got.params,
        requestId: meta.list ? `u8:${meta.method}:${got.params[0].source_code}` : got.params.request_id,
        effect: Object.fromEntries(AMOUNTS.map((k) => [k, String(got.effect[k])])),
      });
    }
  if (errors.length) {
    const bad = new Set(errors.map((e) => e.row)).size;
    throw new ProxyError(
      'INVALID_PARAM',
      `${bad} row(s) of the file are not valid (row 0 is the header): no job was made`,
      {
        field: 'file',
        details: errors.slice(0, MAX_ERRORS),
      },
    );
  }
  checkJobLimits(role, total);
  const effect = Object.fromEntries(AMOUNTS.map((k) => [k, String(total[k])]));
  await c.env.JOB_FILES.put(fileKey(id), text, { httpMetadata: { contentType: 'text/csv;charset=UTF-8' } });
  const made = await store.createJob(
    c.env.AUDIT_DB,
    {
      id,
      operator: who.operator,
      role: who.role,
      scope: scopeJson(who.scope),
      // A job naming no brand (U8) is at every brand its operator works at.
      brands: brands.size ? [...brands] : [...who.scope.keys()],
      operation: c.row.operation,
      platform: meta.platform,
      effect,
      now: c.clock.ms,
    },
    good,
  );
  const job = await store.getJob(c.env.AUDIT_DB, id);
  return made ? { job, made } : alreadyMade(c, job);
}

/** The role's per-job limits over a job's total effect (BigInt or decimal text). */
export function checkJobLimits(role, total) {
  for (const k of AMOUNTS) {
    const max = role.jobs.limits[k];
    if (max !== undefined && BigInt(total[k]) > BigInt(max))
      throw new ProxyError(
        'LIMIT_EXCEEDED',
        `this role's jobs may move at most ${max} ${k} each (this one ${total[k]})`,
        {
          limit: `jobs.${k}:${max}`,
          field: k,
        },
      );
  }
}
