// The books' tables in D1 (migrations/0005_books.sql): runs, what each run read, what it found.
// Audit rows are only read here.
import { RANK, KINDS } from './match.js';

const BATCH = 50;

export async function createRun(db, { id, day, startedBy, scope, now }) {
  await db
    .prepare(
      `INSERT INTO recon_runs (id, day, status, started_by, scope, created_at, phase)
       VALUES (?, ?, 'running', ?, ?, ?, 'queued')`,
    )
    .bind(id, day, startedBy, JSON.stringify(scope), new Date(now).toISOString())
    .run();
}

const runView = (r) =>
  r && {
    id: r.id,
    day: r.day,
    status: r.status,
    started_by: r.started_by,
    scope: JSON.parse(r.scope),
    created_at: r.created_at,
    finished_at: r.finished_at ?? null,
    progress: { phase: r.phase, calls_done: r.calls_done, calls_planned: r.calls_planned },
    summary: r.summary ? JSON.parse(r.summary) : null,
    error: r.error ?? null,
  };

export async function getRun(db, id) {
  return runView(await db.prepare('SELECT * FROM recon_runs WHERE id = ?').bind(id).first());
}

/** Runs, newest first: of one day, or of every day. */
export async function listRuns(db, { day, limit = 50 }) {
  const { results } = day
    ? await db.prepare('SELECT * FROM recon_runs WHERE day = ? ORDER BY created_at DESC LIMIT ?').bind(day, limit).all()
    : await db.prepare('SELECT * FROM recon_runs ORDER BY created_at DESC LIMIT ?').bind(limit).all();
  return results.map(runView);
}

export const runningRuns = async (db) =>
  (await db.prepare("SELECT * FROM recon_runs WHERE status = 'running'").all()).results.map(runView);

/** Moves a run to `phase`; `planned` sets the calls planned, `more` adds to them, `calls` to those done. */
export async function setPhase(db, id, phase, { planned = null, more = 0, calls = 0 } = {}) {
  await db
    .prepare(
      'UPDATE recon_runs SET phase = ?, calls_planned = coalesce(?, calls_planned) + ?, calls_done = calls_done + ? WHERE id = ?',
    )
    .bind(phase, planned, more, calls, id)
    .run();
}

export async function finishRun(db, id, summary) {
  await db
    .prepare("UPDATE recon_runs SET status = 'done', phase = 'done', summary = ?, finished_at = ? WHERE id = ?")
    .bind(JSON.stringify(summary), new Date().toISOString(), id)
    .run();
}

export async function failRun(db, id, error) {
  await db
    .prepare("UPDATE recon_runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?")
    .bind(String(error).slice(0, 500), new Date().toISOString(), id)
    .run();
}

/** Fails a run still marked running (and only such a run), saying why. */
export async function abandonRun(db, id, error) {
  await db
    .prepare("UPDATE recon_runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ? AND status = 'running'")
    .bind(String(error).slice(0, 500), new Date().toISOString(), id)
    .run();
}

/** Plans a run's reads afresh: `[{ task, read }]`. */
export async function planReads(db, id, reads) {
  const stmts = [
    db.prepare('DELETE FROM recon_reads WHERE run_id = ?').bind(id),
    db.prepare('DELETE FROM recon_flows WHERE run_id = ?').bind(id),
  ];
  const insert = db.prepare("INSERT INTO recon_reads (run_id, task, status, detail) VALUES (?, ?, 'planned', ?)");
  for (const r of reads) stmts.push(insert.bind(id, r.task, JSON.stringify(r.read)));
  for (let i = 0; i < stmts.length; i += BATCH) await db.batch(stmts.slice(i, i + BATCH));
}

/** The next read not yet done, in task order: `{ task, read }` or null. */
export async function nextRead(db, id) {
  const r = await db
    .prepare("SELECT task, detail FROM recon_reads WHERE run_id = ? AND status = 'planned' ORDER BY task LIMIT 1")
    .bind(id)
    .first();
  return r ? { task: r.task, read: JSON.parse(r.detail) } : null;
}

/**
 * Stores a page's rows, counts the call (and `more` pages learned of) in the run's progress,
 * and, when the read is over, how it ended.
 */
