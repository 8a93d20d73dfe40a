// GET /v1/links?brand_id=&customer_id= | &u8_member_id=: a brand's customer and their U8 member,
// as an operator linked them (D1 `u8_links`), with the member's U8 points as U8 last answered
// them through this proxy (`u8_balances`, kept by u8balances.js). PUT /v1/links {brand_id, customer_id, u8_member_id,
// replace}: sets the link once, audited; a second, different link for the customer or the member
// is refused (409 LINK_EXISTS) unless the role may `u8:link:replace` and says `replace: true`.
import { normalizeMobile } from 'loyalty-sdk';
import { ProxyError } from '../errors.js';
import { readJson } from '../body.js';
import { auditStatement, LINK_OPERATIONS } from '../audit.js';
import { countCall } from '../counted.js';
import { queryOf } from './books.js';

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const FINDS = 'alibaba.alsc.crm.open.customer.get';
const LINKS = 'u8:points/change';
const REPLACES = 'u8:link:replace';

const invalid = (field, rule, message) =>
  new ProxyError('INVALID_PARAM', `${field}: ${message}`, { field, details: [{ field, rule, message }] });

function may(c, permission, field) {
  if (!c.role.methods.has(permission))
    throw new ProxyError('FORBIDDEN', `role ${c.role.name} may not ${permission}`, { field });
}

/** The brand the call names, or the operator's only one; inside the operator's scope. */
function brandOf(c, given) {
  const brands = [...c.who.scope.keys()];
  if (given === undefined && brands.length !== 1)
    throw invalid('brand_id', 'required', 'name the brand (you work at several)');
  const brand = given ?? brands[0];
  if (!c.who.scope.has(brand))
    throw new ProxyError('OUT_OF_SCOPE', `brand_id: brand ${brand} is not one you work at`, { field: 'brand_id' });
  return brand;
}

/** A link as the answers give it; the member's balance null until U8 has answered one. */
const linkView = (r) => ({
  brand_id: r.brand,
  customer_id: r.customer_id,
  u8_member_id: r.u8_member_id,
  linked_by: r.linked_by,
  linked_at: r.linked_at,
  replaces: r.replaces ?? null,
  u8_points: r.points ?? null,
  u8_points_at: r.points_at ?? null,
});

/** What D1 does for the links, a failure of it a 503 to try again (never a 500). */
async function stored(work) {
  try {
    return await work();
  } catch (e) {
    console.error(JSON.stringify({ links_store_failed: String(e?.message ?? e).slice(0, 200) }));
    throw new ProxyError('AUDIT_UNAVAILABLE', 'the links could not be read or written just now: try again', {
      retriable: true,
    });
  }
}

/** The links of a brand naming this customer or this member (at most two). */
async function linksOf(db, brand, { customer, member }) {
  const { results } = await stored(() =>
    db
      .prepare(
        `SELECT l.*, b.points, b.at AS points_at FROM u8_links l LEFT JOIN u8_balances b ON b.u8_member_id = l.u8_member_id
       WHERE l.brand = ? AND (l.customer_id = ? OR l.u8_member_id = ?)`,
      )
      .bind(brand, customer ?? null, member ?? null)
      .all(),
  );
  return results;
}

export async function readLink(c) {
  const q = queryOf(c, { brand_id: 'id', customer_id: 'id', u8_member_id: 'id' });
  may(c, FINDS, 'permission');
  const brand = brandOf(c, q.brand_id);
  if ((q.customer_id === undefined) === (q.u8_member_id === undefined))
    throw invalid('customer_id', 'one_of', 'give customer_id or u8_member_id (one of them)');
  await countCall(c);
  const [row] = await linksOf(c.env.AUDIT_DB, brand, { customer: q.customer_id, member: q.u8_member_id });
  return { status: 200, body: { ok: true, data: { link: row ? linkView(row) : null }, request_id: null } };
}

