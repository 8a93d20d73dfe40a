// The life of one write the console sends: made once with its request id and exact body, then
// in flight until an answer says applied or refused (definite: the request id's life ends) or
// leaves it unknown. An unknown operation is retried with the same id and body (the platform
// applies an id once, so a retry never applies twice), or set aside by the operator starting a
// new one, where it keeps waiting for an outcome. A page that goes away while one is in flight
// leaves it unknown, interrupted. Pure: operations are plain objects, never changed in place.

export const IN_FLIGHT = 'in_flight';
export const APPLIED = 'applied';
export const REFUSED = 'refused';
export const UNKNOWN = 'unknown';

/**
 * What an answer means for the ledger: the proxy says it (`error.outcome`); without it (an
 * answer that never came from the proxy), a retriable error is unknown.
 */
export const isUnknown = (answer) =>
  !answer.ok && (answer.error?.outcome ? answer.error.outcome === 'unknown' : Boolean(answer.error?.retriable));

/** The state an answer puts an operation in. */
export const outcomeOf = (answer) => (answer.ok ? APPLIED : isUnknown(answer) ? UNKNOWN : REFUSED);

/** Whether the state is an answer that ends the request id's life. */
export const isDefinite = (state) => state === APPLIED || state === REFUSED;

/** Whether the operation still awaits an answer (shown under "awaiting an outcome"). */
export const isOpen = (state) => state === IN_FLIGHT || state === UNKNOWN;

/**
 * What the page may do while this operation is its concern (`null`: none is). While one is in
 * flight nothing that would change its context can be pressed; while one is unknown the
 * operator may look up, sign out (it stays with its operator) and retry it, and a new operation
 * needs their confirmation (`'confirm'`) since it may apply what the unknown one already did.
 */
export function permits(state) {
  if (state === IN_FLIGHT) return { lookup: false, signOut: false, newOperation: false, retry: false };
  if (state === UNKNOWN) return { lookup: true, signOut: true, newOperation: 'confirm', retry: true };
  if (state === null || isDefinite(state)) return { lookup: true, signOut: true, newOperation: true, retry: false };
  throw new TypeError(`not an operation state: ${state}`);
}

/** A new operation, sent from `page`. */
export const start = (op, page) => ({ ...op, state: IN_FLIGHT, page });

/**
 * The operation sent again from `page`: the same request id and body. An open one can be: an
 * unknown one, or one still in flight for another tab or for a session that has ended (the same
 * request id never applies twice; `permits` keeps a page from sending while its own is in
 * flight). A definite one cannot: its request id's life is over.
 */
export function retry(op, page) {
  if (!isOpen(op.state)) throw new Error(`an operation ${op.state} cannot be retried`);
  return { ...op, state: IN_FLIGHT, page, cause: undefined };
}

/** The operation once its answer came: applied, refused, or still unknown. */
export const settle = (op, answer) => ({ ...op, state: outcomeOf(answer), page: null });

/** The operation in flight from a page that is gone: its outcome is unknown, interrupted. */
export const interrupt = (op) =>
  op.state === IN_FLIGHT ? { ...op, state: UNKNOWN, cause: 'interrupted', page: null } : op;

/**
 * The operator starts a new operation while this one is unknown: it is set aside, still unknown
 * and awaiting its outcome with its own retry. Only an unknown one is set aside; an in-flight
 * one cannot be, and a definite one needs nothing.
 */
export function abandon(op) {
  const allowed = permits(op.state).newOperation;
  if (allowed !== 'confirm') throw new Error(`an operation ${op.state} is not set aside`);
  return { ...op, state: UNKNOWN, page: null };
}
