// GET /v1/orders/{order_id}: one order as a desk finds it from a receipt, on any day and by
// whoever made it, inside the caller's scope: the proxy's audited writes on the order id, joined
// with the platform's flows of it (what was paid with points, stored value and vouchers, what
// was already given back, what is left), and the reversal that fits what is left.
import { ProxyError } from '../errors.js';
import { countCall } from '../counted.js';
import { inScope } from '../scope.js';
import { flowsOn } from '../held.js';
import { BY_NAME } from '../catalog.js';
import { clientsFor, cappedFetch } from '../upstream.js';
import { idOf, customersNamed, pointsUnbounded } from '../whose.js';

export const ORDER_PATH = /^\/v1\/orders\/([^/]+)$/;
/** An order's audited attempts read at most (a page cap): an order is a few writes. */
export const MAX_ROWS = 200;
const ID_MAX = 64;
const P = 'alibaba.alsc.crm.';
const VOUCHER_CHANGE = `${P}voucher.status.change`;

// What an order made of each operation takes (`paid`) and what its reversals give back, by
// the categories of an audit row's moves (moves.js).
const PAID = { points: ['points_deducted'], value: ['value_paid'], vouchers: ['vouchers_redeemed'] };
const TOPPED = { value: ['value_topped_up'] };
const BACK = {
  points: ['points_added'],
  value: ['value_paid_reversed', 'value_refunded'],
  vouchers: ['vouchers_restored'],
};

// The reversals the proxy offers for an order, by what the order is: the field of the
// reversal's own new id, and where its reason goes (open.assert.refund documents none).
const FITS = {
  [`${P}recharge.uncharge.update`]: { newOrder: 'outer_order_id', reason: 'remark' },
  [`${P}recharge.undedut.update`]: { newOrder: 'new_outer_order_id', reason: 'remark' },
  [`${P}open.assert.refund`]: { newOrder: 'new_outer_order_id', reason: null },
  // A voucher use is undone voucher by voucher, on its own order: no new id, no reason field.
  [VOUCHER_CHANGE]: { newOrder: null, reason: null },
};

// The generated metadata's type leaves out `reverses`, which every operation's entry carries.
const metaOf = (method) => /** @type {any} */ (BY_NAME.get(method));
const big = (v) => (/^\d+$/.test(String(v ?? '')) ? BigInt(v) : 0n);
const max0 = (n) => (n > 0n ? n : 0n);
const digits = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));
// A customer the audit names by id (not a masked mobile, a card or an outer id): their point
// flows can be read.
const CUSTOMER_ID = /^[0-9A-Za-z_-]{1,64}$/;

/** Whether an audited write gave back an order (a reversal) rather than made one. */
function reverses(row) {
  const r = metaOf(row.operation)?.reverses;
  if (!r) return false;
  if (!r.when) return true;
  return Boolean(row.moves?.value_refunded || row.moves?.vouchers_restored);
}

/** The order id of the path and the `brand` filter, each refused by name when it is not one. */
function asked(url) {
  let id;
  try {
    id = decodeURIComponent(ORDER_PATH.exec(url.pathname)[1]).trim();
  } catch {
    throw new ProxyError('BAD_REQUEST', 'order_id: the path is not a readable order id', { field: 'order_id' });
  }
  // eslint-disable-next-line no-control-regex
  if (!id || id.length > ID_MAX || /[\u0000-\u001f\u007f]/.test(id))
    throw new ProxyError('BAD_REQUEST', `order_id must be 1 to ${ID_MAX} characters without control characters`, {
      field: 'order_id',
    });
  let brand = null;
  for (const [k, v] of url.searchParams) {
    if (k !== 'brand')
      throw new ProxyError('BAD_REQUEST', `${k.slice(0, 64)} is not a filter of an order`, { field: k });
    if (!/^[0-9A-Za-z_-]{1,64}$/.test(v))
      throw new ProxyError('BAD_REQUEST', 'brand must be a brand id', { field: 'brand' });
    brand = v;
  }
  return { id, brand };
}

