// Refused sign-ins write no audit row: a flood of them would fill D1. Each isolate counts them
// per client and GMT+8 minute, writes one row per client and minute (the first refusal of a
// minute), and adds the rest of that minute's count when the next minute begins. At most
// MAX_CLIENTS clients a minute are told apart; the others count as `*`.
import { shopClock } from './clock.js';

const MAX_CLIENTS = 100;
let minute = null;
let counts = new Map();
let flushes = 0;

/** What the minute `m` counted, added to its rows. */
async function write(db, m, entries) {
  if (!entries.length) return;
  const stmt = db.prepare(
    'INSERT INTO refused_signins (minute, client, count) VALUES (?, ?, ?) ON CONFLICT (minute, client) DO UPDATE SET count = count + excluded.count',
  );
  await db.batch(entries.map(([client, n]) => stmt.bind(m, client, n)));
  // Now and then, rows past a month go.
  if (++flushes % 100 === 0)
    await db
      .prepare('DELETE FROM refused_signins WHERE minute < ?')
      .bind(shopClock(Date.now() - 31 * 86400_000).minute)
      .run();
}

/** Counts one refused sign-in from the request's client; the write, if any, is `ctx.waitUntil`'s. */
export function refusedSignIn(request, env, ctx) {
  const now = shopClock().minute;
  const pending = [];
  if (minute !== now) {
    const last = minute;
    const rest = [...counts].filter(([, c]) => c.unwritten > 0).map(([client, c]) => [client, c.unwritten]);
    if (last) pending.push([last, rest]);
    minute = now;
    counts = new Map();
  }
  const raw = request.headers.get('cf-connecting-ip') ?? 'unknown';
  let client = /^[0-9A-Fa-f:.]{1,45}$/.test(raw) ? raw : 'unknown';
  if (!counts.has(client) && counts.size >= MAX_CLIENTS) client = '*';
  const c = counts.get(client) ?? { unwritten: 0, written: false };
  counts.set(client, c);
  if (c.written) c.unwritten++;
  else {
    c.written = true;
    pending.push([now, [[client, 1]]]);
  }
  if (pending.length && env.AUDIT_DB) {
    ctx.waitUntil(
      Promise.all(pending.map(([m, entries]) => write(env.AUDIT_DB, m, entries))).catch((e) =>
        console.error(JSON.stringify({ refused_signins_write_failed: String(e?.message ?? e).slice(0, 200) })),
      ),
    );
  }
}
