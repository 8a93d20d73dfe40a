// The matcher: a pure function from what the audit recorded (the day's writes, writes.js) and
// what the platform showed (its flows, voucher states, U8's answers to a resend) to one item
// per audited write and per platform flow. No I/O and no clock: a run reads, this decides.
//
// A write is compared by order id, amount and customer with the flows of each measure it moves
// (points, stored value); its vouchers by their states. The request id is the write's key, but
// neither flow query documents one, so it cannot be compared with the platform's.
import { deltaOf, isBound } from '../moves.js';

export const KINDS = Object.freeze([
  'matched',
  'settled_applied',
  'settled_not_applied',
  'not_in_audit',
  'mismatched',
  'unresolved',
]);

/** What to look at first. */
export const RANK = Object.freeze({
  mismatched: 0,
  not_in_audit: 1,
  unresolved: 2,
  settled_applied: 3,
  settled_not_applied: 3,
  matched: 4,
});

// The names of a run's reads: what the platform's data covers.
export const valueRead = (brand, shop) => `value|${brand}|${shop}`;
export const pointsRead = (brand, shop, customer) => `points|${brand}|${shop}|${customer}`;
export const vouchersRead = (brand, customer) => `vouchers|${brand}|${customer}`;
export const accountRead = (brand, customer) => `account|${brand}|${customer}`;
export const u8Read = (operator, key) => `u8|${operator}|${key}`;

/** A customer label that is the platform's customer id (not a masked mobile, a card, an outer id). */
export const isCustomerId = (label) => typeof label === 'string' && /^[0-9A-Za-z_-]{1,64}$/.test(label);

const abs = (n) => (n < 0n ? -n : n);
const VOUCHER_AFTER = { vouchers_redeemed: 'USED', vouchers_restored: 'NORMAL' };

/** The measures a write moves that the platform's data shows: points, value, vouchers. */
export function measuresOf(w) {
  if (w.platform !== 'top' || !w.moves) return [];
  const out = [];
  if (deltaOf(w.moves, 'points') !== 0n) out.push('points');
  if (deltaOf(w.moves, 'value') !== 0n) out.push('value');
  if (w.moves.voucher_ids?.length && (w.moves.vouchers_redeemed || w.moves.vouchers_restored)) out.push('vouchers');
  return out;
}

/**
 * The reads a write needs decided: `{ measure: read name | null (cannot be read) }`.
 * @returns {Record<string, string | null>}
 */
export function readsOf(w) {
  /** @type {Record<string, string | null>} */
  const out = {};
  for (const m of measuresOf(w)) {
    if (!w.brand) out[m] = null;
    else if (m === 'value') out[m] = w.shop ? valueRead(w.brand, w.shop) : null;
    else if (!isCustomerId(w.customer)) out[m] = null;
    else if (m === 'points') out[m] = w.shop ? pointsRead(w.brand, w.shop, w.customer) : null;
    else out[m] = vouchersRead(w.brand, w.customer);
  }
  return out;
}

/** Whether a flow's amount is what the write moved: exactly, or within its bound, the same way. */
function fits(amount, delta, bound) {
  if (!bound) return amount === delta;
  return amount !== 0n && amount > 0n === delta > 0n && abs(amount) <= abs(delta);
}

/**
 * In: `writes` (writes.js, with `inDay`), `flows` `{ points: [...], value: [...] }` (each `{
 * flow_id, order_id, amount (decimal text, signed), at (ms), type, brand, shop, customer |
 * account }`), `accounts` (`{ customer label: account id }`), `vouchers` (`{ voucher id:
 * status now }`), `u8` (`{ u8Read: { outcome: applied | refused | failed, detail } }`),
 * `reads` (`{ read: 'done' | 'failed' }`), `day` (`{ from, to }` ms), `readAt` (when the
 * platform was read), `lagMs` (how long the platform's flows may lag behind a write). Out:
 * items `{ kind, operation, order_id, request_id, customer, operator, brand, shop, at, audit,
 * platform, note, settle? }`, writes first in time order, then flows no write claimed.
 */
