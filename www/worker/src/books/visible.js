// Who sees which part of the books, as one SQL condition over a row's operator, brand and shop
// (audit rows and a run's items alike). A role's `books`: `own` (their own writes), `shops`
// (every operator's at the shops they work at: a brand-wide write where they work at the whole
// brand, a write that names no brand (U8) where they work at every brand its operator does),
// `none`. The same condition, built from a run's scope, says what a run reconciles.
const literal = (v) => `'${String(v).replace(/'/g, "''")}'`;
const list = (values) => (values.length ? values.map(literal).join(', ') : 'NULL');

/**
 * The condition for a scope (`Map` brand → Set of shops or '*', as operators have), with the
 * settings' shops and operators; `own` (an operator id) adds that operator's rows.
 */
export function scopeSql(scope, config, own) {
  // Every brand whole: everything, the writes of operators the settings no longer name too.
  if ([...config.shops.brands.keys()].every((b) => scope.get(b) === '*')) return '1 = 1';
  const shops = [];
  const whole = [];
  for (const [brand, allowed] of scope) {
    const b = config.shops.brands.get(brand);
    if (!b) continue;
    if (allowed === '*') whole.push(brand);
    shops.push(...(allowed === '*' ? [...b.shops.keys()] : [...allowed]));
  }
  const operators = [...config.operators]
    .filter(([, brands]) => brands.size && [...brands].every((b) => whole.includes(b)))
    .map(([op]) => op);
  const parts = [
    `(shop IS NOT NULL AND shop IN (${list(shops)}))`,
    `(shop IS NULL AND brand IN (${list(whole)}))`,
    `(shop IS NULL AND brand IS NULL AND operator IN (${list(operators)}))`,
  ];
  if (own) parts.unshift(`operator = ${literal(own)}`);
  return parts.join(' OR ');
}

/** The condition for what a signed-in operator may see of the books, or null (`none`). */
export function visibleSql(who, role, config) {
  if (role.books === 'shops') return scopeSql(who.scope, config, who.operator);
  if (role.books === 'own') return `operator = ${literal(who.operator)}`;
  return null;
}

/** A run's scope as JSON (`{ brand: [shops] | '*' }`) and back. */
export const scopeJson = (scope) =>
  Object.fromEntries([...scope].map(([b, s]) => [b, s === '*' ? '*' : [...s].sort()]));
export const scopeFromJson = (json) => new Map(Object.entries(json).map(([b, s]) => [b, s === '*' ? '*' : new Set(s)]));

/** Every brand of the settings, whole: what the nightly run reconciles. */
export const everything = (config) => new Map([...config.shops.brands.keys()].map((b) => [b, '*']));
