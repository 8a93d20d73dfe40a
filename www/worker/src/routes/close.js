// GET /v1/close?day=&operator=&shop=[&format=csv]: the close of a GMT+8 day (today by
// default) per operator and shop, with totals and hours. A role whose `books` is "own" sees
// their own writes; "shops", every operator's at their shops.
// GET /v1/pending?day=: the writes of a day whose outcome is unknown, or was until a
// reconciliation run settled it (with that outcome): the desk's worklist.
import { ProxyError } from '../errors.js';
import { readWrites } from '../books/writes.js';
import { settledOn } from '../books/store.js';
import { tally, closeCsv } from '../books/close.js';
import { inScope } from '../scope.js';
import { booksOf, queryOf, csvAnswer } from './books.js';
import { countCall } from '../counted.js';

const literal = (v) => `'${String(v).replace(/'/g, "''")}'`;

/** The visible condition narrowed to an operator and a shop, both checked. */
function narrowed(c, where, q) {
  const parts = [`(${where})`];
  if (q.operator !== undefined) {
    if (c.role.books === 'own' && q.operator !== c.who.operator)
      throw new ProxyError('OUT_OF_SCOPE', 'operator: this role sees its own close only', { field: 'operator' });
    parts.push(`operator = ${literal(q.operator)}`);
  }
  if (q.shop !== undefined) {
    const brand = c.config.shops.shopBrand.get(q.shop);
    if (!brand || !inScope(c.who, brand, q.shop))
      throw new ProxyError('OUT_OF_SCOPE', `shop: ${q.shop} is not one you work at`, { field: 'shop' });
    parts.push(`shop = ${literal(q.shop)}`);
  }
  return parts.join(' AND ');
}

const shopNameOf = (config) => (shop) =>
  shop ? config.shops.brands.get(config.shops.shopBrand.get(shop))?.shops.get(shop)?.name : null;

export async function closeRoute(c) {
  const q = queryOf(c, { day: 'day', operator: 'id', shop: 'id', format: 'csv' });
  const where = narrowed(c, booksOf(c), q);
  await countCall(c);
  const day = q.day ?? c.clock.day;
  const db = c.env.AUDIT_DB;
  const close = tally(await readWrites(db, day, where), await settledOn(db, [day]));
  const name = shopNameOf(c.config);
  if (q.format === 'csv') return csvAnswer(closeCsv(day, close, name), `close-${day}.csv`);
  return {
    status: 200,
    body: {
      ok: true,
      data: {
        day,
        operator: q.operator ?? null,
        shop: q.shop ?? null,
        rows: close.rows.map((r) => ({ ...r, shop_name: name(r.shop) ?? null })),
        totals: close.totals,
        hours: close.hours,
      },
      request_id: null,
    },
  };
}

const PENDING_MAX = 500;

export async function pendingRoute(c) {
  const q = queryOf(c, { day: 'day' });
  const where = booksOf(c);
  await countCall(c);
  const day = q.day ?? c.clock.day;
  const db = c.env.AUDIT_DB;
  const settled = await settledOn(db, [day]);
  const pending = (await readWrites(db, day, where))
    .filter((w) => w.inDay && (w.state === 'unknown' || settled.has(`${w.operator}\u0000${w.key}`)))
    .sort((a, b) => b.at - a.at);
  const items = pending.slice(0, PENDING_MAX).map((w) => {
    const s = settled.get(`${w.operator}\u0000${w.key}`);
    return {
      request_id: w.key,
      operation: w.operation,
      order_id: w.order_id,
      customer: w.customer,
      operator: w.operator,
      brand: w.brand,
      shop: w.shop,
      at: new Date(w.at).toISOString(),
      moves: w.moves,
      outcome: s ? (s.applied ? 'applied' : 'not_applied') : 'pending',
      run: s?.run ?? null,
    };
  });
  return {
    status: 200,
    body: { ok: true, data: { day, items, truncated: pending.length > PENDING_MAX }, request_id: null },
  };
}
