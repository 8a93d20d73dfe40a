// GET /v1/audit: the audit trail, newest first, paged and filtered, or as CSV. Roles with
// `"audit": "all"` see every operator's rows; others their own.
import { ProxyError } from '../errors.js';
import { auditQuery, readAudit, readRefused, toCsv } from '../audit.js';
import { countCall } from '../counted.js';

export async function auditRoute(c) {
  const { url, who, role, env } = c;
  const csv = url.searchParams.get('format') === 'csv';
  let q;
  try {
    q = auditQuery(url.searchParams, role.audit === 'all' ? null : who.operator);
  } catch (e) {
    throw new ProxyError('BAD_REQUEST', e.message, { field: e.field });
  }
  if (csv && !url.searchParams.has('page_size')) q.pageSize = 500;
  await countCall(c);
  const [page, refused] = await Promise.all([readAudit(env.AUDIT_DB, q), readRefused(env.AUDIT_DB, q)]);
  if (csv) {
    return new Response(toCsv(page.rows, refused), {
      status: 200,
      headers: {
        'content-type': 'text/csv;charset=UTF-8',
        'content-disposition': 'attachment; filename="audit.csv"',
        'cache-control': 'no-store',
        ...(page.has_next && page.next_before ? { 'x-next-before': String(page.next_before) } : {}),
      },
    });
  }
  return { status: 200, body: { ok: true, data: { ...page, refused }, request_id: null } };
}
