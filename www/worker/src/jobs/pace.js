// A platform's pace for a job: each call waits for its turn just before it is sent (after its
// admission, whose round trip to the operator's Durable Object varies), one interval after the
// one before, and never more than the rate's worth in any second, plus a margin for the way
// there. A turn late by less than half an interval keeps the schedule (timers overshoot); a
// later one moves it, so a stall is never made up by a burst.
const MARGIN_MS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A function whose promise resolves at the caller's turn, `rate` calls a second. */
export function pacer(rate) {
  const interval = 1000 / rate;
  const perSecond = Math.max(1, Math.floor(rate));
  const turns = [];
  let next = 0;
  let queue = Promise.resolve();
  const turn = async () => {
    const at = Math.max(next, turns.length === perSecond ? turns[0] + 1000 + MARGIN_MS : 0);
    if (at > Date.now()) await sleep(at - Date.now());
    const now = Date.now();
    next = Math.max(next, now - interval / 2) + interval;
    turns.push(now);
    if (turns.length > perSecond) turns.shift();
  };
  return () => (queue = queue.then(turn));
}
