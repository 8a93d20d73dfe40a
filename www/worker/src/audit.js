// The audit trail in D1: one row per call, written from the operators' Durable Objects (their
// outbox), read back paged and filtered, or as CSV. The proxy inserts and selects; it never
// updates or deletes a row.
import { OPERATIONS } from './catalog.js';

export const COLUMNS = [
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
  'vouchers',
  'customer',
  'brand',
  'shop',
  'outcome',
  'status',
  'platform_code',
  'upstream_ms',
  'result',
  'job',
];
const WRITTEN = ['entry', ...COLUMNS.filter((c) => c !== 'id'), 'moves'];
/** Every text a row holds is cut to this: a row is a few KB at most. */
export const CELL = 200;
// A write's moves (moves.js) are JSON bounded by construction (at most 20 voucher ids).
const MOVES_CELL = 2000;

function cellOf(column, v) {
  if (column === 'moves') {
    const json = v ? JSON.stringify(v) : null;
    return json && json.length <= MOVES_CELL ? json : null;
  }
  return typeof v === 'string' ? v.slice(0, CELL) : (v ?? null);
}

/**
 * The statement inserting one row (kept once by its `entry`) only `when` a condition holds (SQL
 * and its arguments): a row written in the same batch as what it records, and only if that was.
 */
export function auditStatement(db, row, when) {
  const values = WRITTEN.map((c) => cellOf(c, row[c]));
  return db
    .prepare(
      `INSERT OR IGNORE INTO audit (${WRITTEN.join(', ')}) SELECT ${WRITTEN.map(() => '?').join(', ')} WHERE ${when.sql}`,
    )
    .bind(...values, ...when.args);
}

/** Inserts rows in one batch; a row already written (the same `entry`) is kept once. */
export async function insertAudit(db, rows) {
  const stmt = db.prepare(
    `INSERT OR IGNORE INTO audit (${WRITTEN.join(', ')}) VALUES (${WRITTEN.map(() => '?').join(', ')})`,
  );
  await db.batch(rows.map((row) => stmt.bind(...WRITTEN.map((c) => cellOf(c, row[c])))));
}

