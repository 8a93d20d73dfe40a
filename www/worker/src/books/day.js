// GMT+8 days, as the books count them: a day's bounds in epoch ms, its neighbours, and the
// platform's way of writing a time (yyyy-MM-dd HH:mm:ss in GMT+8).
import { shopClock } from '../clock.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ZONE_MS = 8 * 3600_000;
export const DAY_MS = 86400_000;

/** The first ms of a GMT+8 day, or NaN when `day` is not a real yyyy-MM-dd date. */
export function dayStart(day) {
  const m = DAY.exec(day ?? '');
  if (!m) return NaN;
  const [y, mo, d] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms - ZONE_MS : NaN;
}

/** The day `n` days after `day` (n may be negative). */
export const dayAfter = (day, n = 1) => shopClock(dayStart(day) + n * DAY_MS).day;

/** `{ from, to }`: the day's first ms and the first ms of the next. */
export const dayBounds = (day) => ({ from: dayStart(day), to: dayStart(day) + DAY_MS });

/** Epoch ms as the platform writes times: yyyy-MM-dd HH:mm:ss in GMT+8. */
export const platformTime = (ms) => new Date(ms + ZONE_MS).toISOString().replace('T', ' ').slice(0, 19);

/** The platform's yyyy-MM-dd HH:mm:ss (GMT+8) as epoch ms; NaN when it is not one. */
export function parsePlatformTime(text) {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(String(text ?? '').trim());
  if (!m) return NaN;
  const [h, mi, s] = m.slice(2).map(Number);
  if (h > 23 || mi > 59 || s > 59) return NaN;
  return dayStart(m[1]) + ((h * 60 + mi) * 60 + s) * 1000;
}

/**
 * A day a caller asked for: `yyyy-MM-dd`, a real date, not after today (GMT+8). Answers the
 * day, or an error message naming the rule.
 */
export function checkDay(text, nowMs) {
  if (typeof text !== 'string' || Number.isNaN(dayStart(text))) return { error: 'must be a date written yyyy-MM-dd' };
  if (text > shopClock(nowMs).day) return { error: 'must not be after today (GMT+8)' };
  return { day: text };
}
