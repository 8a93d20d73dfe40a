// Sends an operation (first time or again) and books its answer to it: its history row, its
// order, its customer's balances. It is kept with its operator until the answer is definite,
// so a reload, a closed tab or a sign-out never loses it; an answer that arrives after the
// session ended stays with its operator and is shown at their next sign-in.
import { reversalOf } from './sdk/meaning.js';
import * as pending from './pending.js';
import * as operation from './operation.js';
import { state, saveDesk, isLeaving, customerId } from './state.js';
import { balancesText, failureText, metaOf } from './words.js';
import { reversible, reversesAnOrder, recordOf } from './catalog.js';

/**
 * `api` calls the proxy; `busy(-1)` ends this page's write in flight; `refresh()` finds the
 * customer again and returns their balances (`snapshot`); `balancesNow()` reads them without
 * showing them (null when they cannot be read); `booked(row)` shows what was booked
 * (the history row); `linkU8(customerId, mid)` links a customer to the U8 member an applied call
 * was sent to.
 * The returned `dispatch(op, judge)` resolves to the answer with `message`, `balances` and the
 * settled `op`; `judge` may read an answer that says ok as a refusal.
 */
export function createDispatch({ api, busy, refresh, balancesNow, booked, linkU8 }) {
  return async function dispatch(op, judge = (answer) => answer) {
    const operator = state.me.operator;
    // "Before" is read just before sending, not when the form was filled: another tab or desk
    // may have moved the balances since, and a stale one would contradict what this call moved.
    if (!op.u8 && op.customerId && op.customerId === customerId()) op.before = await balancesNow();
    op.session = state.session;
    pending.put(localStorage, operator, { ...op, session: undefined });
    let r;
    try {
      r = judge(await api(op.path, op.body));
    } finally {
      if (op.session === state.session) busy(-1);
    }
    const settled = operation.settle(op, r);
    if (isLeaving()) return { ...r, op: settled };
    const message = r.ok ? '' : failureText(r);
    const unknown = settled.state === operation.UNKNOWN;
    // A history row keeps what happened, not words: it is read in whichever language is chosen.
    const row = {
      at: op.at,
      method: op.method,
      body: op.body,
      customer: op.customer,
      order: op.order,
      moved: op.moved,
      returned: op.returned ?? null,
      requestId: op.requestId,
      state: settled.state,
      error: r.ok ? null : r.error,
      balances: null,
    };
    if (op.session !== state.session) {
      // Signed out (or another operator signed in) meanwhile: the answer stays with its operator.
      if (unknown) pending.update(localStorage, operator, op.requestId, { state: settled.state, page: null });
      else pending.update(localStorage, operator, op.requestId, { state: settled.state, row });
      return { ...r, message, op: settled };
    }
    let balances = '';
    if (r.ok) {
      row.balances = await balancesAfter(op, r);
      balances = balancesText(row.balances);
      bookOrder(op);
    }
    state.history.push(row);
    if (unknown) pending.update(localStorage, operator, op.requestId, { state: settled.state, page: null });
    else pending.drop(localStorage, operator, op.requestId);
    saveDesk();
    booked(row);
    return { ...r, message, balances, booked: row, op: settled };
  };

  /** The customer found again after an applied operation, and their balances before → after (U8 says its own). */
  async function balancesAfter(op, r) {
    const here = () => customerId() === op.customerId;
    // The first applied U8 call for a customer not linked yet (confirmed as such) links the
    // member to them, for every desk of the brand; the proxy never lets a call replace a link.
    if (op.u8 && op.customerId && !(here() && state.u8Link)) await linkU8(op.customerId, String(op.body[0].mid));
    let after = null;
    if (state.lookup && here()) {
      const now = await refresh();
      if (here()) after = now;
    }
    const u8row = op.u8 ? r.data?.data?.[0] : null;
    if (u8row) return { u8: [String(u8row.before_points), String(u8row.after_points)] };
    return after && op.before ? { before: op.before, after } : null;
  }
}

/** An applied operation on an order, or a reversal of one, joins the session's orders. */
function bookOrder(op) {
  const meta = metaOf(op.method);
  if (op.refund) {
    const whole = reversalOf(meta, op.body)?.fromOrder ?? ['points', 'value'];
    state.orders.push({ order: op.order, method: op.method, moved: op.moved, reversal: { whole } });
  } else if (op.order && !op.u8 && reversible(metaOf, op.method) && !reversesAnOrder(meta, op.body)) {
    state.orders.push({
      order: op.order,
      method: op.method,
      moved: op.moved,
      customer: op.customer,
      customerId: op.customerId,
      cardId: recordOf(op.body).card_id,
    });
  }
}
