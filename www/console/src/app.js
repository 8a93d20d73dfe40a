// The admin console: signs in with an operator token, finds a customer, and acts on their
// points and stored value through the edge proxy. Forms come from the SDK's operations()
// metadata and validate as the user types with the same rules the proxy enforces; every
// submission carries a request id made when the form is filled, reused by any retry.
import { validate, operations, newRequestId } from './sdk/index.js';
import { effectOf } from './sdk/meaning.js';
import * as i18n from './i18n.js';
import * as pending from './pending.js';
import * as operation from './operation.js';
import { $, el } from './dom.js';
import { createApi, failureKind } from './api.js';
import { createAuditCard } from './cards/audit.js';
import { createWorklistCard } from './cards/worklist.js';
import { createReconciliationCard } from './cards/reconciliation.js';
import { createCloseCard } from './cards/close.js';

const { t } = i18n;

// The actions this console offers, in order, each named as an operator says it (`tab`).
// What an action moves and which field is its order come from the SDK's metadata.
// `manual`: an adjustment by hand, which needs a reason; `preset`: values a form starts with;
// `ownOrder`: each call is an order of its own (a top-up is not part of the purchase beside it);
// `kind`: the field whose labelled choice says what the call does.
const ACTIONS = [
  { method: 'alibaba.alsc.crm.point.extra.consume', tab: 'tabDeduct', manual: true },
  { method: 'alibaba.alsc.crm.recharge.dedut.update', tab: 'tabConsume' },
  { method: 'alibaba.alsc.crm.open.assert.refund', tab: 'tabRefund', refund: true, refundId: 'new_outer_order_id' },
  {
    method: 'alibaba.alsc.crm.recharge.undedut.update',
    tab: 'tabUndedut',
    refund: true,
    refundId: 'new_outer_order_id',
  },
  {
    method: 'alibaba.alsc.crm.recharge.charge.update',
    tab: 'tabTopUp',
    ownOrder: 'TU',
    precheck: 'alibaba.alsc.crm.recharge.chargeprecheck.get',
    preset: { charge_type: 'CASH', trigger_gift: true },
  },
  {
    method: 'alibaba.alsc.crm.recharge.uncharge.update',
    tab: 'tabUncharge',
    refund: true,
    refundId: 'outer_order_id',
    precheck: 'alibaba.alsc.crm.recharge.unchargecheck.get',
  },
  {
    method: 'alibaba.alsc.crm.open.point.operate',
    tab: 'tabAddPoints',
    manual: true,
    kind: 'operate_type',
    preset: { operate_type: 1 },
  },
  { method: 'points/change', tab: 'tabU8', u8: true },
];
// Fields the console or the proxy fills in: not shown in forms. The customer comes from the
// lookup alone: a field naming another customer (a mobile, an outer id) could contradict it.
const FILLED = new Set([
  'mobile',
  'phone',
  'outer_id',
  'outer_type',
  'physical_card_id',
  'operator_id',
  'request_id',
  'brand_id',
  'shop_id',
  'out_brand_id',
  'out_shop_id',
  'customer_id',
  'card_id',
]);

const META = new Map(operations().map((o) => [o.method, o]));
/** Stored value fields: typed and shown in 元, sent in 分. */
const isValueField = (meta, name) => meta.amounts?.value?.includes(name);

const newOrderId = () =>
  `ORD-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296)
    .toString(36)
    .toUpperCase()
    .padStart(2, '0')}`;
