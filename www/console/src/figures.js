// The books' figures as the desk reads them, each with its unit: points as counted, stored
// value (kept in 分) in 元, vouchers counted. The proxy sends them as decimal strings, never
// floats; they stay strings here.
import { fenToYuan } from './sdk/meaning.js';
import * as i18n from './i18n.js';

const { t } = i18n;

/** The close's figures, in the order the screens list them. */
export const FIGURES = [
  'points_deducted',
  'points_added',
  'u8_points_deducted',
  'u8_points_added',
  'value_paid',
  'value_paid_reversed',
  'value_topped_up',
  'value_refunded',
  'value_frozen',
  'vouchers_redeemed',
  'vouchers_restored',
  'vouchers_issued',
];

/** The close's counts of writes by outcome. */
export const COUNTS = ['applied', 'refused', 'unknown', 'settled'];

/** A figure's amount with its unit: `300 积分`, `15.00 元`, `2 张`. */
export function figureText(name, amount) {
  const v = String(amount ?? '0');
  if (name.startsWith('value')) return `${fenToYuan(v) ?? v}\u00a0${t('yuan')}`;
  if (name.startsWith('vouchers')) return `${v} ${t('voucherUnit')}`;
  if (COUNTS.includes(name)) return v;
  return `${v} ${t('points')}`;
}

/** What a write moved, by figure, in words: `扣减积分 300 积分 · 储值支付 15.00 元`. */
export const movesText = (moves) =>
  FIGURES.filter((f) => moves?.[f] !== undefined && moves[f] !== '0')
    .map((f) => `${i18n.books(f)} ${figureText(f, moves[f])}`)
    .join(' · ');
