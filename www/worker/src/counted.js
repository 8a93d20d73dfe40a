// A route that moves nothing still counts toward the operator's calls per minute and day, in
// the operator's Durable Object, like a call to a platform.
import { ProxyError } from './errors.js';

/** Counts the call; throws RATE_LIMITED past the role's calls limits. Answers the usage after it. */
export async function countCall(c) {
  const { env, who, role, clock } = c;
  const got = await env.OPERATORS.get(env.OPERATORS.idFromName(who.operator)).touch({
    day: clock.day,
    minute: clock.minute,
    now: clock.ms,
    limits: role.limits,
  });
  if (got.verdict === 'limit')
    throw new ProxyError('RATE_LIMITED', got.admission.message, {
      limit: got.admission.limit,
      retriable: true,
      retryAfterMs: Number(got.admission.retryAfterMs),
    });
  return got;
}
