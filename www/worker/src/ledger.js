// One Durable Object per operator (SQLite-backed): the write-ahead record of every call the
// operator makes. In one atomic step (no await between reading and writing) `begin` counts the
// call, answers a repeated key from its record, admits the call against the role's limits
// (limits.js) and reserves what it could move; `finish` records the outcome without the
// caller waiting. Each call's audit row is queued here first (an outbox) and drained to D1 by
// the alarm, so a D1 outage loses no row; a backlog past its cap refuses writes. Orders'
// effects are queued the same way for the brand's OrderBook. Records expire after the
// idempotency window, by the same alarm.
import { DurableObject } from 'cloudflare:workers';
import { admit, addTo, zeroUsage, AMOUNTS } from './limits.js';
import { insertAudit, insertRefusedCounts } from './audit.js';
import { shopClock } from './clock.js';

const big = (s) => BigInt(s ?? 0);
const str = (row) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v]));
const SWEEP_MS = 3600_000;
// Audit rows wait this long after their outcome, so the alarm writes them to D1 in batches:
// when one is due it takes those due within this much after it too.
const GATHER_MS = 250;
const BATCH = 50;
// Refused calls (over calls per minute or a limit, out of scope, forbidden, invalid) keep their
// own audit row up to this many an operator and minute; past it they are counted, one D1 row
// per operator, minute and outcome (`refused_calls`), as refused sign-ins are: a flood under an
// operator's own token cannot fill the shared database.
const REFUSED_ROWS_PER_MINUTE = 10;

