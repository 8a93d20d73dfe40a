// One row of a job, sent exactly as a single call is (call.js: review, admission and
// idempotency in the operator's Durable Object, the audit row with the job's id), and what
// became of it: ended (applied, refused) or to be sent again (a ban, a transient failure, an
// unknown outcome: the same request id makes that safe).
import { perform, recordRefusal } from '../call.js';
import { ProxyError, failure } from '../errors.js';
import { shopClock, untilNextMinute } from '../clock.js';
import { keepU8Balances } from '../u8balances.js';

/** The operation's name in the audit trail, as the single-call routes write it. */
export const operationName = (meta) => (meta.platform === 'u8' ? `u8:${meta.method}` : meta.method);

/**
 * Sends one row. `ctx`: `{ env, config, scrub, job, who, role, meta }`. Answers `{ end: {
 * outcome, code, message } }`, `{ ban: retryAfterMs }` (nothing applied: the job waits, then
 * sends it again) or `{ again: 'unknown' | 'transient', code, message }`.
 */
export async function sendRow(ctx, row) {
  const clock = shopClock();
  const c = {
    ...ctx,
    clock,
    job: { id: ctx.job.id },
    row: {
      at: new Date(clock.ms).toISOString(),
      day: clock.day,
      operator: ctx.who.operator,
      role: ctx.who.role,
      operation: operationName(ctx.meta).slice(0, 120),
      job: ctx.job.id,
    },
  };
  let answer;
  try {
    answer = await perform(c, structuredClone(row.params));
  } catch (caught) {
    if (!(caught instanceof ProxyError)) {
      await c.finish?.catch(() => {});
      return { again: 'transient', code: 'INTERNAL', message: String(caught?.message ?? caught).slice(0, 200) };
    }
    /** @type {any} */
    const thrown = caught;
    const e = !c.recorded && !thrown.recorded ? await recordRefusal(c, thrown) : thrown;
    await c.finish;
    const [, error] = failure(e);
    if (error.code === 'RATE_LIMITED') return { ban: Number(error.retry_after_ms ?? 1000) };
    // A per-minute limit passed by the job's pace: the job waits for the next minute.
    if (error.code === 'LIMIT_EXCEEDED' && /PerMinute:/.test(String(error.limit))) return { ban: untilNextMinute() };
    if (error.retriable) return { again: 'transient', code: error.code, message: ctx.scrub.text(error.message) };
    return { end: { outcome: 'refused', code: error.code, message: ctx.scrub.text(error.message) } };
  }
  await c.finish;
  const { body } = answer;
  if (body.ok && ctx.meta.platform === 'u8' && ctx.meta.method === 'points/change')
    await keepU8Balances(ctx.env.AUDIT_DB, answer);
  if (body.ok) return { end: { outcome: 'applied', code: null, message: null } };
  const error = body.error;
  const code = error.platform_code ?? error.code;
  if (error.outcome === 'unknown') return { again: 'unknown', code, message: error.message };
  // A ban (TOP code 7, U8 调用太频繁) applied nothing: the job waits it out.
  if (error.code === 'RATE_LIMITED') return { ban: Number(error.retry_after_ms ?? 1000) };
  if (error.retriable) return { again: 'transient', code, message: error.message };
  return { end: { outcome: 'refused', code, message: error.sub_msg ?? error.message } };
}
