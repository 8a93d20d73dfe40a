// The sandbox's books: customers' points, stored value and vouchers, what each order consumed,
// the journal of every applied operation, and the idempotency store. Kept in memory, and in a
// JSON file when one is given (rewritten after every change).
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';

const clone = (v) => JSON.parse(JSON.stringify(v));

export class Ledger {
  constructor(config, statePath) {
    this.config = config;
    this.statePath = statePath;
    if (statePath && existsSync(statePath)) {
      Object.assign(this, JSON.parse(readFileSync(statePath, 'utf8')));
    } else {
      this.reset();
    }
  }

  reset() {
    this.customers = clone(this.config.customers ?? []);
    this.orders = {}; // order id -> { customer_id, points, value: {PRE, GIFT}, vouchers: [], refunded }
    this.journal = [];
    this.idempotency = {}; // key -> { digest, content }
    this.u8Tokens = {}; // token -> { appKey, expiresAt }
    this.u8Applied = {}; // "mid|action|source_code" -> { content, row }: the first record and its reply
    this.seq = 1;
    this.save();
  }

  save() {
    if (!this.statePath) return;
    const { customers, orders, journal, idempotency, u8Tokens, u8Applied, seq } = this;
    const tmp = `${this.statePath}.tmp`;
    writeFileSync(tmp, JSON.stringify({ customers, orders, journal, idempotency, u8Tokens, u8Applied, seq }, null, 1));
    renameSync(tmp, this.statePath);
  }

  nextId(prefix) {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, '0')}`;
  }

  /** A customer by any of the identities the APIs accept. */
  findCustomer({ customer_id, mobile, card_id, physical_card_id, outer_id }) {
    return this.customers.find((c) =>
      (customer_id && c.customer_id === customer_id) ||
      (mobile && c.mobile === mobile) ||
      (card_id && c.card?.card_id === card_id) ||
      (physical_card_id && c.card?.physical_card_id === physical_card_id) ||
      (outer_id && c.outer_id === outer_id));
  }

  findByMid(mid) {
    return this.customers.find((c) => c.u8?.mid === String(mid));
  }

  record(entry) {
    this.journal.push({ seq: this.journal.length + 1, at: new Date().toISOString(), ...entry });
  }

  /** A stable digest of a request's content (key order does not matter). */
  static digest(value) {
    const canonical = (v) => (v && typeof v === 'object' && !Array.isArray(v)
      ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
      : Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : JSON.stringify(v));
    return createHash('sha256').update(canonical(value)).digest('hex');
  }

  /** Balances as the inspection endpoint shows them. */
  view() {
    return this.customers.map((c) => ({
      customer_id: c.customer_id,
      mobile: c.mobile,
      name: c.name,
      points: c.points,
      stored_value: c.stored_value,
      vouchers: c.vouchers.map(({ voucher_id, status }) => ({ voucher_id, status })),
      u8: c.u8,
    }));
  }
}