export async function savePage(db, id, task, rows, ended, more = 0) {
  const stmts = [
    db
      .prepare('UPDATE recon_runs SET calls_done = calls_done + 1, calls_planned = calls_planned + ? WHERE id = ?')
      .bind(more, id),
  ];
  const insert = db.prepare('INSERT OR REPLACE INTO recon_flows (run_id, source, flow_id, body) VALUES (?, ?, ?, ?)');
  for (const r of rows) stmts.push(insert.bind(id, r.source, r.flow_id, JSON.stringify(r.body)));
  if (ended)
    stmts.push(
      db
        .prepare('UPDATE recon_reads SET status = ?, detail = ? WHERE run_id = ? AND task = ?')
        .bind(ended.status, ended.detail ?? null, id, task),
    );
  for (let i = 0; i < stmts.length; i += BATCH) await db.batch(stmts.slice(i, i + BATCH));
}

/** Everything a run read: `{ reads: { task: status }, flows: { source: [body] } }`. */
export async function loadReads(db, id) {
  const reads = {};
  for (const r of (await db.prepare('SELECT task, status FROM recon_reads WHERE run_id = ?').bind(id).all()).results)
    reads[r.task] = r.status;
  const flows = {};
  for (let offset = 0; ; offset += 5000) {
    const { results } = await db
      .prepare(
        'SELECT source, flow_id, body FROM recon_flows WHERE run_id = ? ORDER BY source, flow_id LIMIT 5000 OFFSET ?',
      )
      .bind(id, offset)
      .all();
    for (const r of results) (flows[r.source] ??= []).push({ flow_id: r.flow_id, ...JSON.parse(r.body) });
    if (results.length < 5000) break;
  }
  return { reads, flows };
}

/** Forgets runs of days before `day`, with their items. */
export async function forgetBefore(db, day) {
  await db.batch([
    db.prepare('DELETE FROM recon_items WHERE run_id IN (SELECT id FROM recon_runs WHERE day < ?)').bind(day),
    db.prepare('DELETE FROM recon_reads WHERE run_id IN (SELECT id FROM recon_runs WHERE day < ?)').bind(day),
    db.prepare('DELETE FROM recon_flows WHERE run_id IN (SELECT id FROM recon_runs WHERE day < ?)').bind(day),
    db.prepare("DELETE FROM recon_runs WHERE day < ? AND status != 'running'").bind(day),
  ]);
}

export async function dropWorkingSet(db, id) {
  await db.batch([
    db.prepare('DELETE FROM recon_flows WHERE run_id = ?').bind(id),
    db.prepare("DELETE FROM recon_reads WHERE run_id = ? AND status = 'done'").bind(id),
  ]);
}

const COLUMNS = [
  'run_id',
  'seq',
  'kind',
  'rank',
  'operation',
  'order_id',
  'request_id',
  'customer',
  'operator',
  'brand',
  'shop',
  'at',
  'audit',
  'platform',
  'note',
];
const cut = (v, n = 200) => (typeof v === 'string' ? v.slice(0, n) : (v ?? null));
// An item's audit and platform parts are bounded by construction (a write's moves, at most a
// flow per measure, 20 vouchers or U8 rows); past this they are replaced, never cut mid-JSON.
const PART = 8000;
const part = (v) => {
  if (!v) return null;
  const json = JSON.stringify(v);
  return json.length <= PART ? json : JSON.stringify({ omitted: `${json.length} characters` });
};

