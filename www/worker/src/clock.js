// Time in the shops' zone (GMT+8): day limits, minutes and audit filters count in it.

/** `{ day: 'yyyy-MM-dd', minute: 'yyyy-MM-ddTHH:mm', ms }` in GMT+8. */
export function shopClock(ms = Date.now()) {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { day: iso.slice(0, 10), minute: iso.slice(0, 16), ms };
}

/** Milliseconds until the current GMT+8 minute ends. */
export const untilNextMinute = (ms = Date.now()) => 60_000 - (ms % 60_000);
