// The meaning of a call, read from the `operations()` metadata (spec/overlay.json, compiled by
// the build): its business parameters, the most it could move, the orders and the customer it
// names, and the conversions every screen and proxy needs (元 ↔ 分, mobile numbers). Pure
// functions: no wasm, no I/O, no clock. Amounts are BigInt: no amount passes through a float.
// Each function takes an operation's metadata (an item of `operations()`) or its method name.
import OPERATIONS from './operations.js';

const BY_METHOD = new Map(OPERATIONS.map((o) => [o.method, o]));
const metaOf = (m) => (typeof m === 'string' ? BY_METHOD.get(m) : m);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const given = (v) => v !== undefined && v !== null && v !== '';

/**
 * The business parameters of a body: TOP's inner object (the documented wrapper
 * `{"param_...": {...}}` unwrapped, or the plain object itself), U8's list of records; null
 * when the body is neither.
 */
export function businessParams(meta, body) {
  const m = metaOf(meta);
  if (m?.list) return Array.isArray(body) ? body : null;
  if (!isObject(body)) return null;
  if (m?.param) {
    const keys = Object.keys(body);
    if (keys.length === 1 && keys[0] === m.param && isObject(body[m.param])) return body[m.param];
  }
  return body;
}

/** The records a path is read in: each U8 record, or the one business object. */
function records(m, body) {
  const p = businessParams(m, body);
  if (p === null) return [];
  return Array.isArray(p) ? p.filter(isObject) : [p];
}

