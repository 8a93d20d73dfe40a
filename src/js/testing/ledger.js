// The fake gateway's books: customers' points, stored value and vouchers, what each order
// consumed, the journal of every applied operation, and the idempotency store. Kept in memory;
// `store` ({ load(), save(state) }) keeps them elsewhere (the sandbox server: a JSON file).
import { sha256Hex } from './hash.js';

const clone = (v) => JSON.parse(JSON.stringify(v));

export class Ledger {
  constructor(config, store) {
    this.config = config;
    this.store = store;
    const saved = store?.load();
    if (saved) {
      Object.assign(this, saved);
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
    const { customers, orders, journal, idempotency, u8Tokens, u8Applied, seq } = this;
    this.store?.save({ customers, orders, journal, idempotency, u8Tokens, u8Applied, seq });
  }

  nextId(prefix) {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, '0')}`;
  }

  /** A customer by any of the identities the APIs accept. */
  findCustomer({ customer_id, mobile, card_id, physical_card_id, outer_id }) {
    return this.customers.find(
      (c) =>
        (customer_id && c.customer_id === customer_id) ||
        (mobile && c.mobile === mobile) ||
        (card_id && c.card?.card_id === card_id) ||
        (physical_card_id && c.card?.physical_card_id === physical_card_id) ||
        (outer_id && c.outer_id === outer_id),
    );
  }

  findByMid(mid) {
    return this.customers.find((c) => c.u8?.mid === String(mid));
  }

  record(entry) {
    this.journal.push({ seq: this.journal.length + 1, at: new Date().toISOString(), ...entry });
  }

  /** A stable digest of a request's content (key order does not matter). */
  static digest(value) {
    const canonical = (v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(',')}}`
        : Array.isArray(v)
          ? `[${v.map(canonical).join(',')}]`
          : JSON.stringify(v);
    return sha256Hex(canonical(value));
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
