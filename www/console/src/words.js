// The desk's words for what the console shows: amounts in 元 and points, what an operation
// moved, balances before and after, an operation's name, why a write failed. In the chosen
// language, read again at each render.
import { operations } from './sdk/index.js';
import * as i18n from './i18n.js';
import { failureKind } from './api.js';
import { fenAsYuanIn } from './format.js';
import { ACTIONS, actionOf, recordOf, VOUCHER_CHANGE } from './catalog.js';
import { withConsoleChoices } from './choices.js';
import { leftTodayText } from './allowance.js';

const { t, yuan } = i18n;

const META = new Map(operations().map((o) => [o.method, withConsoleChoices(o)]));
/** The SDK's metadata of a method (undefined for one it does not declare), with the console's choices. */
export const metaOf = (method) => META.get(method);

// The desk's words for amounts, from i18n.js where the unit's word is.
export { yuan };

/** What an operation moved, in words: `300 积分 + 15.00 元`, or the vouchers it named. */
export function movedText(m = {}) {
  const parts = [];
  if (m.points && m.points !== '0') parts.push(`${m.points} ${t('points')}`);
  if (m.value && m.value !== '0') parts.push(yuan(m.value));
  if (m.vouchers?.length) parts.push(`${t('vouchers')} ${m.vouchers.join(',')}`);
  if (m.issued) parts.push(`${t('issued')} ${m.issued.name} × ${m.issued.count} ${t('voucherUnit')}`);
  return parts.join(' + ');
}

/** Balances before → after: ALSC points / stored value, or U8's points. */
export function balancesText(b) {
  if (!b) return '';
  if (b.u8) return `${b.u8[0]} → ${b.u8[1]}`;
  return `${b.before.points}/${yuan(b.before.value)} → ${b.after.points}/${yuan(b.after.value)}`;
}

/** An operation's name as the desk says it: its action, or the labelled choice saying what it does. */
export function opName(method, body) {
  const action = actionOf(method);
  const meta = META.get(method);
  const record = recordOf(body);
  const choice = action?.kind
    ? meta.fields.find((f) => f.name === action.kind)?.choices?.find((c) => c.value === String(record[action.kind]))
    : undefined;
  if (choice) return i18n.lang() === 'en' ? choice.en : choice.zh;
  if (method === VOUCHER_CHANGE)
    return `${t('vouchers')} ${t(record.voucher_status_action === 'ISUSED_NORMAL' ? 'restoreVoucher' : 'useVoucher')}`;
  return action ? t(action.tab) : i18n.title(meta);
}

/** The message of a failed write, in the operator's words; a platform's amounts in 分 read in 元. */
export function failureText(r) {
  const kind = failureKind(r);
  if (kind === 'invalid') return i18n.ruleMessage(r.error, r.error.field ?? '', {});
  if (kind === 'proxy_unreachable') return t('proxyDown');
  if (kind === 'platform_unreachable') return t('platformDown');
  const said = fenAsYuanIn(i18n.errorMessage(r.error), t('yuan'));
  // A day limit's refusal says what is left of it today.
  const left = leftTodayText(r.error);
  return left ? `${said} · ${left}` : said;
}

/** An audited operation's name (`u8:` marks U8's) as the desk says it. */
export function auditTitle(op) {
  // The proxy's own audited changes: a U8 member linked (or a link replaced) by an operator.
  if (op === 'link:u8' || op === 'link:u8:replace') return t(op === 'link:u8' ? 'auditU8Link' : 'auditU8Relink');
  const action = ACTIONS.find((a) => (a.u8 ? `u8:${a.method}` : a.method) === op);
  const meta = META.get(op?.replace(/^u8:/, ''));
  return action ? t(action.tab) : meta ? i18n.title(meta) : (op ?? '');
}

/** What an audit row says a call moved. */
export const auditAmount = (a) =>
  [a.points !== '0' && a.points ? `${a.points} ${t('points')}` : '', a.value !== '0' && a.value ? yuan(a.value) : '']
    .filter(Boolean)
    .join(' / ');
