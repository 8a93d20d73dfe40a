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

/** `138****0001`: the console shows no full mobile number. */
export const maskMobile = (m) => (typeof m === 'string' && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : m);

// An amount the platform states in 分: digits, then 分 — not 积分 (points, where 分 follows 积),
// not 分钟 (minutes).
const FEN_IN_TEXT = /(?<![\d.])(\d{1,15})\s*分(?!钟)/g;

/** A platform's message with every amount it states in 分 written in 元: `可用 500 分` → `可用 5.00 元`. */
export const fenAsYuanIn = (text, yuanWord) =>
  typeof text === 'string' ? text.replace(FEN_IN_TEXT, (_, fen) => `${fenText(fen)} ${yuanWord}`) : text;