/** Adds counts of refused calls, `{ minute, operator, outcome, count }`, in one batch. */
export async function insertRefusedCounts(db, counts) {
  const stmt = db.prepare(
    'INSERT INTO refused_calls (minute, operator, outcome, count) VALUES (?, ?, ?, ?) ON CONFLICT (minute, operator, outcome) DO UPDATE SET count = count + excluded.count',
  );
  await db.batch(
    counts.map((c) =>
      stmt.bind(String(c.minute), String(c.operator ?? '').slice(0, CELL), String(c.outcome).slice(0, CELL), c.count),
    ),
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The proxy's own writes the trail records: a U8 member linked to a customer, or relinked. */
export const LINK_OPERATIONS = { set: 'link:u8', replace: 'link:u8:replace' };
/** The operations that write, as the trail names them (U8's with `u8:`): what `writes=1` keeps. */
export const WRITE_OPERATIONS = [
  ...OPERATIONS.filter((o) => o.writes).map((o) => (o.platform === 'u8' ? `u8:${o.method}` : o.method)),
  ...Object.values(LINK_OPERATIONS),
];
/** A page's answer stays under this many bytes, however many rows it was asked for. */
export const PAGE_BYTES = 256 * 1024;
/**
 * How many `customer` values one search takes: a customer's id, their cards' ids, their U8
 * member and their masked mobile, each read by the (customer, id) index on its own.
 */
export const CUSTOMER_VALUES = 8;

/**
 * The filters of `GET /v1/audit`: `from` / `to` (GMT+8 days, inclusive), `operator`,
 * `customer` (repeated for each way the trail names one customer: `customers`, at most
 * CUSTOMER_VALUES), `operation`, `request_id` (every attempt of one request), `order_id` (every
 * call naming the order), `before` (a row id:
 * the rows before it, the cursor a page's
 * `next_before` gives), `page_size` (at most 500). `page` is only ever 1: pages go on by
 * cursor, never by OFFSET, so a deep page costs what the first does. Bad values are refused by
 * name. `own` forces the operator (roles that may see only their own rows).
 */
export function auditQuery(params, own) {
  const q = { page: 1, pageSize: 50 };
  const bad = (field, message) => Object.assign(new Error(message), { field });
  for (const [k, v] of params) {
    if (['from', 'to'].includes(k)) {
      if (!DAY.test(v)) throw bad(k, `${k} must be a day written yyyy-MM-dd`);
      q[k] = v;
    } else if (k === 'customer') {
      if (v.length > CELL) throw bad(k, `${k} must be at most ${CELL} characters`);
      q.customers = [...new Set([...(q.customers ?? []), v])];
      if (q.customers.length > CUSTOMER_VALUES)
        throw bad(k, `customer may be given at most ${CUSTOMER_VALUES} times (one customer's id, cards, U8 member)`);
    } else if (['operator', 'operation', 'request_id', 'order_id'].includes(k)) {
      if (v.length > CELL) throw bad(k, `${k} must be at most ${CELL} characters`);
      q[{ request_id: 'requestId', order_id: 'orderId' }[k] ?? k] = v;
    } else if (k === 'page' || k === 'page_size' || k === 'before') {
      const n = Number(v);
      const max = k === 'page_size' ? 500 : 1e12;
      if (!/^\d{1,13}$/.test(v) || n < 1 || n > max) throw bad(k, `${k} must be a whole number from 1 to ${max}`);
      if (k === 'page' && n !== 1)
        throw bad(k, 'page goes on by cursor: send before=<next_before> from the page before');
      q[{ page: 'page', page_size: 'pageSize', before: 'before' }[k]] = n;
    } else if (k === 'writes') {
      if (v !== '0' && v !== '1') throw bad(k, 'writes must be 1 (the writes only) or 0 (every call)');
      if (v === '1') q.writes = true;
    } else if (k !== 'format') {
      throw bad(k, `${k} is not a filter of the audit trail`);
    }
  }
  if (own) q.operator = own;
  return q;
}

// A day range is also read as the span of ids its days hold (each day's least and greatest id,
// found in audit_day by a seek per day present): a filter's (column, id) index then walks only
// that span, where it used to walk back from the newest row over every row newer than the
// range (an old day of an operator with 300,000 of 400,000 rows, in SQLite: 212–257 ms; 0.2 ms
// in the span). The span holds every row of those days, one written late included, so it
// leaves out nothing the days keep.
const DAY_SPAN = `WITH RECURSIVE days(d) AS (
    SELECT MIN(day) FROM audit WHERE day >= ?
    UNION ALL SELECT (SELECT MIN(day) FROM audit WHERE day > d) FROM days WHERE d < ?),
  span AS (SELECT MIN((SELECT MIN(id) FROM audit WHERE day = d)) AS lo,
    MAX((SELECT MAX(id) FROM audit WHERE day = d)) AS hi FROM days WHERE d <= ?) `;

/**
 * The query of one page: newest first from the cursor, one row more than the page; for one of
 * the page's customers (`customer`, the first by default: readAudit asks each in turn).
 */
export function auditSql(q, customer = q.customers?.[0]) {
  const ranged = q.from !== undefined || q.to !== undefined;
  const last = q.to ?? '9999-12-31';
  const where = ranged ? ['id >= (SELECT lo FROM span)', 'id <= (SELECT hi FROM span)'] : [];
  const args = ranged ? [q.from ?? '', last, last] : [];
  for (const [col, op, v] of [
    ['day', '>=', q.from],
    ['day', '<=', q.to],
    ['operator', '=', q.operator],
    ['customer', '=', customer],
    ['operation', '=', q.operation],
    ['request_id', '=', q.requestId],
    ['order_id', '=', q.orderId],
    ['id', '<', q.before],
  ]) {
    if (v !== undefined) {
      where.push(`${col} ${op} ?`);
      args.push(v);
    }
  }
  if (q.writes) {
    // `+operation`: the list is a filter on the way back by id, not an index to sort from.
    where.push(`+operation IN (${WRITE_OPERATIONS.map(() => '?').join(', ')})`);
    args.push(...WRITE_OPERATIONS);
  }
  const sql = `${ranged ? DAY_SPAN : ''}SELECT ${COLUMNS.join(', ')} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  return { sql, args: [...args, q.pageSize + 1] };
}

/**
 * One page of rows, newest first: `{ rows, page, page_size, has_next, next_before, truncated }`.
 * A page stops early when its rows reach PAGE_BYTES (`truncated`); `next_before` continues it.
 */
export async function readAudit(db, q) {
  // Several customers: each read by its own index walk of a page and a row, merged newest first
  // (no id is in two: a row has one customer), so the merge holds every row the page needs.
  const pages = await Promise.all(
    (q.customers?.length ? q.customers : [undefined]).map((customer) => {
      const { sql, args } = auditSql(q, customer);
      return db
        .prepare(sql)
        .bind(...args)
        .all();
    }),
  );
  const results = pages
    .flatMap((p) => p.results)
    .sort((a, b) => b.id - a.id)
    .slice(0, q.pageSize + 1);
  const rows = [];
  let bytes = 0;
  let truncated = false;
  for (const r of results.slice(0, q.pageSize)) {
    bytes += JSON.stringify(r).length + 1;
    if (bytes > PAGE_BYTES && rows.length) {
      truncated = true;
      break;
    }
    rows.push(r);
  }
  const hasNext = truncated || results.length > q.pageSize;
  return {
    rows,
    page: q.page,
    page_size: q.pageSize,
    has_next: hasNext,
    next_before: hasNext && rows.length ? rows[rows.length - 1].id : null,
    truncated,
  };
}

/**
 * The refused calls counted past the first few an operator made in a minute (`refused_calls`),
 * newest first, for the same operator and days as the page (at most 500): `[{ minute,
 * operator, outcome, count }]`. They carry no customer, operation or request id, so a page
 * filtered by one of those (or by order or writes), or a later page (`before`), gets none.
 */
export async function readRefused(db, q) {
  if (
    q.writes ||
    q.before !== undefined ||
    q.customers !== undefined ||
    q.operation !== undefined ||
    q.requestId !== undefined
  )
    return [];
  // A minute is yyyy-MM-ddTHH:mm: every minute of the day `to` sorts before `to` + 'U'.
  const filters = [
    ['operator = ?', q.operator],
    ['minute >= ?', q.from],
    ['minute < ?', q.to === undefined ? undefined : `${q.to}U`],
  ].filter(([, v]) => v !== undefined);
  const where = filters.map(([w]) => w);
  const args = filters.map(([, v]) => v);
  const { results } = await db
    .prepare(
      `SELECT minute, operator, outcome, count FROM refused_calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY minute DESC LIMIT 500`,
    )
    .bind(...args)
    .all();
  return results;
}

// A spreadsheet runs a cell as a formula when it starts with one of these (after spaces); the
// full-width forms too, which some locales read alike.
const FORMULA = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20|]/;

/**
 * One CSV cell: defused with a leading `'` when a spreadsheet would run it as a formula, then
 * quoted whenever it holds a separator (`,` or `;`: Excel splits on `;` in many locales), a
 * quote or a line break.
 */
export const cell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = FORMULA.test(s) ? `'${s}` : s;
  return /[",;\n\r\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The rows as CSV, then the counted refusals as rows of their own: no id, `at` the minute,
 * `result` the count (`counted: 12`).
 */
export function toCsv(rows, refused = []) {
  const counted = refused.map((r) =>
    COLUMNS.map((c) =>
      cell(
        {
          at: r.minute,
          day: r.minute.slice(0, 10),
          operator: r.operator,
          outcome: r.outcome,
          result: `counted: ${r.count}`,
        }[c],
      ),
    ).join(','),
  );
  return (
    [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(',')), ...counted].join('\r\n') + '\r\n'
  );
}