const blankSession = () => ({
  me: null,
  customer: null,
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
const state = { token: sessionStorage.getItem('token'), session: 0, inFlight: 0, ...blankSession() };
// This page, among the operator's tabs: a write it sent and never saw answered was interrupted.
const PAGE = newRequestId();
const alivePages = () => new Set(JSON.parse(localStorage.getItem('pages') ?? '[]'));
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

// ---------- the proxy ----------
const api = createApi({
  token: () => state.token,
  onUnauthorized: () => signOut(t('sessionOver')),
  unreachable: () => t('proxyDown'),
});

// ---------- sign-in ----------
async function signIn(token) {
  resetSession();
  state.token = token;
  const r = await api('/v1/operations').catch(() => null);
  if (!r?.ok) {
    state.token = null;
    sessionStorage.removeItem('token');
    $('#signin-error').textContent = r?.status === 401 ? t('badToken') : (r?.error?.message ?? t('badToken'));
    return;
  }
  sessionStorage.setItem('token', token);
  // Kept in sessionStorage only: not in a hidden input for as long as the operator works.
  $('#token').value = '';
  state.me = r.data;
  renderShops();
  restoreDesk();
  loadPending();
  renderHistory();
  renderOrders();
  loadAudit();
  loadBooks();
  $('#signin').hidden = true;
  $('#workspace').hidden = false;
  $('#signout').hidden = false;
  renderWho();
  // The sign-in form is gone: the next thing an operator does is find a customer.
  $('#find-value').focus();
}

/** Forgets everything of the previous operator: customer, balances, forms, results, history, tabs. */
function resetSession() {
  Object.assign(state, blankSession());
  state.inFlight = 0;
  busy(0);
  // Answers still on their way belong to the session that sent them, not to this one.
  state.session += 1;
  $('#customer').replaceChildren();
  $('#customer').hidden = true;
  $('#order-bar').hidden = true;
  $('#find-value').value = '';
  $('#find-error').textContent = '';
  $('#tabs').replaceChildren();
  $('#form-host').replaceChildren();
  $('#actions').hidden = true;
  $('#history tbody').replaceChildren();
  $('#orders tbody').replaceChildren();
  $('#orders-card').hidden = true;
  $('#flows tbody').replaceChildren();
  $('#flows-card').hidden = true;
  $('#flow-detail').replaceChildren();
  $('#voucher-list').replaceChildren();
  $('#voucher-result').textContent = '';
  $('#vouchers-card').hidden = true;
  chart?.destroy();
  chart = null;
  $('#flow-chart').replaceChildren();
  audit.reset();
  for (const card of booksCards()) card.reset();
  $('#pending-card').hidden = true;
  $('#pending-list').replaceChildren();
  $('#role-info').textContent = '';
  $('#shop').replaceChildren();
}

function signOut(message = '') {
  sessionStorage.removeItem('token');
  if (state.me) sessionStorage.removeItem(deskKey());
  state.token = null;
  resetSession();
  $('#token').value = '';
  $('#signin').hidden = false;
  $('#workspace').hidden = true;
  $('#signout').hidden = true;
  $('#who').hidden = true;
  $('#signin-error').textContent = message;
  $('#token').focus();
}

function renderWho() {
  if (!state.me) return;
  const { operator, role, limits } = state.me;
  $('#who').hidden = false;
  $('#who').textContent = `${t('signedInAs')} ${operator} · ${t('role')} ${role}`;
  const lim = [
    limits.points !== undefined && `${limits.points} ${t('points')}`,
    limits.value !== undefined && yuan(limits.value),
  ]
    .filter(Boolean)
    .join(' / ');
  $('#role-info').textContent = `${t('limits')}: ${lim || '—'}`;
}

// ---------- customers ----------
// The shops the operator works at, by name, as the proxy lists them (it refuses any other).
const store = () => {
  const [brand_id, shop_id] = ($('#shop').value || '|').split('|');
  return { brand_id, shop_id };
};

function renderShops() {
  const options = (state.me?.brands ?? []).flatMap((b) =>
    b.shops.map((s) => el('option', { value: `${b.brand_id}|${s.shop_id}`, text: `${b.name} · ${s.name}` })),
  );
  $('#shop').replaceChildren(...options);
}

async function findCustomer(lookup) {
  const r = await api('/v1/top/alibaba.alsc.crm.open.customer.get', { ...store(), ...lookup });
  if (!r.ok) {
    $('#find-error').textContent =
      r.error.code === 'BIZ_ERROR' ? `${t('notFound')}: ${r.error.message}` : i18n.errorMessage(r.error);
    // Nothing of the previous customer stays live: no panel, no form to submit against them.
    clearCustomer();
    return null;
  }
  $('#find-error').textContent = '';
  const changed = state.customer?.customer_open_info?.customer_id !== r.data.result?.customer_open_info?.customer_id;
  // Another customer: forms start afresh (an unanswered one stays under "awaiting an outcome").
  if (changed) state.forms = new Map();
  state.lookup = lookup;
  state.customer = r.data.result;
  if (changed || !state.order) setOrder(newOrderId());
  renderCustomer();
  loadFlows(changed ? 1 : (state.flowPage ?? 1));
  loadVouchers();
  renderActions();
  renderPending();
  return state.customer;
}

function clearCustomer() {
  state.customer = null;
  state.lookup = null;
  state.forms = new Map();
  state.order = null;
  renderCustomer();
  $('#order-bar').hidden = true;
  $('#actions').hidden = true;
  $('#form-host').replaceChildren();
  $('#flows-card').hidden = true;
  $('#vouchers-card').hidden = true;
  renderPending();
}

const snapshot = () => {
  const c = state.customer;
  if (!c) return null;
  const acc = c.card_open_info_list?.[0]?.accounts?.[0] ?? {};
  return { points: c.point_account_open_info?.available_point ?? 0, value: acc.balance ?? 0 };
};

/** `138****0001`: the console shows no full mobile number. */
const maskMobile = (m) => (typeof m === 'string' && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : m);

/** 分 as `12.34 元`, by digits, never through a float. */
function fenText(fen) {
  const digits = String(fen ?? 0);
  if (!/^-?\d+$/.test(digits)) return digits;
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(3, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -2).replace(/^0+(?=\d)/, '')}.${abs.slice(-2)}`;
}
const yuan = (fen) => `${fenText(fen)} ${t('yuan')}`;

/**
 * The customer's U8 member id. No API links the two platforms' members, so the console keeps
 * the one this desk last used for the customer (localStorage) and offers it from then on.
 */
const u8Key = () => `u8mid:${state.customer?.customer_open_info?.customer_id}`;
const u8Member = () => (state.customer ? localStorage.getItem(u8Key()) : null);

function renderCustomer() {
  const c = state.customer;
  const host = $('#customer');
  host.hidden = !c;
  if (!c) return;
  const info = c.customer_open_info ?? {};
  const p = c.point_account_open_info ?? {};
  const card = c.card_open_info_list?.[0] ?? {};
  const acc = card.accounts?.[0] ?? {};
  const vouchers = c.voucher_open_info_list ?? [];
  host.replaceChildren(
    el(
      'p',
      {},
      el('strong', { text: `${info.name ?? ''} ` }),
      `${maskMobile(info.mobile) ?? ''} · ${info.customer_id ?? ''}`,
      u8Member()
        ? el('span', { id: 'u8-member' }, ` · ${t('u8Member')}: `, el('code', { class: 'copy', text: u8Member() }))
        : '',
    ),
    el(
      'div',
      { class: 'assets' },
      el(
        'div',
        { class: 'asset', 'data-testid': 'points' },
        el('div', { text: t('points') }),
        el('div', { class: 'big', id: 'points-available', text: String(p.available_point ?? 0) }),
        el('div', {
          class: 'muted',
          text: `${t('frozen')} ${p.freeze_point ?? 0} · ${t('total')} ${p.total_point ?? 0}`,
        }),
      ),
      el(
        'div',
        { class: 'asset', 'data-testid': 'stored-value' },
        el('div', { text: t('storedValue') }),
        el('div', { class: 'big', id: 'stored-balance', text: yuan(acc.balance) }),
        el('div', { class: 'muted', text: `${t('paid')} ${yuan(acc.pre)} · ${t('gift')} ${yuan(acc.gift)}` }),
      ),
      el(
        'div',
        { class: 'asset' },
        el('div', { text: t('card') }),
        el('div', { text: `${card.card_id ?? t('none')} · ${i18n.status(card.status)}` }),
      ),
      el(
        'div',
        { class: 'asset' },
        el('div', { text: t('vouchers') }),
        vouchers.length
          ? el(
              'ul',
              {},
              ...vouchers.map((v) => el('li', { text: `${v.title} (${v.voucher_id}) · ${i18n.status(v.status)}` })),
            )
          : el('div', { class: 'muted', text: t('none') }),
      ),
    ),
  );
}

// ---------- forms ----------
function parseInput(meta, field, input) {
  if (field.type === 'Boolean') return input.checked;
  const raw = input.value.trim();
  if (raw === '') return undefined;
  if (isValueField(meta, field.name)) return yuanToFen(raw) ?? raw;
  if (field.type === 'Number') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (field.type === 'String[]')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return raw;
}

/** The current purchase: the order deductions and payments go on, and refunds find. */
function setOrder(id) {
  state.order = id;
  $('#current-order').textContent = id;
  $('#order-bar').hidden = !state.customer;
  // Forms not yet sent follow the new order.
  for (const [method, form] of state.forms) {
    const meta = META.get(method);
    const own = ACTIONS.find((a) => a.method === method)?.ownOrder;
    if (meta.orderId && meta.platform !== 'u8' && !own && !form.outcome && !form.inFlight)
      form.values[meta.orderId] = id;
  }
}

function freshForm(action, keep = {}) {
  const meta = META.get(action.method);
  const form = {
    requestId: newRequestId(),
    touched: new Set(),
    submitted: false,
    inFlight: false,
    outcome: null,
    confirming: false,
    values: { ...action.preset, ...keep },
  };
  if (action.u8) {
    form.values.source_code = `${state.order ?? newOrderId()}-U8-${Date.now().toString(36).toUpperCase()}`;
    form.values.mid ??= u8Member() ?? undefined;
  } else if (action.ownOrder && form.values[meta.orderId] === undefined)
    form.values[meta.orderId] = newOrderId().replace(/^ORD/, action.ownOrder);
  else if (meta.orderId && form.values[meta.orderId] === undefined)
    form.values[meta.orderId] = state.order ?? newOrderId();
  if (action.refundId) form.values[action.refundId] = `RF-${Date.now().toString(36).toUpperCase()}`;
  return form;
}

/** `12.34` (元) as 1234 (分), exactly, without a float; null when it is not an amount. */
function yuanToFen(text) {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(String(text).trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function params(action, form) {
  const meta = META.get(action.method);
  const values = {};
  for (const f of meta.fields) if (form.values[f.name] !== undefined) values[f.name] = form.values[f.name];
  if (action.u8) return [values];
  // The proxy sets operator_id from the token whatever is sent; the console sends the same.
  const ctx = { ...store(), request_id: form.requestId, operator_id: state.me?.operator };
  if (meta.fields.some((f) => f.name === 'customer_id') && state.customer)
    ctx.customer_id = state.customer.customer_open_info?.customer_id;
  const card = state.customer?.card_open_info_list?.[0]?.card_id;
  if (meta.fields.some((f) => f.name === 'card_id') && card) ctx.card_id = card;
  return { ...ctx, ...values };
}

/** Each broken rule in the chosen language, from its rule and field (not the SDK's English). */
function errorsByField(action, form) {
  const meta = META.get(action.method);
  const errors = validate(action.method, params(action, form));
  const map = new Map();
  for (const e of errors) {
    const name = action.u8 ? e.field.replace(/^\[0\]\./, '') : e.field.split(/[.[]/)[0];
    const field = meta.fields.find((f) => f.name === name);
    if (!map.has(name))
      map.set(
        name,
        i18n.ruleMessage(e, field ? i18n.fieldLabel(field.name, field.description) : name, {
          money: isValueField(meta, name),
          number: field?.type === 'Number',
        }),
      );
  }
  if (
    action.manual &&
    meta.fields.some((f) => f.name === 'reason') &&
    !String(form.values.reason ?? '').trim() &&
    !map.has('reason')
  )
    map.set('reason', t('reasonRequired'));
  return map;
}

function renderActions() {
  const allowed = new Set(state.me.operations.map((o) => o.method));
  const actions = ACTIONS.filter((a) => allowed.has(a.method) && META.has(a.method));
  $('#actions').hidden = !state.customer || actions.length === 0;
  state.active ??= actions[0];
  const select = (a) => {
    state.active = a;
    renderActions();
    document.querySelector(`#tabs [data-method="${a.method}"]`)?.focus();
  };
  $('#tabs').replaceChildren(
    ...actions.map((a, i) =>
      el('button', {
        type: 'button',
        role: 'tab',
        id: `tab-${i}`,
        'aria-selected': String(a === state.active),
        'aria-controls': 'form-host',
        tabindex: a === state.active ? '0' : '-1',
        'data-method': a.method,
        text: t(a.tab),
        onclick: () => select(a),
        onkeydown: (ev) => {
          const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
          const to =
            ev.key === 'Home'
              ? 0
              : ev.key === 'End'
                ? actions.length - 1
                : step === undefined
                  ? null
                  : (i + step + actions.length) % actions.length;
          if (to === null) return;
          ev.preventDefault();
          select(actions[to]);
        },
      }),
    ),
  );
  $('#form-host').setAttribute('role', 'tabpanel');
  if (state.active) renderForm(state.active);
}