export function reconcile({
  writes,
  flows = {},
  accounts = {},
  vouchers = {},
  u8 = {},
  reads = {},
  day,
  readAt,
  lagMs,
}) {
  const owners = new Map(Object.entries(accounts).map(([customer, account]) => [account, customer]));
  const byOrder = { points: new Map(), value: new Map() };
  for (const measure of ['points', 'value'])
    for (const f of flows[measure] ?? []) {
      const flow = { ...f, measure, amount: BigInt(f.amount) };
      const list = byOrder[measure].get(f.order_id) ?? [];
      list.push(flow);
      byOrder[measure].set(f.order_id, list);
    }
  const claimed = new Set();
  const claim = (f) => claimed.add(`${f.measure}|${f.flow_id}`);
  const isClaimed = (f) => claimed.has(`${f.measure}|${f.flow_id}`);
  const sameCustomer = (w, f) =>
    f.measure === 'points'
      ? f.customer === w.customer
      : accounts[w.customer] === undefined || f.account === accounts[w.customer];

  // Applied writes claim their flows first, then unknown ones, then the refused (whose flows,
  // if any, belong to no one else): a refused write never takes an applied one's flow.
  const order = { applied: 0, unknown: 1, refused: 2, unsent: 3 };
  const top = writes.filter((w) => measuresOf(w).length).sort((a, b) => order[a.state] - order[b.state] || a.at - b.at);
  const evidence = new Map(top.map((w) => [w, {}]));
  const lastTouch = new Map();
  for (const w of writes)
    for (const id of w.moves?.voucher_ids ?? [])
      if (!lastTouch.has(id) || lastTouch.get(id).at < w.at) lastTouch.set(id, w);

  // First pass, tier by tier: each flow goes to the write it fits (order, amount, customer)
  // nearest in time, the closest pairs first (neither flow query gives a request id).
  for (const tier of [0, 1, 2, 3]) {
    const pairs = [];
    for (const w of top) {
      if (order[w.state] !== tier) continue;
      const needed = readsOf(w);
      for (const measure of ['points', 'value']) {
        if (!(measure in needed)) continue;
        const read = needed[measure];
        if (read === null || reads[read] !== 'done') {
          evidence.get(w)[measure] = {
            status: 'uncovered',
            why:
              read === null
                ? `the ${measure} flows cannot be read for this write (it names no ${measure === 'points' && !isCustomerId(w.customer) ? 'customer id' : 'brand and shop'})`
                : `the ${measure} flows could not be read (${read})`,
          };
          continue;
        }
        const delta = deltaOf(w.moves, measure);
        const bound = isBound(w.moves, measure);
        for (const f of byOrder[measure].get(w.order_id) ?? [])
          if (!isClaimed(f) && fits(f.amount, delta, bound) && sameCustomer(w, f))
            pairs.push({ w, measure, f, gap: Math.abs(f.at - w.at) });
      }
    }
    pairs.sort((a, b) => a.gap - b.gap);
    for (const { w, measure, f } of pairs) {
      if (isClaimed(f) || evidence.get(w)[measure]) continue;
      claim(f);
      evidence.get(w)[measure] = { status: 'found', flow: f };
    }
  }
  // Second pass: what is left of an order the write names is its flow with another amount or
  // customer (refused writes take none: such a flow is another write's).
  for (const w of top) {
    if (w.state === 'refused' || w.state === 'unsent') continue;
    for (const measure of ['points', 'value']) {
      if (!(measure in readsOf(w)) || evidence.get(w)[measure]) continue;
      const f = (byOrder[measure].get(w.order_id) ?? []).find((x) => !isClaimed(x));
      if (!f) continue;
      claim(f);
      const why = !sameCustomer(w, f)
        ? `the platform applied order ${w.order_id} to another customer`
        : `the platform moved ${f.amount} ${measure} on order ${w.order_id}; the audit recorded ${deltaOf(w.moves, measure)}${isBound(w.moves, measure) ? ' at most' : ''}`;
      evidence.get(w)[measure] = { status: 'differs', flow: f, why };
    }
  }
  for (const w of top)
    for (const measure of ['points', 'value'])
      if (measure in readsOf(w) && !evidence.get(w)[measure]) evidence.get(w)[measure] = { status: 'missing' };
  for (const w of top) {
    const needed = readsOf(w);
    if (!('vouchers' in needed)) continue;
    const ev = evidence.get(w);
    if (w.state === 'refused' || w.state === 'unsent') {
      ev.vouchers = { status: 'agrees' };
      continue;
    }
    if (needed.vouchers === null || reads[needed.vouchers] !== 'done') {
      ev.vouchers = { status: 'uncovered', why: 'the customer’s vouchers could not be read' };
      continue;
    }
    const category = w.moves.vouchers_redeemed ? 'vouchers_redeemed' : 'vouchers_restored';
    const want = VOUCHER_AFTER[category];
    const states = Object.fromEntries(w.moves.voucher_ids.map((id) => [id, vouchers[id] ?? null]));
    if (w.moves.voucher_ids_more || w.moves.voucher_ids.some((id) => lastTouch.get(id) !== w)) {
      // A later write changed these vouchers: their state now tells nothing of this one.
      ev.vouchers =
        w.state === 'applied'
          ? { status: 'agrees', states }
          : { status: 'uncovered', why: 'a later write changed these vouchers', states };
      continue;
    }
    const shown = Object.values(states);
    if (shown.every((s) => s === want)) ev.vouchers = { status: 'found', states };
    else if (shown.every((s) => s === (want === 'USED' ? 'NORMAL' : 'USED')))
      ev.vouchers = { status: 'missing', states };
    else
      ev.vouchers = {
        status: 'differs',
        states,
        why: `the vouchers are ${shown.join(', ')}; this write leaves them ${want}`,
      };
  }

  const items = [];
  for (const w of [...writes].sort((a, b) => a.at - b.at)) {
    if (!w.inDay) continue;
    if (w.platform === 'u8') {
      items.push(u8Item(w, u8[u8Read(w.operator, w.key)]));
      continue;
    }
    if (!evidence.has(w)) continue;
    items.push(writeItem(w, measuresOf(w), evidence.get(w), readAt - w.at < lagMs));
  }
  for (const measure of ['points', 'value'])
    for (const list of byOrder[measure].values())
      for (const f of list) {
        if (isClaimed(f) || f.at < day.from || f.at >= day.to) continue;
        // A flow of a read that did not finish: the writes it may belong to were not compared.
        const read = measure === 'points' ? pointsRead(f.brand, f.shop, f.customer) : valueRead(f.brand, f.shop);
        const complete = reads[read] === 'done';
        items.push({
          kind: complete ? 'not_in_audit' : 'unresolved',
          operation: null,
          order_id: f.order_id,
          request_id: null,
          customer: f.customer ?? owners.get(f.account) ?? (f.account ? `account:${f.account}` : null),
          operator: null,
          brand: f.brand ?? null,
          shop: f.shop ?? null,
          at: new Date(f.at).toISOString(),
          audit: null,
          platform: { flows: [flowView(f)] },
          note: complete
            ? 'on the platform, not through this proxy: another channel, or a bypass'
            : `read while ${read} did not finish: the next run compares it`,
        });
      }
  return items;
}

