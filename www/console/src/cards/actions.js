// The actions card: the current order, one tab per action the role may take, and its form —
// built from the SDK's metadata, validated as typed with the rules the proxy enforces, each
// error beside its field. A submission carries a request id made when the form is filled; an
// unknown outcome locks the form to that request, whose retry resends exactly what was sent.
import { validate, newRequestId } from '../sdk/index.js';
import { effectOf } from '../sdk/meaning.js';
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import * as pending from '../pending.js';
import * as operation from '../operation.js';
import { state, PAGE, customerId, newOrderId } from '../state.js';
import { orderStandings } from '../order-book.js';
import { offeredActions, actionOf, recordOf } from '../catalog.js';
import * as forms from '../forms.js';
import { maskMobile } from '../format.js';
import { metaOf, opName, yuan, balancesText, failureText } from '../words.js';
import { snapshot, u8Member } from './customer.js';
import { store, shopChannel } from './signin.js';
import { tabs, fieldRow, confirmation, outcome } from './action-parts.js';
import { returnBox, showReturn, returnedBy } from './return-preview.js';

const { t } = i18n;

/** Requests held by a form on screen (in flight, or unknown with their retry): shown there, not under "awaiting". */
export const heldByForms = () =>
  new Set(
    [...state.forms.values()]
      .filter((f) => f.sent && (f.inFlight || f.outcome?.kind === 'unknown'))
      .map((f) => f.sent.requestId),
  );

/**
 * `api` calls the proxy; `dispatch(op)` sends and books an operation; `busy(+1)` marks this
 * page's write in flight; `setAside()` shows an unknown one set aside under "awaiting".
 */
