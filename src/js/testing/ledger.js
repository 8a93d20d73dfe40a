// The fake gateway's books: customers' points, stored value and vouchers, their cards and the
// physical cards in stock, what each order consumed, the journal of every applied operation,
// and the idempotency store. Kept in memory; `store` ({ load(), save(state) }) keeps them
// elsewhere (the sandbox server: a JSON file). Every write lands here and only here, and is
// journalled with its request id, order id, customer, effect and time.
import { sha256Hex } from './hash.js';

const clone = (v) => JSON.parse(JSON.stringify(v));

const STATE = [
  'customers',
  'cards',
  'physicalCards',
  'orders',
  'journal',
  'idempotency',
  'orderKeys',
  'u8Tokens',
  'u8Applied',
  'seq',
];

export class Ledger {
  /** `now`: the gateway's clock (epoch ms), which journal times follow. */
  constructor(config, store, now = Date.now) {
    this.config = config;
    this.store = store;
    this.now = now;
    const saved = store?.load();
    if (saved) {
      Object.assign(this, saved);
      this.cards ??= [];
      this.physicalCards ??= [];
      this.orderKeys ??= {};
    } else {
      this.reset();
    }
  }

  reset() {
    this.customers = clone(this.config.customers ?? []);
    // A customer's card as the configuration writes it (`card`) is their member card here.
    this.cards = [];
    this.physicalCards = clone(this.config.catalog?.physical_cards ?? []);
    for (const c of this.customers) {
      c.consumed ??= { PRE: 0, GIFT: 0 };
      if (!c.card) continue;
      const { physical_card_id, ...card } = c.card;
      this.cards.push({ ...card, customer_id: c.customer_id, brand_id: c.brand_id, physical_card_ids: [] });
      if (physical_card_id) this.bindPhysical(physical_card_id, card.card_id, card.card_template_id, card.card_type);
      delete c.card;
    }
    this.orders = {}; // order id -> { customer_id, points, value: {PRE, GIFT}, vouchers: [], refunded }
    this.journal = [];
    this.idempotency = {}; // key -> { digest, content }
    this.orderKeys = {}; // "method|order id" -> the request_id that used it (documented unique ids)
    this.u8Tokens = {}; // token -> { appKey, expiresAt }
    this.u8Applied = {}; // "mid|action|source_code" -> { content, row }: the first record and its reply
    this.seq = 1;
    this.save();
  }

  save() {
    this.store?.save(Object.fromEntries(STATE.map((k) => [k, this[k]])));
  }

  nextId(prefix) {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(8, '0')}`;
  }

  /** A physical card in stock bound to an electronic card (created in stock when unknown). */
  bindPhysical(physicalId, cardId, templateId, cardType) {
    let p = this.physicalCards.find((x) => x.physical_card_id === physicalId);
    if (!p) {
      p = { physical_card_id: physicalId, card_template_id: templateId, card_type: cardType, status: 'WAIT_ACTIVE' };
      this.physicalCards.push(p);
    }
    p.card_id = cardId;
    p.status = 'ACTIVED';
    p.bind_time = this.nowText();
    const card = this.cards.find((c) => c.card_id === cardId);
    if (card && !card.physical_card_ids.includes(physicalId)) card.physical_card_ids.push(physicalId);
    return p;
  }

  /** The gateway's time in GMT+8, as the platform writes times. */
  nowText() {
    return new Date(this.now() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
  }

  /** A customer's member card (the first card they hold), or null. */
  memberCard(c) {
    return this.cards.find((k) => k.customer_id === c?.customer_id) ?? null;
  }

  /** A card by its id or a physical card's number. */
  findCard({ card_id, physical_card_id }) {
    if (card_id) return this.cards.find((k) => k.card_id === card_id) ?? null;
    const p = physical_card_id && this.physicalCards.find((x) => x.physical_card_id === physical_card_id);
    return p?.card_id ? (this.cards.find((k) => k.card_id === p.card_id) ?? null) : null;
  }

  /** A customer by any of the identities the APIs accept. */
  findCustomer({ customer_id, mobile, card_id, physical_card_id, outer_id, phone, wechat_open_id, alipay_id }) {
    const card = card_id || physical_card_id ? this.findCard({ card_id, physical_card_id }) : null;
    return (
      this.customers.find(
        (c) =>
          (customer_id && c.customer_id === customer_id) ||
          (mobile && c.mobile === mobile) ||
          (phone && c.phone === phone) ||
          (card && card.customer_id === c.customer_id) ||
          (outer_id && c.outer_id === outer_id) ||
          (wechat_open_id && c.outer_type === 'wechat' && c.outer_id === wechat_open_id) ||
          (alipay_id && c.outer_type === 'alipay' && c.outer_id === alipay_id),
      ) ?? null
    );
  }

  findByMid(mid) {
    return this.customers.find((c) => c.u8?.mid === String(mid));
  }

  /**
   * Journals an applied operation: its kind, method, request id, order id, customer and effect
   * (points, value, vouchers, cards), at the gateway's time.
   */
  record(entry) {
    this.journal.push({ seq: this.journal.length + 1, at: new Date(this.now()).toISOString(), ...entry });
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
      vouchers: c.vouchers.map(
        ({ voucher_id, status, voucher_template_id, amount, start_fee, start_time, end_time }) => ({
          voucher_id,
          status,
          voucher_template_id,
          amount,
          start_fee,
          start_time,
          end_time,
        }),
      ),
      cards: this.cards
        .filter((k) => k.customer_id === c.customer_id)
        .map(({ card_id, status, physical_card_ids }) => ({ card_id, status, physical_card_ids })),
      u8: c.u8,
    }));
  }
}
