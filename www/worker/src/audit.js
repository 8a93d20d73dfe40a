// The audit trail in D1: one row per call, written whether the call succeeded or not; read back
// paged and filtered, or as CSV. The proxy inserts and selects; it never updates or deletes.

const COLUMNS = [
  'id',
  'at',
  'day',
  'operator',
  'role',
  'operation',
  'request_id',
  'order_id',
  'points',
  'value',
  'customer',
  'outcome',
  'status',
  'platform_code',
  'upstream_ms',
];

export async function writeAudit(db, row) {
  const cols = COLUMNS.filter((c) => c !== 'id');
  await db
    .prepare(`INSERT INTO audit (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
    .bind(...cols.map((c) => row[c] ?? null))
    .run();
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters of `GET /v1/audit`: `from` / `to` (GMT+8 days, inclusive), `operator`,
 * `customer`, `operation`, `page` (from 1), `page_size` (at most 500). Bad values are refused
 * by name. `own` forces the operator (roles that may see only their own rows).
 */
export function auditQuery(params, own) {
  const q = { page: 1, pageSize: 50 };
  for (const [k, v] of params) {
    if (['from', 'to'].includes(k)) {
      if (!DAY.test(v)) throw Object.assign(new Error(`${k} must be a day written yyyy-MM-dd`), { field: k });
      q[k] = v;
    } else if (['operator', 'customer', 'operation'].includes(k)) {
      q[k] = v.slice(0, 200);
    } else if (k === 'page' || k === 'page_size') {
      const n = Number(v);
      const max = k === 'page' ? 1e6 : 500;
      if (!Number.isInteger(n) || n < 1 || n > max)
        throw Object.assign(new Error(`${k} must be a whole number from 1 to ${max}`), { field: k });
      q[k === 'page' ? 'page' : 'pageSize'] = n;
    } else if (k !== 'format') {
      throw Object.assign(new Error(`${k} is not a filter of the audit trail`), { field: k });
    }
  }
  if (own) q.operator = own;
  return q;
}

/** One page of rows, newest first, and whether there is a next. */
export async function readAudit(db, q) {
  const where = [];
  const args = [];
  for (const [col, op, v] of [
    ['day', '>=', q.from],
    ['day', '<=', q.to],
    ['operator', '=', q.operator],
    ['customer', '=', q.customer],
    ['operation', '=', q.operation],
  ]) {
    if (v !== undefined) {
      where.push(`${col} ${op} ?`);
      args.push(v);
    }
  }
  const sql = `SELECT ${COLUMNS.join(', ')} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
  const { results } = await db
    .prepare(sql)
    .bind(...args, q.pageSize + 1, (q.page - 1) * q.pageSize)
    .all();
  return {
    rows: results.slice(0, q.pageSize),
    page: q.page,
    page_size: q.pageSize,
    has_next: results.length > q.pageSize,
  };
}

const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote what CSV needs quoted, and defuse cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toCsv(rows) {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