/** The PUT body checked field by field: ids are strings, never numbers. */
function linkBody(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw invalid('body', 'type', 'send an object {brand_id, customer_id, u8_member_id}');
  for (const k of Object.keys(body))
    if (!['brand_id', 'customer_id', 'u8_member_id', 'replace'].includes(k))
      throw invalid(k, 'unknown', 'is not a field of a link (brand_id, customer_id, u8_member_id, replace)');
  for (const k of ['brand_id', 'customer_id', 'u8_member_id']) {
    const v = body[k];
    if (v === undefined && k === 'brand_id') continue;
    if (v === undefined || v === null || v === '') throw invalid(k, 'required', 'is required');
    if (typeof v !== 'string') throw invalid(k, 'type', 'must be a string (ids are written as text)');
    if (!ID.test(v)) throw invalid(k, 'format', 'must be an id: letters, digits, _ . : -, at most 64');
    // A link is kept, answered and audited as it is: a mobile number must never be one.
    if (normalizeMobile(v)) throw invalid(k, 'mobile', 'is a mobile number: link by the id, never by a phone');
  }
  if (body.replace !== undefined && typeof body.replace !== 'boolean')
    throw invalid('replace', 'type', 'must be true or false');
  return body;
}

const linkExists = (field, message, r) =>
  new ProxyError('LINK_EXISTS', `${field}: ${message}; a role that may ${REPLACES} replaces it`, {
    field,
    details: [linkView(r)],
  });

/** The refusal naming the link in the way: the customer's own, or the member's with another customer. */
const conflictOf = (r, customer) =>
  r.customer_id === customer
    ? linkExists('customer_id', `customer ${customer} is linked to U8 member ${r.u8_member_id}`, r)
    : linkExists('u8_member_id', `U8 member ${r.u8_member_id} is linked to customer ${r.customer_id}`, r);

export async function setLink(c) {
  const body = linkBody(await readJson(c.request, c.config.maxBodyBytes));
  may(c, LINKS, 'permission');
  const brand = brandOf(c, body.brand_id);
  const customer = body.customer_id;
  const member = body.u8_member_id;
  await countCall(c);
  const db = c.env.AUDIT_DB;
  const found = await linksOf(db, brand, { customer, member });
  const same = found.find((r) => r.customer_id === customer && r.u8_member_id === member);
  if (same)
    return { status: 200, body: { ok: true, data: { link: linkView(same), created: false }, request_id: null } };
  if (found.length && !body.replace) throw conflictOf(found[0], customer);
  if (found.length) may(c, REPLACES, 'replace');

  const entry = `link:${crypto.randomUUID()}`;
  const replaces = found.find((r) => r.customer_id === customer)?.u8_member_id ?? null;
  const was = found.map((r) => `${r.customer_id}=${r.u8_member_id}`).join(' ');
  const statements = [];
  if (found.length)
    statements.push(
      db
        .prepare('DELETE FROM u8_links WHERE brand = ? AND (customer_id = ? OR u8_member_id = ?)')
        .bind(brand, customer, member),
    );
  statements.push(
    db
      .prepare(
        'INSERT OR IGNORE INTO u8_links (brand, customer_id, u8_member_id, linked_by, linked_at, replaces, entry) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .bind(brand, customer, member, c.who.operator, c.row.at, replaces, entry),
    // The audit row is written with the link, and only if this request's link was.
    auditStatement(
      db,
      {
        entry,
        at: c.row.at,
        day: c.row.day,
        operator: c.who.operator,
        role: c.who.role,
        operation: found.length ? LINK_OPERATIONS.replace : LINK_OPERATIONS.set,
        request_id: entry,
        customer,
        brand,
        outcome: 'ok',
        status: 201,
        result: found.length ? `u8 member ${member}, was ${was}` : `u8 member ${member}`,
      },
      { sql: 'EXISTS (SELECT 1 FROM u8_links WHERE entry = ?)', args: [entry] },
    ),
  );
  await stored(() => db.batch(statements));
  // Another desk may have linked either of them between the read and the insert.
  const now = await linksOf(db, brand, { customer, member });
  const mine = now.find((r) => r.entry === entry);
  if (mine) return { status: 201, body: { ok: true, data: { link: linkView(mine), created: true }, request_id: null } };
  const theirs = now.find((r) => r.customer_id === customer && r.u8_member_id === member);
  if (theirs)
    return { status: 200, body: { ok: true, data: { link: linkView(theirs), created: false }, request_id: null } };
  if (!now.length)
    throw new ProxyError('LINK_EXISTS', 'the link changed while it was set: read it again', { retriable: true });
  throw conflictOf(now[0], customer);
}
