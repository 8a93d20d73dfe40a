// Writes sent and not yet definitely answered, kept per operator in `localStorage` (shared by
// the operator's tabs; it survives reload, tab close and sign-out). Each entry is the whole
// operation as it was sent — its operator, customer, order, request id and exact body — so a
// retry resends the same request for the same customer whatever the screen shows by then, and
// a reply that arrives after sign-out stays with the operator who sent it.
// Pure over the storage it is given (any object with getItem / setItem / removeItem).
import * as operation from './operation.js';

const key = (operator) => `pending:${operator}`;

/** The operator's entries, oldest first; [] when none or unreadable. */
export function list(storage, operator) {
  try {
    const v = JSON.parse(storage.getItem(key(operator)) ?? '[]');
    return Array.isArray(v) ? v.filter((e) => e && typeof e.requestId === 'string') : [];
  } catch {
    return [];
  }
}

function save(storage, operator, entries) {
  if (entries.length) storage.setItem(key(operator), JSON.stringify(entries));
  else storage.removeItem(key(operator));
}

/** Adds the entry, or replaces the one with its request id. */
export function put(storage, operator, entry) {
  const rest = list(storage, operator).filter((e) => e.requestId !== entry.requestId);
  save(storage, operator, [...rest, entry]);
}

/** Changes the entry with this request id (no-op when there is none). */
export function update(storage, operator, requestId, patch) {
  const entries = list(storage, operator);
  const i = entries.findIndex((e) => e.requestId === requestId);
  if (i < 0) return;
  entries[i] = { ...entries[i], ...patch };
  save(storage, operator, entries);
}

/** Removes the entry with this request id: its outcome is definite and recorded. */
export function drop(storage, operator, requestId) {
  save(
    storage,
    operator,
    list(storage, operator).filter((e) => e.requestId !== requestId),
  );
}

/**
 * The entries as a page that has just loaded sees them: one still marked in flight by a page
 * that is gone (reload, tab closed) has an unknown outcome, interrupted. `page` is this page's
 * id; `alive(page)` says whether another page is still waiting for its answer.
 */
export const afterLoad = (entries, alive) => entries.map((e) => (alive(e.page) ? e : operation.interrupt(e)));

/** Entries whose answer is still awaited (in flight or unknown). */
export const open = (entries) => entries.filter((e) => operation.isOpen(e.state));

/**
 * The proxy's worklist items a reconciliation run decided (`{operator, request_id, outcome,
 * run}`) given to the operator's unknown entries of the same request id: each becomes definite with the
 * history row that says so (`settled()` then hands it on once). One in flight waits for its own
 * answer. Returns how many it decided.
 */
export function settleByRun(storage, operator, items) {
  const decided = new Map(
    items.filter((i) => i.operator === operator && i.outcome !== 'pending').map((i) => [i.request_id, i]),
  );
  let n = 0;
  for (const e of list(storage, operator).filter((x) => x.state === operation.UNKNOWN)) {
    const item = decided.get(e.requestId);
    if (!item) continue;
    const state = item.outcome === 'applied' ? operation.APPLIED : operation.REFUSED;
    const { at, method, body, customer, order, moved, requestId } = e;
    const error = state === operation.REFUSED ? { code: 'SETTLED_NOT_APPLIED', message: `run ${item.run}` } : null;
    const row = { at, method, body, customer, order, moved, requestId, state, error, balances: null, run: item.run };
    update(storage, operator, e.requestId, { state, page: null, row });
    n++;
  }
  return n;
}

/** Entries whose answer came after their page's session ended: definite, not yet in a history. */
export const settled = (entries) => entries.filter((e) => operation.isDefinite(e.state));