/** A value as its input shows it: stored value in 元 with two decimals. */
function shownValue(meta, f, v) {
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join(',');
  if (isValueField(meta, f.name) && Number.isSafeInteger(v)) return fenText(v);
  return v;
}

function renderForm(action) {
  const meta = META.get(action.method);
  if (!state.forms.has(action.method)) state.forms.set(action.method, freshForm(action));
  const form = state.forms.get(action.method);
  const errors = errorsByField(action, form);
  const shown = meta.fields.filter((f) => !FILLED.has(f.name) && !f.fields);
  // Sent and not definitely answered: the values are the request's, and cannot change under it.
  const locked = form.inFlight || form.outcome?.kind === 'unknown';
  const fieldEls = shown.map((f) => {
    const id = `f-${f.name}`;
    const error = form.submitted || form.touched.has(f.name) ? errors.get(f.name) : undefined;
    const common = {
      id,
      name: f.name,
      'aria-invalid': error ? 'true' : 'false',
      'aria-describedby': `${id}-err`,
      title: f.description,
      disabled: locked,
    };
    const input = f.choices
      ? el(
          'select',
          common,
          el('option', { value: '', text: '—' }),
          ...f.choices.map((c) =>
            el('option', {
              value: c.value,
              selected: String(form.values[f.name] ?? '') === c.value,
              text: i18n.choiceLabel(c),
            }),
          ),
        )
      : f.type === 'Boolean'
        ? el('input', { ...common, type: 'checkbox', checked: Boolean(form.values[f.name]) })
        : el('input', {
            ...common,
            type: 'text',
            inputmode: isValueField(meta, f.name) ? 'decimal' : f.type === 'Number' ? 'numeric' : undefined,
            placeholder: f.type === 'Date' ? 'yyyy-MM-dd HH:mm:ss' : isValueField(meta, f.name) ? '0.00' : '',
            value: shownValue(meta, f, form.values[f.name]),
          });
    const onChange = () => {
      form.values[f.name] = parseInput(meta, f, input);
      form.touched.add(f.name);
      const now = errorsByField(action, form);
      if (now.size === 0) $('#form-error').textContent = '';
      for (const g of shown) {
        const show = form.submitted || form.touched.has(g.name) ? now.get(g.name) : undefined;
        const box = document.getElementById(`f-${g.name}-err`);
        if (box) box.textContent = show ?? '';
        document.getElementById(`f-${g.name}`)?.setAttribute('aria-invalid', show ? 'true' : 'false');
      }
    };
    input.addEventListener('input', onChange);
    input.addEventListener('change', onChange);
    return el(
      'div',
      { class: 'field' },
      el(
        'label',
        { for: id, class: f.required || (action.manual && f.name === 'reason') ? 'req' : '' },
        i18n.fieldLabel(f.name, f.description) + (isValueField(meta, f.name) ? ` (${t('yuan')})` : ''),
      ),
      input,
      // Read through the input's aria-describedby: the form has one live region (#form-error), not one a field.
      el('div', { class: 'field-error', id: `${id}-err`, text: error ?? '' }),
    );
  });
  const submit = el('button', {
    type: 'submit',
    id: 'submit',
    disabled: form.inFlight || form.confirming,
    text: form.inFlight ? t('sending') : t('submit'),
  });
  const outcome = form.confirming ? renderConfirm(action, form) : renderOutcome(action, form);
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
    el('div', { class: 'fields' }, ...fieldEls),
    action.precheck && form.precheck
      ? el('p', {
          class: form.precheck.ok ? 'ok-text' : 'error',
          id: 'precheck',
          text: form.precheck.ok ? `${t('precheckOk')} ✓` : `${t('precheckFailed')}: ${form.precheck.message}`,
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
      submit,
      el('button', {
        type: 'button',
        class: 'secondary',
        id: 'new-form',
        disabled: form.inFlight || state.inFlight > 0,
        text: t('newForm'),
        onclick: () => {
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
          renderPending();
        },
      }),
    ),
    locked && form.outcome ? el('p', { class: 'muted', id: 'locked', text: t('lockedTo') }) : null,
    el('p', { class: 'error', id: 'form-error', role: 'alert' }),
    outcome,
  );
  $('#form-host').replaceChildren(formEl);
}

