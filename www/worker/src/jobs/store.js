// The jobs' tables in D1 (migrations/0006_jobs.sql): each job, and each row of its file with
// what became of it. A row's outcome is written once (applied, refused or unknown), so the
// counts a progress read gives never go back.

// D1 takes up to 100 bound values a statement; rows go in batches of statements.
const INSERT_BATCH = 200;

/**
 * Stores a job and its rows; answers false when a job of that id was stored meanwhile (the
 * same file uploaded at once twice). The rows go first and the job last, so a job is never
 * seen before all its rows are there; the rows of one id are the same in every upload.
 */
export async function createJob(db, job, rows) {
  const stmt = db.prepare(
    'INSERT OR IGNORE INTO job_rows (job, row, params, request_id, effect) VALUES (?, ?, ?, ?, ?)',
  );
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    await db.batch(
      rows
        .slice(i, i + INSERT_BATCH)
        .map((r) => stmt.bind(job.id, r.row, JSON.stringify(r.params), r.requestId, JSON.stringify(r.effect))),
    );
  const made = await db
    .prepare(
      `INSERT INTO jobs (id, operator, role, scope, brands, operation, platform, status, total, effect, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'ready', ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
    )
    .bind(
      job.id,
      job.operator,
      job.role,
      JSON.stringify(job.scope),
      JSON.stringify(job.brands),
      job.operation,
      job.platform,
      rows.length,
      JSON.stringify(job.effect),
      new Date(job.now).toISOString(),
    )
    .first();
  return Boolean(made);
}

const jobView = (r) =>
  r && {
    id: r.id,
    operator: r.operator,
    role: r.role,
    scope: JSON.parse(r.scope),
    brands: JSON.parse(r.brands),
    operation: r.operation,
    platform: r.platform,
    status: r.status,
    cancel: Boolean(r.cancel),
    total: r.total,
    effect: JSON.parse(r.effect),
    day: r.day ?? null,
    created_at: r.created_at,
    started_at: r.started_at ?? null,
    finished_at: r.finished_at ?? null,
    error: r.error ?? null,
  };

export const getJob = async (db, id) => jobView(await db.prepare('SELECT * FROM jobs WHERE id = ?').bind(id).first());

/** Jobs newest first: an operator's, or (`operator` null) every one. */
export async function listJobs(db, { operator, limit = 100 }) {
  const { results } = operator
    ? await db
        .prepare('SELECT * FROM jobs WHERE operator = ? ORDER BY created_at DESC LIMIT ?')
        .bind(operator, limit)
        .all()
    : await db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').bind(limit).all();
  return results.map(jobView);
}

/** How many rows ended each way: `{ done, applied, refused, unknown }`. */
export async function countsOf(db, id) {
  const { results } = await db
    .prepare('SELECT outcome, count(*) AS n FROM job_rows WHERE job = ? AND outcome IS NOT NULL GROUP BY outcome')
    .bind(id)
    .all();
  const counts = { done: 0, applied: 0, refused: 0, unknown: 0 };
  for (const r of results) {
    counts[r.outcome] = r.n;
    counts.done += r.n;
  }
  return counts;
}

/** Marks a ready job running (only a ready one); answers whether it did. */
export async function markStarted(db, id, day, now) {
  const r = await db
    .prepare(
      "UPDATE jobs SET status = 'running', day = ?, started_at = ? WHERE id = ? AND status = 'ready' RETURNING id",
    )
    .bind(day, new Date(now).toISOString(), id)
    .first();
  return Boolean(r);
}

/** Asks a job to stop: a ready one is cancelled at once, a running one after its rows in flight. */
export async function askCancel(db, id) {
  await db
    .prepare(
      "UPDATE jobs SET cancel = 1, status = CASE status WHEN 'ready' THEN 'cancelled' ELSE status END, finished_at = CASE status WHEN 'ready' THEN ? ELSE finished_at END WHERE id = ? AND status IN ('ready', 'running')",
    )
    .bind(new Date().toISOString(), id)
    .run();
}

export async function endJob(db, id, status, error = null) {
  await db
    .prepare("UPDATE jobs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'running'")
    .bind(status, error === null ? null : String(error).slice(0, 500), new Date().toISOString(), id)
    .run();
}

export const runningJobs = async (db, platform) =>
  (await db.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'running' AND platform = ?").bind(platform).first())
    .n;

/** The next rows to send: not ended, not backing off, in file order. */
export async function nextRows(db, id, now, limit) {
  const { results } = await db
    .prepare(
      'SELECT row, params, request_id, tries FROM job_rows WHERE job = ? AND outcome IS NULL AND (not_before IS NULL OR not_before <= ?) ORDER BY row LIMIT ?',
    )
    .bind(id, now, limit)
    .all();
  return results.map((r) => ({ row: r.row, params: JSON.parse(r.params), requestId: r.request_id, tries: r.tries }));
}

/** When the soonest row backing off may go, or null when no row is left open. */
export async function soonestOpen(db, id) {
  const r = await db
    .prepare('SELECT count(*) AS n, min(coalesce(not_before, 0)) AS at FROM job_rows WHERE job = ? AND outcome IS NULL')
    .bind(id)
    .first();
  return r.n ? r.at : null;
}

/** Ends rows: `[{ row, outcome, code, message }]` (an ended row is never changed). */
export async function endRows(db, id, ended) {
  if (!ended.length) return;
  const stmt = db.prepare(
    'UPDATE job_rows SET outcome = ?, code = ?, message = ? WHERE job = ? AND row = ? AND outcome IS NULL',
  );
  await db.batch(
    ended.map((e) =>
      stmt.bind(e.outcome, e.code ?? null, e.message == null ? null : String(e.message).slice(0, 200), id, e.row),
    ),
  );
}

/** Puts rows back to wait: `[{ row, notBefore, tried }]` (`tried`: an attempt counted). */
export async function deferRows(db, id, deferred) {
  if (!deferred.length) return;
  const stmt = db.prepare(
    'UPDATE job_rows SET not_before = ?, tries = tries + ? WHERE job = ? AND row = ? AND outcome IS NULL',
  );
  await db.batch(deferred.map((d) => stmt.bind(d.notBefore, d.tried ? 1 : 0, id, d.row)));
}

/** Every row in file order, a page at a time: for the results file. */
export async function* allRows(db, id, page = 500) {
  for (let after = 0; ;) {
    const { results } = await db
      .prepare(
        'SELECT row, request_id, effect, outcome, code, message FROM job_rows WHERE job = ? AND row > ? ORDER BY row LIMIT ?',
      )
      .bind(id, after, page)
      .all();
    yield* results;
    if (results.length < page) return;
    after = results[results.length - 1].row;
  }
}

/** What the rows applied or left unknown moved together (what stays reserved when a job ends). */
export async function keptEffect(db, id) {
  const kept = { points: 0n, value: 0n, vouchers: 0n };
  for await (const r of allRows(db, id))
    if (r.outcome === 'applied' || r.outcome === 'unknown') {
      const e = JSON.parse(r.effect);
      for (const k of Object.keys(kept)) kept[k] += BigInt(e[k] ?? 0);
    }
  return Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, String(v)]));
}
