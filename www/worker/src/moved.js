// What a write moved on its order, as the order book records it for the "made elsewhere"
// check of a reversal: the platform's holdings on an order are compared with what the proxy's
// writes moved, not with the most they could move (what limits count). So where the fields
// allow several readings this takes the smaller, and the platform's answer where it states
// it: a write padded with amounts that never move (a top-up's 预储 `pre_value`, a voucher
// change's `voucher_point_list`, vouchers that were not changed) cannot cover what was made
// on the order elsewhere. A smaller reading than the truth refuses the proxy's own order as
// made elsewhere, never lets another through.
import { wholeAmount } from 'loyalty-sdk';

const P = 'alibaba.alsc.crm.';

/** The items of a TOP list in an answer: an array, or the one array its wrapper holds. */
function itemsOf(v) {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    const arrays = Object.values(v).filter(Array.isArray);
    if (arrays.length === 1) return arrays[0];
  }
  return null;
}

/** The voucher ids an answer's `voucher_status_list` says were changed; null when it lists none. */
function changedVouchers(data) {
  const list = itemsOf((data?.result ?? data)?.voucher_status_list);
  if (list === null) return null;
  return list
    .filter((s) => s && (s.is_success === true || s.success === true))
    .map((s) => String(s.voucher_id))
    .filter((id) => id !== 'undefined');
}

const whole = (v) => {
  const n = wholeAmount(v);
  return n !== null && n >= 0n ? n : null;
};

/**
 * What the write moved: `{ points, value, voucherIds }` (BigInt, BigInt, string[]). `effect`
 * is what admission counted (the package's effectOf); `data` the platform's answer, or
 * undefined before there is one (then the call's own fields, read the smaller way).
 */
export function movedOf(meta, params, effect, data) {
  const moved = { points: effect.points, value: effect.value, voucherIds: [...(effect.voucherIds ?? [])] };
  switch (meta.method) {
    case `${P}recharge.charge.update`: {
      // 实储值 and 赠储值 move; whether 预储 does is not said. The answer's 交易总金额 says.
      const stated = whole((data?.result ?? data)?.order_value);
      moved.value = stated ?? (whole(params.real_value) ?? 0n) + (whole(params.gift_value) ?? 0n);
      break;
    }
    case `${P}voucher.status.change`:
      // 待核销点数 is no point flow: a voucher change moves vouchers only.
      moved.points = 0n;
      break;
    default:
      break;
  }
  if (data !== undefined && moved.voucherIds.length) {
    // Only the vouchers the answer says changed moved; an answer that lists none, none.
    const changed = new Set(changedVouchers(data) ?? []);
    moved.voucherIds = moved.voucherIds.filter((id) => changed.has(String(id)));
  }
  return moved;
}
