// The limits a role may set, declared once, and the one admission decision over them: a pure
// function of the role's limits, the operator's usage so far and the call's effect, which the
// operator's Durable Object calls inside its atomic step.
//
// A limit is a measure counted in a window: per call, per minute or per day (GMT+8). Every
// call counts toward `calls`; the amounts are what the call could move at most (the package's
// effectOf, a reversal's recorded order added), never less.

/** What is counted, and how a message names it. */
export const MEASURES = Object.freeze({
  calls: { unit: 'calls' },
  points: { unit: 'points' },
  value: { unit: '分 of stored value' },
  vouchers: { unit: 'vouchers' },
  voucherValue: { unit: '分 of voucher face value' },
});

/** The amounts a call moves (every measure but `calls`). */
export const AMOUNTS = Object.freeze(['points', 'value', 'vouchers', 'voucherValue']);

const WINDOW = { call: 'in one call', minute: 'a minute', day: 'a day' };

/**
 * Every limit a role may set in `ROLES` (`limits`), by name: `points` (per call),
 * `pointsPerMinute`, `pointsPerDay`, and so for `value`, `vouchers`, `voucherValue`;
 * `callsPerMinute`, `callsPerDay`.
 */
export const LIMITS = Object.freeze([
  ...AMOUNTS.flatMap((measure) => [
    { name: measure, measure, per: 'call' },
    { name: `${measure}PerMinute`, measure, per: 'minute' },
    { name: `${measure}PerDay`, measure, per: 'day' },
  ]),
  { name: 'callsPerMinute', measure: 'calls', per: 'minute' },
  { name: 'callsPerDay', measure: 'calls', per: 'day' },
]);

const BY_NAME = new Map(LIMITS.map((l) => [l.name, l]));

/** Whether `name` is a limit a role may set. */
export const isLimit = (name) => BY_NAME.has(name);

/** An empty usage row: every measure at zero. */
export const zeroUsage = () => ({ calls: 0n, points: 0n, value: 0n, vouchers: 0n, voucherValue: 0n });

/** Whether a role limits any amount (such a role is refused calls it cannot bound). */
export const limitsAmounts = (limits) => LIMITS.some((l) => l.measure !== 'calls' && limits?.[l.name] !== undefined);

/**
 * The admission decision. `limits`: the role's (numbers); `usage`: `{ minute, day }`, each a
 * usage row (BigInt) before this call; `effect`: `{ points, value, vouchers, voucherValue,
 * unbounded }` (BigInt; `voucherValue` null when a voucher's face value is not known). Answers
 * `{ ok: true }`, or `{ ok: false, limit: 'pointsPerDay:3000', name, measure, per, max, used,
 * asked, message, retryAfterMs? }` for the first limit the call would pass. Calls are checked
 * first (a call over `callsPerMinute` is refused whatever it moves), then what cannot be
 * bounded, then each amount per call, per minute, per day.
 */
/**
 * @param {{ limits?: Record<string, number>, usage: { minute: object, day: object }, effect: object, retryAfterMs?: number }} input
 */
export function admit({ limits = {}, usage, effect, retryAfterMs }) {
  const refuse = (l, used, asked, message, extra = {}) => ({
    ok: false,
    limit: `${l.name}:${limits[l.name]}`,
    name: l.name,
    measure: l.measure,
    per: l.per,
    max: BigInt(limits[l.name]),
    used,
    asked,
    message,
    ...extra,
  });
  for (const l of LIMITS.filter((x) => x.measure === 'calls')) {
    const max = limits[l.name];
    if (max === undefined) continue;
    const used = usage[l.per].calls;
    if (used + 1n > BigInt(max))
      return refuse(l, used, 1n, `this operator may make at most ${max} calls ${WINDOW[l.per]}`, {
        retryAfterMs: l.per === 'minute' ? retryAfterMs : undefined,
      });
  }
  if (effect.unbounded && limitsAmounts(limits)) {
    const message = `this role has limits, and how much this call could move cannot be bounded: ${effect.unbounded.reason}`;
    return { ok: false, limit: 'amount', name: 'amount', field: effect.unbounded.field ?? undefined, message };
  }
  for (const per of ['call', 'minute', 'day']) {
    for (const l of LIMITS.filter((x) => x.per === per && x.measure !== 'calls')) {
      const max = limits[l.name];
      if (max === undefined) continue;
      const asked = effect[l.measure];
      if (asked === null) {
        // Only vouchers whose face value the proxy has not seen.
        if (effect.vouchers === 0n) continue;
        return refuse(
          l,
          0n,
          null,
          `this role may move at most ${max} ${MEASURES[l.measure].unit} ${WINDOW[per]}, and the face value of these vouchers is not known: list the customer's vouchers first`,
        );
      }
      if (asked === 0n) continue;
      const used = per === 'call' ? 0n : usage[per][l.measure];
      if (used + asked > BigInt(max)) {
        const said = per === 'call' ? `(asked ${asked})` : `(${used} used, ${asked} asked)`;
        return refuse(
          l,
          used,
          asked,
          `this ${per === 'call' ? 'role' : 'operator'} may move at most ${max} ${MEASURES[l.measure].unit} ${WINDOW[per]} ${said}`,
        );
      }
    }
  }
  return { ok: true };
}

/** Adds (or, with `sign` -1n, takes away) an effect's amounts to a usage row. */
export function addTo(row, effect, sign = 1n) {
  for (const m of AMOUNTS) row[m] += sign * (effect[m] ?? 0n);
  return row;
}
