// GET /v1/operations: who the operator is, where they work (brands and shops by name), their
// role's limits and today's usage against each, and the operations they may call.
import { countCall } from '../counted.js';
import { OPERATIONS } from '../catalog.js';
import { scopeView } from '../scope.js';
import { LIMITS } from '../limits.js';

export async function operationsRoute(c) {
  const { who, role, clock } = c;
  const got = await countCall(c);
  const allowed = OPERATIONS.filter((o) => role.methods.has(o.platform === 'u8' ? `u8:${o.method}` : o.method));
  const { day, minute } = got.usage;
  // Usage against every limit the role sets: the per-call ones have none.
  const against = LIMITS.filter((l) => role.limits[l.name] !== undefined && l.per !== 'call').map((l) => ({
    limit: l.name,
    max: role.limits[l.name],
    used: l.per === 'day' ? day[l.measure] : minute[l.measure],
  }));
  return {
    status: 200,
    body: {
      ok: true,
      data: {
        operator: who.operator,
        role: role.name,
        limits: role.limits,
        confirm: role.confirm,
        usage: {
          day: clock.day,
          points: Number(day.points),
          value: Number(day.value),
          vouchers: Number(day.vouchers),
          calls: Number(day.calls),
        },
        against,
        audit: role.audit,
        reverse: role.reverse,
        full_mobile: role.fullMobile,
        // Whether the role runs bulk jobs, and the most one job may move.
        jobs: role.jobs ? { limits: role.jobs.limits, day: role.jobs.day } : null,
        books: role.books,
        permissions: [...role.methods].filter((m) => !OPERATIONS.some((o) => o.method === m || `u8:${o.method}` === m)),
        brands: scopeView(who, c.config.shops),
        operations: allowed,
      },
      request_id: null,
    },
  };
}
