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
import { asTyped, yuanToFen, fenText } from '../format.js';
import { yuan, opName, failureText } from '../words.js';

const { t } = i18n;
const AUDIT_LAG_MS = 1000;
const RESULTS = { applied: 'resApplied', refused: 'resRefused', unknown: 'resUnknown', unsent: 'resUnsent' };

/** `{points, value, vouchers}` digit strings as the desk reads them: `120 积分 + 3.00 元`. */
function amountText(m) {
  const parts = [];
  if (m.points && m.points !== '0') parts.push(`${m.points} ${t('points')}`);
  if (m.value && m.value !== '0') parts.push(yuan(m.value));
  if (m.vouchers && m.vouchers !== '0') parts.push(`${m.vouchers} ${t('voucherUnit')}`);
  return parts.join(' + ') || '0';
}

/** What an audited write moved, from its moves (moves.js categories). */
function movesText(moves) {
  if (!moves) return '';
  const sum = (...cats) => String(cats.reduce((n, c) => n + BigInt(moves[c] ?? 0), 0n));
  return amountText({
    points: sum('points_deducted', 'points_added'),
    value: sum('value_paid', 'value_paid_reversed', 'value_topped_up', 'value_refunded', 'value_frozen'),
    vouchers: sum('vouchers_redeemed', 'vouchers_restored'),
  });
}

