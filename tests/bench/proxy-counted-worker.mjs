// The proxy as `make bench` runs it: its real fetch handler and Durable Objects, with every
// round trip counted on the way out (to a Durable Object from the Worker, awaited or not; to D1
// and to another Durable Object from the operators' outboxes). `/__bench/counts` answers the
// counts, `/__bench/reset` zeroes them, `/__bench/stats?operator=` an operator's storage.
import proxy, { OperatorLedger as Ledger } from '../../www/worker/src/index.js';

const zero = () => ({ begin: 0, finish: 0, touch: 0, other: 0, orders: 0, u8: 0, d1: 0, outboxOrders: 0 });
let counts = zero();

// The methods each Durable Object is called by: each call is counted under `as`, or its name.
const METHODS = {
  begin: 'begin',
  finish: 'finish',
  touch: 'touch',
  stats: 'other',
  records: 'other',
  lookup: null,
  note: null,
  claim: null,
  token: null,
};

/** A namespace whose stubs count each method called on them, by name or under `as`. */
function counting(ns, as) {
  return {
    idFromName: (n) => ns.idFromName(n),
    get: (id) => {
      const stub = ns.get(id);
      const counted = {};
      for (const [name, key] of Object.entries(METHODS))
        counted[name] = (...args) => {
          counts[as ?? key ?? 'other']++;
          return stub[name](...args);
        };
      return counted;
    },
  };
}

function countingD1(db) {
  return {
    prepare: (...a) => db.prepare(...a),
    batch: (...a) => {
      counts.d1++;
      return db.batch(...a);
    },
  };
}

export class OperatorLedger extends Ledger {
  constructor(ctx, env) {
    super(ctx, { ...env, AUDIT_DB: countingD1(env.AUDIT_DB), ORDERS: counting(env.ORDERS, 'outboxOrders') });
  }
}
// wrangler.toml binds these too: the Workflows' classes, as the proxy has them.
export { OrderBook, U8TokenHolder, ReconciliationRun, BulkJob } from '../../www/worker/src/index.js';

const wrapped = new WeakMap();

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/__bench/counts') return Response.json(counts);
    if (url.pathname === '/__bench/reset') {
      counts = zero();
      return Response.json(counts);
    }
    if (url.pathname === '/__bench/touch') {
      // One round trip to an operator's Durable Object and nothing else: its share of a call.
      const now = Date.now();
      await env.OPERATORS.get(env.OPERATORS.idFromName('op-bench-touch')).touch({
        day: 'd',
        minute: 'm',
        now,
        limits: {},
      });
      return new Response('ok');
    }
    if (url.pathname === '/__bench/stats') {
      const op = url.searchParams.get('operator');
      return Response.json(await env.OPERATORS.get(env.OPERATORS.idFromName(op)).stats());
    }
    if (!wrapped.has(env))
      wrapped.set(env, {
        ...env,
        OPERATORS: counting(env.OPERATORS),
        ORDERS: counting(env.ORDERS, 'orders'),
        U8_TOKEN: counting(env.U8_TOKEN, 'u8'),
      });
    return proxy.fetch(request, wrapped.get(env), ctx);
  },
};
