// An operator's scope: the brands and shops they work at (settings SHOPS and each operator's
// `scope`). Every brand and shop a call names, wherever in its parameters and however (the
// platform's id or the outer one), must lie inside it; a single-brand operator's brand and a
// single-shop operator's shop are filled in when the call names none.
import { ProxyError } from './errors.js';

const BRAND_FIELDS = ['brand_id', 'out_brand_id'];
const SHOP_FIELDS = ['shop_id', 'out_shop_id'];
// Lists of shops a call may name (`open_card_shop_ids`).
const SHOP_LIST = /_shop_ids$/;

const outside = (field, message) => new ProxyError('OUT_OF_SCOPE', message, { field });

/** Every place in the parameters naming a brand or shop: `[path, key, value]`, walked without recursion. */
function places(params) {
  const found = [];
  const stack = [[params, '']];
  while (stack.length) {
    const [node, path] = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [k, v] of Object.entries(node)) {
      const at = path ? `${path}.${k}` : k;
      if (BRAND_FIELDS.includes(k) || SHOP_FIELDS.includes(k)) found.push([at, k, v]);
      else if (SHOP_LIST.test(k) && Array.isArray(v)) v.forEach((s, i) => found.push([`${at}[${i}]`, 'shop_id', s]));
      else if (v !== null && typeof v === 'object') stack.push([v, at]);
    }
  }
  return found;
}

/** The shops of a brand the operator may work at: a Set, or '*' for all of them. */
const shopsIn = (who, brandId) => who.scope.get(brandId);

/**
 * Fills what a call leaves out where the operator's scope leaves one answer (`fields`: the
 * operation's top-level field names), then checks every brand and shop the call names.
 * Answers `{ brand, shop }`: the brand and shop the call is made at (platform ids; `shop`
 * null for a brand-wide call). Throws OUT_OF_SCOPE naming the field, or INVALID_PARAM when
 * the operator must say which of several.
 */
export function checkScope(params, fields, who, shops) {
  const has = (k) => fields.includes(k);
  const given = (k) => params[k] !== undefined && params[k] !== null && params[k] !== '';
  const brands = [...who.scope.keys()];
  if ((has('brand_id') || has('out_brand_id')) && !BRAND_FIELDS.some(given)) {
    if (brands.length === 1 && has('brand_id')) params.brand_id = brands[0];
    else
      throw new ProxyError('INVALID_PARAM', 'brand_id: name the brand (you work at several)', {
        field: 'brand_id',
        details: [{ field: 'brand_id', rule: 'scope', message: 'brand_id: name the brand (you work at several)' }],
      });
  }
  let brand = null;
  let shop = null;
  const brandOf = (k, v) => (k === 'out_brand_id' ? shops.outBrands.get(v) : shops.brands.has(v) ? v : undefined);
  const shopOf = (k, v) => (k === 'out_shop_id' ? shops.outShops.get(v) : shops.shopBrand.has(v) ? v : undefined);
  const named = places(params);
  for (const [at, k, v] of named) {
    if (!BRAND_FIELDS.includes(k) || v === undefined || v === null || v === '') continue;
    const id = typeof v === 'string' ? brandOf(k, v) : undefined;
    if (id === undefined || !who.scope.has(id))
      throw outside(at, `${at}: brand ${String(v).slice(0, 64)} is not one you work at`);
    if (brand !== null && brand !== id) throw outside(at, `${at}: the call names two brands`);
    brand = id;
  }
  brand ??= brands.length === 1 ? brands[0] : null;
  if (brand !== null && (has('shop_id') || has('out_shop_id')) && !SHOP_FIELDS.some(given)) {
    const allowed = shopsIn(who, brand);
    if (allowed !== '*' && allowed.size === 1 && has('shop_id')) params.shop_id = [...allowed][0];
    else if (allowed !== '*')
      throw new ProxyError('INVALID_PARAM', 'shop_id: name the shop (you work at several)', {
        field: 'shop_id',
        details: [{ field: 'shop_id', rule: 'scope', message: 'shop_id: name the shop (you work at several)' }],
      });
  }
  for (const [at, k, v] of places(params)) {
    if (!SHOP_FIELDS.includes(k) || v === undefined || v === null || v === '') continue;
    const id = typeof v === 'string' ? shopOf(k, v) : undefined;
    const of = id === undefined ? undefined : shops.shopBrand.get(id);
    const allowed = of === undefined ? undefined : shopsIn(who, of);
    if (allowed === undefined || (allowed !== '*' && !allowed.has(id)) || (brand !== null && of !== brand))
      throw outside(at, `${at}: shop ${String(v).slice(0, 64)} is not one you work at`);
    if (!at.includes('[')) shop ??= id;
  }
  return { brand, shop };
}

/** Whether a shop (null: brand-wide) of a brand lies inside the operator's scope. */
export function inScope(who, brand, shop) {
  const allowed = brand === null ? undefined : shopsIn(who, brand);
  if (allowed === undefined) return false;
  return allowed === '*' || (shop !== null && allowed.has(shop));
}

/** The operator's brands and shops with their names, for `GET /v1/operations`. */
export function scopeView(who, shops) {
  return [...who.scope].map(([brandId, allowed]) => {
    const b = shops.brands.get(brandId);
    return {
      brand_id: brandId,
      name: b.name,
      out_brand_id: b.out_brand_id,
      all_shops: allowed === '*',
      shops: [...b.shops.values()].filter((s) => allowed === '*' || allowed.has(s.shop_id)),
    };
  });
}