/** The order's audited writes (attempts of one request id as one write), oldest first. */
async function auditedWrites(db, id) {
  const { results } = await db
    .prepare(
      `SELECT id, at, operator, operation, request_id, customer, brand, shop, result, moves FROM audit
       WHERE order_id = ? AND result IS NOT NULL ORDER BY id LIMIT ?`,
    )
    .bind(id, MAX_ROWS + 1)
    .all();
  const byKey = new Map();
  for (const r of results.slice(0, MAX_ROWS)) {
    const key = `${r.operator}|${r.request_id ?? r.id}`;
    const moves = r.moves ? JSON.parse(r.moves) : null;
    const w = byKey.get(key);
    // A request applied by any attempt is applied; else unknown while any attempt's was.
    const rank = { applied: 3, unknown: 2 }[r.result] ?? 1;
    if (!w) byKey.set(key, { ...r, moves, rank });
    else if (rank > w.rank) Object.assign(w, { result: r.result, rank, moves: moves ?? w.moves });
  }
  return { writes: [...byKey.values()], truncated: results.length > MAX_ROWS };
}

/** Sums the categories of each kind over the writes' moves. */
function summed(writes, categories) {
  const out = {};
  for (const [kind, cats] of Object.entries(categories))
    out[kind] = writes.reduce((n, w) => n + cats.reduce((m, c) => m + big(w.moves?.[c]), 0n), 0n);
  return out;
}

/**
 * The vouchers a restore of the order may list: those the proxy's writes used on it as the
 * platform answered (the order book's, what the call path checks a restore against), less
 * those its applied reversals already gave back.
 */
function vouchersLeft(book, back) {
  const restored = new Set(back.flatMap((w) => w.moves?.voucher_ids ?? []).map(String));
  return (book?.moved?.voucherIds ?? []).map(String).filter((id) => !restored.has(id));
}

/**
 * Why the call path would refuse the reversal whatever its amounts (call.js bindReversal,
 * whose.js), as `[code, sentence]`, else null: the order book has no record of the order, its
 * writes name several customers, (a voucher restore) no voucher of it is left to restore, or,
 * for a role with amount limits, what a whole return gives back cannot be bounded (points of a
 * customer known by no customer id; vouchers of an order the proxy saw none used on).
 */
function refusedByBook(book, method, vouchers, role, params) {
  if (!book?.known) return ['unrecorded', 'the proxy has no record of this order in its order book (kept 30 days)'];
  const customers = customersNamed(book);
  if (customers > 1)
    return [
      'customers',
      `the proxy's writes on it name ${customers} customers; the platform gives an order back to one`,
    ];
  if (method === VOUCHER_CHANGE && !vouchers.length)
    return ['no_vouchers', "no voucher the proxy's writes used on it (as the platform answered) is left to restore"];
  const { returns, partial } = metaOf(method).reverses;
  // Given back from the order's record rather than bounded by the call's own list.
  const whole = (kind) => returns.includes(kind) && !(partial?.[kind] && params[partial[kind]]?.length);
  if (whole('points') && pointsUnbounded(role, book))
    return [
      'unbounded',
      'this role has limits, and the order was made for a customer the proxy knows by no customer_id: what it gives back cannot be bounded',
    ];
  const used = book.moved?.voucherIds ?? [];
  if (whole('vouchers') && Object.keys(role.limits ?? {}).some((l) => l.startsWith('voucher')) && !used.length)
    return [
      'unbounded',
      'this role limits vouchers, and how many vouchers a return of the whole order gives back cannot be read',
    ];
  return null;
}

