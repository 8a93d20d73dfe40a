// A job's results file in R2: one line per row of its file, in order: the row, its request id,
// what became of it (applied, refused, unknown, or not_run when the job was cancelled first),
// the platform's code and message, and what the row moves.
import { cell } from '../audit.js';
import * as store from './store.js';

export const RESULT_COLUMNS = ['row', 'request_id', 'outcome', 'code', 'message', 'points', 'value', 'vouchers'];

export const resultsKey = (id) => `jobs/${id}/results.csv`;
export const fileKey = (id) => `jobs/${id}/file.csv`;

export async function writeResults(env, job) {
  const lines = [RESULT_COLUMNS.join(',')];
  for await (const r of store.allRows(env.AUDIT_DB, job.id)) {
    const e = JSON.parse(r.effect);
    lines.push(
      [r.row, r.request_id, r.outcome ?? 'not_run', r.code, r.message, e.points, e.value, e.vouchers]
        .map(cell)
        .join(','),
    );
  }
  await env.JOB_FILES.put(resultsKey(job.id), `${lines.join('\r\n')}\r\n`, {
    httpMetadata: { contentType: 'text/csv;charset=UTF-8' },
  });
}