/** Every value at a dotted path of the metadata; a list on the way is walked item by item. */
function valuesAt(node, path) {
  let nodes = [node];
  for (const part of path.split('.')) {
    const next = [];
    for (const n of nodes) {
      const items = Array.isArray(n) ? n : [n];
      for (const item of items) if (isObject(item) && given(item[part])) next.push(item[part]);
    }
    nodes = next;
  }
  return nodes.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** The declared field at a dotted path, for its type. */
function fieldAt(m, path) {
  let fields = m?.fields ?? [];
  let found;
  for (const part of path.split('.')) {
    found = fields.find((f) => f.name === part);
    fields = found?.fields ?? [];
  }
  return found;
}

/** A whole number (a JS integer, or its digits as text, signed or not) as BigInt; else null. */
export function wholeAmount(v) {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : null;
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return /^[+-]?\d{1,30}$/.test(t) ? BigInt(t) : null;
}

const abs = (n) => (n < 0n ? -n : n);

/** An exact decimal (`2.5`, `0.01`, `3`) as [numerator, 10^places]; null when it is not one. */
function decimal(v) {
  const t = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^\+?(\d{1,30})(?:\.(\d{1,30}))?$/.exec(t);
  if (!m) return null;
  const frac = m[2] ?? '';
  return [BigInt(m[1] + frac), 10n ** BigInt(frac.length)];
}

/**
 * 元 as decimal text (`"12.50"`, `"12.5"`, `"12"`, a number with at most two decimals) to 分 as
 * BigInt, exactly; null for anything else (three decimals, an exponent, a sign).
 */
export function yuanToFen(yuan) {
  const t = typeof yuan === 'number' && Number.isFinite(yuan) ? String(yuan) : typeof yuan === 'string' ? yuan : '';
  const m = /^(\d{1,30})(?:\.(\d{1,2}))?$/.exec(t.trim());
  return m ? BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : null;
}

/** 分 (BigInt, an integer, or its digits) to 元 as text with two decimals (`1250` → `"12.50"`). */
export function fenToYuan(fen) {
  const n = wholeAmount(fen);
  if (n === null) return null;
  const a = abs(n);
  return `${n < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

// Mobile numbers of mainland China in every common notation: `13800000001`, `+86 138 0000
// 0001`, `0086-138-0000-0001`, `(+86)13800000001`, `138.0000.0001`, full-width digits. Between
// two digits at most one separator; no digit may touch the number on either side, so a long
// id that contains eleven such digits is not one.
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const SEP = '[\\s\\u00A0\\u3000\\-\\u2010-\\u2015\\uFF0D.()（）]';
const PREFIX = `(?:(?:[+\\uFF0B]|00|\\uFF10\\uFF10)?(?:86|\\uFF18\\uFF16)${SEP}{0,2})?`;
const MOBILE_BODY = `[1\\uFF11]${SEP}?[3-9\\uFF13-\\uFF19](?:${SEP}?${DIGIT}){9}`;
const MOBILE_IN_TEXT = new RegExp(`(?<!${DIGIT})${PREFIX}${MOBILE_BODY}(?!${DIGIT})`, 'g');
const MOBILE_WHOLE = new RegExp(`^${SEP}*${PREFIX}${MOBILE_BODY}${SEP}*$`);
const ascii = (s) => s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A mobile number in any common notation as its eleven digits (`13800000001`); else null. */
export function normalizeMobile(text) {
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const t = String(text);
  if (t.length > 40 || !MOBILE_WHOLE.test(t)) return null;
  const digits = ascii(t).replace(/\D/g, '');
  return digits.slice(-11);
}

/** A mobile number as `138****0001` (the first three and last four digits); else undefined. */
export function maskMobile(text) {
  const n = normalizeMobile(text);
  return n ? `${n.slice(0, 3)}****${n.slice(-4)}` : undefined;
}

/** Free text with every mobile number in it masked, in whatever notation it was written. */
export function maskMobilesIn(text) {
  if (typeof text !== 'string') return text;
  return text.replace(MOBILE_IN_TEXT, (m) => {
    const digits = ascii(m).replace(/\D/g, '').slice(-11);
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  });
}

// The record fields U8 computes from the others, when a caller sends them: its document's own
// request example carries `calc_points`. A bound is never below what such a field says.
const COMPUTED_POINTS = 'calc_points';

/** Whether a `when` + `in` condition of the metadata holds for one record. */
const holds = (cond, record) =>
  !cond?.when || (given(record[cond.when]) && cond.in.map(String).includes(String(record[cond.when]).trim()));

/**
 * The most a call could move, under any reading of its fields:
 * `{ points, value, vouchers, voucherIds, unbounded }`. `points` and `value` (分) sum every
 * amount field the metadata names, each taken as its size (a deduction and an award move the
 * same); a multiplier (`scale`: U8 `multiple`) counts as at least 1, so zero, missing or a
 * fraction never shrinks a record (`ori_points × max(multiple, 1) + extra_points` for every
 * action, and never less than a `calc_points` sent). `vouchers` counts vouchers (a list's
 * length, or a number), `voucherIds` are the ids named. `unbounded` is null, or
 * `{ field, reason }` when the request does not bound the effect (a field that is no whole
 * number, an activity that decides): a caller with limits refuses such a call. A reversal's
 * return from its order is not in here: see `reversalOf`.
 */
export function effectOf(meta, body) {
  const m = metaOf(meta);
  const out = { points: 0n, value: 0n, vouchers: 0n, voucherIds: [], unbounded: null };
  if (!m) return { ...out, unbounded: { field: null, reason: 'the operation is not declared' } };
  if (m.unbounded) return { ...out, unbounded: { field: null, reason: m.unbounded } };
  const unbounded = (field, reason) => ({ ...out, unbounded: { field, reason } });
  const list = records(m, body);
  for (const [i, record] of list.entries()) {
    const at = (path) => (m.list ? `[${i}].${path}` : path);
    let recordPoints = 0n;
    for (const kind of ['points', 'value']) {
      for (const path of m.amounts?.[kind] ?? []) {
        const money = fieldAt(m, path)?.type === 'Money';
        for (const v of valuesAt(record, path)) {
          if (!given(v)) continue;
          let n = money ? yuanToFen(v) : wholeAmount(v);
          if (n === null) return unbounded(at(path), `${at(path)} is not a whole number`);
          n = abs(n);
          const by = m.amounts.scale?.[path];
          if (by !== undefined) {
            const factor = given(record[by]) ? decimal(record[by]) : [1n, 1n];
            if (factor === null) return unbounded(at(by), `${at(by)} is not a decimal`);
            const [num, den] = factor;
            // At least 1: a zero, missing or fractional multiple is read as the platform may.
            n = num > den ? (n * num + den - 1n) / den : n;
          }
          if (kind === 'points') recordPoints += n;
          else out.value += n;
        }
      }
    }
    if (m.platform === 'u8' && given(record[COMPUTED_POINTS])) {
      const computed = wholeAmount(record[COMPUTED_POINTS]);
      if (computed === null) return unbounded(at(COMPUTED_POINTS), `${at(COMPUTED_POINTS)} is not a whole number`);
      if (abs(computed) > recordPoints) recordPoints = abs(computed);
    }
    out.points += recordPoints;
    for (const path of m.vouchers ?? []) {
      const values = valuesAt(record, path);
      if (fieldAt(m, path)?.type === 'Number') {
        for (const v of values) {
          const n = wholeAmount(v);
          if (n === null) return unbounded(at(path), `${at(path)} is not a whole number`);
          out.vouchers += abs(n);
        }
      } else {
        const ids = values.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
        out.vouchers += BigInt(values.length);
        out.voucherIds.push(...ids);
      }
    }
  }
  out.voucherIds = [...new Set(out.voucherIds)];
  return out;
}

/**
 * What a reversal gives back of an earlier order, or null when the call reverses none:
 * `{ field, orders, of, fromOrder }`. `orders` are the orders it names (by `field`); `of`, the
 * operations whose orders they are; `fromOrder`, the kinds (`points`, `value`, `vouchers`) it
 * gives back as the order recorded them, beyond what its own fields say: the whole order where
 * the call names no amount of that kind, the larger of the two where the documents leave it
 * open. A caller bounds the reversal by the order's recorded effect for those kinds.
 */
export function reversalOf(meta, body) {
  const m = metaOf(meta);
  const r = m?.reverses;
  if (!r) return null;
  const cond = r.when ? { when: r.when, in: r.in } : null;
  const reversing = records(m, body).filter((rec) => holds(cond, rec));
  if (!reversing.length) return null;
  const orders = [
    ...new Set(
      reversing.flatMap((rec) => valuesAt(rec, r.order)).filter((v) => typeof v === 'string' || typeof v === 'number'),
    ),
  ].map(String);
  const fromOrder = r.returns.filter(
    (kind) => !(r.partial?.[kind] && reversing.every((rec) => valuesAt(rec, r.partial[kind]).length > 0)),
  );
  return { field: r.order, orders, of: r.of, fromOrder };
}

/** The order ids a call names by the operation's order field (`out_biz_id`, U8 `source_code`). */
export function orderIdsOf(meta, body) {
  const m = metaOf(meta);
  if (!m?.orderId) return [];
  const ids = records(m, body).flatMap((rec) => valuesAt(rec, m.orderId));
  return [...new Set(ids.filter((v) => typeof v === 'string' || typeof v === 'number').map(String))];
}

// How a body names the customer, most exact first: ids, then a mobile (masked), then a card.
/** @type {Array<[string, (v: string) => string | null]>} */
const IDENTITIES = [
  ['customer_id', (v) => v],
  ['mid', (v) => v],
  ['mobile', (v) => maskMobile(v) ?? null],
  ['phone', (v) => maskMobile(v) ?? null],
  ['card_id', (v) => `card:${v}`],
  ['physical_card_id', (v) => `card:${v}`],
  ['outer_id', (v) => `outer:${v}`],
];

/**
 * Who a call is about, however the body names them (a customer id, a U8 member, a mobile
 * number masked as `138****0001`, a card, an outer id): one label per record, distinct, joined
 * with commas; undefined when the body names no one. A mobile number that is not one (too
 * short, letters) names no one rather than leaking as is.
 */
export function customerOf(meta, body) {
  const m = metaOf(meta);
  const labels = [];
  for (const rec of records(m, body)) {
    for (const [name, label] of IDENTITIES) {
      const v = rec[name];
      if ((typeof v !== 'string' && typeof v !== 'number') || v === '') continue;
      const l = label(String(v));
      if (l) {
        labels.push(l);
        break;
      }
    }
  }
  const all = [...new Set(labels)];
  return all.length ? all.join(',') : undefined;
}

/**
 * The face values (分) of vouchers an answer shows (`voucherFaces` of the metadata): a Map from
 * voucher id to BigInt. `data` is what the call answered.
 */
export function voucherFacesOf(meta, data) {
  const m = metaOf(meta);
  const faces = new Map();
  for (const where of m?.voucherFaces ?? []) {
    for (const item of valuesAt(data, where.list)) {
      if (!isObject(item)) continue;
      const id = item[where.id];
      const amount = wholeAmount(item[where.amount]);
      if ((typeof id === 'string' || typeof id === 'number') && amount !== null && amount >= 0n)
        faces.set(String(id), amount);
    }
  }
  return faces;
}

/** The permissions of its own a call needs beyond its method (`voucher:restore`), by name. */
export function permissionsOf(meta, body) {
  const m = metaOf(meta);
  const needed = new Set();
  for (const p of m?.permissions ?? []) if (records(m, body).some((rec) => holds(p, rec))) needed.add(p.name);
  return [...needed];
}

/** The field a manual adjustment must fill with why (`reason`), when it is one; else null. */
export function reasonField(meta) {
  return metaOf(meta)?.reason ?? null;
}