/** The reversal that fits what is left, or null, with whether this caller may send it and why not. */
function fitting(c, order, made, back, left, reversed, place, book) {
  if (!made.length) return null;
  const methods = new Set(made.map((w) => w.operation));
  const only = (m) => [...methods].every((x) => x === m);
  let method = null;
  if (only(`${P}recharge.charge.update`)) method = reversed.value === 0n ? `${P}recharge.uncharge.update` : null;
  else if (only(`${P}recharge.dedut.update`)) method = `${P}recharge.undedut.update`;
  // Vouchers alone: the asset refund finds no redemption (核销记录) of the order to give back.
  else if (only(VOUCHER_CHANGE)) method = VOUCHER_CHANGE;
  else if ([...methods].every((m) => metaOf(`${P}open.assert.refund`).reverses.of.includes(m)))
    method = `${P}open.assert.refund`;
  if (!method || (left.points === 0n && left.value === 0n && left.vouchers === 0n)) return null;
  const meta = metaOf(method);
  const fit = FITS[method];
  const partialField = meta.reverses.partial?.value;
  const names = new Set(meta.fields.map((f) => f.name));
  const shop = c.config.shops.brands.get(place.brand)?.shops.get(place.shop);
  const params = { [meta.reverses.order]: order, brand_id: place.brand };
  if (place.shop && names.has('shop_id')) params.shop_id = place.shop;
  if (names.has('biz_channel') && shop?.biz_channel) params.biz_channel = shop.biz_channel;
  // The order's own customer, as its first recorded write named them (what a reversal must name).
  const customer = idOf(book?.customer) ?? place.customer;
  if (names.has('customer_id') && customer) params.customer_id = customer;
  const vouchers = vouchersLeft(book, back);
  if (method === VOUCHER_CHANGE)
    Object.assign(params, {
      source: 'CONSOLE',
      voucher_status_action: 'ISUSED_NORMAL',
      voucher_id_list: vouchers,
    });
  const gives = method === VOUCHER_CHANGE ? { points: 0n, value: 0n, vouchers: BigInt(vouchers.length) } : left;
  const { who, role } = c;
  const refused = refusedByBook(book, method, vouchers, role, params);
  // Why this caller may not send it, as a code a console words and a sentence.
  const blocked = !role.methods.has(method)
    ? ['method', `role ${role.name} may not ${method}`]
    : role.reverse !== 'shops' && made.some((w) => w.operator !== who.operator)
      ? ['own', 'made by another operator; this role reverses its own orders']
      : left.vouchers > 0n && meta.reverses.returns.includes('vouchers') && !role.methods.has('voucher:restore')
        ? ['voucher_restore', `role ${role.name} may not voucher:restore, which giving back the order's vouchers does`]
        : place.elsewhere
          ? ['elsewhere', 'the platform holds more on the order than the proxy wrote: part of it was made elsewhere']
          : (refused ?? [null, null]);
  return {
    method,
    gives_back: digits(gives),
    // A partial return names its amount: stored value in 分, at most what is left.
    partial:
      partialField && left.value > 0n
        ? { field: partialField, kind: 'value', unit: 'fen', max: String(left.value) }
        : null,
    new_order_field: fit.newOrder,
    reason_field: fit.reason,
    params,
    allowed: blocked[0] === null,
    why_code: blocked[0],
    why: blocked[1],
  };
}

