// One call to a platform, from the operator's parameters to the answer: read what the call
// means (the package's meaning functions), check it (scope, validation, permissions, reason),
// bound it (its effect, a reversal's order), admit and reserve it in the operator's Durable
// Object (one round trip), send it, and record its outcome there without waiting.
import {
  validate,
  newRequestId,
  businessParams,
  effectOf,
  reversalOf,
  orderIdsOf,
  customerOf,
  voucherFacesOf,
  permissionsOf,
  reasonField,
  normalizeMobile,
} from 'loyalty-sdk';
import { ProxyError, failure } from './errors.js';
import { checkScope, inScope } from './scope.js';
import { outcomeOf } from './outcome.js';
import { canonical, sha256, bounded } from './summary.js';
import { clientsFor, u8Client, cappedFetch, tooLarge } from './upstream.js';
import { movesOf } from './moves.js';
import { movedOf } from './moved.js';
import { heldOn } from './held.js';
import { usedVouchers } from './vouchers.js';
import { customerKey, checkCustomer, customerIdsOf, pointCustomers } from './whose.js';

// A pending U8 write keeps its records this long at most, for a reconciliation run to send
// again (U8 has no flow query: its own idempotency answers the recorded rows).
const RESEND_BYTES = 8192;

const ledgerOf = (env, operator) => env.OPERATORS.get(env.OPERATORS.idFromName(operator));

/** The audit row's amounts: what the call could move, as exact integers. */
const amountsRow = (e) => ({ points: String(e.points), value: String(e.value), vouchers: String(e.vouchers) });

/** What a write moved (moved.js) as a note keeps it: amounts as decimal text. */
const movedRow = (m) => ({ points: String(m.points), value: String(m.value), voucherIds: m.voucherIds });

/**
 * Records a call refused before admission (it counts toward the operator's calls, and its
 * audit row is queued like any other), and answers the error to give: the refusal, or
 * RATE_LIMITED when the operator is over their calls.
 */
export async function recordRefusal(c, e) {
  const [status, error] = failure(e);
  Object.assign(c.row, { outcome: error.code, status });
  const got = await ledgerOf(c.env, c.who.operator).begin({
    ...base(c),
    key: null,
    row: c.scrub.value(c.row),
    refusal: { outcome: error.code, status },
  });
  if (got.verdict !== 'limit') return e;
  const limited = rateLimited(got.admission);
  const [s, err] = failure(limited);
  Object.assign(c.row, { outcome: err.code, status: s });
  return limited;
}

const rateLimited = (a) =>
  new ProxyError('RATE_LIMITED', a.message ?? 'too many calls for this operator', {
    limit: a.limit,
    retriable: true,
    retryAfterMs: a.retryAfterMs === undefined ? undefined : Number(a.retryAfterMs),
  });

/** What every admission passes the operator's ledger. */
const base = (c) => ({
  day: c.clock.day,
  minute: c.clock.minute,
  now: c.clock.ms,
  limits: c.role.limits,
  writes: Boolean(c.meta?.writes),
  maxBacklog: c.config.auditBacklog,
  windowMs: c.config.idempotencyMs,
  draftMs: 2 * c.config.timeoutMs * (c.config.retries + 1) + 60_000,
  effect: { points: '0', value: '0', vouchers: '0' },
  job: c.job ?? null,
});

/**
 * The parameters as they will be sent: a copy, the operator's fields filled, scope checked.
 * @returns {{ params: any, place: object }} params: the business object, or U8's records
 */
