// One Durable Object per operator (SQLite-backed): what the operator moved today and this
// minute, and the proxy's record of each call by its idempotency key. Each method runs without
// awaiting, so it is atomic: every isolate of the fleet that serves this operator sees one
// order of calls.
import { DurableObject } from 'cloudflare:workers';

export class OperatorLedger extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // key: request_id (U8: the records' source codes); content: SHA-256 of the call;
    // state: pending (sent, outcome unknown), applied, refused (its amounts released).
    this.sql.exec(`CREATE TABLE IF NOT EXISTS calls (
      key TEXT PRIMARY KEY, content TEXT NOT NULL, day TEXT NOT NULL,
      points INTEGER NOT NULL, value INTEGER NOT NULL, state TEXT NOT NULL, answer TEXT)`);
    this.sql.exec('CREATE TABLE IF NOT EXISTS minutes (minute TEXT PRIMARY KEY, calls INTEGER NOT NULL)');
    // Running totals per day (reserved and applied, less what was refused): the limit check
    // reads one row, not every call of the day.
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS days (day TEXT PRIMARY KEY, points INTEGER NOT NULL, value INTEGER NOT NULL)',
    );
  }

  #today(day) {
    return this.sql.exec('SELECT points, value FROM days WHERE day = ?', day).toArray()[0] ?? { points: 0, value: 0 };
  }

  /**
   * Admits a call. `{verdict}`: `replay` (a final answer is recorded: `answer`), `conflict`
   * (the key was used for other content), `retry` (the key's outcome is unknown: send again,
   * its reservation stands), `limit` (`limit` names it), or `go` (reserved).
   */
  begin({ key, content, day, minute, points, value, limits }) {
    if (key) {
      const row = this.sql.exec('SELECT content, state, answer FROM calls WHERE key = ?', key).toArray()[0];
      if (row && row.content !== content) return { verdict: 'conflict' };
      if (row && row.state !== 'pending') return { verdict: 'replay', answer: JSON.parse(row.answer) };
      if (row) return { verdict: 'retry' };
    }
    const calls = this.sql.exec('SELECT calls FROM minutes WHERE minute = ?', minute).toArray()[0]?.calls ?? 0;
    if (limits.callsPerMinute !== undefined && calls >= limits.callsPerMinute) {
      return {
        verdict: 'limit',
        limit: `callsPerMinute:${limits.callsPerMinute}`,
        retryAfterMs: 60_000 - (Date.now() % 60_000),
      };
    }
    const today = this.#today(day);
    for (const [kind, asked] of [
      ['points', points],
      ['value', value],
    ]) {
      const limit = limits[`${kind}PerDay`];
      if (limit !== undefined && asked > 0 && today[kind] + asked > limit) {
        return { verdict: 'limit', limit: `${kind}PerDay:${limit}`, used: today[kind], asked };
      }
    }
    this.sql.exec('DELETE FROM minutes WHERE minute < ?', minute);
    this.sql.exec(
      'INSERT INTO minutes (minute, calls) VALUES (?, 1) ON CONFLICT (minute) DO UPDATE SET calls = calls + 1',
      minute,
    );
    if (key) {
      this.sql.exec(
        "INSERT INTO calls (key, content, day, points, value, state) VALUES (?, ?, ?, ?, ?, 'pending')",
        key,
        content,
        day,
        points,
        value,
      );
      this.#add(day, points, value);
    }
    return { verdict: 'go' };
  }

  #add(day, points, value) {
    this.sql.exec(
      'INSERT INTO days (day, points, value) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET points = points + excluded.points, value = value + excluded.value',
      day,
      points,
      value,
    );
  }

  /** Records a definite outcome: `applied` or `refused` (which releases the amounts). */
  finish({ key, state, answer }) {
    const row = this.sql
      .exec("SELECT day, points, value FROM calls WHERE key = ? AND state = 'pending'", key)
      .toArray()[0];
    if (!row) return;
    this.sql.exec('UPDATE calls SET state = ?, answer = ? WHERE key = ?', state, JSON.stringify(answer), key);
    if (state === 'refused') this.#add(row.day, -row.points, -row.value);
  }

  /** Today's totals, for `GET /v1/operations`. */
  usage({ day }) {
    return this.#today(day);
  }
}
