// The order lookup card: an order found by the id on its receipt, from any day, session or
// operator in the desk's scope (the proxy's GET /v1/orders/{id}), with what it paid, what was
// given back and what is left, who wrote it and when; and its fitting reversal, whole or
// partial with a reason, shown for confirmation before it goes through the dispatcher.
import { validate, newRequestId } from '../sdk/index.js';
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import * as operation from '../operation.js';
import { state, PAGE, newOrderId } from '../state.js';
import { actionOf } from '../catalog.js';
import { asTyped, yuanToFen } from '../format.js';
import { yuan, opName, failureText } from '../words.js';
import { customerNotation, knownCustomers, rememberCustomer } from '../notation.js';
import { store } from './signin.js';
import { amountText, writeItem, outcomeBox, noReversal, reversalForm, confirmBox } from './order-lookup-parts.js';

const { t } = i18n;
const AUDIT_LAG_MS = 1000;
// The ids this console makes for an order (state.js newOrderId): ORD- and capitals. The
// platform's ids are case-sensitive, so only one of these, typed in small letters, is retried.
const CONSOLE_ORDER = /^ord-[0-9a-z]+$/i;

/** The order's shop by its name in the operator's settings, or its id. */
const shopName = (o) =>
  state.me?.brands?.find((b) => b.brand_id === o.brand)?.shops.find((s) => s.shop_id === o.shop)?.name ?? o.shop ?? '—';

/**
 * The order's customer as the desk knows them: the masked mobile of one found in this tab, else
 * the id's tail (the proxy names an order's customer by the platform's id, never a mobile).
 */
const whom = (raw) =>
  customerNotation(raw, {
    known: knownCustomers(state.me?.operator),
    words: { card: t('notationCard'), outer: t('notationOuter'), id: t('notationId'), u8: t('notationU8') },
  }).text || '—';