/** The action's pre-check (charge / uncharge), sent with the fields it shares with the form. */
async function precheck(action, form, body) {
  const check = META.get(action.precheck);
  const names = new Set(check.fields.map((f) => f.name));
  const p = Object.fromEntries(Object.entries(body).filter(([k]) => names.has(k)));
  const r = await api(`/v1/top/${action.precheck}`, p).catch((e) => ({ ok: false, error: { message: e.message } }));
  form.precheck = r.ok ? { ok: true } : { ok: false, message: i18n.errorMessage(r.error) };
  return r.ok;
}

/**
 * What the call will do, for the confirmation step and the limits: every amount it could move
 * (the package's effectOf: each amount field, U8's multiple), against the role's confirmation
 * threshold and its per-call limits, known before anything is sent.
 */
function effect(action, form) {
  const meta = META.get(action.method);
  const body = params(action, form);
  const record = action.u8 ? body[0] : body;
  const e = effectOf(meta, body);
  if (e.unbounded || (e.points === 0n && e.value === 0n)) return null;
  const amount = [e.points > 0n && `${e.points} ${t('points')}`, e.value > 0n && yuan(String(e.value))]
    .filter(Boolean)
    .join(' + ');
  const above = (bounds) => ['points', 'value'].filter((k) => bounds?.[k] !== undefined && e[k] > BigInt(bounds[k]));
  return {
    large: above(state.me?.confirm).length > 0,
    over: above(state.me?.limits).map((k) => `${k}:${state.me.limits[k]}`),
    text: i18n.fill(t('confirmEffect'), {
      action: opName(action.method, body),
      amount,
      customer: maskMobile(state.customer?.customer_open_info?.mobile) ?? record.mid ?? '',
      order: (meta.orderId && record[meta.orderId]) || '—',
    }),
  };
}

const VOUCHER_CHANGE = 'alibaba.alsc.crm.voucher.status.change';

/** Whether the call, with this body, reverses an earlier order (the overlay's `reverses`). */
function reversesAnOrder(method, body) {
  const r = META.get(method)?.reverses;
  if (!r) return false;
  const record = (Array.isArray(body) ? body[0] : body) ?? {};
  return !r.when || r.in.includes(String(record[r.when]));
}

/** Whether an order of this operation can be reversed from its row: a reversal declares it. */
const reversible = (method) => ACTIONS.some((a) => a.refund && META.get(a.method)?.reverses?.of?.includes(method));

/** An operation's name as the desk says it: its action, or the labelled choice saying what it does. */
function opName(method, body) {
  const action = ACTIONS.find((a) => a.method === method);
  const meta = META.get(method);
  const record = (Array.isArray(body) ? body[0] : body) ?? {};
  const choice = action?.kind
    ? meta.fields.find((f) => f.name === action.kind)?.choices?.find((c) => c.value === String(record[action.kind]))
    : undefined;
  if (choice) return i18n.lang() === 'en' ? choice.en : choice.zh;
  if (method === VOUCHER_CHANGE)
    return `${t('vouchers')} ${t(record.voucher_status_action === 'ISUSED_NORMAL' ? 'restoreVoucher' : 'useVoucher')}`;
  return action ? t(action.tab) : i18n.title(meta);
}

function renderConfirm(action, form) {
  return el(
    'div',
    {
      class: 'result confirm',
      id: 'confirm',
      role: 'alertdialog',
      'aria-labelledby': 'confirm-title',
      'aria-describedby': 'confirm-text',
      // Escape cancels, as in any dialog.
      onkeydown: (ev) => {
        if (ev.key !== 'Escape') return;
        ev.preventDefault();
        $('#confirm-no')?.click();
      },
    },
    el('strong', { id: 'confirm-title', text: t('confirmTitle') }),
    el('p', { id: 'confirm-text', text: effect(action, form)?.text ?? '' }),
    el(
      'div',
      { class: 'row' },
      el('button', {
        type: 'button',
        id: 'confirm-yes',
        text: t('confirm'),
        onclick: () => {
          form.confirming = false;
          form.confirmed = true;
          send(action, form);
        },
      }),
      el('button', {
        type: 'button',
        id: 'confirm-no',
        class: 'secondary',
        text: t('cancel'),
        onclick: () => {
          form.confirming = false;
          renderForm(action);
          $('#submit')?.focus();
        },
      }),
    ),
  );
}

function renderOutcome(action, form) {
  const o = form.outcome;
  if (!o) return null;
  const box = el('div', { class: `result ${o.kind}`, id: 'outcome', role: 'status', tabindex: '-1' });
  if (o.kind === 'ok')
    box.append(
      el('strong', { text: `${t('applied')} ✓ ` }),
      o.summary ?? '',
      o.order
        ? el('div', {}, `${t('orderId')}: `, el('code', { class: 'copy', id: 'outcome-order', text: o.order }))
        : '',
    );
  if (o.kind === 'bad') box.append(el('strong', { text: `${t('notApplied')}: ` }), o.message);
  if (o.kind === 'unknown') {
    box.append(
      el('div', { text: `${t('unknown')} (${o.message})` }),
      el('button', {
        type: 'button',
        id: 'retry',
        disabled: form.inFlight,
        text: t('retry'),
        onclick: () => send(action, form),
      }),
    );
  }
  return box;
}