function prepare(c, body) {
  const { meta, who } = c;
  const inner = businessParams(meta, body);
  if (inner === null)
    throw new ProxyError(
      'BAD_REQUEST',
      meta.list
        ? `${meta.method} takes a JSON array of records`
        : 'the body must be a JSON object of business parameters',
      { field: 'body' },
    );
  if (meta.list)
    return {
      params: /** @type {unknown[]} */ (inner).map((r) => (r && typeof r === 'object' ? { ...r } : r)),
      place: {},
    };
  const params = /** @type {Record<string, any>} */ ({ ...inner });
  const names = meta.fields.map((f) => f.name);
  // A mobile written any common way (+86, spaces, dashes, full-width) goes as its 11 digits.
  for (const k of ['mobile', 'phone'])
    if (names.includes(k) && normalizeMobile(params[k])) params[k] = normalizeMobile(params[k]);
  if (names.includes('operator_id')) params.operator_id = who.operator;
  if (meta.writes && (params.request_id === undefined || params.request_id === '')) params.request_id = newRequestId();
  c.row.request_id = typeof params.request_id === 'string' ? params.request_id : undefined;
  const place = checkScope(params, names, who, c.config.shops);
  return { params, place };
}

function check(c, params) {
  let errors;
  try {
    errors = validate(c.meta.method, params, { lang: c.lang });
  } catch (e) {
    // The body could not be handed to the core: a lone surrogate, say.
    throw new ProxyError('BAD_REQUEST', `the body cannot be read: ${e.message}`, { field: 'body' });
  }
  if (errors.length)
    throw new ProxyError('INVALID_PARAM', errors[0].message, { field: errors[0].field, details: errors.slice(0, 50) });
  for (const permission of permissionsOf(c.meta, params))
    if (!c.role.methods.has(permission))
      throw new ProxyError('FORBIDDEN', `role ${c.role.name} may not ${permission} (a permission of its own)`, {
        field: 'permission',
      });
  const reason = reasonField(c.meta);
  if (reason && !(typeof params[reason] === 'string' && params[reason].trim()))
    throw new ProxyError('INVALID_PARAM', `${reason} is required: say why this adjustment is made by hand`, {
      field: reason,
      details: [{ field: reason, rule: 'required', message: `${reason} is required for an adjustment by hand` }],
    });
}

/**
 * A reversal's bound: the call's own fields, or the order's recorded effect where the call
 * gives back what the order recorded (the larger of the two). Only orders the proxy recorded,
 * made inside the operator's scope as the role reads it (`reverse`: own orders, or the
 * shops'), for one customer, the one it names (whose.js), may be reversed. A whole-order
 * refund of an order whose writes used vouchers lists them (`filled`): the platform gives
 * back the vouchers a refund lists, else every one used on the order, whoever used it.
 */
async function bindReversal(c, rev, effect, place, claimed, params) {
  const { who, role } = c;
  const notYours = (order, why) =>
    new ProxyError('OUT_OF_SCOPE', `${rev.field} ${String(order).slice(0, 64)}: ${why}`, { field: rev.field });
  if (c.meta.platform === 'u8') {
    for (const order of rev.orders) {
      const o = claimed.originals.find((x) => x.code === order);
      if (!o) throw notYours(order, 'the proxy has no record of this order, so who made it cannot be told');
      const mine = o.operator === who.operator;
      const ours = o.brands.every((b) => who.scope.get(b) === '*');
      if (!mine && (role.reverse !== 'shops' || !ours)) throw notYours(order, 'made by another operator');
    }
    return { ids: [], found: [], readers: new Map() };
  }
  if (!rev.orders.length)
    throw new ProxyError(
      'INVALID_PARAM',
      `${rev.field} is required: a reversal names the order it reverses, one the proxy recorded`,
      { field: rev.field, details: [{ field: rev.field, rule: 'required', message: `${rev.field} is required` }] },
    );
  if (!place.brand) throw notYours(rev.orders[0], 'name the brand the order was made at');
  const found = await c.env.ORDERS.get(c.env.ORDERS.idFromName(place.brand)).lookup({ orders: rev.orders });
  const ids = [];
  // Whose point flows bound each order, when the reversal gives its whole points back.
  const readers = new Map();
  for (const f of found) {
    if (!f.known)
      throw notYours(f.order, 'the proxy has no record of this order, so what it would give back cannot be bounded');
    if (role.reverse === 'own' && f.operators.some((o) => o !== who.operator))
      throw notYours(f.order, 'made by another operator; this role reverses its own orders');
    if (role.reverse === 'shops' && f.shops.some((s) => !inScope(who, place.brand, s)))
      throw notYours(f.order, 'made at a shop you do not work at');
    await checkCustomer(rev, f, params);
    for (const kind of rev.fromOrder) {
      const recorded = BigInt(f[kind]);
      if (recorded > effect[kind]) effect[kind] = recorded;
    }
    if (rev.fromOrder.includes('vouchers')) ids.push(...f.voucherIds);
    if (rev.fromOrder.includes('points')) readers.set(f.order, pointCustomers(c, rev, f, params));
  }
  const list = c.meta.reverses.partial?.vouchers ?? 'voucher_id_list';
  const used = found.flatMap((f) => f.moved.voucherIds);
  const filled = rev.fromOrder.includes('vouchers') && used.length > 0;
  if (filled) params[list] = [...new Set(used)];
  // Vouchers a reversal gives back are used vouchers made good again, whoever used them.
  if (c.meta.reverses.returns.includes('vouchers') && !role.methods.has('voucher:restore'))
    throw new ProxyError('FORBIDDEN', `role ${role.name} may not voucher:restore, which ${c.meta.method} does`, {
      field: 'permission',
    });
  // No flow lists an order's vouchers, so the platform's count of them cannot be read: a
  // reversal giving back the order's vouchers (none listed) cannot be bounded for a role that
  // limits vouchers; one that lists them counts those it lists.
  const voucherLimit = Object.keys(role.limits ?? {}).find((l) => l.startsWith('voucher'));
  if (rev.fromOrder.includes('vouchers') && !filled && voucherLimit !== undefined) {
    throw new ProxyError(
      'LIMIT_EXCEEDED',
      `this role limits vouchers (${voucherLimit}), and how many vouchers ${c.meta.method} gives back of the whole order cannot be read from the platform: list those it gives back in ${list}`,
      { limit: 'amount', field: list },
    );
  }
  return { ids, found, readers, filled };
}

