// Amounts and mobiles as the desk reads and types them. Pure: no DOM, no language state (the
// unit's word is passed in), so node:test checks it directly.

/** 分 as `12.34` (元), by digits, never through a float; anything not an integer is shown as it is. */
export function fenText(fen) {
  const digits = String(fen ?? 0);
  if (!/^-?\d+$/.test(digits)) return digits;
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(3, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -2).replace(/^0+(?=\d)/, '')}.${abs.slice(-2)}`;
}

/** `12.34` (元) as 1234 (分), exactly, without a float; null when it is not an amount. */
export function yuanToFen(text) {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

// Digits, point, comma and minus as a Chinese keyboard may type them (full width).
const halfWidth = (s) =>
  s.replace(/[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * A number as a desk types it, in the plain form the rules read: full-width digits made
 * half-width, thousands separators dropped where they group by three (`1,000`, `12,345.6`;
 * `1,00` is left for the rules to refuse), spaces between groups dropped, `.5` read as `0.5`
 * and `5.` as `5`. Anything else is given back as typed.
 */
export function asTyped(text) {
  const s = halfWidth(String(text).trim());
  const m = /^(-?)(\d{1,3}(?:[, ]\d{3})+|\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) return s;
  const whole = m[2].replace(/[, ]/g, '') || '0';
  return `${m[1]}${whole}${m[3] ? `.${m[3]}` : ''}`;
}

/** `138****0001`: the console shows no full mobile number. */
export const maskMobile = (m) => (typeof m === 'string' && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : m);

// An amount the platform states in 分: digits, then 分 — not 积分 (points, where 分 follows 积),
// not 分钟 (minutes).
const FEN_IN_TEXT = /(?<![\d.])(\d{1,15})\s*分(?!钟)/g;

/** A platform's message with every amount it states in 分 written in 元: `可用 500 分` → `可用 5.00 元`. */
export const fenAsYuanIn = (text, yuanWord) =>
  typeof text === 'string' ? text.replace(FEN_IN_TEXT, (_, fen) => `${fenText(fen)}\u00a0${yuanWord}`) : text;

/** A moment in the shops' zone, GMT+8, as the books write it: `YYYY-MM-DD HH:mm:ss`. */
export const gmt8 = (at) => {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ') : '';
};

/** A chart's time tick (epoch seconds) as its step calls for, in GMT+8: `HH:mm:ss`, `MM-DD HH:mm` or `YYYY-MM-DD`. */
export const timeTick = (s, step) => {
  const at = gmt8(s * 1000);
  return step < 60 ? at.slice(11) : step < 86400 ? at.slice(5, 16) : at.slice(0, 10);
};
