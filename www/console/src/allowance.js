// Today's allowance as the desk reads it: per kind (points, stored value, vouchers, their face
// value, calls), the role's limit per call and per GMT+8 day, what was used today and what is
// left, each an amount with its unit. Pure over the answer of `GET /v1/operations`; counted
// with BigInt, never through a float.
import * as i18n from './i18n.js';

const { t } = i18n;

const KINDS = ['points', 'value', 'vouchers', 'voucherValue', 'calls'];
const LABELS = {
  points: 'points',
  value: 'storedValue',
  vouchers: 'vouchers',
  voucherValue: 'allowanceVoucherValue',
  calls: 'allowanceCalls',
};
const UNITS = { points: 'points', vouchers: 'voucherUnit', calls: 'callUnit' };

/** A kind's name in the chosen language. */
export const kindLabel = (kind) => t(LABELS[kind]);

/** The measure a limit counts: `pointsPerDay` → `points`. */
export const measureOf = (limit) => String(limit).replace(/Per(Minute|Day)$/, '');

/** `n` of a measure with its unit: `300 积分`, `500.00 元` (stored value and face value are 分), `2 张`. */
export function amountOf(measure, n) {
  if (measure === 'value' || measure === 'voucherValue') return i18n.yuan(n);
  return `${n} ${t(UNITS[measure] ?? 'points')}`;
}

const big = (n) => (n === undefined || n === null ? null : BigInt(String(n)));

/**
 * The rows of the allowance: each kind the role limits, per call or per day, as `{ kind,
 * perCall, perDay, used, left }` (BigInt, or null where the role sets no such limit; `used`
 * null only where the proxy does not count the measure by day without a limit).
 */
export function allowanceRows(me) {
  const limits = me?.limits ?? {};
  const day = new Map((me?.against ?? []).filter((a) => /PerDay$/.test(a.limit)).map((a) => [measureOf(a.limit), a]));
  return KINDS.filter((k) => (k !== 'calls' && limits[k] !== undefined) || limits[`${k}PerDay`] !== undefined).map(
    (kind) => {
      const perDay = big(limits[`${kind}PerDay`]);
      const used = day.has(kind) ? big(day.get(kind).used) : big(me?.usage?.[kind]);
      const rest = perDay !== null && used !== null ? perDay - used : null;
      return {
        kind,
        perCall: kind === 'calls' ? null : big(limits[kind]),
        perDay,
        used,
        left: rest === null ? null : rest > 0n ? rest : 0n,
      };
    },
  );
}

/** What a day-limit refusal says is left today (the proxy's `details`), in words; '' for any other failure. */
export function leftTodayText(error) {
  const d = error?.code === 'LIMIT_EXCEEDED' ? error.details?.find((x) => x?.per === 'day') : null;
  return d ? i18n.fill(t('leftTodayIs'), { left: amountOf(measureOf(d.limit), d.left) }) : '';
}