/**
 * What a whole-order refund not `filled` with the order's vouchers gives back: whichever were
 * used on the order, which no read shows, so at most every voucher the customer holds used.
 * Read once the call is admitted (a role limiting vouchers was refused it before): the call
 * counts them in its audit row and moves.
 */
async function countUsedVouchers(c, rev, place, params, effect, filled) {
  if (!rev.fromOrder.includes('vouchers') || filled || typeof params.customer_id !== 'string') return;
  const { config } = c;
  const used = await usedVouchers(
    clientsFor(config).top,
    { brand: place.brand, shop: place.shop, customer: params.customer_id },
    { timeoutMs: config.timeoutMs, retries: config.retries, fetch: cappedFetch(config.maxAnswerBytes, { abort() {} }) },
  );
  if (BigInt(used.length) > effect.vouchers) effect.vouchers = BigInt(used.length);
}

/**
 * A reversal gives back what the platform holds on the order, not what the proxy recorded:
 * refused when the platform holds more of any kind it returns than the proxy's writes on the
 * order moved (part of the order was made elsewhere); the call is already counted at least at
 * what the proxy recorded (or at its own partial amount, which bounds the return). Points are
 * read for `readers` of the order (a whole-order return: whose.js), else the customer named.
 * Vouchers it lists must be ones the proxy's writes used on the order.
 */