async function send(action, form) {
  if (form.inFlight || state.inFlight) return;
  form.submitted = true;
  const meta = META.get(action.method);
  // A retry resends exactly what was sent, for the customer it was sent for.
  const retrying = form.outcome?.kind === 'unknown' && form.sent;
  const errors = retrying ? new Map() : errorsByField(action, form);
  const body = retrying ? form.sent.body : params(action, form);
  if (errors.size) {
    renderForm(action);
    const shown = new Set(meta.fields.filter((f) => !FILLED.has(f.name)).map((f) => f.name));
    const hidden = [...errors].filter(([name]) => !shown.has(name)).map(([, message]) => message);
    $('#form-error').textContent = [t('fixFields'), ...hidden].join(' · ');
    document.querySelector('#action-form [aria-invalid="true"]')?.focus();
    return;
  }
  const over = retrying ? [] : (effect(action, form)?.over ?? []);
  if (over.length) {
    // Over the role's per-call limit: the proxy would refuse it; say so before any confirmation.
    form.outcome = {
      kind: 'bad',
      message: over.map((limit) => i18n.errorMessage({ code: 'LIMIT_EXCEEDED', limit })).join(' · '),
    };
    renderForm(action);
    $('#outcome')?.focus();
    return;
  }
  if (!retrying && !form.confirmed && effect(action, form)?.large) {
    // Above the role's threshold: show the exact effect and wait for the operator.
    form.confirming = true;
    renderForm(action);
    $('#confirm-yes')?.focus();
    return;
  }
  form.inFlight = true;
  form.outcome = null;
  busy(+1);
  renderForm(action);
  if (!retrying && action.precheck && !(await precheck(action, form, body))) {
    form.inFlight = false;
    busy(-1);
    form.outcome = { kind: 'bad', message: `${t('precheckFailed')}: ${form.precheck.message}` };
    renderForm(action);
    $('#outcome')?.focus();
    return;
  }
  const record = action.u8 ? body[0] : body;
  const e = effectOf(meta, body);
  const moved = { points: String(e.points), value: String(e.value) };
  // The operation, made once with everything it belongs to; its answer is booked to it.
  const op = retrying
    ? operation.retry(form.sent, PAGE)
    : operation.start(
        {
          requestId: action.u8 ? record.source_code : form.requestId,
          method: action.method,
          tab: action.tab,
          u8: Boolean(action.u8),
          refund: Boolean(action.refund),
          path: action.u8 ? `/v1/u8/${action.method}` : `/v1/top/${action.method}`,
          body,
          customer: maskMobile(state.customer?.customer_open_info?.mobile) ?? '',
          customerId: state.customer?.customer_open_info?.customer_id ?? null,
          order: meta.orderId ? (record[meta.orderId] ?? '') : '',
          moved,
          before: snapshot(),
          at: Date.now(),
        },
        PAGE,
      );
  form.sent = op;
  const r = await dispatch(op);
  form.inFlight = false;
  if (op.session !== state.session) return;
  if (r.ok) {
    // A definite answer ends the request id's life: the next submission is a new request.
    state.forms.set(action.method, {
      ...freshForm(action),
      precheck: form.precheck,
      outcome: { kind: 'ok', summary: r.balances, order: op.order },
    });
  } else if (r.op.state === operation.REFUSED) {
    // Refused: nothing applied. The values stay for correcting; the request id is new.
    state.forms.set(action.method, {
      ...freshForm(action, action.u8 ? { ...form.values, source_code: undefined } : form.values),
      outcome: { kind: 'bad', message: r.message },
    });
  } else {
    // Unknown: the form stays locked to this request, so a retry can never apply twice.
    form.outcome = { kind: 'unknown', message: r.message };
    form.sent = r.op;
  }
  if (state.active) renderActions();
  (
    document.querySelector('#retry') ??
    document.querySelector('#outcome') ??
    document.querySelector('#submit')
  )?.focus();
}

/** While a write is in flight, nothing that would change its context can be pressed. */
function busy(delta) {
  state.inFlight = Math.max(0, state.inFlight + delta);
  const may = operation.permits(state.inFlight > 0 ? operation.IN_FLIGHT : null);
  for (const sel of ['#find-form button[type=submit]', '#find-value', '#find-by', '#shop'])
    $(sel).disabled = !may.lookup;
  $('#signout').disabled = !may.signOut;
  $('#new-order').disabled = !may.newOperation;
  for (const b of document.querySelectorAll('#pending-list button, #new-form, #voucher-list button'))
    b.disabled = !may.newOperation;
}

/** The message of a failed write, in the operator's words. */
function failureText(r) {
  const kind = failureKind(r);
  if (kind === 'invalid') return i18n.ruleMessage(r.error, r.error.field ?? '', {});
  if (kind === 'proxy_unreachable') return t('proxyDown');
  if (kind === 'platform_unreachable') return t('platformDown');
  return i18n.errorMessage(r.error);
}

/**
 * Sends an operation (first time or again) and books its answer to it: its history row, its
 * order, its customer's balances. It is kept with its operator until the answer is definite,
 * so a reload, a closed tab or a sign-out never loses it; an answer that arrives after the
 * session ended stays with its operator and is shown at their next sign-in.
 */
async function dispatch(op, judge = (answer) => answer) {
  const operator = state.me.operator;
  op.session = state.session;
  pending.put(localStorage, operator, { ...op, session: undefined });
  let r;
  try {
    r = judge(await api(op.path, op.body));
  } finally {
    if (op.session === state.session) busy(-1);
  }
  const settled = operation.settle(op, r);
  if (leaving) return { ...r, op: settled };
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
    const here = () => state.customer?.customer_open_info?.customer_id === op.customerId;
    if (op.u8 && op.customerId) localStorage.setItem(`u8mid:${op.customerId}`, String(op.body[0].mid));
    let after = null;
    if (state.lookup && here()) {
      await findCustomer(state.lookup);
      if (here()) after = snapshot();
    }
    const u8row = op.u8 ? r.data?.data?.[0] : null;
    const b = op.before;
    row.balances = u8row
      ? { u8: [String(u8row.before_points), String(u8row.after_points)] }
      : after && b
        ? { before: b, after }
        : null;
    balances = balancesText(row.balances);
    if (op.refund) {
      for (const o of state.orders) if (o.order === op.order) o.refunded = true;
    } else if (op.order && !op.u8 && reversible(op.method) && !reversesAnOrder(op.method, op.body)) {
      state.orders.push({ order: op.order, method: op.method, moved: op.moved, customer: op.customer });
    }
  }
  state.history.push(row);
  if (unknown) pending.update(localStorage, operator, op.requestId, { state: settled.state, page: null });
  else pending.drop(localStorage, operator, op.requestId);
  saveDesk();
  renderHistory();
  renderOrders();
  renderPending();
  // The proxy writes a call's audit row a moment after its answer: read the trail now, and
  // again once the row is there.
  loadAudit();
  setTimeout(() => state.me && loadAudit(), AUDIT_LAG_MS);
  return { ...r, message, balances, op: settled };
}

// ---------- operations awaiting an outcome ----------
/** This operator's operations sent in a page that is gone, or set aside: what is known of them. */
function loadPending() {
  const operator = state.me.operator;
  const alive = alivePages();
  const entries = pending.afterLoad(pending.list(localStorage, operator), (page) => page && alive.has(page));
  // Answers that came after their session ended go into the history now, once.
  for (const e of pending.settled(entries)) {
    state.history.push(e.row);
    pending.drop(localStorage, operator, e.requestId);
  }
  for (const e of entries.filter((x) => x.state === operation.UNKNOWN))
    pending.update(localStorage, operator, e.requestId, { state: e.state, cause: e.cause, page: null });
  saveDesk();
  renderPending();
}