/** `api` calls the proxy; `dispatch(op)` sends and books a write; `busy(+1)` marks one in flight; `title(op)` names an operation. */
export function createOrderLookupCard({ api, dispatch, busy, title }) {
  let order = null;
  let lookupError = '';
  let draft = null;

  const freshDraft = () => ({
    requestId: newRequestId(),
    newOrder: newOrderId(),
    mode: 'whole',
    amount: '',
    reason: '',
  });

  /** The order's customer, met by their id once in this tab: their masked mobile is how the desk names them. */
  async function meet(id) {
    if (!id || knownCustomers(state.me?.operator).has(String(id))) return;
    const r = await api('/v1/top/alibaba.alsc.crm.open.customer.get', { ...store(), customer_id: String(id) });
    if (r.ok) rememberCustomer(state.me?.operator, r.data.result?.customer_open_info);
  }

  function reset() {
    order = null;
    lookupError = '';
    draft = null;
    $('#lookup-id').value = '';
    $('#lookup-result').replaceChildren();
    $('#lookup-card').hidden = true;
  }

  async function find(id) {
    const asked = String(id ?? '').trim();
    order = null;
    lookupError = asked ? '' : t('lookupEmpty');
    if (asked) {
      const read = (orderId) => api(`/v1/orders/${encodeURIComponent(orderId)}`);
      let r = await read(asked);
      if (r.status === 404 && CONSOLE_ORDER.test(asked) && asked !== asked.toUpperCase())
        r = await read(asked.toUpperCase());
      if (r.ok) order = r.data;
      if (order) await meet(order.customer);
      else lookupError = r.status === 404 ? i18n.fill(t('lookupNotFoundCase'), { id: asked }) : failureText(r);
      // An unknown reversal stays locked to its request; after an applied one the rest is a new request.
      const kept = draft?.outcome;
      if (kept?.kind !== 'unknown') draft = { ...freshDraft(), outcome: kept?.kind === 'ok' ? kept : undefined };
    }
    render();
  }

  /** The reversal's body from the draft, or the first thing wrong with it: `{ body }` or `{ error, focus }`. */
  function bodyOf(rev) {
    const body = {
      ...rev.params,
      // A voucher restore names its own order and takes no new id.
      ...(rev.new_order_field ? { [rev.new_order_field]: draft.newOrder } : {}),
      request_id: draft.requestId,
      operator_id: state.me.operator,
    };
    if (rev.partial) {
      // Sent with its amount even for all that is left: "no amount" reads as the whole order.
      const max = BigInt(rev.partial.max);
      let fen = max;
      if (draft.mode === 'partial') {
        const typed = yuanToFen(asTyped(draft.amount));
        if (typed === null || BigInt(typed) <= 0n || BigInt(typed) > max)
          return { error: i18n.fill(t('lookupAmountBad'), { max: yuan(rev.partial.max) }), focus: '#lookup-amount' };
        fen = BigInt(typed);
      }
      body[rev.partial.field] = Number(fen);
    }
    if (rev.reason_field) {
      if (!draft.reason.trim()) return { error: t('lookupReasonBad'), focus: '#lookup-reason' };
      body[rev.reason_field] = draft.reason.trim();
    }
    const broken = validate(rev.method, body, { lang: i18n.lang() });
    if (broken.length) return { error: broken[0].message, focus: '#lookup-review' };
    return { body };
  }

  /** What the reversal gives back, as the confirmation says it. */
  function givesBack(rev, body) {
    if (!rev.partial) return rev.gives_back;
    return { ...rev.gives_back, value: String(body[rev.partial.field]) };
  }

  function review(rev) {
    const got = bodyOf(rev);
    draft.error = got.error ?? '';
    draft.confirming = got.body ?? null;
    render();
    $(got.body ? '#lookup-yes' : got.focus)?.focus();
  }

  async function send(rev, retrying) {
    if (state.inFlight) return;
    const action = actionOf(rev.method);
    const body = retrying ? draft.sent.body : draft.confirming;
    const back = givesBack(rev, body);
    const op = retrying
      ? operation.retry(draft.sent, PAGE)
      : operation.start(
          {
            requestId: draft.requestId,
            method: rev.method,
            tab: action?.tab,
            u8: false,
            refund: true,
            path: `/v1/top/${rev.method}`,
            body,
            customer: whom(order.customer),
            // The customer card's balances are refreshed only when it shows this order's customer.
            customerId: order.reversal.params.customer_id ?? order.customer ?? null,
            order: order.order_id,
            moved: {
              points: back.points,
              value: back.value,
              ...(rev.params.voucher_id_list ? { vouchers: rev.params.voucher_id_list } : {}),
            },
            before: null,
            at: Date.now(),
          },
          PAGE,
        );
    draft.sent = op;
    draft.confirming = null;
    draft.inFlight = true;
    busy(+1);
    render();
    const r = await dispatch(op);
    if (op.session !== state.session) return;
    if (r.ok) {
      // The proxy writes the reversal's audit row a moment after its answer: the order is read
      // again then, the form held meanwhile.
      draft.outcome = { kind: 'ok' };
      render();
      await new Promise((resolve) => setTimeout(resolve, AUDIT_LAG_MS));
      if (op.session !== state.session) return;
    }
    draft.inFlight = false;
    if (r.ok) draft.outcome = { kind: 'ok' };
    else if (r.op.state === operation.REFUSED)
      draft = {
        ...draft,
        requestId: newRequestId(),
        newOrder: newOrderId(),
        outcome: { kind: 'bad', message: r.message },
      };
    else draft.outcome = { kind: 'unknown', message: r.message };
    draft.sent = r.op;
    // What is left now, from the proxy and the platform: the rest is offered again.
    if (r.ok) await find(order.order_id);
    else render();
    $('#lookup-outcome')?.focus();
  }

  function outcomePart() {
    return draft?.outcome
      ? outcomeBox(draft.outcome, { retrying: draft.inFlight, onRetry: () => send(order.reversal, true) })
      : null;
  }

  function reversalPart() {
    const rev = order.reversal;
    if (!rev?.allowed) return noReversal(order);
    // Locked while its request is in flight or unknown: a retry resends exactly what was sent.
    const locked = Boolean(draft.inFlight || draft.outcome?.kind === 'unknown' || draft.confirming);
    const form = reversalForm(rev, draft, locked, {
      mode: (mode) => {
        draft.mode = mode;
        render();
      },
      amount: (v) => (draft.amount = v),
      reason: (v) => (draft.reason = v),
      review: () => review(rev),
    });
    if (draft.confirming) {
      const body = draft.confirming;
      const text = i18n.fill(t('lookupConfirm'), {
        amount: amountText(givesBack(rev, body)),
        customer: whom(order.customer),
        order: order.order_id,
        method: opName(rev.method, body),
      });
      const onNo = () => {
        draft.confirming = null;
        render();
        $('#lookup-review')?.focus();
      };
      form.append(confirmBox(text, { onYes: () => send(rev, false), onNo }));
    }
    return form;
  }

  function render() {
    $('#lookup-card').hidden = !state.me;
    $('#lookup-form button[type=submit]').disabled = Boolean(draft?.inFlight);
    // Parts an order lacks (no unknown writes, no cut) are left out, never shown as "null".
    const show = (...parts) => $('#lookup-result').replaceChildren(...parts.filter(Boolean));
    if (!order) {
      show(
        lookupError ? el('p', { class: 'error', id: 'lookup-failed', role: 'alert', text: lookupError }) : '',
        outcomePart(),
      );
      return;
    }
    const figure = (key, id, m) => el('div', {}, el('dt', { text: t(key) }), el('dd', { id, text: amountText(m) }));
    show(
      el(
        'p',
        { class: 'who' },
        `${t('orderId')}: `,
        el('code', { class: 'copy', id: 'lookup-order', text: order.order_id }),
        ` · ${t('customer')}: ${whom(order.customer)} · ${t('shopId')}: ${shopName(order)}`,
      ),
      el(
        'dl',
        { class: 'summary' },
        figure('lookupPaid', 'lookup-paid', order.paid),
        figure('lookupReversed', 'lookup-reversed', order.reversed),
        figure('lookupLeft', 'lookup-left', order.left),
      ),
      order.unknown
        ? el('p', { class: 'error', text: i18n.fill(t('lookupUnknownWrites'), { n: order.unknown }) })
        : null,
      el('h3', { id: 'lookup-writes-title', text: t('lookupWrites') }),
      el(
        'ul',
        { class: 'plain', id: 'lookup-writes', 'aria-labelledby': 'lookup-writes-title' },
        ...order.writes.map((w) => writeItem(w, title)),
      ),
      order.truncated ? el('p', { class: 'muted', text: t('lookupCut') }) : null,
      reversalPart(),
      outcomePart(),
    );
  }

  $('#lookup-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    // The reversal in flight keeps its order on screen until it is answered.
    if (draft?.inFlight) return;
    draft = null;
    find($('#lookup-id').value);
  });

  return { reset, render, relabel: render, find };
}