const flowView = (f) => ({
  source: f.measure,
  flow_id: f.flow_id,
  amount: String(f.amount),
  at: new Date(f.at).toISOString(),
  type: f.type ?? null,
  ...(f.account ? { account: f.account } : {}),
  ...(f.operator ? { operator: f.operator } : {}),
});

function base(w) {
  return {
    operation: w.operation,
    order_id: w.order_id,
    request_id: w.key,
    customer: w.customer,
    operator: w.operator,
    brand: w.brand,
    shop: w.shop,
    at: new Date(w.at).toISOString(),
    audit: { state: w.state, attempts: w.attempts, moves: w.moves },
  };
}

/** One TOP write's item, from what each of its measures found. */
function writeItem(w, measures, ev, young) {
  const statuses = measures.map((m) => ev[m].status);
  const flows = measures.filter((m) => ev[m].flow).map((m) => flowView(ev[m].flow));
  const platform = { flows, ...(ev.vouchers?.states ? { vouchers: ev.vouchers.states } : {}) };
  const why = measures.map((m) => ev[m].why).filter(Boolean);
  const item = (kind, note) => ({
    kind,
    ...base(w),
    platform,
    note,
    ...(kind.startsWith('settled_')
      ? {
          settle: {
            operator: w.operator,
            key: w.key,
            applied: kind === 'settled_applied',
            evidence: flows.map((f) => `${f.source}:${f.flow_id}`),
          },
        }
      : {}),
  });
  const known = w.state === 'applied';
  const refused = w.state === 'refused' || w.state === 'unsent';
  if (statuses.includes('uncovered')) return item('unresolved', why.join('; '));
  if (statuses.includes('differs')) return item('mismatched', why.join('; '));
  const on = statuses.every((s) => s === 'found' || s === 'agrees');
  const off = statuses.every((s) => s === 'missing' || s === 'agrees') && statuses.some((s) => s === 'missing');
  if (refused) {
    if (statuses.some((s) => s === 'found'))
      return item('mismatched', 'the platform shows this write applied; the proxy was answered that it was not');
    return item('matched', null);
  }
  if (on) return item(known ? 'matched' : 'settled_applied', null);
  if (young)
    return item(
      'unresolved',
      'not on the platform yet, and the platform’s flows may still be catching up: the next run decides',
    );
  if (off)
    return known
      ? item('mismatched', 'the proxy was answered that this write applied; the platform shows no such move')
      : item('settled_not_applied', 'the platform shows no such move');
  return item('mismatched', 'only part of this write is on the platform');
}

/** A U8 write: U8 has no flow query, so an unknown outcome is settled by sending it again. */
function u8Item(w, sent) {
  const item = (kind, platform, note) => ({
    kind,
    ...base(w),
    platform,
    note,
    ...(kind.startsWith('settled_')
      ? { settle: { operator: w.operator, key: w.key, applied: kind === 'settled_applied', evidence: ['u8:resent'] } }
      : {}),
  });
  if (w.state !== 'unknown')
    return item('matched', null, 'U8 has no flow query: its answer to the write is all there is to compare');
  if (sent?.outcome === 'applied')
    return item('settled_applied', { u8: sent.detail ?? null }, 'sent again: U8 answered the recorded rows');
  if (sent?.outcome === 'refused')
    return item('settled_not_applied', { u8: sent.detail ?? null }, 'sent again: U8 refused it');
  return item('unresolved', sent ? { u8: sent.detail ?? null } : null, 'U8 could not be asked again yet');
}

/** Counts by kind, and how many writes: `{ writes, matched, ... }`. */
export function summarize(items) {
  const out = { writes: 0, ...Object.fromEntries(KINDS.map((k) => [k, 0])) };
  for (const i of items) {
    out[i.kind]++;
    if (i.request_id !== null) out.writes++;
  }
  return out;
}