export class OperatorLedger extends DurableObject {
  #backlog = 0;
  #alarmAt = null;
  #failures = 0;
  // While D1 or an order book fails, nothing is tried again before this.
  #retryAt = 0;

  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // The first version's tables (totals summed per call, whole answers kept): replaced.
    for (const old of ['calls', 'minutes', 'days']) this.sql.exec(`DROP TABLE IF EXISTS ${old}`);
    // Usage per window (`m:` a GMT+8 minute, `d:` a day); amounts as exact integers in text.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS usage (win TEXT PRIMARY KEY, calls INTEGER NOT NULL,
      points TEXT NOT NULL, value TEXT NOT NULL, vouchers TEXT NOT NULL, voucher_value TEXT NOT NULL)`);
    // key: request_id (U8: the records' source codes); content: SHA-256 of the call; state:
    // pending (sent once, outcome not known yet: its reservation held), held (an attempt's
    // outcome was unknown, or the key was sent again while one was out: only an applied answer
    // ends it, since a later refusal or "not sent" cannot undo an earlier attempt), applied,
    // refused; answer: the bounded summary a replay answers with; effect: what was reserved.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, content TEXT NOT NULL,
      day TEXT NOT NULL, minute TEXT NOT NULL, effect TEXT NOT NULL, state TEXT NOT NULL, answer TEXT,
      expires INTEGER NOT NULL)`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS records_expires ON records (expires)');
    // resend: an open U8 write's records, for a reconciliation run to send again; settled: the
    // run that decided an open write's outcome; tried: when the latest attempt was sent (a run
    // that read the platform before it cannot settle it).
    const columns = new Set(
      this.sql
        .exec('PRAGMA table_info(records)')
        .toArray()
        .map((c) => c.name),
    );
    for (const [name, type] of [
      ['resend', 'TEXT'],
      ['settled', 'TEXT'],
      ['tried', 'INTEGER'],
    ])
      if (!columns.has(name)) this.sql.exec(`ALTER TABLE records ADD COLUMN ${name} ${type}`);
    // What is yet to be written elsewhere: audit rows (to D1) and order notes (to OrderBook).
    this.sql.exec(`CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL, due INTEGER NOT NULL, target TEXT, body TEXT NOT NULL)`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due)');
    this.sql.exec('CREATE INDEX IF NOT EXISTS outbox_target ON outbox (kind, target)');
    // Refused calls this operator made per GMT+8 minute (the first ones get rows of their own).
    this.sql.exec('CREATE TABLE IF NOT EXISTS refusals (minute TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    // Face values (分) of vouchers the operator's answers showed.
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS faces (voucher TEXT PRIMARY KEY, fen TEXT NOT NULL, expires INTEGER NOT NULL)',
    );
    // What each started job reserved of a day's limits, until it ends.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS job_reservations (job TEXT PRIMARY KEY, day TEXT NOT NULL,
      effect TEXT NOT NULL, released INTEGER NOT NULL DEFAULT 0)`);
    this.#backlog = this.sql.exec("SELECT count(*) AS n FROM outbox WHERE kind = 'audit'").one().n;
    if (this.sql.exec('SELECT 1 FROM outbox LIMIT 1').toArray().length) this.#wake(Date.now());
  }

  #usage(win) {
    const r = this.sql.exec('SELECT * FROM usage WHERE win = ?', win).toArray()[0];
    if (!r) return zeroUsage();
    return {
      calls: BigInt(r.calls),
      points: big(r.points),
      value: big(r.value),
      vouchers: big(r.vouchers),
      voucherValue: big(r.voucher_value),
    };
  }

  #saveUsage(win, u) {
    this.sql.exec(
      `INSERT INTO usage (win, calls, points, value, vouchers, voucher_value) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (win) DO UPDATE SET calls = excluded.calls, points = excluded.points, value = excluded.value,
       vouchers = excluded.vouchers, voucher_value = excluded.voucher_value`,
      win,
      Number(u.calls),
      String(u.points),
      String(u.value),
      String(u.vouchers),
      String(u.voucherValue),
    );
  }

  #queue(kind, due, body, target = null) {
    const seq = this.sql
      .exec(
        'INSERT INTO outbox (kind, due, target, body) VALUES (?, ?, ?, ?) RETURNING seq',
        kind,
        due,
        target,
        JSON.stringify(body),
      )
      .one().seq;
    if (kind === 'audit') this.#backlog++;
    this.#wake(due);
    return seq;
  }

  /** Sets the alarm for `at` (not before a retry is due) unless one is set sooner. */
  #wake(wanted) {
    const at = Math.max(wanted, this.#retryAt);
    if (this.#alarmAt !== null && this.#alarmAt <= at) return;
    this.#alarmAt = at;
    this.ctx.storage.setAlarm(at);
  }

  /**
   * A refused call's audit row, or past REFUSED_ROWS_PER_MINUTE this minute its count: one
   * queued count per minute and outcome, added to `refused_calls` when drained.
   */
  #refused(minute, now, row, outcome, status, extra) {
    const n = this.sql.exec('SELECT n FROM refusals WHERE minute = ?', minute).toArray()[0]?.n ?? 0;
    if (n === 0) this.sql.exec('DELETE FROM refusals WHERE minute < ?', minute);
    this.sql.exec(
      'INSERT INTO refusals (minute, n) VALUES (?, 1) ON CONFLICT (minute) DO UPDATE SET n = n + 1',
      minute,
    );
    if (n < REFUSED_ROWS_PER_MINUTE) {
      this.#queue('audit', now, { ...row, outcome, status, ...extra });
      return;
    }
    const target = `${minute}|${outcome}`;
    const queued = this.sql
      .exec("SELECT seq, body FROM outbox WHERE kind = 'refused' AND target = ?", target)
      .toArray()[0];
    if (queued) {
      const body = JSON.parse(queued.body);
      this.sql.exec(
        'UPDATE outbox SET body = ? WHERE seq = ?',
        JSON.stringify({ ...body, count: body.count + 1 }),
        queued.seq,
      );
    } else this.#queue('refused', now + GATHER_MS, { minute, operator: row.operator, outcome, count: 1 }, target);
  }

  /** Face values the proxy has seen: the most any of `ids` is worth, times the count. */
  #voucherValue(ids, count) {
    if (count === 0n) return 0n;
    if (!ids.length) return null;
    let most = 0n;
    for (const id of ids.slice(0, 200)) {
      const r = this.sql.exec('SELECT fen FROM faces WHERE voucher = ?', id).toArray()[0];
      if (!r) return null;
      if (big(r.fen) > most) most = big(r.fen);
    }
    return most * count;
  }

  /**
   * Admits a call. In: `key` (null for a read), `content`, `day`, `minute`, `now`, `effect`
   * (amounts as decimal text, `unbounded`), `voucherIds`, `limits`, `row` (its audit row so
   * far), `draftMs` (when to write the row as it stands if no outcome comes), `refusal` (the
   * proxy refused it already: `{ outcome, status }`), `writes`, `maxBacklog`, `windowMs`,
   * `order` (a note for the brand's OrderBook: `{ brand, note }`). Answers `{ verdict }`:
   * `go` (reserved; `attempt` names its queued row), `replay` (`answer`), `conflict`,
   * `limit` (the admission's refusal), `refused` (recorded), `backlog` (the audit trail
   * cannot take more).
   */
  begin(input) {
    const { key, content, day, minute, now, limits, row, writes } = input;
    // A refusal is recorded whatever the backlog: its rows are few a minute (the rest counted).
    if (!input.refusal && this.#backlog >= input.maxBacklog * (writes ? 1 : 2)) return { verdict: 'backlog' };
    const mWin = `m:${minute}`;
    const dWin = `d:${day}`;
    const usage = { minute: this.#usage(mWin), day: this.#usage(dWin) };
    const effect = {
      points: big(input.effect.points),
      value: big(input.effect.value),
      vouchers: big(input.effect.vouchers),
      unbounded: input.effect.unbounded ?? null,
    };
    effect.voucherValue = this.#voucherValue(input.voucherIds ?? [], effect.vouchers);
    // Every call counts toward its calls, whatever becomes of it; a job's rows are paced by
    // the platform's rate instead (JOB_CALLS_PER_SECOND), and left out of the operator's calls
    // so the operator's own single calls go on beside the job.
    const job = input.job ?? null;
    const calls = job
      ? { ok: true }
      : admit({
          limits: pick(limits, 'calls'),
          usage,
          effect: zeroEffect(),
          retryAfterMs: 60_000 - (now % 60_000),
        });
    const counted = (u) => (job ? { ...u } : { ...u, calls: u.calls + 1n });
    this.#saveUsage(mWin, counted(usage.minute));
    this.#saveUsage(dWin, counted(usage.day));
    if (usage.minute.calls === 0n) this.sql.exec("DELETE FROM usage WHERE win LIKE 'm:%' AND win < ?", mWin);
    const close = (outcome, status, extra = {}) => this.#queue('audit', now, { ...row, outcome, status, ...extra });
    const refuse = (outcome, status, extra = {}) => this.#refused(minute, now, row, outcome, status, extra);
    if (!calls.ok) {
      refuse('RATE_LIMITED', 429);
      return { verdict: 'limit', admission: str(calls) };
    }
    if (input.refusal) {
      refuse(input.refusal.outcome, input.refusal.status, { platform_code: input.refusal.platform_code });
      return { verdict: 'refused' };
    }
    const record = key
      ? this.sql.exec('SELECT content, state, answer FROM records WHERE key = ?', key).toArray()[0]
      : null;
    // A record a reconciliation run made after the write's own record expired knows no
    // content ('*'): its key answers the settled outcome whatever is sent with it.
    if (record && record.content !== content && record.content !== SETTLED_ANY) {
      close('REQUEST_ID_CONFLICT', 409);
      return { verdict: 'conflict' };
    }
    if (record && record.state !== 'pending' && record.state !== 'held') {
      const answer = JSON.parse(record.answer);
      close('replayed', answer.status, { result: record.state });
      return { verdict: 'replay', answer };
    }
    if (record) this.sql.exec("UPDATE records SET state = 'held', tried = ? WHERE key = ?", now, key);
    else {
      // A job's rows were reserved against the day as a whole when it started (or its role is
      // exempt): only their per-call and per-minute limits are checked here, and the record's
      // day is the job's own window, which holds no usage, so releasing a row gives back nothing
      // twice (the job gives back its unapplied rows when it ends).
      const rowLimits = job ? withoutDay(without(limits, 'calls')) : without(limits, 'calls');
      const admission = admit({ limits: rowLimits, usage, effect });
      if (!admission.ok) {
        refuse('LIMIT_EXCEEDED', 403);
        return { verdict: 'limit', admission: str(admission) };
      }
      const reserve = (u) => addTo(counted(u), { ...effect, voucherValue: effect.voucherValue ?? 0n });
      this.#saveUsage(mWin, reserve(usage.minute));
      if (!job) this.#saveUsage(dWin, reserve(usage.day));
      if (key) {
        this.sql.exec(
          "INSERT INTO records (key, content, day, minute, effect, state, expires, resend, tried) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
          key,
          content,
          job ? `job:${job.id}` : day,
          minute,
          JSON.stringify(str({ ...effect, unbounded: undefined, voucherValue: effect.voucherValue ?? 0n })),
          now + input.windowMs,
          input.resend ?? null,
          now,
        );
      }
      // The order's note goes at once: a reversal of the order is bounded by it.
      if (input.order) this.#queue('order', now, { ...input.order.note, state: 'pending' }, input.order.brand);
    }
    const attempt = this.#queue('audit', now + input.draftMs, {
      ...row,
      outcome: 'UNKNOWN_OUTCOME',
      status: 0,
      result: key ? 'unknown' : undefined,
    });
    return {
      verdict: 'go',
      attempt,
      retry: Boolean(record),
      voucherValue: effect.voucherValue === null ? null : String(effect.voucherValue),
    };
  }

  /**
   * Records an outcome. In: `key`, `attempt` (from begin), `outcome` (`applied`, `refused`:
   * final, `unsent`: nothing applied and the key free again, `unknown`: held; a held key takes
   * only `applied`, anything else leaves it held), `answer` (the
   * bounded body a replay gives), `row` (the audit row, final), `faces` (`[[voucher, fen]]`
   * seen in the answer), `order` (`{ brand, note }`), `now`, `windowMs`.
   */
  finish(input) {
    const { key, attempt, outcome, now } = input;
    const record = key
      ? this.sql
          .exec("SELECT day, minute, effect, state FROM records WHERE key = ? AND state IN ('pending', 'held')", key)
          .toArray()[0]
      : null;
    if (record && outcome === 'unknown') this.sql.exec("UPDATE records SET state = 'held' WHERE key = ?", key);
    else if (record && (record.state === 'pending' || outcome === 'applied')) {
      if (outcome === 'applied' || outcome === 'refused')
        this.sql.exec(
          'UPDATE records SET state = ?, answer = ?, resend = NULL WHERE key = ?',
          outcome,
          JSON.stringify(input.answer),
          key,
        );
      else this.sql.exec('DELETE FROM records WHERE key = ?', key);
      if (outcome !== 'applied') this.#release(record);
    }
    const body = JSON.stringify(input.row);
    const updated = this.sql
      .exec('UPDATE outbox SET body = ?, due = ? WHERE seq = ? RETURNING seq', body, now + GATHER_MS, attempt)
      .toArray();
    if (updated.length) this.#wake(now + GATHER_MS);
    else this.#queue('audit', now, input.row);
    for (const [voucher, fen] of (input.faces ?? []).slice(0, 500))
      this.sql.exec(
        'INSERT INTO faces (voucher, fen, expires) VALUES (?, ?, ?) ON CONFLICT (voucher) DO UPDATE SET fen = excluded.fen, expires = excluded.expires',
        String(voucher).slice(0, 128),
        String(fen),
        now + input.windowMs,
      );
    if (input.order) this.#queue('order', now + GATHER_MS, input.order.note, input.order.brand);
  }

  /** Gives back what a record reserved, in the minute and day it was made. */
  #release(record) {
    const reserved = JSON.parse(record.effect);
    const effect = Object.fromEntries(AMOUNTS.map((m) => [m, big(reserved[m])]));
    for (const win of [`m:${record.minute}`, `d:${record.day}`]) {
      if (!this.sql.exec('SELECT 1 FROM usage WHERE win = ?', win).toArray().length) continue;
      this.#saveUsage(win, addTo(this.#usage(win), effect, -1n));
    }
  }

  /**
   * Final outcomes a reconciliation run decided for writes whose outcome was unknown. In:
   * `settlements` `[{ key, applied, run, request_id, evidence }]`, `now`, `windowMs`, `before`.
   * An open record (pending or held) takes the outcome (a write that was not applied gives its reservation back, so the
   * day's usage is what the platform moved); from then on a retry of its key answers it with
   * `replayed: true`, never calling the platform. A key with no record left (expired, or never
   * admitted here) gets one that answers the outcome to any content. Answers, per key,
   * `settled`, `created`, `same` (already final with that outcome), `differs` (already final
   * with the other: left as it is, for people to look at), `retried` (an attempt was sent at
   * or after `before`, when the run read the platform less its lag: what the run read cannot
   * tell what that attempt did, so the record stays open) or `unknown_key` (no record, and
   * the key as long as the audit cuts keys to).
   */
  settle({ settlements, now, windowMs, before = Infinity }) {
    return settlements.slice(0, 1000).map(({ key, applied, run, request_id, evidence }) => {
      const state = applied ? 'applied' : 'refused';
      const answer = JSON.stringify(settledAnswer(applied, run, request_id, evidence));
      const record = this.sql
        .exec('SELECT day, minute, effect, state, tried FROM records WHERE key = ?', key)
        .toArray()[0];
      const open = record && (record.state === 'pending' || record.state === 'held');
      if (record && !open) return { key, result: record.state === state ? 'same' : 'differs' };
      if (record && (record.tried ?? 0) >= before) return { key, result: 'retried' };
      if (record) {
        this.sql.exec(
          'UPDATE records SET state = ?, answer = ?, settled = ?, resend = NULL WHERE key = ?',
          state,
          answer,
          run,
          key,
        );
        if (!applied) this.#release(record);
        return { key, result: 'settled' };
      }
      // The audit keeps 200 characters of a key: a longer one cannot be told from its cut.
      if (key.length >= KEY_CELL) return { key, result: 'unknown_key' };
      const { day, minute } = shopClock(now);
      this.sql.exec(
        `INSERT INTO records (key, content, day, minute, effect, state, answer, expires, settled)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        key,
        SETTLED_ANY,
        day,
        minute,
        JSON.stringify({ points: '0', value: '0', vouchers: '0', voucherValue: '0' }),
        state,
        answer,
        now + windowMs,
        run,
      );
      return { key, result: 'created' };
    });
  }

  /** The records of pending U8 writes, for a run to send again: `{ key: records JSON | null }`. */
  resendOf({ keys }) {
    const out = {};
    for (const key of keys.slice(0, 500)) {
      const r = this.sql
        .exec("SELECT resend FROM records WHERE key = ? AND state IN ('pending', 'held')", key)
        .toArray()[0];
      out[key] = r?.resend ?? null;
    }
    return out;
  }

  /** Counts a call that moves nothing (`GET /v1/operations`, `/v1/audit`); answers usage. */
  touch({ day, minute, now, limits }) {
    const mWin = `m:${minute}`;
    const dWin = `d:${day}`;
    const usage = { minute: this.#usage(mWin), day: this.#usage(dWin) };
    const calls = admit({
      limits: pick(limits, 'calls'),
      usage,
      effect: zeroEffect(),
      retryAfterMs: 60_000 - (now % 60_000),
    });
    this.#saveUsage(mWin, { ...usage.minute, calls: usage.minute.calls + 1n });
    this.#saveUsage(dWin, { ...usage.day, calls: usage.day.calls + 1n });
    return {
      verdict: calls.ok ? 'go' : 'limit',
      admission: str(calls),
      usage: { minute: str(usage.minute), day: str(usage.day) },
    };
  }

  /**
   * Reserves a job's whole effect against the day's limits when it starts (once per job: a
   * second call answers the first decision). In: `job`, `day`, `now`, `limits` (the role's),
   * `effect` (decimal text), `exempt` (the role's jobs are outside the day limits: nothing is
   * reserved). Answers `{ verdict: 'go' }` or `{ verdict: 'limit', admission }`.
   */
  reserveJob({ job, day, limits, effect, exempt }) {
    if (this.sql.exec('SELECT 1 FROM job_reservations WHERE job = ?', job).toArray().length) return { verdict: 'go' };
    if (exempt) return { verdict: 'go' };
    const dWin = `d:${day}`;
    const usage = { minute: zeroUsage(), day: this.#usage(dWin) };
    const asked = {
      ...zeroEffect(),
      ...Object.fromEntries(['points', 'value', 'vouchers'].map((m) => [m, big(effect[m])])),
    };
    const admission = admit({ limits: dayOnly(without(limits, 'calls')), usage, effect: asked });
    if (!admission.ok) return { verdict: 'limit', admission: str(admission) };
    this.#saveUsage(dWin, addTo(usage.day, asked));
    this.sql.exec(
      'INSERT INTO job_reservations (job, day, effect) VALUES (?, ?, ?)',
      job,
      day,
      JSON.stringify(str(asked)),
    );
    return { verdict: 'go' };
  }

  /**
   * A job has ended: gives back what it reserved less `kept` (the effect of its rows applied or
   * of unknown outcome), once.
   */
  releaseJob({ job, kept }) {
    const r = this.sql
      .exec('SELECT day, effect FROM job_reservations WHERE job = ? AND released = 0', job)
      .toArray()[0];
    if (!r) return { released: false };
    const reserved = JSON.parse(r.effect);
    const back = Object.fromEntries(AMOUNTS.map((m) => [m, big(reserved[m]) - big(kept?.[m])]));
    const win = `d:${r.day}`;
    this.#saveUsage(win, addTo(this.#usage(win), back, -1n));
    this.sql.exec('UPDATE job_reservations SET released = 1 WHERE job = ?', job);
    return { released: true };
  }

  /**
   * What the operator's records hold, for tests and reconciliation: `{ key, state, effect,
   * answerBytes }`.
   */
  records() {
    return this.sql
      .exec('SELECT key, state, effect, length(answer) AS bytes, settled FROM records ORDER BY key')
      .toArray()
      .map((r) => ({
        key: r.key,
        state: r.state,
        effect: JSON.parse(r.effect),
        answerBytes: r.bytes ?? 0,
        settled: r.settled ?? null,
      }));
  }

  /** The storage this operator takes, and what is queued: for the benchmark and tests. */
  stats() {
    return {
      bytes: this.sql.databaseSize,
      records: this.sql.exec('SELECT count(*) AS n FROM records').one().n,
      backlog: this.#backlog,
      queued: this.sql.exec('SELECT count(*) AS n FROM outbox').one().n,
    };
  }

  /** Drains what is due to D1 and the order books, drops what expired, and sets the next alarm. */
  async alarm() {
    this.#alarmAt = null;
    const now = Date.now();
    const due = this.sql
      .exec(
        'SELECT seq, kind, due, target, body FROM outbox WHERE due <= ? ORDER BY seq LIMIT ?',
        now + GATHER_MS,
        BATCH * 2,
      )
      .toArray()
      // Audit rows go when one is due, with those due soon after it, in one batch.
      .filter((d, _, all) => d.kind !== 'audit' || all.some((x) => x.kind === 'audit' && x.due <= now));
    // A count on its way to D1 takes no more refusals: the next ones queue a count of their own.
    for (const d of due)
      if (d.kind === 'refused') this.sql.exec('UPDATE outbox SET target = NULL WHERE seq = ?', d.seq);
    const done = [];
    let failed = false;
    const audits = due.filter((d) => d.kind === 'audit');
    if (audits.length) {
      try {
        const operatorId = this.ctx.id.toString();
        await insertAudit(
          this.env.AUDIT_DB,
          audits.map((d) => ({ ...JSON.parse(d.body), entry: `${operatorId}:${d.seq}` })),
        );
        done.push(...audits);
      } catch (e) {
        failed = true;
        console.error(
          JSON.stringify({ audit_write_failed: String(e?.message ?? e).slice(0, 300), queued: this.#backlog }),
        );
      }
    }
    const counts = due.filter((d) => d.kind === 'refused');
    if (counts.length) {
      try {
        await insertRefusedCounts(
          this.env.AUDIT_DB,
          counts.map((d) => JSON.parse(d.body)),
        );
        done.push(...counts);
      } catch (e) {
        failed = true;
        console.error(JSON.stringify({ refused_count_write_failed: String(e?.message ?? e).slice(0, 300) }));
      }
    }
    const notes = new Map();
    for (const d of due.filter((x) => x.kind === 'order')) {
      if (!notes.has(d.target)) notes.set(d.target, []);
      notes.get(d.target).push(d);
    }
    for (const [brand, list] of notes) {
      try {
        await this.env.ORDERS.get(this.env.ORDERS.idFromName(brand)).note(list.map((d) => JSON.parse(d.body)));
        done.push(...list);
      } catch (e) {
        failed = true;
        console.error(JSON.stringify({ order_note_failed: String(e?.message ?? e).slice(0, 300) }));
      }
    }
    for (const d of done) this.sql.exec('DELETE FROM outbox WHERE seq = ?', d.seq);
    this.#backlog -= done.filter((d) => d.kind === 'audit').length;
    this.#failures = failed ? this.#failures + 1 : 0;
    this.#retryAt = failed ? now + Math.min(10_000, 250 * 2 ** Math.min(this.#failures, 6)) : 0;
    this.sql.exec('DELETE FROM records WHERE expires < ?', now);
    this.sql.exec('DELETE FROM faces WHERE expires < ?', now);
    this.sql.exec(
      "DELETE FROM usage WHERE win < ? AND win LIKE 'd:%'",
      `d:${new Date(now - 8 * 86400_000).toISOString().slice(0, 10)}`,
    );
    const next = this.sql.exec('SELECT min(due) AS at FROM outbox').one().at;
    this.#wake(Math.min(next ?? Infinity, now + SWEEP_MS));
  }
}

const SETTLED_ANY = '*';
const KEY_CELL = 200;

/** What a retry of a settled key answers (before `replayed: true` is added). */
function settledAnswer(applied, run, requestId, evidence) {
  const settled = { run, outcome: applied ? 'applied' : 'not_applied', evidence: evidence ?? null };
  return applied
    ? { status: 200, body: { ok: true, data: { settled }, request_id: requestId ?? null } }
    : {
        status: 409,
        body: {
          ok: false,
          error: {
            code: 'NOT_APPLIED',
            message: `reconciliation run ${run} found that the platform did not apply this call; it is not sent again with this key`,
            settled,
            retriable: false,
          },
          request_id: requestId ?? null,
        },
      };
}

/** A role's limits of one measure, or all but one. */
const pick = (limits, measure) =>
  Object.fromEntries(Object.entries(limits ?? {}).filter(([k]) => k.startsWith(measure)));
const without = (limits, measure) =>
  Object.fromEntries(Object.entries(limits ?? {}).filter(([k]) => !k.startsWith(measure)));
const dayOnly = (limits) => Object.fromEntries(Object.entries(limits ?? {}).filter(([k]) => k.endsWith('PerDay')));
const withoutDay = (limits) => Object.fromEntries(Object.entries(limits ?? {}).filter(([k]) => !k.endsWith('PerDay')));
const zeroEffect = () => ({ points: 0n, value: 0n, vouchers: 0n, voucherValue: 0n, unbounded: null });