/** The order's shop by its name in the operator's settings, or its id. */
const shopName = (o) =>
  state.me?.brands?.find((b) => b.brand_id === o.brand)?.shops.find((s) => s.shop_id === o.shop)?.name ?? o.shop ?? '—';

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
      const r = await api(`/v1/orders/${encodeURIComponent(asked)}`);
      if (r.ok) order = r.data;
      else lookupError = r.status === 404 ? i18n.fill(t('lookupNotFound'), { id: asked }) : failureText(r);
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
      [rev.new_order_field]: draft.newOrder,
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
            customer: order.customer ?? '',
            // The customer card's balances are refreshed only when it shows this order's customer.
            customerId: order.reversal.params.customer_id ?? null,
            order: order.order_id,
            moved: { points: back.points, value: back.value },
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

  function writeItem(w) {
    return el(
      'li',
      {},
      el('span', { class: 'when', text: i18n.dateTime(new Date(w.at)) }),
      ` · ${w.operator} · ${title(w.operation)}${w.reversal ? ` (${t('lookupReversal')})` : ''} · ${movesText(w.moves)} · `,
      el('span', { class: w.result === 'applied' ? 'ok-text' : 'muted', text: t(RESULTS[w.result] ?? 'resUnsent') }),
    );
  }

  function outcomeBox() {
    const o = draft?.outcome;
    if (!o) return null;
    const box = el('div', { class: `result ${o.kind}`, id: 'lookup-outcome', role: 'status', tabindex: '-1' });
    if (o.kind === 'ok') box.append(el('strong', { text: `${t('applied')} ✓` }));
    if (o.kind === 'bad') box.append(el('strong', { text: `${t('notApplied')}: ` }), o.message);
    if (o.kind === 'unknown')
      box.append(
        el('div', { text: `${t('unknown')} (${o.message})` }),
        el('button', {
          type: 'button',
          id: 'lookup-retry',
          disabled: draft.inFlight,
          text: t('retry'),
          onclick: () => send(order.reversal, true),
        }),
      );
    return box;
  }

  function reversalPart(rev) {
    if (!rev) {
      const nothing = ['points', 'value', 'vouchers'].every((k) => order.left[k] === '0');
      return el('p', { id: 'lookup-none', class: 'muted', text: t(nothing ? 'lookupDone' : 'lookupNoFit') });
    }
    if (!rev.allowed)
      return el('p', {
        id: 'lookup-none',
        class: 'muted',
        text: `${t('lookupNotAllowed')}: ${t(`lookupWhy_${rev.why_code}`)}`,
      });
    // Locked while its request is in flight or unknown: a retry resends exactly what was sent.
    const locked = Boolean(draft.inFlight || draft.outcome?.kind === 'unknown' || draft.confirming);
    const radio = (mode, text) =>
      el(
        'label',
        { class: 'choice' },
        el('input', {
          type: 'radio',
          name: 'lookup-mode',
          id: `lookup-${mode}`,
          value: mode,
          checked: draft.mode === mode,
          disabled: locked,
          onchange: () => {
            draft.mode = mode;
            render();
          },
        }),
        ` ${text}`,
      );
    const form = el(
      'form',
      {
        id: 'lookup-refund',
        novalidate: true,
        onsubmit: (ev) => {
          ev.preventDefault();
          review(rev);
        },
      },
      el('h3', { text: `${t('lookupRefund')} · ${opName(rev.method, rev.params)}` }),
      el(
        'fieldset',
        {},
        el('legend', { text: t('lookupHowMuch') }),
        radio('whole', i18n.fill(t('lookupWhole'), { amount: amountText(rev.gives_back) })),
        rev.partial ? radio('partial', t('lookupPartial')) : null,
      ),
      rev.partial && draft.mode === 'partial'
        ? el(
            'div',
            { class: 'field' },
            el('label', {
              for: 'lookup-amount',
              class: 'req',
              text: i18n.fill(t('lookupAmount'), { unit: t('yuan'), max: fenText(rev.partial.max) }),
            }),
            el('input', {
              id: 'lookup-amount',
              type: 'text',
              inputmode: 'decimal',
              placeholder: '0.00',
              value: draft.amount,
              disabled: locked,
              oninput: (ev) => (draft.amount = ev.target.value),
            }),
          )
        : null,
      rev.reason_field
        ? el(
            'div',
            { class: 'field' },
            el('label', { for: 'lookup-reason', class: 'req', text: t('lookupReason') }),
            el('input', {
              id: 'lookup-reason',
              type: 'text',
              maxlength: '200',
              value: draft.reason,
              disabled: locked,
              oninput: (ev) => (draft.reason = ev.target.value),
            }),
          )
        : el('p', { class: 'muted', text: t('lookupNoReason') }),
      el('p', { class: 'rid' }, `${t('requestId')}: `, el('span', { id: 'lookup-rid', text: draft.requestId })),
      el('button', {
        type: 'submit',
        id: 'lookup-review',
        disabled: locked,
        text: draft.inFlight ? t('sending') : t('lookupReview'),
      }),
      el('p', { class: 'error', id: 'lookup-error', role: 'alert', text: draft.error ?? '' }),
    );
    if (draft.confirming) {
      const body = draft.confirming;
      form.append(
        el(
          'div',
          {
            class: 'result confirm',
            id: 'lookup-confirm',
            role: 'alertdialog',
            'aria-labelledby': 'lookup-confirm-title',
            'aria-describedby': 'lookup-confirm-text',
            onkeydown: (ev) => {
              if (ev.key !== 'Escape') return;
              draft.confirming = null;
              render();
            },
          },
          el('strong', { id: 'lookup-confirm-title', text: t('confirmTitle') }),
          el('p', {
            id: 'lookup-confirm-text',
            text: i18n.fill(t('lookupConfirm'), {
              amount: amountText(givesBack(rev, body)),
              customer: order.customer ?? '—',
              order: order.order_id,
              method: opName(rev.method, body),
            }),
          }),
          el(
            'div',
            { class: 'row' },
            el('button', { type: 'button', id: 'lookup-yes', text: t('confirm'), onclick: () => send(rev, false) }),
            el('button', {
              type: 'button',
              id: 'lookup-no',
              class: 'secondary',
              text: t('cancel'),
              onclick: () => {
                draft.confirming = null;
                render();
                $('#lookup-review')?.focus();
              },
            }),
          ),
        ),
      );
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
        outcomeBox() ?? '',
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
        ` · ${t('customer')}: ${order.customer ?? '—'} · ${t('shopId')}: ${shopName(order)}`,
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
        ...order.writes.map(writeItem),
      ),
      order.truncated ? el('p', { class: 'muted', text: t('lookupCut') }) : null,
      reversalPart(order.reversal),
      outcomeBox(),
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
