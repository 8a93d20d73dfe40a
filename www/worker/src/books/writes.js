// The audited writes of a day: every attempt of a write (the first, retries, replays, a row
// written for an answer that never came) has an audit row under the same key (request_id;
// U8: its source codes), and together they say what the proxy knows of the write. Read from
// D1, never changed.
import { dayAfter, dayBounds } from './day.js';

// Flows a moment outside the day may belong to writes inside it (and the other way round):
// writes this near the day's edges are read too, to claim their flows, but not reported.
export const EDGE_MS = 15 * 60_000;

// What a key's rows say, strongest first: an applied answer, a documented refusal, an unknown
// outcome, a call not sent.
const STRENGTH = { applied: 4, refused: 3, unknown: 2, unsent: 1 };

/**
 * Groups audit rows (oldest first) into writes: `{ key, operator, operation, platform,
 * order_id, customer, brand, shop, at (ms of the first attempt), day, state, moves, attempts }`.
 * `state`: `applied` when any attempt was answered applied (a replay of an applied write
 * included), else `refused`, else `unknown`, else `unsent`.
 */
export function groupWrites(rows) {
  const byKey = new Map();
  for (const r of rows) {
    if (!r.result || !STRENGTH[r.result] || !r.request_id) continue;
    const id = `${r.operator}\u0000${r.request_id}`;
    let w = byKey.get(id);
    if (!w) {
      w = {
        key: r.request_id,
        operator: r.operator,
        operation: r.operation,
        platform: String(r.operation ?? '').startsWith('u8:') ? 'u8' : 'top',
        order_id: r.order_id ?? null,
        customer: r.customer ?? null,
        brand: r.brand ?? null,
        shop: r.shop ?? null,
        at: Date.parse(r.at),
        day: r.day,
        state: r.result,
        moves: null,
        attempts: 0,
      };
      byKey.set(id, w);
    }
    w.attempts++;
    const at = Date.parse(r.at);
    if (at < w.at) Object.assign(w, { at, day: r.day });
    if (STRENGTH[r.result] > STRENGTH[w.state]) w.state = r.result;
    if (!w.moves && r.moves) {
      try {
        w.moves = typeof r.moves === 'string' ? JSON.parse(r.moves) : r.moves;
      } catch {
        w.moves = null;
      }
    }
  }
  return [...byKey.values()];
}

const PAGE = 5000;

/**
 * The writes whose first attempt falls in `day` or within EDGE_MS of it (`inDay` tells which),
 * with every later attempt (retries come up to the next day's end), in `where` (an SQL
 * condition on operator, brand, shop: the run's scope or a reader's).
 */
export async function readWrites(db, day, where = '1 = 1') {
  const { from, to } = dayBounds(day);
  const since = new Date(from - EDGE_MS).toISOString();
  const rows = [];
  for (let after = 0; ;) {
    const { results } = await db
      .prepare(
        `SELECT id, at, day, operator, operation, request_id, order_id, customer, brand, shop, result, moves
         FROM audit WHERE day >= ? AND day <= ? AND result IS NOT NULL AND at >= ? AND id > ? AND (${where})
         ORDER BY id LIMIT ?`,
      )
      .bind(dayAfter(day, -1), dayAfter(day, 1), since, after, PAGE)
      .all();
    rows.push(...results);
    if (results.length < PAGE) break;
    after = results[results.length - 1].id;
  }
  return groupWrites(rows)
    .filter((w) => w.at >= from - EDGE_MS && w.at < to + EDGE_MS)
    .map((w) => ({ ...w, inDay: w.at >= from && w.at < to }));
}
