// The session the console works in: who is signed in (`me`), the customer found and how
// (`lookup`), the current order, the forms, the session's history and orders, and which of
// the customer's flows is shown. One mutable object shared by the cards; `session` counts
// sign-ins so an answer that arrives later is booked to the session that sent it. The
// history and orders are kept in sessionStorage (the desk) across reloads until sign-out.
import { newRequestId } from './sdk/index.js';

const blank = () => ({
  me: null,
  customer: null,
  // The customer's U8 member link as the proxy keeps it (GET /v1/links), or null.
  u8Link: null,
  lookup: null,
  history: [],
  active: null,
  forms: new Map(),
  order: null,
  orders: [],
  voucherOrders: {},
  flowKind: 'points',
  flowPage: 1,
});

export const state = { token: sessionStorage.getItem('token'), session: 0, inFlight: 0, ...blank() };

/** Forgets the previous operator's session; answers still on their way belong to that one. */
export function clearSession() {
  Object.assign(state, blank());
  state.inFlight = 0;
  state.session += 1;
}

export const customerId = () => state.customer?.customer_open_info?.customer_id;

export const newOrderId = () =>
  `ORD-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296)
    .toString(36)
    .toUpperCase()
    .padStart(2, '0')}`;

// ---------- the desk: the session's rows, kept across reloads until sign-out ----------
const deskKey = () => `desk:${state.me?.operator}`;
export function saveDesk() {
  const { history, orders, voucherOrders } = state;
  sessionStorage.setItem(deskKey(), JSON.stringify({ history, orders, voucherOrders }));
}
export function restoreDesk() {
  const saved = JSON.parse(sessionStorage.getItem(deskKey()) ?? 'null');
  if (saved)
    Object.assign(state, {
      history: saved.history ?? [],
      orders: saved.orders ?? [],
      voucherOrders: saved.voucherOrders ?? {},
    });
}
export const forgetDesk = () => state.me && sessionStorage.removeItem(deskKey());

// ---------- this page, among the operator's tabs ----------
// A write it sent and never saw answered was interrupted.
export const PAGE = newRequestId();
export const alivePages = () => new Set(JSON.parse(localStorage.getItem('pages') ?? '[]'));
function markPage(alive) {
  const pages = alivePages();
  if (alive) pages.add(PAGE);
  else pages.delete(PAGE);
  localStorage.setItem('pages', JSON.stringify([...pages]));
}
markPage(true);
// Leaving (reload, tab closed): the browser ends this page's fetches, which says nothing of
// their outcome; what is in flight stays so, for the next page to show as interrupted.
let leaving = false;
addEventListener('pagehide', () => {
  leaving = true;
  markPage(false);
});
export const isLeaving = () => leaving;