/** Replaces a run's items. */
export async function saveItems(db, id, items) {
  await db.prepare('DELETE FROM recon_items WHERE run_id = ?').bind(id).run();
  const insert = db.prepare(
    `INSERT INTO recon_items (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const stmts = items.map((it, seq) =>
    insert.bind(
      id,
      seq + 1,
      it.kind,
      RANK[it.kind],
      cut(it.operation),
      cut(it.order_id),
      cut(it.request_id),
      cut(it.customer),
      cut(it.operator),
      cut(it.brand),
      cut(it.shop),
      it.at,
      part(it.audit),
      part(it.platform),
      cut(it.note, 400),
    ),
  );
  for (let i = 0; i < stmts.length; i += BATCH) await db.batch(stmts.slice(i, i + BATCH));
}

/** A run's items to settle: `[{ seq, settle }]` in seq order, from `after`. */
export async function settlementsOf(db, id, after, limit) {
  const { results } = await db
    .prepare(
      `SELECT seq, kind, operation, operator, request_id, brand, platform FROM recon_items
       WHERE run_id = ? AND kind IN ('settled_applied', 'settled_not_applied') AND seq > ? ORDER BY seq LIMIT ?`,
    )
    .bind(id, after, limit)
    .all();
  return results;
}

/** Makes a settled item unresolved (the proxy could not settle it), saying why. */
export async function unresolveItem(db, id, seq, note) {
  await db
    .prepare("UPDATE recon_items SET kind = 'unresolved', rank = ?, note = ? WHERE run_id = ? AND seq = ?")
    .bind(RANK.unresolved, note, id, seq)
    .run();
}

export async function noteItem(db, id, seq, note) {
  await db.prepare('UPDATE recon_items SET note = ? WHERE run_id = ? AND seq = ?').bind(note, id, seq).run();
}

const itemView = (r) => ({
  seq: r.seq,
  kind: r.kind,
  operation: r.operation,
  order_id: r.order_id,
  request_id: r.request_id,
  customer: r.customer,
  operator: r.operator,
  brand: r.brand,
  shop: r.shop,
  at: r.at,
  audit: r.audit ? JSON.parse(r.audit) : null,
  platform: r.platform ? JSON.parse(r.platform) : null,
  note: r.note,
});

/**
 * A page of a run's items a reader may see (`where`: visibility), what to look at first first:
 * `{ items, page, page_size, has_next }`; `kind` narrows them.
 */
export async function readItems(db, id, { where, kind, page, pageSize }) {
  const { results } = await db
    .prepare(
      `SELECT * FROM recon_items WHERE run_id = ? AND (${where}) ${kind ? 'AND kind = ?' : ''}
       ORDER BY rank, seq LIMIT ? OFFSET ?`,
    )
    .bind(...[id, ...(kind ? [kind] : []), pageSize + 1, (page - 1) * pageSize])
    .all();
  return {
    items: results.slice(0, pageSize).map(itemView),
    page,
    page_size: pageSize,
    has_next: results.length > pageSize,
  };
}

/** Every item a reader may see, in pages of 500 (for CSV). */
export async function* allItems(db, id, where) {
  for (let after = -1; ;) {
    const { results } = await db
      .prepare(`SELECT * FROM recon_items WHERE run_id = ? AND (${where}) AND seq > ? ORDER BY seq LIMIT 500`)
      .bind(id, after)
      .all();
    for (const r of results) yield itemView(r);
    if (results.length < 500) return;
    after = results[results.length - 1].seq;
  }
}

/** The counts a reader may see: `{ writes, matched, ... }`. */
export async function summaryOf(db, id, where) {
  const { results } = await db
    .prepare(
      `SELECT kind, count(*) AS n, sum(request_id IS NOT NULL) AS writes FROM recon_items
       WHERE run_id = ? AND (${where}) GROUP BY kind`,
    )
    .bind(id)
    .all();
  const out = { writes: 0, ...Object.fromEntries(KINDS.map((k) => [k, 0])) };
  for (const r of results) {
    out[r.kind] = r.n;
    out.writes += r.writes;
  }
  return out;
}

/**
 * What the latest finished run of each of `days` decided for writes whose outcome was unknown:
 * a Map from `operator\0request_id` to `{ applied, run }`.
 */
export async function settledOn(db, days) {
  const out = new Map();
  for (const day of days) {
    const { results } = await db
      .prepare(
        `SELECT i.operator, i.request_id, i.kind, i.run_id FROM recon_items i
         JOIN recon_runs r ON r.id = i.run_id
         WHERE r.day = ? AND r.status = 'done' AND i.kind IN ('settled_applied', 'settled_not_applied')
         ORDER BY r.finished_at`,
      )
      .bind(day)
      .all();
    for (const r of results)
      out.set(`${r.operator}\u0000${r.request_id}`, { applied: r.kind === 'settled_applied', run: r.run_id });
  }
  return out;
}