/** Requests held by a form on screen (in flight, or unknown with their retry): shown there. */
const heldByForms = () =>
  new Set(
    [...state.forms.values()]
      .filter((f) => f.sent && (f.inFlight || f.outcome?.kind === 'unknown'))
      .map((f) => f.sent.requestId),
  );

function renderPending() {
  if (!state.me) return;
  const held = heldByForms();
  const entries = pending.open(pending.list(localStorage, state.me.operator)).filter((e) => !held.has(e.requestId));
  $('#pending-card').hidden = entries.length === 0;
  $('#pending-list').replaceChildren(
    ...entries.map((e) =>
      el(
        'li',
        { class: 'row spread', 'data-pending': e.requestId },
        el('span', {
          text: `${i18n.dateTime(new Date(e.at))} · ${opName(e.method, e.body)} · ${e.customer} · ${movedText(e.moved)} · ${e.order || '—'} · ${
            e.state === operation.IN_FLIGHT
              ? t('inFlight')
              : t(e.cause === 'interrupted' ? 'unknownInterrupted' : 'unknownState')
          }`,
        }),
        el('code', { class: 'rid', text: e.requestId }),
        el('button', {
          type: 'button',
          class: 'secondary',
          'data-retry': e.requestId,
          // Safe even if another tab still waits for it: the same request id never applies twice.
          disabled: state.inFlight > 0,
          text: t('retry'),
          onclick: () => retryPending(e),
        }),
      ),
    ),
  );
}

/** Retries an awaiting operation: the same request id and body, for its own customer. */
async function retryPending(entry) {
  if (state.inFlight) return;
  busy(+1);
  const r = await dispatch(operation.retry(entry, PAGE));
  $('#pending-result').textContent = r.ok
    ? `${t('applied')} ✓ ${entry.requestId}`
    : r.op.state === operation.UNKNOWN
      ? `${t('unknownShort')} (${r.message})`
      : `${t('notApplied')}: ${r.message}`;
}

// ---------- a customer's history: flows, newest first, with a balance chart ----------
const FLOWS = {
  points: {
    method: 'alibaba.alsc.crm.point.querypointflow',
    row: (f) => ({
      at: f.time,
      type: f.biz_type,
      typeText: f.biz_type_description,
      change: `${f.change_point > 0 ? '+' : ''}${f.change_point}`,
      after: f.remain_point,
      afterText: String(f.remain_point),
      order: f.out_biz_id,
    }),
  },
  value: {
    method: 'alibaba.alsc.crm.recharge.accountflows.get',
    row: (f) => ({
      at: f.order_time ?? f.gmt_create,
      type: f.flow_type,
      change: `${Number(f.order_value) > 0 ? '+' : ''}${fenText(f.order_value)}`,
      after: Number(f.current_value) / 100,
      afterText: yuan(f.current_value),
      order: f.outer_order_id,
      flowId: f.flow_id,
    }),
  },
};
let chart = null;

async function loadFlows(page = 1) {
  const kind = state.flowKind ?? 'points';
  const spec = FLOWS[kind];
  const customer_id = state.customer?.customer_open_info?.customer_id;
  if (!customer_id || !state.me.operations.some((o) => o.method === spec.method)) return;
  const r = await api(`/v1/top/${spec.method}`, { ...store(), customer_id, page_no: page, page_size: 10 });
  if (!r.ok || state.customer?.customer_open_info?.customer_id !== customer_id) return;
  state.flowPage = page;
  const rows = r.data.result_list.map(spec.row);
  const pages = Math.max(1, Math.ceil(Number(r.data.total_size ?? rows.length) / 10));
  $('#flows-card').hidden = false;
  for (const b of document.querySelectorAll('#flow-tabs [role=tab]'))
    b.setAttribute('aria-selected', String(b.dataset.flow === kind));
  $('#flows-page').textContent = i18n.fill(t('pageOf'), { page, pages });
  $('#flows-prev').disabled = page <= 1;
  $('#flows-next').disabled = page >= pages;
  $('#flow-detail').replaceChildren();
  $('#flows tbody').replaceChildren(
    ...rows.map((f) =>
      el(
        'tr',
        {},
        el('td', { text: f.at }),
        // The platform's own name of the flow type where the console has no words for its code.
        el('td', { text: i18n.status(f.type) === f.type && f.typeText ? f.typeText : i18n.status(f.type) }),
        el('td', { text: f.change }),
        el('td', { text: f.afterText }),
        el('td', {}, el('code', { class: 'copy', text: f.order ?? '' })),
        el(
          'td',
          {},
          f.flowId
            ? el('button', {
                type: 'button',
                class: 'secondary',
                'data-flow-id': f.flowId,
                text: t('detail'),
                onclick: () => showFlow(f.flowId),
              })
            : '',
        ),
      ),
    ),
  );
  drawChart(rows);
}

/** The balance after each flow of the page, oldest to newest, drawn by uPlot. */
async function drawChart(rows) {
  const host = $('#flow-chart');
  const points = rows
    .map((f) => [Date.parse(`${f.at.replace(' ', 'T')}+08:00`) / 1000, f.after])
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .reverse();
  chart?.destroy();
  chart = null;
  host.replaceChildren();
  if (points.length < 2) return;
  const { default: uPlot } = await import('./vendor/uPlot.esm.js');
  const width = Math.max(200, host.clientWidth || 300);
  chart = new uPlot(
    {
      width,
      height: 160,
      series: [{}, { label: t(state.flowKind === 'value' ? 'storedValue' : 'points'), stroke: '#0b63ce', width: 2 }],
      axes: [{}, { size: 60 }],
      legend: { show: false },
    },
    [points.map((p) => p[0]), points.map((p) => p[1])],
    host,
  );
}

async function showFlow(flowId) {
  const r = await api('/v1/top/alibaba.alsc.crm.recharge.account.flowdetail.get', {
    brand_id: store().brand_id,
    flow_id: flowId,
  });
  const d = r.ok ? r.data.result : null;
  $('#flow-detail').replaceChildren(
    d
      ? el(
          'p',
          {},
          `${flowId}: `,
          ...(d.affected_property_list ?? []).map(
            (p) => `${p.type === 'GIFT' ? t('gift') : t('paid')} ${yuan(p.value)} `,
          ),
          `→ ${yuan(d.current_value)}`,
        )
      : el('p', { class: 'error', text: i18n.errorMessage(r.error) }),
  );
}

