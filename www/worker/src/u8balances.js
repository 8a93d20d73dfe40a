// A U8 member's points as U8 last answered them through the proxy (D1 `u8_balances`): U8 has no
// balance query, so the `after_points` of each applied points/change, a single call's or a bulk
// job row's, is what the console can show beside the ALSC balance.

const MEMBER = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Keeps each member's points as an applied points/change answered them, stamped with when the
 * answer came (rows of a job answer in parallel: the later answer is the later balance). A
 * replayed answer is an old one: not kept. Never throws: a call's answer never waits on this.
 */
export async function keepU8Balances(db, answer) {
  if (!answer || answer.status !== 200 || answer.replayed) return;
  const records = answer.body?.data?.data;
  if (!Array.isArray(records)) return;
  const rows = records
    .map((r) => [String(r?.mid ?? ''), String(r?.after_points ?? '')])
    .filter(([mid, points]) => MEMBER.test(mid) && /^-?\d{1,18}$/.test(points));
  if (!rows.length) return;
  const at = new Date().toISOString();
  const stmt = db.prepare(
    'INSERT INTO u8_balances (u8_member_id, points, at) VALUES (?, ?, ?) ON CONFLICT (u8_member_id) DO UPDATE SET points = excluded.points, at = excluded.at WHERE excluded.at >= u8_balances.at',
  );
  try {
    await db.batch(rows.map(([mid, points]) => stmt.bind(mid, points, at)));
  } catch (e) {
    console.error(JSON.stringify({ u8_balance_not_kept: String(e?.message ?? e).slice(0, 200) }));
  }
}
