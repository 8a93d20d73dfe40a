// Whose an order is, as the order book keeps it, and which customers' point flows bound a
// reversal that gives the order's points back. The platform pays a whole order back to the
// order's own customer, whatever customer the reversal names, and its only points read
// (`point.querypointflow`) shows one customer's flows at a time (customer_id required): so
// such a reversal must name the customer the order's first recorded write was made for, and
// is bounded by the flows of every customer the order's recorded writes were made for.
import { normalizeMobile } from 'loyalty-sdk';
import { ProxyError } from './errors.js';
import { sha256 } from './summary.js';
import { limitsAmounts } from './limits.js';

const ID = 'customer_id:';
// How else a body names a customer, most exact first: kept as a digest, never as it is (a
// mobile is never stored whole).
const OTHER_NAMES = ['mid', 'mobile', 'phone', 'outer_id', 'card_id', 'physical_card_id'];

const given = (v) => (typeof v === 'string' || typeof v === 'number') && String(v) !== '';

/**
 * The customer a write's parameters name, as a note records it: `customer_id:<id>`, or
 * `<field>#<sha-256>` of how it names them otherwise (a mobile as its 11 digits); null for none.
 */
export async function customerKey(params) {
  if (!params || typeof params !== 'object' || Array.isArray(params)) return null;
  if (given(params.customer_id)) return `${ID}${params.customer_id}`;
  for (const field of OTHER_NAMES) {
    if (!given(params[field])) continue;
    const v =
      field === 'mobile' || field === 'phone' ? (normalizeMobile(params[field]) ?? params[field]) : params[field];
    const scoped = field === 'outer_id' && given(params.outer_type) ? `${params.outer_type}:${v}` : String(v);
    return `${field}#${await sha256(scoped)}`;
  }
  return null;
}

/** The customer id a key holds, or null when the note named its customer otherwise or not at all. */
export const idOf = (key) => (typeof key === 'string' && key.startsWith(ID) ? key.slice(ID.length) : null);

/** The customer ids the order's recorded writes named (those named otherwise have none). */
export const customerIdsOf = (order) => order.named.map(idOf).filter((id) => id !== null);

/** How many customers the order's recorded writes named: a whole reversal pays back one. */
export const customersNamed = (order) => new Set(order.named.filter((k) => k !== null)).size;

/**
 * Whether, for `role`, what a return of the order's whole points gives back cannot be bounded:
 * the role limits amounts, and a customer of the order is one the proxy knows by no customer id
 * (their point flows cannot be read).
 */
export const pointsUnbounded = (role, order) =>
  limitsAmounts(role.limits) && [order.customer, ...order.customers].some((k) => idOf(k) === null);

/** The field a customer key says the customer was named by. */
const fieldOf = (key) => (key.startsWith(ID) ? 'customer_id' : key.slice(0, key.indexOf('#')));

/**
 * Checks that a reversal of `order` (a lookup of the order book) pays back whom it names, for
 * every role: the platform pays an order back to one customer, its own (the one its first
 * recorded write named), and takes a top-up back from the customer a refund names. Refuses
 * (403) an order whose recorded writes name more than one customer (part of it would go to
 * the wrong one), and a reversal naming, the same way the order's write did, someone else.
 * Named another way (a card for an order made by customer id), who it is cannot be told here:
 * the platform's own answer decides.
 */
export async function checkCustomer(rev, order, params) {
  const named = await customerKey(params);
  const own = order.customer;
  if (named !== null && own !== null && fieldOf(named) === fieldOf(own) && named !== own) {
    const field = fieldOf(named);
    const shown = field === 'customer_id' ? ` ${String(params.customer_id).slice(0, 64)}` : '';
    throw new ProxyError(
      'OUT_OF_SCOPE',
      `${field}${shown}: not the customer ${rev.field} ${String(order.order).slice(0, 64)} was made for; the platform gives an order back to its own customer, so a reversal names them`,
      { field },
    );
  }
  const customers = customersNamed(order);
  if (customers > 1)
    throw new ProxyError(
      'OUT_OF_SCOPE',
      `${rev.field} ${String(order.order).slice(0, 64)}: the proxy's writes on it name ${customers} customers, and the platform gives an order back to one of them: it cannot be reversed here`,
      { field: rev.field },
    );
}

/**
 * Whose point flows bound a reversal of `order` (a lookup of the order book: `customer`, the
 * key its first recorded write named; `customers`, those its recorded points were made for)
 * that gives its whole points back: the order's customer and every customer of its points
 * (checkCustomer has made sure they are one). Refuses, for a role limiting amounts, an order
 * whose customer the proxy holds no customer id for (their flows cannot be read, so what the
 * platform would give back cannot be bounded).
 */
export function pointCustomers(c, rev, order, params) {
  const named = given(params.customer_id) ? String(params.customer_id) : null;
  const ids = [order.customer, ...order.customers].map(idOf);
  if (pointsUnbounded(c.role, order))
    throw new ProxyError(
      'LIMIT_EXCEEDED',
      `this role has limits, and ${rev.field} ${String(order.order).slice(0, 64)} was made for a customer the proxy knows by no customer_id (named by mobile, outer id or card, or noted before notes kept customers), whose point flows cannot be read: what it would give back cannot be bounded`,
      { limit: 'amount', field: rev.field },
    );
  return [...new Set([...ids.filter((id) => id !== null), ...(named === null ? [] : [named])])];
}