// ---------- vouchers ----------
async function loadVouchers() {
  const customer_id = state.customer?.customer_open_info?.customer_id;
  if (!customer_id || !state.me.operations.some((o) => o.method === 'alibaba.alsc.crm.customer.voucher.list')) return;
  const r = await api('/v1/top/alibaba.alsc.crm.customer.voucher.list', { ...store(), customer_id });
  if (!r.ok || state.customer?.customer_open_info?.customer_id !== customer_id) return;
  const mayChange = state.me.operations.some((o) => o.method === 'alibaba.alsc.crm.voucher.status.change');
  $('#vouchers-card').hidden = false;
  $('#voucher-list').replaceChildren(
    ...r.data.result_list.map((v) =>
      el(
        'li',
        { class: 'row spread' },
        el('span', { text: `${v.title} · ${yuan(v.amount)} · ${i18n.status(v.status)}` }),
        el('code', { class: 'copy', text: v.voucher_id }),
        mayChange
          ? el('button', {
              type: 'button',
              class: 'secondary',
              'data-voucher': v.voucher_id,
              text: t(v.status === 'NORMAL' ? 'useVoucher' : 'restoreVoucher'),
              onclick: () => changeVoucher(v),
            })
          : '',
      ),
    ),
  );
}

/** Uses or restores one voucher: confirmed first, sent once, recorded like any other operation. */
async function changeVoucher(v) {
  if (state.inFlight || !state.customer) return;
  const use = v.status === 'NORMAL';
  const what = t(use ? 'useVoucher' : 'restoreVoucher');
  const customer = maskMobile(state.customer.customer_open_info?.mobile) ?? '';
  // A restore names the order the voucher was used on, as this desk recorded it.
  const order = use ? state.order : (state.voucherOrders[v.voucher_id] ?? state.order);
  if (!window.confirm(i18n.fill(t('voucherConfirm'), { what, id: v.voucher_id, customer, order }))) return;
  busy(+1);
  const requestId = newRequestId();
  const body = {
    ...store(),
    customer_id: v.customer_id,
    request_id: requestId,
    source: 'CONSOLE',
    out_order_id: order,
    voucher_id_list: [v.voucher_id],
    voucher_status_action: use ? 'NORMAL_ISUSED' : 'ISUSED_NORMAL',
  };
  const r = await dispatch(
    operation.start(
      {
        requestId,
        method: VOUCHER_CHANGE,
        tab: use ? 'useVoucher' : 'restoreVoucher',
        path: `/v1/top/${VOUCHER_CHANGE}`,
        body,
        customer,
        customerId: state.customer.customer_open_info?.customer_id ?? null,
        order,
        moved: { vouchers: [v.voucher_id] },
        before: snapshot(),
        at: Date.now(),
      },
      PAGE,
    ),
    // The platform answers per voucher: one it did not change was not applied, with its reason.
    (answer) => {
      const row = answer.data?.result?.voucher_status_list?.[0];
      if (!answer.ok || row?.is_success) return answer;
      const message = row?.error_msg ?? row?.message ?? t('voucherNotChanged');
      return { ok: false, error: { code: 'BIZ_ERROR', message, outcome: 'not_applied' } };
    },
  );
  if (r.ok) {
    if (use) state.voucherOrders[v.voucher_id] = order;
    else delete state.voucherOrders[v.voucher_id];
    saveDesk();
  }
  $('#voucher-result').textContent = r.ok
    ? i18n.fill(t('voucherDone'), { id: v.voucher_id, what })
    : r.op.state === operation.UNKNOWN
      ? `${t('unknownShort')} (${r.message})`
      : `${t('notApplied')}: ${r.message}`;
  // The button pressed is replaced by the list's new one: focus stays on what was said.
  $('#voucher-result').focus();
}

// ---------- orders ----------
function renderOrders() {
  const byOrder = new Map();
  for (const o of state.orders) {
    const entry = byOrder.get(o.order) ?? {
      order: o.order,
      customer: o.customer,
      consumed: [],
      refunded: false,
      topUp: true,
      valueOnly: true,
    };
    entry.topUp &&= o.method.endsWith('charge.update');
    entry.valueOnly &&= o.method.endsWith('dedut.update');
    entry.consumed.push(`${t(ACTIONS.find((a) => a.method === o.method)?.tab ?? '')} ${movedText(o.moved)}`);
    entry.refunded ||= Boolean(o.refunded);
    byOrder.set(o.order, entry);
  }
  $('#orders-card').hidden = byOrder.size === 0;
  const allowed = (a) => state.me?.operations.some((o) => o.method === a.method);
  // The fitting reversal: a top-up is refunded as a top-up, a payment with stored value alone
  // is reversed as one; anything else the order consumed (points and stored value together,
  // vouchers) comes back with the asset refund.
  const reversal = (o) => {
    const kind = o.topUp ? 'uncharge.update' : o.valueOnly ? 'undedut.update' : 'assert.refund';
    return ACTIONS.find((a) => a.refund && a.method.endsWith(kind));
  };
  $('#orders tbody').replaceChildren(
    ...[...byOrder.values()].reverse().map((o) =>
      el(
        'tr',
        {},
        el('td', {}, el('code', { class: 'copy', text: o.order })),
        el('td', { text: o.customer ?? '' }),
        el('td', { text: o.consumed.join('；') }),
        el('td', { text: o.refunded ? t('refunded') : '—' }),
        el(
          'td',
          {},
          !o.refunded && reversal(o) && allowed(reversal(o))
            ? el('button', {
                type: 'button',
                class: 'secondary',
                'data-refund': o.order,
                text: t('refund'),
                onclick: () => startRefund(reversal(o), o.order),
              })
            : '',
        ),
      ),
    ),
  );
}

/** Opens the refund form on an order, ready to submit. */
function startRefund(refund, order) {
  state.forms.set(refund.method, freshForm(refund, { [META.get(refund.method).orderId]: order }));
  state.active = refund;
  renderActions();
  $('#actions').scrollIntoView({ block: 'start' });
  $('#submit')?.focus();
}

// ---------- the proxy's audit trail ----------
const AUDIT_LAG_MS = 1000;
/** An audited operation named as the desk names it (`u8:` for U8's). */
const auditedTitle = (op) => {
  const action = ACTIONS.find((a) => (a.u8 ? `u8:${a.method}` : a.method) === op);
  const meta = META.get(op?.replace(/^u8:/, ''));
  return action ? t(action.tab) : meta ? i18n.title(meta) : (op ?? '');
};
const audit = createAuditCard({
  api,
  scope: () => state.me?.audit,
  title: auditedTitle,
  amount: (a) =>
    [a.points !== '0' && a.points ? `${a.points} ${t('points')}` : '', a.value !== '0' && a.value ? yuan(a.value) : '']
      .filter(Boolean)
      .join(' / '),
});
const loadAudit = (more = false) => audit.load(more);

