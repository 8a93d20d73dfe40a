// What the books' routes share: the role's `books` setting and reading query parameters by
// name and rule.
import { ProxyError } from '../errors.js';
import { visibleSql } from '../books/visible.js';
import { checkDay } from '../books/day.js';

/** The SQL condition of what the operator sees; throws FORBIDDEN for `books: "none"` or below `need`. */
export function booksOf(c, need = 'own') {
  const where = visibleSql(c.who, c.role, c.config);
  if (!where || (need === 'shops' && c.role.books !== 'shops'))
    throw new ProxyError(
      'FORBIDDEN',
      need === 'shops'
        ? `role ${c.role.name} may not run or read reconciliation (its "books" setting is not "shops")`
        : `role ${c.role.name} may not read the books (its "books" setting is "none")`,
      { field: 'role' },
    );
  return where;
}

/**
 * The query's parameters, checked: `allowed` maps each name to a rule (`day`, `csv`, a list of
 * values, `page`, `size`, `id`). Anything else is refused by name.
 */
export function queryOf(c, allowed) {
  const out = {};
  for (const [k, v] of c.url.searchParams) {
    const rule = allowed[k];
    const bad = (why) => new ProxyError('BAD_REQUEST', `${k} ${why}`, { field: k });
    if (rule === undefined) throw bad('is not a parameter of this route');
    if (k in out) throw bad('is given twice');
    if (rule === 'day') {
      const d = checkDay(v, c.clock.ms);
      if (d.error) throw bad(d.error);
      out[k] = d.day;
    } else if (rule === 'csv') {
      if (v !== 'csv' && v !== 'json') throw bad('must be csv or json');
      out[k] = v;
    } else if (Array.isArray(rule)) {
      if (!rule.includes(v)) throw bad(`must be one of ${rule.join(', ')}`);
      out[k] = v;
    } else if (rule === 'page' || rule === 'size') {
      const max = rule === 'size' ? 500 : 1_000_000;
      if (!/^\d{1,7}$/.test(v) || Number(v) < 1 || Number(v) > max)
        throw bad(`must be a whole number from 1 to ${max}`);
      out[k] = Number(v);
    } else if (rule === 'id') {
      if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(v)) throw bad('must be an id (letters, digits, _ . : -, at most 64)');
      out[k] = v;
    }
  }
  return out;
}

/** A CSV answer, as a file. */
export const csvAnswer = (body, name) =>
  new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv;charset=UTF-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
