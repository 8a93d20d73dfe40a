// What an action's form offers and what it sends, without the DOM: the fields shown (those
// asked, and those folded away prefilled), a value as typed turned into what the call takes,
// the body built from the form and the session (with the time of sending), and the rules it
// breaks. Pure over the SDK's metadata (`meta`, one entry of operations()) and
// its `validate`, both passed in, so node:test checks it against the real package.
import { yuanToFen, fenText, asTyped, gmt8 } from './format.js';

// Fields the console or the proxy fills in: not shown in forms. The customer comes from the
// lookup alone: a field naming another customer (a mobile, an outer id) could contradict it.
export const FILLED = new Set([
  'mobile',
  'phone',
  'outer_id',
  'outer_type',
  'physical_card_id',
  'operator_id',
  'request_id',
  'brand_id',
  'shop_id',
  'out_brand_id',
  'out_shop_id',
  'customer_id',
  'card_id',
]);

/** Stored value fields: typed and shown in 元, sent in 分. */
export const isValueField = (meta, name) => Boolean(meta.amounts?.value?.includes(name));

/** The fields a form offers: none the console fills, no nested records. */
export const shownFields = (meta) => meta.fields.filter((f) => !FILLED.has(f.name) && !f.fields);

/**
 * The fields a form asks (the rest are folded away under "more fields"): those the action says
 * a person decides (`ask`), and any the call needs that has no value to start with (`values`,
 * as the form starts: a channel when the shop has none, a manual adjustment's reason).
 */
export function askedFields(action, meta, values) {
  const asked = new Set(action.ask ?? []);
  for (const f of shownFields(meta)) {
    const needed = f.required || (action.manual && f.name === 'reason');
    if (needed && f.type !== 'Boolean' && values[f.name] === undefined) asked.add(f.name);
  }
  return asked;
}

/**
 * The form's fields as shown: those asked, in the order the action names them (then any other
 * the call needs), and those folded away, in the metadata's order.
 */
export function arrange(action, meta, asked) {
  const rank = (f) => {
    const i = (action.ask ?? []).indexOf(f.name);
    return i < 0 ? Infinity : i;
  };
  const fields = shownFields(meta);
  return {
    asked: fields.filter((f) => asked.has(f.name)).sort((a, b) => rank(a) - rank(b)),
    folded: fields.filter((f) => !asked.has(f.name)),
  };
}

// Times the operator may leave empty: the moment the call is sent, in the shops' zone.
export const SENDING_TIME = new Set(['biz_date']);

/** The body as sent at `now` (epoch ms): a business time left empty is that moment in GMT+8. */
export function withSendingTime(meta, body, now) {
  if (Array.isArray(body)) return body;
  const out = { ...body };
  for (const f of meta.fields) if (SENDING_TIME.has(f.name) && out[f.name] === undefined) out[f.name] = gmt8(now);
  return out;
}

/**
 * A field's value as typed (`{ value }`, or `{ checked }` for a checkbox) turned into what the
 * call takes: numbers read as a desk types them (asTyped: full-width, `1,000`, `.5`, `5.`),
 * stored value from 元 to 分, whole numbers as numbers (only while exact: a longer one stays
 * text for the rules to refuse), lists split at commas; empty is undefined. What is not a
 * valid amount stays as typed, for the rules to name.
 */
export function parseInput(meta, field, { value = '', checked = false }) {
  if (field.type === 'Boolean') return checked;
  const raw = String(value).trim();
  if (raw === '') return undefined;
  if (isValueField(meta, field.name)) return yuanToFen(asTyped(raw)) ?? raw;
  if (field.type === 'Number') {
    const digits = asTyped(raw);
    return /^-?\d+$/.test(digits) && Number.isSafeInteger(Number(digits)) ? Number(digits) : raw;
  }
  if (field.type === 'Decimal' || field.type === 'Money') return asTyped(raw);
  if (field.type === 'String[]')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return raw;
}

/** A value as its input shows it: stored value in 元 with two decimals, a list with commas. */
export function shownValue(meta, field, v) {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join(',');
  if (isValueField(meta, field.name) && Number.isSafeInteger(v)) return fenText(v);
  return v;
}

