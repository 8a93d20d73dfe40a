// What the proxy's tests share: the sandbox and a fleet of proxy isolates on it, operators of
// every kind the tests need, and a wait for the audit trail to catch up (the operators'
// Durable Objects write it from their outbox, a moment after each answer).
import { createHash } from 'node:crypto';
import { startSandbox } from '../../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../../www/worker/local.mjs';

export const CUSTOMER = '7027365982937563912722';
export const MANAGER = { authorization: 'Bearer demo-manager-token', 'content-type': 'application/json' };
export const CASHIER = { authorization: 'Bearer demo-cashier-token', 'content-type': 'application/json' };

const hash = (t) => createHash('sha256').update(t).digest('hex');

/**
 * Extra operators, each signed in with `token-<name>`: `{ name: { role, scope } }`. The demo's
 * two stay.
 */
export function tokensWith(extra) {
  const all = JSON.parse(demoVars().CONSOLE_TOKENS);
  for (const [name, { role, scope }] of Object.entries(extra))
    all[hash(`token-${name}`)] = { operator: `op-${name}`, role, scope: scope ?? { 10001: ['20001'] } };
  return JSON.stringify(all);
}

/** The demo roles with others added or replaced. */
export function rolesWith(extra) {
  return JSON.stringify({ ...JSON.parse(demoVars().ROLES), ...extra });
}

/** Headers of an extra operator. */
export const as = (name) => ({ authorization: `Bearer token-${name}`, 'content-type': 'application/json' });

/** A sandbox and `isolates` copies of the proxy on it; `vars` add to or replace the demo's. */
export async function startFleet({ isolates = 2, vars = {}, upstream } = {}) {
  const sb = await startSandbox({ port: 0 });
  const gateway = upstream ?? sb.url;
  const fleet = await startWorker({
    vars: {
      ...demoVars(),
      TOP_GATEWAY: `${gateway}/router/rest`,
      U8_BASE_URL: gateway,
      UPSTREAM_RETRIES: '0',
      ...vars,
    },
    assetsDir: '/nonexistent',
    isolates,
  });
  const post = (i, path, body, headers = MANAGER) =>
    fleet.fetchVia(i, path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const get = (i, path, headers = MANAGER) => fleet.fetchVia(i, path, { headers });
  const sandbox = async () => (await fetch(`${sb.url}/__sandbox/ledger`)).json();
  return {
    sb,
    fleet,
    post,
    get,
    sandbox,
    customer: async () => (await sandbox()).customers.find((c) => c.customer_id === CUSTOMER),
    journal: async () => (await (await fetch(`${sb.url}/__sandbox/journal`)).json()).journal,
    reset: () => fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' }),
    faults: (app, list) =>
      fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ app, faults: list }) }),
    /** An operator's Durable Object, called directly. */
    ledger: async (operator) => {
      const ns = await fleet.mf.getDurableObjectNamespace('OPERATORS');
      return ns.get(ns.idFromName(operator));
    },
    /** Waits until these operators' outboxes are drained (every answered call's row is in D1). */
    settled: async (...operators) => {
      const ns = await fleet.mf.getDurableObjectNamespace('OPERATORS');
      for (const op of operators) {
        for (let i = 0; ; i++) {
          const stats = await ns.get(ns.idFromName(op)).stats();
          if ((await stats.queued) === 0) break;
          if (i > 800) throw new Error(`the audit rows of ${op} were not written (${await stats.queued} queued)`);
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    },
    /** Every audit row, read straight from D1, oldest first. */
    rows: async () =>
      (await (await fleet.mf.getD1Database('AUDIT_DB')).prepare('SELECT * FROM audit ORDER BY id').all()).results,
    close: async () => {
      await fleet.close();
      await sb.close();
    },
  };
}

export const deduct = (points, extra = {}) => ({
  biz_channel: 'CS',
  brand_id: '10001',
  shop_id: '20001',
  change_point: points,
  customer_id: CUSTOMER,
  out_biz_id: `O-${Math.random()}`,
  reason: '补扣',
  ...extra,
});

export const record = (extra = {}) => ({
  mid: '10000001',
  action_type: 5,
  ori_money: '1',
  calc_money: '1',
  ori_points: 10,
  source_code: `S-${Math.random()}`,
  ...extra,
});
