// The session's orders and what is left of each: what its operations took (paid), what
// reversals gave back, what remains. A reversal gives back what its own fields say, or the
// whole of a kind it names no amount of (the package's reversalOf: `whole`). Pure, in whole
// numbers (BigInt) as digits, never floats.

const KINDS = ['points', 'value'];
const big = (v) => (/^-?\d+$/.test(String(v ?? '')) ? BigInt(v) : 0n);
const max0 = (n) => (n > 0n ? n : 0n);

/**
 * Rows are `{ order, method, moved, customer, customerId, cardId }` for an operation on an order and, for a
 * reversal, `{ order, method, moved, reversal: { whole: [kinds] } }`; an older row may say
 * only `refunded: true` (the whole order). Returns one entry per order, first seen first:
 * `{ order, customer, customerId, cardId, taken: [{ method, moved }], paid, reversed, left, reversals, refunded,
 * topUp, valueOnly }`, the amounts as `{ points, value }` digit strings; `refunded` when a
 * reversal left nothing.
 */
export function orderStandings(rows) {
  const orders = new Map();
  const entry = (order) => {
    if (!orders.has(order))
      orders.set(order, {
        order,
        customer: undefined,
        taken: [],
        paid: { points: 0n, value: 0n },
        reversed: { points: 0n, value: 0n },
        reversals: 0,
        topUp: true,
        valueOnly: true,
      });
    return orders.get(order);
  };
  for (const row of rows) {
    const o = entry(row.order);
    if (row.reversal) {
      o.reversals += 1;
      for (const k of KINDS)
        o.reversed[k] = row.reversal.whole?.includes(k) ? o.paid[k] : o.reversed[k] + big(row.moved?.[k]);
      continue;
    }
    o.customer ??= row.customer;
    // Whose order it is, as the platform knows them: a reversal from its row is made for them.
    o.customerId ??= row.customerId;
    o.cardId ??= row.cardId;
    o.taken.push({ method: row.method, moved: row.moved });
    o.topUp &&= row.method.endsWith('charge.update');
    o.valueOnly &&= row.method.endsWith('dedut.update');
    for (const k of KINDS) o.paid[k] += big(row.moved?.[k]);
    if (row.refunded) {
      o.reversals += 1;
      o.reversed = { ...o.paid };
    }
  }
  return [...orders.values()]
    .filter((o) => o.taken.length > 0)
    .map((o) => {
      const reversed = Object.fromEntries(KINDS.map((k) => [k, o.reversed[k] > o.paid[k] ? o.paid[k] : o.reversed[k]]));
      const left = Object.fromEntries(KINDS.map((k) => [k, max0(o.paid[k] - reversed[k])]));
      const digits = (m) => Object.fromEntries(KINDS.map((k) => [k, String(m[k])]));
      return {
        ...o,
        paid: digits(o.paid),
        reversed: digits(reversed),
        left: digits(left),
        refunded: o.reversals > 0 && KINDS.every((k) => left[k] === 0n),
      };
    });
}

/**
 * What a reversal will give back of its order, before it is sent. `standing` is the order's
 * entry from orderStandings (undefined when the order is not in the session: null, the
 * platform alone knows); `returns` the kinds the reversal gives back (the metadata's
 * `reverses.returns`); `whole` those it gives back whole (the package's reversalOf:
 * `fromOrder`); `named` what its own fields name (the package's effectOf, in BigInt, with
 * `voucherIds`). A kind given back whole returns what is left of it; a named amount returns
 * itself, listed in `over` when it is more than is left. Returns `{ back, over, left }`, the
 * amounts as digit strings, `back.vouchers` the voucher ids named.
 */
export function returnOf(standing, { returns, whole, named }) {
  if (!standing) return null;
  const back = { points: '0', value: '0' };
  const over = [];
  for (const k of KINDS.filter((kind) => returns.includes(kind))) {
    const left = big(standing.left[k]);
    const n = whole.includes(k) ? left : (named[k] ?? 0n);
    if (n > left) over.push(k);
    back[k] = String(n);
  }
  if (returns.includes('vouchers') && named.voucherIds?.length) back.vouchers = named.voucherIds.map(String);
  return { back, over, left: standing.left };
}
