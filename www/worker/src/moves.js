// What a write moves in the books, by category and signed: what the close adds up and what a
// reconciliation run compares with the platform's flows. The amounts are the package's
// effectOf (a reversal's bounded by its recorded order, as admission counts it); which way
// each operation moves them is read here from the operation and the fields that choose
// (operate_type, action_type, voucher_status_action), since the metadata gives sizes only.
//
// Categories, each a non-negative amount: points_deducted, points_added (ALSC points);
// u8_points_deducted, u8_points_added; value_paid, value_paid_reversed (a payment given back),
// value_topped_up (by `method`), value_refunded (a top-up refunded), value_frozen (分);
// vouchers_redeemed, vouchers_restored (counts, with `voucher_ids`), vouchers_issued (a count:
// the platform answers a send without the vouchers' ids).
import { effectOf } from 'loyalty-sdk';

/** Which way each category moves its measure. */
export const CATEGORIES = Object.freeze({
  points_deducted: { measure: 'points', sign: -1n },
  points_added: { measure: 'points', sign: 1n },
  u8_points_deducted: { measure: 'u8_points', sign: -1n },
  u8_points_added: { measure: 'u8_points', sign: 1n },
  value_paid: { measure: 'value', sign: -1n },
  value_paid_reversed: { measure: 'value', sign: 1n },
  value_topped_up: { measure: 'value', sign: 1n },
  value_refunded: { measure: 'value', sign: -1n },
  value_frozen: { measure: 'value', sign: -1n },
  vouchers_redeemed: { measure: 'vouchers', sign: -1n },
  vouchers_restored: { measure: 'vouchers', sign: 1n },
  vouchers_issued: { measure: 'vouchers', sign: 1n },
});

const P = 'alibaba.alsc.crm.';
const text = (v) => (v === undefined || v === null ? '' : String(v).trim());

/** The categories of one operation given its parameters: `[[category, measure]]`. */
function categoriesOf(method, params) {
  switch (method) {
    case `${P}point.extra.consume`:
    case `${P}point.consumepoint`:
      return [['points_deducted', 'points']];
    case `${P}point.extracharge`:
    case `${P}point.reversepoint`:
      return [['points_added', 'points']];
    case `${P}open.point.operate`:
      // 1 增加, 2 冻结, 3 核销, 4 扣减: only 1 adds.
      return [[text(params.operate_type) === '1' ? 'points_added' : 'points_deducted', 'points']];
    case `${P}recharge.dedut.update`:
      return [['value_paid', 'value']];
    case `${P}recharge.undedut.update`:
      return [['value_paid_reversed', 'value']];
    case `${P}recharge.charge.update`:
      return [['value_topped_up', 'value']];
    case `${P}recharge.uncharge.update`:
      return [['value_refunded', 'value']];
    case `${P}open.recharge.operate`:
      // 1 充值, 2 冻结, 3 核销, 4 充值回退.
      return [
        [
          { 1: 'value_topped_up', 2: 'value_frozen', 3: 'value_paid', 4: 'value_refunded' }[
            text(params.operate_type)
          ] ?? 'value_paid',
          'value',
        ],
      ];
    case `${P}open.assert.verify`:
      return [
        ['points_deducted', 'points'],
        ['value_paid', 'value'],
        ['vouchers_redeemed', 'vouchers'],
      ];
    case `${P}open.assert.refund`:
      return [
        ['points_added', 'points'],
        ['value_paid_reversed', 'value'],
        ['vouchers_restored', 'vouchers'],
      ];
    case `${P}voucher.status.change`:
      // voucher_point_list ("待核销点数") moves nothing the point flows show: left out.
      return [
        [
          text(params.voucher_status_action) === 'ISUSED_NORMAL' ? 'vouchers_restored' : 'vouchers_redeemed',
          'vouchers',
        ],
      ];
    case `${P}voucher.send`:
      return [['vouchers_issued', 'vouchers']];
    default:
      return [];
  }
}

// U8 actions: 5 award, 17 return restore, 200 carry over add; 51 redeem, 16 return deduct take.
const U8_ADDS = new Set(['5', '17', '200']);

const MAX_IDS = 20;

/**
 * The write's moves: `{ [category]: amount as decimal text, method?, voucher_ids?, bound? }`,
 * only the categories it moves. `effect` is what admission counted (BigInt sizes); `rev`
 * the reversal (`reversalOf`), whose `fromOrder` kinds are bounds, not exact. U8 records are
 * read one by one with the same effectOf. Null for an operation that moves none of these.
 */
export function movesOf(meta, params, effect, rev) {
  const out = {};
  if (meta.platform === 'u8') {
    let added = 0n;
    let taken = 0n;
    for (const r of Array.isArray(params) ? params : []) {
      const one = effectOf(meta, [r]).points;
      if (U8_ADDS.has(text(r?.action_type))) added += one;
      else taken += one;
    }
    if (added) out.u8_points_added = String(added);
    if (taken) out.u8_points_deducted = String(taken);
    // A multiple is read at least 1 and rounded up: what U8 moves may be less.
    if (added || taken) out.bound = ['u8_points'];
    return Object.keys(out).length ? out : null;
  }
  for (const [category, measure] of categoriesOf(meta.method, params)) {
    const n = effect[measure];
    if (n > 0n) out[category] = String(n);
  }
  if (!Object.keys(out).length) return null;
  if (out.value_topped_up) {
    // The documents list no payment methods; a top-up's charge_type (充值类型) is what POS
    // systems fill with one.
    out.method = text(params.charge_type).slice(0, 32) || 'unspecified';
  }
  if (effect.voucherIds?.length) {
    out.voucher_ids = effect.voucherIds.slice(0, MAX_IDS).map((id) => String(id).slice(0, 64));
    if (effect.voucherIds.length > MAX_IDS) out.voucher_ids_more = true;
  }
  if (rev?.fromOrder?.length) out.bound = rev.fromOrder.filter((k) => k !== 'vouchers' || out.vouchers_restored);
  return out;
}

/** The signed change a write's moves make to one measure (`points`, `value`, `vouchers`, `u8_points`). */
export function deltaOf(moves, measure) {
  let d = 0n;
  for (const [category, { measure: m, sign }] of Object.entries(CATEGORIES))
    if (m === measure && moves?.[category] !== undefined) d += sign * BigInt(moves[category]);
  return d;
}

/** Whether a measure's amount is an upper bound (the order's recorded effect, a U8 multiple). */
export const isBound = (moves, measure) => Boolean(moves?.bound?.includes(measure));