export function createActionsCard({ api, dispatch, busy, setAside }) {
  /** The customer's last top-up (an order of its own) in the session with anything left to refund. */
  const lastOwnOrder = () =>
    orderStandings(state.orders)
      .filter((o) => o.topUp && !o.refunded && o.customerId === customerId())
      .at(-1)?.order;

  /**
   * A new form; `owner` `{ id, masked, cardId }`: the customer whose order a reversal started
   * from an order's row gives back to, who may not be the one on screen (null: the one on screen).
   */
  function freshForm(action, keep = {}, owner = null) {
    const ids = {
      order: state.order,
      u8Member: u8Member(),
      newOrderId,
      now: Date.now(),
      channel: shopChannel(),
      lastOwnOrder: lastOwnOrder(),
    };
    const values = forms.freshValues(action, metaOf(action.method), ids, keep);
    return {
      owner,
      requestId: newRequestId(),
      touched: new Set(),
      submitted: false,
      inFlight: false,
      outcome: null,
      confirming: false,
      values,
      // What the form asks is settled as it starts: a field never moves while typed into.
      asked: forms.askedFields(action, metaOf(action.method), values),
      moreOpen: false,
    };
  }

  const body = (action, form) =>
    forms.buildBody(action, metaOf(action.method), form.values, {
      store: store(),
      requestId: form.requestId,
      operator: state.me?.operator,
      customerId: form.owner?.id ?? customerId(),
      cardId: form.owner ? form.owner.cardId : state.customer?.card_open_info_list?.[0]?.card_id,
    });

  /** Who the form's call is for, masked: its order's own customer, else the one on screen. */
  const forWhom = (form) => form.owner?.masked ?? maskMobile(state.customer?.customer_open_info?.mobile) ?? '';

  /** What the call moves: its own amounts, or, for a reversal naming none, what it gives back of its order. */
  function movedBy(action, sent) {
    const e = effectOf(metaOf(action.method), sent);
    const back = action.refund && e.points === 0n && e.value === 0n ? returnedBy(action.method, sent) : null;
    return back ? { ...e, points: BigInt(back.points), value: BigInt(back.value) } : e;
  }

  /** Each broken rule in the chosen language, from its rule and field (not the SDK's English). */
  function errorsByField(action, form) {
    const meta = metaOf(action.method);
    const raw = forms.fieldErrors(action, meta, body(action, form), form.values, validate);
    const words = new Map();
    for (const [name, { error, field }] of raw) {
      if (error.rule === 'reasonRequired') words.set(name, t('reasonRequired'));
      else
        words.set(
          name,
          i18n.ruleMessage(error, field ? i18n.fieldLabel(field.name, field.description) : name, {
            money: forms.isValueField(meta, name),
            number: field?.type === 'Number',
          }),
        );
    }
    return words;
  }

  /** The current purchase: the order deductions and payments go on, and refunds find. */
  function setOrder(id) {
    state.order = id;
    $('#current-order').textContent = id;
    $('#order-bar').hidden = !state.customer;
    // Forms not yet sent follow the new order.
    for (const [method, form] of state.forms) {
      const meta = metaOf(method);
      if (forms.followsOrder(actionOf(method), meta, form)) form.values[meta.orderId] = id;
    }
  }

  function reset() {
    $('#order-bar').hidden = true;
    $('#tabs').replaceChildren();
    $('#form-host').replaceChildren();
    $('#actions').hidden = true;
  }

  function render() {
    if (!state.customer) return reset();
    const actions = offeredActions(state.me.operations, metaOf);
    $('#order-bar').hidden = false;
    $('#actions').hidden = actions.length === 0;
    state.active ??= actions[0];
    const select = (a) => {
      state.active = a;
      render();
      document.querySelector(`#tabs [data-method="${a.method}"]`)?.focus();
    };
    $('#tabs').replaceChildren(...tabs(actions, state.active, select));
    $('#form-host').setAttribute('role', 'tabpanel');
    if (state.active) renderForm(state.active);
  }

  function fieldBox(action, form, f, errors, locked) {
    const meta = metaOf(action.method);
    const error = form.submitted || form.touched.has(f.name) ? errors.get(f.name) : undefined;
    const onChange = (input) => {
      form.values[f.name] = forms.parseInput(meta, f, input);
      form.touched.add(f.name);
      // A refusal or failed pre-check was of the values before this edit: it no longer stands.
      if (form.outcome?.kind === 'bad' || form.precheck?.ok === false) {
        form.outcome = null;
        form.precheck = undefined;
        document.getElementById('outcome')?.remove();
        document.getElementById('precheck')?.remove();
      }
      const now = errorsByField(action, form);
      if (now.size === 0) $('#form-error').textContent = '';
      for (const g of forms.shownFields(meta)) {
        const show = form.submitted || form.touched.has(g.name) ? now.get(g.name) : undefined;
        const box = document.getElementById(`f-${g.name}-err`);
        if (box) box.textContent = show ?? '';
        document.getElementById(`f-${g.name}`)?.setAttribute('aria-invalid', show ? 'true' : 'false');
      }
      const preview = document.getElementById('return-preview');
      if (preview) showReturn(preview, action.method, body(action, form));
    };
    const required = f.required || (action.manual && f.name === 'reason');
    const hint = forms.SENDING_TIME.has(f.name) ? t('sendingTimeHint') : undefined;
    return fieldRow(meta, f, { value: form.values[f.name], error, locked, required, hint, onChange });
  }

  function renderForm(action) {
    const meta = metaOf(action.method);
    if (!state.forms.has(action.method)) state.forms.set(action.method, freshForm(action));
    const form = state.forms.get(action.method);
    const errors = errorsByField(action, form);
    // Sent and not definitely answered, or shown for confirmation: the values are the
    // request's, and cannot change under it.
    const locked = form.inFlight || form.outcome?.kind === 'unknown' || Boolean(form.confirming);
    // A U8 member id known for this customer is theirs: not retyped, so points never go to
    // another member while the screen names this customer.
    const linked = action.u8 && u8Member();
    const box = (f) => fieldBox(action, form, f, errors, Boolean(locked || (linked && f.name === 'mid')));
    const { asked, folded } = forms.arrange(action, meta, form.asked);
    // A folded field with an error to show is opened, so every rule broken is seen beside its field.
    const foldedError = folded.some((f) => errors.has(f.name) && (form.submitted || form.touched.has(f.name)));
    const more = folded.length
      ? el(
          'details',
          {
            class: 'more-fields',
            id: 'more-fields',
            open: form.moreOpen || foldedError,
            ontoggle: (ev) => {
              form.moreOpen = ev.target.open;
            },
          },
          el('summary', { text: `${t('moreFields')} (${folded.length})` }),
          el('div', { class: 'fields' }, ...folded.map(box)),
        )
      : null;
    const preview = action.refund ? returnBox() : null;
    if (preview) showReturn(preview, action.method, body(action, form));
    const formEl = el(
      'form',
      {
        id: 'action-form',
        'data-method': action.method,
        novalidate: true,
        onsubmit: (ev) => {
          ev.preventDefault();
          send(action, form);
        },
      },
      form.owner && form.owner.id !== customerId()
        ? el('p', {
            class: 'owner-note',
            id: 'form-owner',
            text: i18n.fill(t('refundForOwner'), { customer: form.owner.masked }),
          })
        : null,
      el('div', { class: 'fields' }, ...asked.map(box)),
      more,
      preview,
      action.precheck && form.precheck
        ? el('p', {
            class: form.precheck.ok ? 'ok-text' : 'error',
            id: 'precheck',
            text: form.precheck.ok ? `${t('precheckOk')} ✓` : `${t('precheckFailed')}: ${form.precheck.message()}`,
          })
        : null,
      el(
        'p',
        { class: 'rid' },
        `${t('requestId')}: `,
        el('span', { id: 'request-id', text: action.u8 ? (form.values.source_code ?? '') : form.requestId }),
      ),
      el(
        'div',
        { class: 'row' },
        el('button', {
          type: 'submit',
          id: 'submit',
          disabled: form.inFlight || form.confirming,
          text: form.inFlight ? t('sending') : t('submit'),
        }),
        el('button', {
          type: 'button',
          class: 'secondary',
          id: 'new-form',
          disabled: form.inFlight || state.inFlight > 0,
          text: t('newForm'),
          onclick: () => newOperation(action, form),
        }),
      ),
      locked && form.outcome ? el('p', { class: 'muted', id: 'locked', text: t('lockedTo') }) : null,
      el('p', { class: 'error', id: 'form-error', role: 'alert' }),
      form.confirming ? renderConfirm(action, form) : renderOutcome(action, form),
    );
    $('#form-host').replaceChildren(formEl);
  }

  function newOperation(action, form) {
    // A request whose outcome is unknown is not dropped: it waits under "awaiting an
    // outcome" with its own retry; the operator is told a new one may apply twice.
    const held = form.outcome?.kind === 'unknown' ? form.sent : null;
    const allowed = operation.permits(held?.state ?? null).newOperation;
    if (allowed === 'confirm' && !window.confirm(i18n.fill(t('newWhileUnknown'), { id: held.requestId }))) return;
    if (held)
      pending.update(localStorage, state.me.operator, held.requestId, {
        ...operation.abandon(held),
        session: undefined,
      });
    state.forms.set(action.method, freshForm(action));
    renderForm(action);
    setAside();
  }

  /** The action's pre-check (charge / uncharge), sent with the fields it shares with the form. */
  async function precheck(action, form, sent) {
    const names = new Set(metaOf(action.precheck).fields.map((f) => f.name));
    const p = Object.fromEntries(Object.entries(sent).filter(([k]) => names.has(k)));
    const r = await api(`/v1/top/${action.precheck}`, p).catch((e) => ({ ok: false, error: { message: e.message } }));
    form.precheck = r.ok ? { ok: true } : { ok: false, message: () => failureText(r) };
    return r.ok;
  }

  /**
   * What the call will do, for the confirmation step and the limits: every amount it could move
   * (the package's effectOf: each amount field, U8's multiple), against the role's confirmation
   * threshold and its per-call limits, known before anything is sent.
   */
  function effect(action, form) {
    const meta = metaOf(action.method);
    const sent = body(action, form);
    const record = recordOf(sent);
    const e = movedBy(action, sent);
    // A U8 member id not yet known for this customer is confirmed first: it becomes theirs.
    const newLink = action.u8 && !u8Member() && record.mid !== undefined;
    // A reversal started from an order's row is always confirmed: it names its order's own customer.
    if (e.unbounded || (e.points === 0n && e.value === 0n && !newLink && !form.owner)) return null;
    const amount = [e.points > 0n && `${e.points} ${t('points')}`, e.value > 0n && yuan(String(e.value))]
      .filter(Boolean)
      .join(' + ');
    const text = i18n.fill(t('confirmEffect'), {
      action: opName(action.method, sent),
      amount: amount || '—',
      customer: forWhom(form) || (record.mid ?? ''),
      order: (meta.orderId && record[meta.orderId]) || '—',
    });
    return {
      large: newLink || Boolean(form.owner) || forms.above(e, state.me?.confirm).length > 0,
      over: forms.above(e, state.me?.limits).map((k) => `${k}:${state.me.limits[k]}`),
      text: newLink ? `${text} · ${i18n.fill(t('u8Link'), { mid: String(record.mid) })}` : text,
    };
  }

  function renderConfirm(action, form) {
    return confirmation(effect(action, form)?.text ?? '', {
      onYes: () => {
        // What was confirmed is this body: any other (edited since) is asked again.
        form.confirmed = form.confirming;
        form.confirming = false;
        send(action, form);
      },
      onNo: () => {
        form.confirming = false;
        renderForm(action);
        $('#submit')?.focus();
      },
    });
  }

  const renderOutcome = (action, form) =>
    form.outcome ? outcome(form.outcome, { retrying: form.inFlight, onRetry: () => send(action, form) }) : null;

  /** Shows the form again with `focus` (a selector) focused. */
  function showForm(action, focus) {
    renderForm(action);
    $(focus)?.focus();
  }

  async function send(action, form) {
    if (form.inFlight || state.inFlight) return;
    // Just applied and not edited since: the form is done, not an empty one to check.
    if (form.outcome?.kind === 'ok' && form.touched.size === 0) return $('#outcome')?.focus();
    form.submitted = true;
    const meta = metaOf(action.method);
    // A retry resends exactly what was sent, for the customer it was sent for.
    const retrying = form.outcome?.kind === 'unknown' && form.sent;
    const errors = retrying ? new Map() : errorsByField(action, form);
    // The draft is what the operator confirms; what is sent adds the time of sending.
    const draft = retrying ? form.sent.body : body(action, form);
    if (errors.size) {
      renderForm(action);
      const shown = new Set(meta.fields.filter((f) => !forms.FILLED.has(f.name)).map((f) => f.name));
      const hidden = [...errors].filter(([name]) => !shown.has(name)).map(([, message]) => message);
      $('#form-error').textContent = [t('fixFields'), ...hidden].join(' · ');
      document.querySelector('#action-form [aria-invalid="true"]')?.focus();
      return;
    }
    const over = retrying ? [] : (effect(action, form)?.over ?? []);
    if (over.length) {
      // Over the role's per-call limit: the proxy would refuse it; say so before any confirmation.
      const message = () => over.map((limit) => i18n.errorMessage({ code: 'LIMIT_EXCEEDED', limit })).join(' · ');
      form.outcome = { kind: 'bad', message };
      return showForm(action, '#outcome');
    }
    if (!retrying && form.confirmed !== JSON.stringify(draft) && effect(action, form)?.large) {
      // Above the role's threshold: show the exact effect and wait for the operator; the body
      // shown is the one confirmed.
      form.confirming = JSON.stringify(draft);
      return showForm(action, '#confirm-yes');
    }
    const sent = retrying ? draft : forms.withSendingTime(meta, draft, Date.now());
    form.inFlight = true;
    form.outcome = null;
    busy(+1);
    renderForm(action);
    if (!retrying && action.precheck && !(await precheck(action, form, sent))) {
      form.inFlight = false;
      busy(-1);
      const failed = form.precheck.message;
      form.outcome = { kind: 'bad', message: () => `${t('precheckFailed')}: ${failed()}` };
      return showForm(action, '#outcome');
    }
    const op = retrying ? operation.retry(form.sent, PAGE) : operation.start(made(action, form, sent), PAGE);
    form.sent = op;
    const r = await dispatch(op);
    form.inFlight = false;
    if (op.session !== state.session) return;
    if (r.ok) {
      // A definite answer ends the request id's life: the next submission is a new request.
      // Its words are made at each render, so a change of language relabels them.
      const figures = r.booked?.balances;
      state.forms.set(action.method, {
        ...freshForm(action),
        precheck: form.precheck,
        outcome: { kind: 'ok', summary: () => balancesText(figures), order: op.order },
      });
      followOwnOrders();
    } else if (r.op.state === operation.REFUSED) {
      // Refused: nothing applied. The values stay for correcting; the request id is new.
      state.forms.set(action.method, {
        ...freshForm(action, action.u8 ? { ...form.values, source_code: undefined } : form.values, form.owner),
        outcome: { kind: 'bad', message: () => failureText(r) },
      });
    } else {
      // Unknown: the form stays locked to this request, so a retry can never apply twice.
      form.outcome = { kind: 'unknown', message: () => failureText(r) };
      form.sent = r.op;
    }
    if (state.active) render();
    ($('#retry') ?? $('#outcome') ?? $('#submit'))?.focus();
  }

  /** The operation, made once with everything it belongs to; its answer is booked to it. */
  function made(action, form, sent) {
    const meta = metaOf(action.method);
    const record = recordOf(sent);
    const e = effectOf(meta, sent);
    const returned = movedBy(action, sent);
    const onScreen = !form.owner || form.owner.id === customerId();
    return {
      requestId: action.u8 ? record.source_code : form.requestId,
      method: action.method,
      tab: action.tab,
      u8: Boolean(action.u8),
      refund: Boolean(action.refund),
      path: action.u8 ? `/v1/u8/${action.method}` : `/v1/top/${action.method}`,
      body: sent,
      customer: forWhom(form),
      customerId: form.owner?.id ?? customerId() ?? null,
      order: meta.orderId ? (record[meta.orderId] ?? '') : '',
      moved: { points: String(e.points), value: String(e.value) },
      // What a reversal naming no amount gives back of its order, as the session booked it.
      returned: returned === e ? null : { points: String(returned.points), value: String(returned.value) },
      // Balances of another customer than the one on screen are not known here.
      before: onScreen ? snapshot() : null,
      at: Date.now(),
    };
  }

  /** A form locked to a request a reconciliation run decided shows that outcome; its next request is new. */
  function settle(items) {
    const mine = new Map(
      items.filter((i) => i.operator === state.me.operator && i.outcome !== 'pending').map((i) => [i.request_id, i]),
    );
    let changed = false;
    for (const [method, form] of state.forms) {
      const item = form.outcome?.kind === 'unknown' && !form.inFlight ? mine.get(form.sent?.requestId) : null;
      const action = actionOf(method);
      if (!item || !action) continue;
      const text = () =>
        i18n.fill(t(item.outcome === 'applied' ? 'settledApplied' : 'settledNotApplied'), { run: item.run });
      state.forms.set(
        method,
        item.outcome === 'applied'
          ? { ...freshForm(action), outcome: { kind: 'ok', summary: text, order: form.sent.order } }
          : { ...freshForm(action, form.values), outcome: { kind: 'bad', message: text } },
      );
      changed = true;
    }
    if (changed && state.active) render();
  }

  /** A top-up just applied is what a top-up refund not yet sent nor edited now offers. */
  function followOwnOrders() {
    const last = lastOwnOrder();
    for (const [method, form] of state.forms) {
      const action = actionOf(method);
      const field = metaOf(method).orderId;
      if (!action?.ofOwnOrder || form.owner || form.inFlight || form.sent || form.touched.has(field)) continue;
      form.values[field] = last;
    }
  }

  /**
   * Opens the reversal's form on an order of the session, ready to submit: for the order's own
   * customer (`owner` `{ id, masked, cardId }`), whoever is on screen.
   */
  function startRefund(refund, order, owner) {
    state.forms.set(refund.method, freshForm(refund, { [metaOf(refund.method).orderId]: order }, owner));
    state.active = refund;
    render();
    $('#actions').scrollIntoView({ block: 'start' });
    $('#submit')?.focus();
  }

  $('#new-order').addEventListener('click', () => {
    setOrder(newOrderId());
    render();
  });
  $('#copy-order').addEventListener('click', () => navigator.clipboard?.writeText(state.order ?? '').catch(() => {}));

  return { reset, render, relabel: render, setOrder, startRefund, settle };
}