// ---------- the books: worklist, reconciliation, close (cards/) ----------
const booksRole = () => state.me?.books ?? 'none';
const worklist = createWorklistCard({
  api,
  title: auditedTitle,
  books: booksRole,
  // A run decided some of this operator's own unknown writes: they leave "awaiting an outcome".
  settled: (items) => {
    if (!state.me) return;
    settleForms(items);
    if (!pending.settleByRun(localStorage, state.me.operator, items)) return;
    loadPending();
    renderHistory();
  },
});
/** A form locked to a request a run decided shows that outcome, and its next request is new. */
function settleForms(items) {
  const mine = new Map(
    items.filter((i) => i.operator === state.me.operator && i.outcome !== 'pending').map((i) => [i.request_id, i]),
  );
  let changed = false;
  for (const [method, form] of state.forms) {
    const item = form.outcome?.kind === 'unknown' && !form.inFlight ? mine.get(form.sent?.requestId) : null;
    const action = ACTIONS.find((a) => a.method === method);
    if (!item || !action) continue;
    const text = i18n.fill(t(item.outcome === 'applied' ? 'settledApplied' : 'settledNotApplied'), { run: item.run });
    state.forms.set(
      method,
      item.outcome === 'applied'
        ? { ...freshForm(action), outcome: { kind: 'ok', summary: text, order: form.sent.order } }
        : { ...freshForm(action, form.values), outcome: { kind: 'bad', message: text } },
    );
    changed = true;
  }
  if (changed && state.active) renderActions();
}
const closeCard = createCloseCard({ api, books: booksRole });
const reconciliation = createReconciliationCard({
  api,
  title: auditedTitle,
  books: booksRole,
  finished: () => Promise.all([worklist.load(), closeCard.load()]),
});
const booksCards = () => [worklist, reconciliation, closeCard];
const loadBooks = () => Promise.all(booksCards().map((card) => card.load()));

// ---------- the session's rows, kept across reloads until sign-out ----------
const deskKey = () => `desk:${state.me?.operator}`;
function saveDesk() {
  const { history, orders, voucherOrders } = state;
  sessionStorage.setItem(deskKey(), JSON.stringify({ history, orders, voucherOrders }));
}
function restoreDesk() {
  const saved = JSON.parse(sessionStorage.getItem(deskKey()) ?? 'null');
  if (saved)
    Object.assign(state, {
      history: saved.history ?? [],
      orders: saved.orders ?? [],
      voucherOrders: saved.voucherOrders ?? {},
    });
}

// ---------- history ----------
/** What an operation moved, in words: `300 积分 + 15.00 元`, or the vouchers it named. */
function movedText(m = {}) {
  const parts = [];
  if (m.points && m.points !== '0') parts.push(`${m.points} ${t('points')}`);
  if (m.value && m.value !== '0') parts.push(yuan(m.value));
  if (m.vouchers?.length) parts.push(`${t('vouchers')} ${m.vouchers.join(',')}`);
  return parts.join(' + ');
}

/** Balances before → after: ALSC points / stored value, or U8's points. */
function balancesText(b) {
  if (!b) return '';
  if (b.u8) return `${b.u8[0]} → ${b.u8[1]}`;
  return `${b.before.points}/${yuan(b.before.value)} → ${b.after.points}/${yuan(b.after.value)}`;
}

/** A history row's cells in the chosen language. */
function rowCells(h) {
  // An outcome a reconciliation run decided names the run.
  const outcome = h.run
    ? i18n.fill(t(h.state === 'applied' ? 'settledApplied' : 'settledNotApplied'), { run: h.run })
    : h.state === 'applied'
      ? t('applied')
      : h.state === 'unknown'
        ? t('unknownShort')
        : `${t('notApplied')}: ${failureText({ ok: false, error: h.error })}`;
  return {
    time: i18n.dateTime(new Date(h.at)),
    operation: opName(h.method, h.body),
    customer: h.customer,
    order: h.order,
    amount: movedText(h.moved),
    outcome,
    balances: balancesText(h.balances),
    requestId: h.requestId,
  };
}

function renderHistory() {
  $('#history tbody').replaceChildren(
    ...state.history
      .map(rowCells)
      .map((h) =>
        el(
          'tr',
          {},
          ...[h.time, h.operation, h.customer].map((v) => el('td', { text: String(v) })),
          el('td', {}, el('code', { class: 'copy', text: h.order })),
          ...[h.amount, h.outcome, h.balances].map((v) => el('td', { text: String(v) })),
          el('td', { class: 'rid', text: h.requestId }),
        ),
      ),
  );
}

function exportCsv() {
  const cells = (r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',');
  const lines = [
    cells(['time', 'operation', 'customer', 'order_id', 'amount', 'outcome', 'balances', 'request_id']),
    ...state.history
      .map(rowCells)
      .map((h) => cells([h.time, h.operation, h.customer, h.order, h.amount, h.outcome, h.balances, h.requestId])),
  ];
  const url = URL.createObjectURL(new Blob([`\ufeff${lines.join('\n')}\n`], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', { href: url, download: `loyalty-history-${new Date().toISOString().slice(0, 10)}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

// ---------- wiring ----------
function relabel() {
  i18n.apply();
  $('#lang').textContent = i18n.lang() === 'en' ? '中文' : 'English';
  renderWho();
  if (state.customer) {
    renderCustomer();
    renderActions();
  }
  if (state.me) {
    renderOrders();
    renderPending();
    renderHistory();
    audit.relabel();
    for (const card of booksCards()) card.relabel();
  }
}

$('#signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  delete e.currentTarget.dataset.pending;
  signIn($('#token').value.trim());
});
$('#new-order').addEventListener('click', () => {
  setOrder(newOrderId());
  renderActions();
});
$('#copy-order').addEventListener('click', () => navigator.clipboard?.writeText(state.order ?? '').catch(() => {}));
$('#signout').addEventListener('click', () => signOut());
$('#lang').addEventListener('click', () => {
  i18n.toggle();
  relabel();
});
$('#find-form').addEventListener('submit', (e) => {
  e.preventDefault();
  // A write in flight keeps its customer on screen until it is answered.
  if (state.inFlight) return;
  findCustomer({ [$('#find-by').value]: $('#find-value').value.trim() });
});
$('#export').addEventListener('click', exportCsv);
$('#audit-refresh').addEventListener('click', () => loadAudit());
for (const b of document.querySelectorAll('#flow-tabs [role=tab]')) {
  b.addEventListener('click', () => {
    state.flowKind = b.dataset.flow;
    loadFlows(1);
  });
}
$('#flows-prev').addEventListener('click', () => loadFlows(state.flowPage - 1));
$('#flows-next').addEventListener('click', () => loadFlows(state.flowPage + 1));
$('#audit-more').addEventListener('click', () => loadAudit(true));
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
$('#close-print').addEventListener('click', () => print());
$('#close-export').addEventListener('click', () => closeCard.exportCsv());
relabel();
// Enter pressed before the app was ready was held, not submitted: act on it now.
if ($('#signin-form').dataset.pending) {
  delete $('#signin-form').dataset.pending;
  signIn($('#token').value.trim());
} else if (state.token) {
  signIn(state.token);
}
