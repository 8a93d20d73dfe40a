// The admin console, wired: one card module per screen (cards/), sharing the session
// (state.js), the proxy (api.js) and one dispatcher that sends and books every write
// (dispatch.js). This file only makes the cards, tells each what the others do, and keeps
// the page-wide rules: while a write is in flight nothing that would change its context can
// be pressed, and a language change relabels every card.
import * as i18n from './i18n.js';
import * as operation from './operation.js';
import * as pending from './pending.js';
import { $ } from './dom.js';
import { createApi } from './api.js';
import { state, clearSession, restoreDesk, newOrderId, customerId } from './state.js';
import { createDispatch } from './dispatch.js';
import { auditTitle, auditAmount, metaOf, yuan } from './words.js';
import { createSigninCard, store } from './cards/signin.js';
import { createCustomerCard } from './cards/customer.js';
import { createU8LinkCard } from './cards/u8link.js';
import { createActionsCard } from './cards/actions.js';
import { createFlowsCard } from './cards/flows.js';
import { createVouchersCard } from './cards/vouchers.js';
import { createOrdersCard } from './cards/orders.js';
import { createOrderLookupCard } from './cards/order-lookup.js';
import { createPendingCard } from './cards/pending.js';
import { createHistoryCard } from './cards/history.js';
import { createAuditCard } from './cards/audit.js';
import { createJobsCard } from './cards/jobs.js';
import { createWorklistCard } from './cards/worklist.js';
import { createReconciliationCard } from './cards/reconciliation.js';
import { createCloseCard } from './cards/close.js';
import { knownCustomers, rememberCustomer, customerNames } from './notation.js';
import { createAllowanceCard } from './cards/allowance.js';
import { createReceiptCard } from './cards/receipt.js';
import { createVoucherIssueCard } from './cards/voucher-issue.js';

const { t } = i18n;
// The proxy writes a call's audit row a moment after its answer: the trail is read again then.
const AUDIT_LAG_MS = 1000;

const api = createApi({
  token: () => state.token,
  onUnauthorized: () => signin.signOut(t('sessionOver')),
  unreachable: () => t('proxyDown'),
});

/** Marks this page's write in flight (+1) or answered (-1): what may be pressed follows. */
function busy(delta) {
  state.inFlight = Math.max(0, state.inFlight + delta);
  const may = operation.permits(state.inFlight > 0 ? operation.IN_FLIGHT : null);
  for (const sel of ['#find-form button[type=submit]', '#find-value', '#find-by', '#shop'])
    $(sel).disabled = !may.lookup;
  $('#signout').disabled = !may.signOut;
  $('#new-order').disabled = !may.newOperation;
  for (const b of document.querySelectorAll('#pending-list button, #new-form, #voucher-list button, #issue-submit'))
    b.disabled = !may.newOperation;
}

const dispatch = createDispatch({
  api,
  busy,
  refresh: () => customer.refresh(),
  balancesNow: () => customer.balancesNow(),
  linkU8: (id, mid) => u8link.set(id, mid),
  booked: (row) => {
    allowance.load();
    // A receipt is of the last write: one not applied leaves none of an earlier one on screen.
    if (row.state === operation.APPLIED) receipt.show(row, state.me.operator);
    else receipt.reset();
    history.render();
    orders.render();
    pendingCard.render();
    audit.load();
    setTimeout(() => state.me && audit.load(), AUDIT_LAG_MS);
  },
});

