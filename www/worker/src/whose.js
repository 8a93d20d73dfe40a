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
const idOf = (key) => (typeof key === 'string' && key.startsWith(ID) ? key.slice(ID.length) : null);

/**
 * Whose point flows bound a reversal of `order` (a lookup of the order book: `customer`, the
 * key its first recorded write named; `customers`, those its recorded points were made for)
 * that gives its whole points back: the order's customer and every customer of its points.
 * Refuses (403) a reversal naming another customer than the order's, for every role; and,
 * for a role limiting amounts, an order whose customers the proxy holds no customer id for
 * (their flows cannot be read, so what the platform would give back cannot be bounded).
 */
export function pointCustomers(c, rev, order, params) {
  const named = given(params.customer_id) ? String(params.customer_id) : null;
  const own = idOf(order.customer);
  if (own !== null && named !== null && named !== own)
    throw new ProxyError(
      'OUT_OF_SCOPE',
      `customer_id ${named.slice(0, 64)}: not the customer ${rev.field} ${String(order.order).slice(0, 64)} was made for; the platform gives a whole order back to its own customer, so a reversal names them`,
      { field: 'customer_id' },
    );
  const keys = [order.customer, ...order.customers];
  const ids = keys.map(idOf);
  if (ids.includes(null) && limitsAmounts(c.role.limits))
    throw new ProxyError(
      'LIMIT_EXCEEDED',
      `this role has limits, and ${rev.field} ${String(order.order).slice(0, 64)} was made for a customer the proxy knows by no customer_id (named by mobile, outer id or card, or noted before notes kept customers), whose point flows cannot be read: what it would give back cannot be bounded`,
      { limit: 'amount', field: rev.field },
    );
  return [...new Set([...ids.filter((id) => id !== null), ...(named === null ? [] : [named])])];
}
