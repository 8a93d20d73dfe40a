// One Durable Object per brand (SQLite-backed): what the proxy's writes recorded against each
// order id of the brand, by whom and at which shop, fed from the operators' outboxes. A
// reversal (a refund, undedut, uncharge) is bounded by what its order recorded here and may
// reverse only orders made inside its operator's scope, and one that gives the order's points
// back must name the order's customer (whose.js). Notes are kept ORDER_DAYS.
import { DurableObject } from 'cloudflare:workers';

export const ORDER_DAYS = 30;
const big = (s) => BigInt(s ?? 0);

export class OrderBook extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // entry: the operator and idempotency key of the write (a note arrives again after a
    // retry, or with its outcome); kind: effect (it moved the order's assets) or reversal;
    // customer: whom the write named (whose.js customerKey: the customer id, or a digest);
    // points, value, vouchers, voucher_ids: the most it could move (what limits count);
    // moved_*: what it moved (moved.js), from the platform's answer once there is one.
    this.sql.exec(`CREATE TABLE IF NOT EXISTS notes (entry TEXT PRIMARY KEY, order_id TEXT NOT NULL,
      operator TEXT NOT NULL, shop TEXT, kind TEXT NOT NULL, points TEXT NOT NULL, value TEXT NOT NULL,
      vouchers TEXT NOT NULL, voucher_ids TEXT NOT NULL, state TEXT NOT NULL, at INTEGER NOT NULL, customer TEXT)`);
    // A book made before notes named their customer, or what they moved, gains the columns;
    // its old notes name none (and count what they could move as moved).
    const columns = this.sql
      .exec('PRAGMA table_info(notes)')
      .toArray()
      .map((c) => c.name);
    for (const column of ['customer', 'moved_points', 'moved_value', 'moved_voucher_ids'])
      if (!columns.includes(column)) this.sql.exec(`ALTER TABLE notes ADD COLUMN ${column} TEXT`);
    this.sql.exec('CREATE INDEX IF NOT EXISTS notes_order ON notes (order_id)');
    this.sql.exec('CREATE INDEX IF NOT EXISTS notes_at ON notes (at)');
  }

  /**
   * Records notes `{ entry, order, operator, shop, customer, kind, points, value, vouchers,
   * voucherIds, moved?: { points, value, voucherIds }, state, at }`; a note arriving again
   * updates its state, and what it moved when it says.
   */
  async note(notes) {
    for (const n of notes) {
      this.sql.exec(
        `INSERT INTO notes (entry, order_id, operator, shop, kind, points, value, vouchers, voucher_ids, state, at, customer,
           moved_points, moved_value, moved_voucher_ids)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (entry) DO UPDATE SET state = excluded.state,
           moved_points = COALESCE(excluded.moved_points, moved_points),
           moved_value = COALESCE(excluded.moved_value, moved_value),
           moved_voucher_ids = COALESCE(excluded.moved_voucher_ids, moved_voucher_ids)`,
        n.entry,
        n.order,
        n.operator,
        n.shop ?? null,
        n.kind,
        String(n.points ?? 0),
        String(n.value ?? 0),
        String(n.vouchers ?? 0),
        JSON.stringify((n.voucherIds ?? []).slice(0, 100)),
        n.state,
        n.at,
        n.customer ?? null,
        n.moved ? String(n.moved.points ?? 0) : null,
        n.moved ? String(n.moved.value ?? 0) : null,
        n.moved ? JSON.stringify((n.moved.voucherIds ?? []).slice(0, 100)) : null,
      );
    }
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + 86400_000);
  }

  /**
   * What each order recorded: `{ order, known, operators, shops, customer, customers, named,
   * points, value, vouchers, voucherIds, moved }`, summed over the writes that may have applied
   * (not those refused), amounts as decimal text. `customer`: whom the first of them named (the
   * order's own customer on the platform, which a whole-order reversal pays back); `customers`:
   * whom those that moved points named, `named`: whom any of them named (null for a note that
   * named no one, or came before notes did). `moved`: `{ points, value, voucherIds }`, what they
   * moved (the most they could, for a note that does not say).
   */
  lookup({ orders }) {
    return orders.slice(0, 100).map((order) => {
      const rows = this.sql
        .exec(
          "SELECT * FROM notes WHERE order_id = ? AND kind = 'effect' AND state != 'refused' ORDER BY at, rowid",
          order,
        )
        .toArray();
      const sum = (k) => String(rows.reduce((n, r) => n + big(r[k]), 0n));
      return {
        order,
        known: rows.length > 0,
        operators: [...new Set(rows.map((r) => r.operator))],
        shops: [...new Set(rows.map((r) => r.shop))],
        customer: rows[0]?.customer ?? null,
        customers: [...new Set(rows.filter((r) => big(r.points) > 0n).map((r) => r.customer ?? null))],
        points: sum('points'),
        value: sum('value'),
        vouchers: sum('vouchers'),
        voucherIds: [...new Set(rows.flatMap((r) => JSON.parse(r.voucher_ids)))].slice(0, 100),
        named: [...new Set(rows.map((r) => r.customer ?? null))],
        moved: {
          points: String(rows.reduce((n, r) => n + big(r.moved_points ?? r.points), 0n)),
          value: String(rows.reduce((n, r) => n + big(r.moved_value ?? r.value), 0n)),
          voucherIds: [...new Set(rows.flatMap((r) => JSON.parse(r.moved_voucher_ids ?? r.voucher_ids)))].slice(0, 100),
        },
      };
    });
  }

  /** The outcome a reconciliation run decided for pending notes: `{ entries: [{ entry, state }] }`. */
  settle({ entries }) {
    for (const { entry, state } of entries.slice(0, 1000))
      this.sql.exec("UPDATE notes SET state = ? WHERE entry = ? AND state = 'pending'", state, entry);
  }

  async alarm() {
    this.sql.exec('DELETE FROM notes WHERE at < ?', Date.now() - ORDER_DAYS * 86400_000);
    const left = this.sql.exec('SELECT 1 FROM notes LIMIT 1').toArray().length;
    if (left) this.ctx.storage.setAlarm(Date.now() + 86400_000);
  }
}