const signin = createSigninCard({
  api,
  // Forgets everything of the previous operator: customer, balances, forms, results, history, tabs.
  resetAll: () => {
    clearSession();
    busy(0);
    for (const card of cards) card.reset();
  },
  signedIn: () => {
    restoreDesk();
    pendingCard.load();
    history.render();
    orders.render();
    orderLookup.render();
    audit.load();
    allowance.render();
    jobs.load();
    for (const card of books) card.load();
  },
});
const u8link = createU8LinkCard({ api, linked: () => customer.render() });
const customer = createCustomerCard({
  api,
  links: u8link,
  found: ({ changed }) => {
    rememberCustomer(state.me?.operator, state.customer?.customer_open_info);
    audit.render();
    if (changed || !state.order) actions.setOrder(newOrderId());
    if (changed) {
      receipt.reset();
      voucherIssue.load();
    }
    flows.load(changed ? 1 : (state.flowPage ?? 1));
    vouchers.load();
    actions.render();
    pendingCard.render();
  },
  cleared: () => {
    actions.reset();
    flows.hide();
    vouchers.hide();
    voucherIssue.reset();
    receipt.reset();
    pendingCard.render();
  },
});
const actions = createActionsCard({ api, dispatch, busy, setAside: () => pendingCard.render() });
const flows = createFlowsCard({ api });
const vouchers = createVouchersCard({ api, dispatch, busy });
const voucherIssue = createVoucherIssueCard({ api, dispatch, busy });
const allowance = createAllowanceCard({ api });
const receipt = createReceiptCard();
const orders = createOrdersCard({
  startRefund: (refund, order, owner) => actions.startRefund(refund, order, owner),
});
const orderLookup = createOrderLookupCard({ api, dispatch, busy, title: auditTitle });
const pendingCard = createPendingCard({ dispatch, busy });
const history = createHistoryCard();
const audit = createAuditCard({
  api,
  scope: () => state.me?.audit,
  title: auditTitle,
  amount: auditAmount,
  operations: () =>
    (state.me?.operations ?? []).map((o) => (metaOf(o.method)?.platform === 'u8' ? `u8:${o.method}` : o.method)),
  known: () => knownCustomers(state.me?.operator),
  names: (id) => (id && id === customerId() ? customerNames(state.customer, state.lookup, state.u8Link) : null),
});
const jobs = createJobsCard({
  api,
  me: () => state.me,
  operations: () => (state.me?.operations ?? []).map((o) => metaOf(o.method) ?? o),
  known: store,
  amount: (e) =>
    [
      e.points !== '0' ? `${e.points} ${t('points')}` : '',
      e.value !== '0' ? yuan(e.value) : '',
      e.vouchers !== '0' ? `${e.vouchers} ${t('vouchers')}` : '',
    ]
      .filter(Boolean)
      .join(' / '),
});
// The books, shown by the role's books setting (the proxy judges anyway).
const booksRole = () => state.me?.books ?? 'none';
const worklist = createWorklistCard({
  api,
  title: auditTitle,
  books: booksRole,
  // A run decided some of this operator's own unknown writes: they leave "awaiting an outcome".
  settled: (items) => {
    if (!state.me) return;
    actions.settle(items);
    if (!pending.settleByRun(localStorage, state.me.operator, items)) return;
    pendingCard.load();
    history.render();
  },
});
const closeCard = createCloseCard({ api, books: booksRole });
const reconciliation = createReconciliationCard({
  api,
  title: auditTitle,
  books: booksRole,
  finished: () => Promise.all([worklist.load(), closeCard.load()]),
});
const books = [worklist, reconciliation, closeCard];

// Every card, in the page's order: each is reset at sign-in and sign-out, relabelled on a language change.
const cards = [signin, customer, actions, flows, vouchers, orders, pendingCard, history, audit, jobs, ...books];
cards.push(orderLookup, receipt, allowance, voucherIssue);

function relabel() {
  i18n.apply();
  $('#lang').textContent = i18n.lang() === 'en' ? '中文' : 'English';
  signin.relabel();
  if (!state.me) return;
  for (const card of cards) if (card !== signin) card.relabel();
}

$('#lang').addEventListener('click', () => {
  i18n.toggle();
  relabel();
});
$('#audit-refresh').addEventListener('click', () => audit.load());
$('#audit-more').addEventListener('click', () => audit.load(true));
for (const [form, load] of [
  ['#worklist-form', () => worklist.load()],
  ['#recon-form', () => reconciliation.start()],
  ['#close-form', () => closeCard.load()],
])
  $(form).addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
$('#recon-show').addEventListener('click', () => reconciliation.load());
$('#recon-export').addEventListener('click', () => reconciliation.exportItems());
// The close prints alone: a receipt still shown would take the paper (styles.css).
$('#close-print').addEventListener('click', () => {
  receipt.reset();
  print();
});
$('#close-export').addEventListener('click', () => closeCard.exportCsv());
relabel();
// Enter pressed before the app was ready was held, not submitted: act on it now.
if ($('#signin-form').dataset.pending) {
  delete $('#signin-form').dataset.pending;
  signin.signIn($('#token').value.trim());
} else if (state.token) {
  signin.signIn(state.token);
}