async function boundByPlatform(c, rev, place, found, params, readers) {
  const { config } = c;
  const returns = c.meta.reverses.returns;
  const top = clientsFor(config).top;
  const opts = {
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    fetch: cappedFetch(config.maxAnswerBytes, { abort() {} }),
  };
  const kinds = returns.filter((k) => k === 'points' || k === 'value');
  const customer = typeof params.customer_id === 'string' && params.customer_id !== '';
  // Stored value is read for every customer on the order; points only one customer's at a time.
  if (kinds.includes('points') && !customer)
    throw new ProxyError(
      'INVALID_PARAM',
      `name customer_id: what the platform holds on ${rev.field} is read from the customer's point flows before it is given back`,
      { field: 'customer_id' },
    );
  if (returns.includes('vouchers') && !rev.fromOrder.includes('vouchers')) {
    const list = c.meta.reverses.partial?.vouchers ?? 'voucher_id_list';
    const used = new Set(found.flatMap((f) => f.moved.voucherIds.map(String)));
    const stranger = (Array.isArray(params[list]) ? params[list] : []).find((id) => !used.has(String(id)));
    if (stranger !== undefined)
      throw new ProxyError(
        'OUT_OF_SCOPE',
        `${list}: voucher ${String(stranger).slice(0, 64)} was not used on ${rev.field} ${String(found[0].order).slice(0, 64)} by the proxy's writes, so it cannot be given back here`,
        { field: list },
      );
  }
  if (!kinds.length) return;
  const shops = [...(config.shops.brands.get(place.brand)?.shops.keys() ?? [])];
  for (const f of found)
    for (const kind of kinds) {
      // Points: whose flows bound it (whose.js), else the customer named; stored value is read
      // for every customer at once, and for the order's own at every shop.
      const customers =
        kind === 'points'
          ? (readers.get(f.order) ?? [params.customer_id])
          : [...new Set([...customerIdsOf(f), ...(customer ? [params.customer_id] : [])])];
      const held = await heldOn(top, f.order, kind, { brand: place.brand, shops, customers }, opts);
      const recorded = BigInt(f.moved[kind]);
      if (held > recorded)
        throw new ProxyError(
          'OUT_OF_SCOPE',
          `${rev.field} ${String(f.order).slice(0, 64)}: the platform holds ${held} ${kind} on it, the proxy's writes ${recorded}: part of the order was made elsewhere, so it cannot be reversed here`,
          { field: rev.field },
        );
    }
}

/**
 * What a call is before anything is asked of the operator's ledger: its parameters as they will
 * be sent (scope checked, the operator's fields filled), validated, and the most it could move.
 * Throws the first refusal. A job checks each row of its file with it.
 */
export function review(c, body) {
  const { params, place } = prepare(c, body);
  Object.assign(c.row, {
    order_id: orderIdsOf(c.meta, params).join(',') || undefined,
    customer: customerOf(c.meta, params),
    brand: place.brand ?? undefined,
    shop: place.shop ?? undefined,
  });
  check(c, params);
  const effect = effectOf(c.meta, params);
  Object.assign(c.row, amountsRow(effect));
  return { params, place, effect };
}