export async function orderRoute(c) {
  const { url, env, who, config } = c;
  const { id, brand: brandAsked } = asked(url);
  await countCall(c);
  const { writes, truncated } = await auditedWrites(env.AUDIT_DB, id);
  const ours = writes.filter((w) => w.brand && (brandAsked === null || w.brand === brandAsked));
  const seen = ours.filter((w) => inScope(who, w.brand, w.shop ?? null));
  const brands = [...new Set(seen.map((w) => w.brand))];
  // An order outside the caller's shops is not said to exist.
  if (!seen.length)
    throw new ProxyError('NOT_FOUND', `order ${id}: no write on it at the shops you work at`, { field: 'order_id' });
  if (brands.length > 1)
    throw new ProxyError('INVALID_PARAM', `order ${id} is at several of your brands: name one with brand`, {
      field: 'brand',
      details: [{ field: 'brand', rule: 'required', message: 'brand: name the brand of the order' }],
    });
  const brand = brands[0];
  const atBrand = ours.filter((w) => w.brand === brand);
  if (atBrand.length > seen.length)
    throw new ProxyError('OUT_OF_SCOPE', `order ${id}: part of it was written at a shop you do not work at`, {
      field: 'order_id',
    });

  const counted = seen.filter((w) => w.result === 'applied' || w.result === 'unknown');
  const made = counted.filter((w) => !reverses(w));
  const back = counted.filter((w) => reverses(w) && w.result === 'applied');
  const topUp = made.length > 0 && made.every((w) => w.moves?.value_topped_up);
  const applied = made.filter((w) => w.result === 'applied');
  const recordedPaid = { points: 0n, vouchers: 0n, ...summed(applied, topUp ? TOPPED : PAID) };
  const recordedBack = summed(back, BACK);
  // What the proxy's writes may have taken, unknown outcomes included: the platform holding more
  // means part of the order was made elsewhere, and a reversal of it would be refused.
  const mayHave = { points: 0n, ...summed(made, topUp ? TOPPED : PAID) };

  // The platform's flows of the order: what it holds, whoever wrote it, beside what the proxy wrote.
  const top = clientsFor(config).top;
  const opts = {
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    fetch: cappedFetch(config.maxAnswerBytes, { abort() {} }),
  };
  // Read where the order was written: a few shops, not every shop of a large brand (a reversal
  // reads them all before it is sent); a brand-wide write, at every shop.
  const written = [...new Set(seen.map((w) => w.shop))];
  const shops = written.includes(null) ? [...(config.shops.brands.get(brand)?.shops.keys() ?? [])] : written;
  const customers = [...new Set(made.map((w) => w.customer).filter((x) => CUSTOMER_ID.test(x ?? '')))];
  const platform = {};
  const paid = { ...recordedPaid };
  const reversed = { ...recordedBack };
  for (const kind of ['points', 'value']) {
    if (recordedPaid[kind] === 0n && !made.some((w) => w.result === 'unknown')) continue;
    if (kind === 'points' && !customers.length) continue;
    const f = await flowsOn(top, id, kind, { brand, shops, customers }, opts);
    const [p, r] = topUp ? [f.given, f.taken] : [f.taken, f.given];
    platform[kind] = { paid: String(p), reversed: String(r), flows: f.flows };
    paid[kind] = p;
    reversed[kind] = r;
  }
  const left = {};
  for (const k of ['points', 'value', 'vouchers']) {
    if (reversed[k] > paid[k]) reversed[k] = paid[k];
    left[k] = max0(paid[k] - reversed[k]);
  }
  const first = made[0] ?? seen[0];
  // What the order book holds of it: what the call path bounds and checks a reversal by.
  const [book] = await env.ORDERS.get(env.ORDERS.idFromName(brand)).lookup({ orders: [id] });
  const place = {
    brand,
    shop: first.shop ?? null,
    customer: customers[0] ?? null,
    elsewhere: ['points', 'value'].some((k) => platform[k] && paid[k] > mayHave[k]),
  };
  return {
    status: 200,
    body: {
      ok: true,
      data: {
        order_id: id,
        brand,
        shop: place.shop,
        customer: first.customer ?? null,
        units: { points: 'points', value: 'fen', vouchers: 'count' },
        paid: digits(paid),
        reversed: digits(reversed),
        left: digits(left),
        recorded: { paid: digits(recordedPaid), reversed: digits(recordedBack) },
        platform,
        unknown: counted.filter((w) => w.result === 'unknown').length,
        writes: seen.map((w) => ({
          at: w.at,
          operator: w.operator,
          operation: w.operation,
          request_id: w.request_id,
          shop: w.shop,
          customer: w.customer,
          result: w.result,
          reversal: reverses(w),
          moves: w.moves,
        })),
        truncated,
        reversal: fitting(c, id, made, back, left, reversed, place, book),
      },
      request_id: null,
    },
  };
}