/**
 * The values a new form starts with: the action's presets, then `keep`, then its ids. A U8
 * change gets its source code (its request id) and the customer's known member id; an action
 * that is an order of its own gets a new order id; any other the current order; a reversal
 * its own new refund id; a call with a channel gets the shop's (`biz_channel`) unless kept; a
 * reversal of an order of its own (a top-up) the customer's last such order, or none. `ids`
 * gives `order` (current, or null), `u8Member`, `newOrderId()`, `now`, `channel` (or undefined),
 * `lastOwnOrder` (or undefined).
 */
export function freshValues(action, meta, ids, keep = {}) {
  const values = { ...action.preset, ...keep };
  if (ids.channel && meta.fields.some((f) => f.name === 'biz_channel')) values.biz_channel ??= ids.channel;
  const stamp = ids.now.toString(36).toUpperCase();
  if (action.u8) {
    values.source_code = `${ids.order ?? ids.newOrderId()}-U8-${stamp}`;
    values.mid ??= ids.u8Member ?? undefined;
  } else if (action.ownOrder && values[meta.orderId] === undefined)
    values[meta.orderId] = ids.newOrderId().replace(/^ORD/, action.ownOrder);
  else if (action.ofOwnOrder && values[meta.orderId] === undefined) values[meta.orderId] = ids.lastOwnOrder;
  else if (meta.orderId && values[meta.orderId] === undefined) values[meta.orderId] = ids.order ?? ids.newOrderId();
  if (action.refundId) values[action.refundId] = `RF-${stamp}`;
  return values;
}

/**
 * Whether a form not yet sent follows the current order when it changes: one showing the last
 * call's answer holds the next call's values (its order id folded away), so it follows too; one
 * locked to a request whose outcome is unknown does not.
 */
export const followsOrder = (action, meta, form) =>
  Boolean(
    meta.orderId &&
    meta.platform !== 'u8' &&
    !action.ownOrder &&
    !action.ofOwnOrder &&
    form.outcome?.kind !== 'unknown' &&
    !form.inFlight,
  );

/**
 * The call's body: the form's values for the method's fields, with what the session fills in
 * (`ctx`: `store` {brand_id, shop_id}, `requestId`, `operator`, `customerId`, `cardId`). A U8
 * call is a list of records and carries only its values.
 */
export function buildBody(action, meta, values, ctx) {
  const own = {};
  for (const f of meta.fields) if (values[f.name] !== undefined) own[f.name] = values[f.name];
  if (action.u8) return [own];
  // The proxy sets operator_id from the token whatever is sent; the console sends the same.
  const filled = { ...ctx.store, request_id: ctx.requestId, operator_id: ctx.operator };
  const has = (name) => meta.fields.some((f) => f.name === name);
  if (has('customer_id') && ctx.customerId) filled.customer_id = ctx.customerId;
  if (has('card_id') && ctx.cardId) filled.card_id = ctx.cardId;
  return { ...filled, ...own };
}

/**
 * The rules the body breaks, one per form field (the first), as `{ error, field }`: `error` is
 * the SDK's `{ rule, field, message }`, or `{ rule: 'reasonRequired' }` for an adjustment by
 * hand without a reason. The caller words them.
 */
export function fieldErrors(action, meta, body, values, validate) {
  const map = new Map();
  for (const e of validate(action.method, body)) {
    const name = action.u8 ? e.field.replace(/^\[0\]\./, '') : e.field.split(/[.[]/)[0];
    if (!map.has(name)) map.set(name, { error: e, field: meta.fields.find((f) => f.name === name) });
  }
  const reason = meta.fields.find((f) => f.name === 'reason');
  if (action.manual && reason && !String(values.reason ?? '').trim() && !map.has('reason'))
    map.set('reason', { error: { rule: 'reasonRequired', field: 'reason' }, field: reason });
  return map;
}

/**
 * The kinds (`points`, `value`) a call's effect (the package's effectOf, in BigInt) moves more
 * of than `bounds` allow: the role's per-call limits, or its confirmation threshold.
 */
export const above = (effect, bounds) =>
  ['points', 'value'].filter((k) => bounds?.[k] !== undefined && effect[k] > BigInt(bounds[k]));