/** Sends a call and answers `{ status, body }`; a failure is thrown (its audit row queued). */
export async function perform(c, body) {
  const { meta, who, env, config } = c;
  const platform = meta.platform;
  const keyName = platform === 'u8' ? 'source_code' : 'request_id';
  let key = null;
  let claimed = null;
  let content = '';
  const { params, place, effect } = review(c, body);
  const rev = reversalOf(meta, params);
  if (meta.writes) {
    content = await sha256(canonical([meta.method, params]));
    if (platform === 'u8') {
      const codes = [...new Set(params.map((r) => String(r.source_code)))].sort();
      key = `u8:${meta.method}:${codes.join(',')}`;
      c.row.request_id = key.slice(0, 200);
      // Who holds the codes is looked at now; they are claimed only once the call is admitted,
      // so a call the proxy refuses blocks no one's order numbers.
      claimed = await env.U8_TOKEN.get(env.U8_TOKEN.idFromName('fleet')).owners({
        codes,
        operator: who.operator,
        originals: rev?.orders ?? [],
      });
      if (claimed.taken.length) throw codeTaken(claimed.taken[0]);
      claimed.codes = codes;
    } else {
      key = String(params.request_id);
    }
  }
  const voucherIds = [...effect.voucherIds];
  let found = [];
  let readers = new Map();
  let filled = false;
  if (rev) {
    const bound = await bindReversal(c, rev, effect, place, claimed, params);
    voucherIds.push(...bound.ids);
    ({ found, readers, filled } = bound);
    Object.assign(c.row, amountsRow(effect));
  }
  if (meta.writes) c.row.moves = movesOf(meta, params, effect, rev) ?? undefined;
  const resend = platform === 'u8' ? JSON.stringify(params) : null;

  const ledger = ledgerOf(env, who.operator);
  const orderId = orderIdsOf(meta, params)[0];
  const note =
    meta.writes && platform === 'top' && place.brand && orderId !== undefined && !rev
      ? {
          brand: place.brand,
          note: {
            entry: `${who.operator}|${key}`,
            order: orderId,
            operator: who.operator,
            shop: place.shop,
            customer: await customerKey(params),
            kind: 'effect',
            ...amountsRow(effect),
            voucherIds: effect.voucherIds,
            moved: movedRow(movedOf(meta, params, effect)),
            at: c.clock.ms,
          },
        }
      : null;
  const admitted = await ledger.begin({
    ...base(c),
    key,
    content,
    effect: { ...amountsRow(effect), unbounded: effect.unbounded },
    voucherIds: [...new Set(voucherIds)],
    row: c.scrub.value(c.row),
    order: note,
    resend: resend && resend.length <= RESEND_BYTES ? resend : null,
  });
  switch (admitted.verdict) {
    case 'go':
      break;
    case 'replay':
      return { status: admitted.answer.status, body: { ...admitted.answer.body, replayed: true }, replayed: true };
    case 'conflict':
      throw Object.assign(
        new ProxyError(
          'REQUEST_ID_CONFLICT',
          `${keyName} ${String(key).slice(0, 64)} was already used for a different request: send a new one`,
          {
            field: keyName,
          },
        ),
        { recorded: true },
      );
    case 'backlog':
      throw new ProxyError(
        'AUDIT_UNAVAILABLE',
        'the audit trail cannot be written at the moment, so no call that moves assets is taken: retry later',
        {
          retriable: true,
          retryAfterMs: 5000,
        },
      );
    case 'limit': {
      const a = admitted.admission;
      if (a.measure === 'calls') throw Object.assign(rateLimited(a), { recorded: true });
      throw Object.assign(
        new ProxyError('LIMIT_EXCEEDED', a.message, { limit: a.limit, field: a.field, details: allowanceLeft(a) }),
        { recorded: true },
      );
    }
    default:
      throw new Error(`unexpected verdict ${admitted.verdict}`);
  }
  /** Ends the admitted attempt as not sent (its reservation given back) and marks `e` recorded. */
  const unsent = (e) => {
    const [status, err] = failure(e);
    c.finish = ledger.finish({
      key,
      attempt: admitted.attempt,
      outcome: 'unsent',
      row: c.scrub.value({ ...c.row, outcome: err.code, status }),
      now: Date.now(),
      windowMs: config.idempotencyMs,
    });
    return Object.assign(e, { recorded: true });
  };

  if (found.length) {
    // The platform's flows are read only once the call is admitted (calls per minute and day,
    // limits), so a refused flood sends the shared app key no reads; nothing was sent when
    // they refuse it or fail.
    try {
      await boundByPlatform(c, rev, place, found, params, readers);
      await countUsedVouchers(c, rev, place, params, effect, filled);
      Object.assign(c.row, amountsRow(effect));
      c.row.moves = movesOf(meta, params, effect, rev) ?? undefined;
    } catch (e) {
      throw unsent(e);
    }
  }

  let token;
  if (claimed) {
    const got = await env.U8_TOKEN.get(env.U8_TOKEN.idFromName('fleet')).claim({
      codes: claimed.codes,
      operator: who.operator,
      brands: [...who.scope.keys()],
      expires: c.clock.ms + config.idempotencyMs,
    });
    if (got.taken.length) {
      // Another operator claimed a code between the look and the claim: nothing was sent.
      throw unsent(codeTaken(got.taken[0]));
    }
    token = got.token;
  }

  // A job's row waits for its turn at the platform's pace (jobs/pace.js), and is sent once:
  // the job sends it again itself, paced, after a backoff.
  if (c.pace) await c.pace();
  const started = Date.now();
  const cap = { abort: () => {} };
  const controller = new AbortController();
  cap.abort = () => controller.abort();
  const opts = {
    timeoutMs: config.timeoutMs,
    retries: c.pace ? 0 : config.retries,
    // The SDK reads an answer's status, headers and text() alone, which the capped answer has.
    fetch: /** @type {(url: string, init: RequestInit) => Promise<Response>} */ (
      cappedFetch(config.maxAnswerBytes, cap)
    ),
    signal: controller.signal,
  };
  let data;
  let error = null;
  try {
    data =
      platform === 'u8'
        ? await u8Client(config, env, token).call(meta.method, params, opts)
        : await clientsFor(config).top.call(meta.method, params, opts);
    if (platform === 'top' && !meta.writes) answerInScope(c, data);
  } catch (e) {
    error = cap.tooLarge ? tooLarge(config.maxAnswerBytes, meta.writes, keyName) : e;
  }
  c.row.upstream_ms = Date.now() - started;
  // A key sent before (its earlier attempt unknown, or still out) is judged by all of them.
  const judged = error === null ? 'applied' : meta.writes ? (cap.tooLarge ? 'unknown' : outcomeOf(error)) : 'refused';
  const outcome = admitted.retry && judged !== 'applied' ? 'unknown' : judged;
  if (error && meta.writes && outcome === 'unknown') {
    // Nothing says whether it was applied: the same key makes the retry safe.
    error.retriable = true;
    error.unknownOutcome = true;
    if (!cap.tooLarge)
      error.message = `${error.resultView ?? error.message} (the call may have been applied: retry with the same ${keyName})`;
    error.resultView = undefined;
  }
  if (error && outcome === 'refused') error.final = true;
  let status = 200;
  let answer;
  if (error === null) {
    answer = {
      ok: true,
      data: c.scrub.value(data, { mobiles: !c.role.fullMobile }),
      request_id: c.row.request_id ?? null,
    };
  } else {
    const [s, err] = failure(error);
    status = s;
    // What a write's failure says of the platform's ledger, so a console need not guess it
    // from codes: nothing was applied, or it may have been.
    if (meta.writes) err.outcome = outcome === 'unknown' ? 'unknown' : 'not_applied';
    answer = { ok: false, error: c.scrub.value(err), request_id: c.row.request_id ?? null };
    Object.assign(c.row, { platform_code: err.platform_code });
  }
  Object.assign(c.row, {
    outcome: error === null ? 'ok' : answer.error.code,
    status,
    result: meta.writes ? outcome : undefined,
  });
  const faces = error === null ? [...voucherFacesOf(meta, data)].map(([id, fen]) => [id, String(fen)]) : [];
  c.finish = ledger.finish({
    key,
    attempt: admitted.attempt,
    outcome,
    answer: { status, body: bounded(answer) },
    row: c.scrub.value(c.row),
    faces,
    order:
      note && outcome !== 'unknown'
        ? {
            brand: note.brand,
            note: {
              ...note.note,
              state: outcome === 'applied' ? 'applied' : 'refused',
              moved: outcome === 'applied' ? movedRow(movedOf(meta, params, effect, data)) : note.note.moved,
            },
          }
        : null,
    now: Date.now(),
    windowMs: config.idempotencyMs,
  });
  c.recorded = true;
  return { status, body: answer };
}

const codeTaken = (code) =>
  new ProxyError(
    'REQUEST_ID_CONFLICT',
    `source_code ${code.slice(0, 64)} was already sent by another operator: use your own order number`,
    { field: 'source_code' },
  );

/** A read whose answer names a brand outside the operator's scope is withheld. */
function answerInScope(c, data) {
  const named = [data?.brand_id, data?.result?.brand_id].filter((b) => typeof b === 'string' && b !== '');
  for (const b of named)
    if (!c.who.scope.has(b))
      throw new ProxyError('OUT_OF_SCOPE', `the answer is about brand ${b.slice(0, 64)}, which you do not work at`, {
        field: 'brand_id',
      });
}

/**
 * What is left of the limit a refusal names, for the console to say (`[{limit, per, max, used,
 * left}]`, decimal strings): none for a limit without an amount (the unbounded ones).
 */
function allowanceLeft(a) {
  if (a.max === undefined || a.used === undefined) return undefined;
  const left = BigInt(a.max) - BigInt(a.used);
  return [{ limit: a.name, per: a.per, max: String(a.max), used: String(a.used), left: String(left > 0n ? left : 0n) }];
}
