// What the find form was given, as the lookup it makes: a mobile in any notation, a customer id,
// a member card number (the physical card's, `physical_card_id`), a card instance id (`card_id`,
// found through card.qry) or a U8 member id (through the proxy's link). Pure: node:test checks it.
import { readMobile } from './mobile.js';

/** The ways to find a customer, in the order the form offers them. */
export const FIND_BY = ['mobile', 'customer_id', 'physical_card_id', 'card_id', 'u8_member_id'];

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const asciiDigits = (s) => s.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * `{ by, value }` (the mobile as eleven digits, an id trimmed, full-width digits made plain), or
 * `{ error: { field, rule } }`: `required`, `format` (an id), or readMobile's rules.
 */
export function readLookup(by, text) {
  if (!FIND_BY.includes(by)) return { error: { field: 'find-by', rule: 'format' } };
  if (by === 'mobile') {
    const m = readMobile(text);
    return m.error ? { error: { field: by, rule: m.error } } : { by, value: m.mobile };
  }
  const value = asciiDigits(String(text ?? '').trim());
  if (!value) return { error: { field: by, rule: 'required' } };
  if (!ID.test(value)) return { error: { field: by, rule: 'format' } };
  return { by, value };
}
