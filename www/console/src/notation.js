// One notation for a customer wherever a table names one (audit, exports): the masked mobile the
// desk knows the person by, the id the platform knows them by kept for a hover and the exports.
// The audit trail names a customer as the call did (a customer id, a U8 member, a masked mobile,
// `card:` / `outer:` ids); the customers this operator found in this tab give their ids a mobile.
// Pure but for the remembered list (sessionStorage, read and written only when called).

import { maskMobile } from './format.js';

const MASKED = /^\d{3}\*{4}\d{4}$/;
const key = (operator) => `known-customers:${operator}`;

/** The customers `operator` found in this tab: a Map from customer id to masked mobile. */
export const knownCustomers = (operator) => new Map(JSON.parse(sessionStorage.getItem(key(operator)) ?? '[]'));

/** Remembers a found customer (`customer_open_info`) by id, with their masked mobile. */
export function rememberCustomer(operator, info) {
  const maskedMobile = maskMobile(info?.mobile);
  if (!operator || !info?.customer_id || !MASKED.test(maskedMobile ?? '')) return;
  const known = knownCustomers(operator);
  known.set(String(info.customer_id), maskedMobile);
  sessionStorage.setItem(key(operator), JSON.stringify([...known]));
}

/**
 * How a row names its customer(s): `{ text, id }`, `text` what the cell shows, `id` what the
 * platform's ids are (for a title and the exports; empty when the row names a mobile only).
 * `u8`: the row is a U8 call, whose customer is a member id. `words`: `{ card, outer, u8, id }`.
 */
export function customerNotation(raw, { known = new Map(), u8 = false, words }) {
  if (raw === null || raw === undefined || raw === '') return { text: '', id: '' };
  const parts = String(raw)
    .split(',')
    .map((p) => {
      if (MASKED.test(p)) return { text: p, id: '' };
      const [, prefix, rest] = /^(card|outer):(.*)$/.exec(p) ?? [];
      if (prefix) return { text: `${words[prefix]} ${rest}`, id: rest };
      if (known.has(p)) return { text: known.get(p), id: p };
      // An id the desk has not met: its tail, as a receipt or a card prints it; the whole in `id`.
      const tail = p.length > 10 ? `…${p.slice(-6)}` : p;
      return { text: `${u8 ? words.u8 : words.id} ${tail}`, id: p };
    });
  return {
    text: parts.map((p) => p.text).join(', '),
    id: parts
      .map((p) => p.id)
      .filter(Boolean)
      .join(', '),
  };
}

const halfWidth = (s) => s.replace(/[\uFF10-\uFF19\uFF0B]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * What the audit trail's `customer` filter is sent for what the desk typed: a mobile in any
 * common notation (`138 0000 0001`, `138-0000-0001`, `+86…`, full-width digits) is never sent
 * whole — it becomes the id of a customer found with it here, else its masked form, which is
 * how the trail writes a mobile; anything else (an id, `card:…`) is sent as typed.
 */
export function customerFilterValue(typed, known = new Map()) {
  const v = String(typed ?? '').trim();
  const digits = halfWidth(v)
    .replace(/[\s\-()]/g, '')
    .replace(/^(\+86|0086)/, '');
  if (!/^1\d{10}$/.test(digits)) return v;
  const masked = `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return [...known].find(([, m]) => m === masked)?.[0] ?? masked;
}

/** How many names one audit search sends at most (the proxy's cap on `customer` values). */
export const NAMES_MAX = 8;

/**
 * Every name the audit trail may file one found customer's writes under: their id, each of
 * their cards (`card:` the card id; the member card number they were found by), their linked
 * U8 member id and their masked mobile — top-ups go by card, U8 awards by member. `customer`
 * is an `open.customer.get` result, `lookup` how they were found, `link` their U8 link or null.
 */
export function customerNames(customer, lookup, link) {
  const info = customer?.customer_open_info ?? {};
  const cards = Array.isArray(customer?.card_open_info_list) ? customer.card_open_info_list : [];
  const names = [
    info.customer_id,
    ...cards.map((c) => c?.card_id && `card:${c.card_id}`),
    lookup?.physical_card_id && `card:${lookup.physical_card_id}`,
    link?.u8_member_id,
    maskMobile(info.mobile),
  ];
  return [...new Set(names.filter((n) => typeof n === 'string' && n !== '').map(String))].slice(0, NAMES_MAX);
}
