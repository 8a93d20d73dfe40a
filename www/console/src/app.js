// The admin console: signs in with an operator token, finds a customer, and acts on their
// points and stored value through the edge proxy. Forms come from the SDK's operations()
// metadata and validate as the user types with the same rules the proxy enforces; every
// submission carries a request id made when the form is filled, reused by any retry.
import { validate, operations, newRequestId } from './sdk/index.js';
import * as i18n from './i18n.js';

const { t } = i18n;
const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
};

// The actions this console offers, in order; `amount` is what the history shows.
const ACTIONS = [
  { method: 'alibaba.alsc.crm.point.extra.consume', amount: 'change_point', unit: 'points' },
  { method: 'alibaba.alsc.crm.recharge.dedut.update', amount: 'value', unit: 'fen' },
  { method: 'alibaba.alsc.crm.open.assert.refund' },
  { method: 'points/change', amount: 'ori_points', unit: 'points', u8: true },
];
// Fields the console or the proxy fills in: not shown in forms.
const FILLED = new Set(['operator_id', 'request_id', 'brand_id', 'shop_id', 'out_brand_id', 'out_shop_id', 'customer_id']);

const META = new Map(operations().map((o) => [o.method, o]));
const state = { token: sessionStorage.getItem('token'), me: null, customer: null, lookup: null, history: [], active: null, forms: new Map() };

// ---------- the proxy ----------
async function api(path, body) {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${state.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  const answer = await res.json().catch(() => ({ ok: false, error: { code: 'BAD_ANSWER', message: `HTTP ${res.status}`, retriable: res.status >= 500 } }));
  if (res.status === 401) signOut(t('sessionOver'));
  return { status: res.status, ...answer };
}

// ---------- sign-in ----------
async function signIn(token) {
  state.token = token;
  const r = await api('/v1/operations').catch(() => null);
  if (!r?.ok) {
    state.token = null;
    sessionStorage.removeItem('token');
    $('#signin-error').textContent = r?.status === 401 ? t('badToken') : r?.error?.message ?? t('badToken');
    return;
  }
  sessionStorage.setItem('token', token);
  state.me = r.data;
  $('#signin').hidden = true;
  $('#workspace').hidden = false;
  $('#signout').hidden = false;
  renderWho();
}

function signOut(message = '') {
  sessionStorage.removeItem('token');
  Object.assign(state, { token: null, me: null, customer: null });
  $('#signin').hidden = false;
  $('#workspace').hidden = true;
  $('#signout').hidden = true;
  $('#who').hidden = true;
  $('#signin-error').textContent = message;
}

function renderWho() {
  if (!state.me) return;
  const { operator, role, limits } = state.me;
  $('#who').hidden = false;
  $('#who').textContent = `${t('signedInAs')} ${operator} · ${t('role')} ${role}`;
  const lim = [limits.points !== undefined && `${limits.points} ${t('points')}`, limits.value !== undefined && `${(limits.value / 100).toFixed(2)} ${t('yuan')}`].filter(Boolean).join(' / ');
  const allowed = state.me.operations.map((o) => i18n.title(o)).join('、');
  $('#role-info').textContent = `${t('limits')}: ${lim || '—'} · ${allowed}`;
}

// ---------- customers ----------
const store = () => ({ brand_id: $('#brand_id').value.trim(), shop_id: $('#shop_id').value.trim() });

async function findCustomer(lookup) {
  const r = await api('/v1/top/alibaba.alsc.crm.open.customer.get', { ...store(), ...lookup });
  if (!r.ok) {
    $('#find-error').textContent = r.error.code === 'BIZ_ERROR' ? `${t('notFound')}: ${r.error.message}` : r.error.message;
    return null;
  }
  $('#find-error').textContent = '';
  state.lookup = lookup;
  state.customer = r.data.result;
  renderCustomer();
  renderActions();
  return state.customer;
}

const snapshot = () => {
  const c = state.customer;
  if (!c) return null;
  const acc = c.card_open_info_list?.[0]?.accounts?.[0] ?? {};
  return { points: c.point_account_open_info?.available_point ?? 0, value: acc.balance ?? 0 };
};

const yuan = (fen) => `${(Number(fen ?? 0) / 100).toFixed(2)} ${t('yuan')}`;

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
    el('p', {}, el('strong', { text: `${info.name ?? ''} ` }), `${info.mobile ?? ''} · ${info.customer_id ?? ''}`),
    el('div', { class: 'assets' },
      el('div', { class: 'asset', 'data-testid': 'points' },
        el('div', { text: t('points') }),
        el('div', { class: 'big', id: 'points-available', text: String(p.available_point ?? 0) }),
        el('div', { class: 'muted', text: `${t('frozen')} ${p.freeze_point ?? 0} · ${t('total')} ${p.total_point ?? 0}` })),
      el('div', { class: 'asset', 'data-testid': 'stored-value' },
        el('div', { text: t('storedValue') }),
        el('div', { class: 'big', id: 'stored-balance', text: yuan(acc.balance) }),
        el('div', { class: 'muted', text: `${t('paid')} ${yuan(acc.pre)} · ${t('gift')} ${yuan(acc.gift)}` })),
      el('div', { class: 'asset' },
        el('div', { text: t('card') }),
        el('div', { text: `${card.card_id ?? t('none')} · ${card.card_type ?? ''} · ${card.status ?? ''}` })),
      el('div', { class: 'asset' },
        el('div', { text: t('vouchers') }),
        vouchers.length
          ? el('ul', {}, ...vouchers.map((v) => el('li', { text: `${v.title} (${v.voucher_id}) · ${v.status}` })))
          : el('div', { class: 'muted', text: t('none') }))),
  );
}

// ---------- forms ----------
function parseInput(field, input) {
  if (field.type === 'Boolean') return input.checked;
  const raw = input.value.trim();
  if (raw === '') return undefined;
  if (field.type === 'Number') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (field.type === 'String[]') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  return raw;
}

function freshForm(action) {
  const form = { requestId: newRequestId(), touched: new Set(), submitted: false, inFlight: false, outcome: null, values: {} };
  if (action.u8) form.values.source_code = `SO-${Date.now().toString(36).toUpperCase()}`;
  if (action.method.endsWith('point.extra.consume')) form.values.out_biz_id = `ORD-${Date.now().toString(36).toUpperCase()}`;
  if (action.method.endsWith('recharge.dedut.update')) form.values.outer_order_id = `ORD-${Date.now().toString(36).toUpperCase()}`;
  if (action.method.endsWith('open.assert.refund')) form.values.new_outer_order_id = `RF-${Date.now().toString(36).toUpperCase()}`;
  return form;
}

function params(action, form) {
  const meta = META.get(action.method);
  const values = {};
  for (const f of meta.fields) if (form.values[f.name] !== undefined) values[f.name] = form.values[f.name];
  if (action.u8) return [values];
  // The proxy sets operator_id from the token whatever is sent; the console sends the same.
  const ctx = { ...store(), request_id: form.requestId, operator_id: state.me?.operator };
  if (meta.fields.some((f) => f.name === 'customer_id') && state.customer) ctx.customer_id = state.customer.customer_open_info?.customer_id;
  return { ...ctx, ...values };
}

function errorsByField(action, form) {
  const errors = validate(action.method, params(action, form));
  const map = new Map();
  for (const e of errors) {
    const name = action.u8 ? e.field.replace(/^\[0\]\./, '') : e.field.split(/[.[]/)[0];
    if (!map.has(name)) map.set(name, e.message);
  }
  return map;
}

function renderActions() {
  const allowed = new Set(state.me.operations.map((o) => o.method));
  const actions = ACTIONS.filter((a) => allowed.has(a.method) && META.has(a.method));
  $('#actions').hidden = !state.customer || actions.length === 0;
  state.active ??= actions[0];
  $('#tabs').replaceChildren(...actions.map((a) => el('button', {
    type: 'button', role: 'tab', 'aria-selected': String(a === state.active), 'data-method': a.method, text: i18n.title(META.get(a.method)),
    onclick: () => { state.active = a; renderActions(); },
  })));
  if (state.active) renderForm(state.active);
}

function renderForm(action) {
  const meta = META.get(action.method);
  if (!state.forms.has(action.method)) state.forms.set(action.method, freshForm(action));
  const form = state.forms.get(action.method);
  const errors = errorsByField(action, form);
  const shown = meta.fields.filter((f) => !FILLED.has(f.name) && !f.fields);
  const fieldEls = shown.map((f) => {
    const id = `f-${f.name}`;
    const error = (form.submitted || form.touched.has(f.name)) ? errors.get(f.name) : undefined;
    const common = { id, name: f.name, 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': `${id}-err`, title: f.description };
    const input = f.choices
      ? el('select', common, el('option', { value: '', text: '—' }), ...f.choices.map((c) => el('option', { value: c.value, selected: String(form.values[f.name] ?? '') === c.value, text: i18n.choiceLabel(c) })))
      : f.type === 'Boolean'
        ? el('input', { ...common, type: 'checkbox', checked: Boolean(form.values[f.name]) })
        : el('input', { ...common, type: f.type === 'Number' ? 'text' : 'text', inputmode: f.type === 'Number' ? 'numeric' : undefined, placeholder: f.type === 'Date' ? 'yyyy-MM-dd HH:mm:ss' : '', value: Array.isArray(form.values[f.name]) ? form.values[f.name].join(',') : (form.values[f.name] ?? '') });
    const onChange = () => {
      form.values[f.name] = parseInput(f, input);
      form.touched.add(f.name);
      const now = errorsByField(action, form);
      for (const g of shown) {
        const show = (form.submitted || form.touched.has(g.name)) ? now.get(g.name) : undefined;
        const box = document.getElementById(`f-${g.name}-err`);
        if (box) box.textContent = show ?? '';
        document.getElementById(`f-${g.name}`)?.setAttribute('aria-invalid', show ? 'true' : 'false');
      }
    };
    input.addEventListener('input', onChange);
    input.addEventListener('change', onChange);
    return el('div', { class: 'field' },
      el('label', { for: id, class: f.required ? 'req' : '' }, i18n.fieldLabel(f.name, f.description)),
      input,
      el('div', { class: 'field-error', id: `${id}-err`, role: 'status', text: error ?? '' }));
  });
  const submit = el('button', { type: 'submit', id: 'submit', disabled: form.inFlight, text: form.inFlight ? t('sending') : t('submit') });
  const outcome = renderOutcome(action, form);
  const formEl = el('form', { id: 'action-form', 'data-method': action.method, novalidate: true, onsubmit: (ev) => { ev.preventDefault(); send(action, form); } },
    el('div', { class: 'fields' }, ...fieldEls),
    el('p', { class: 'rid' }, `${t('requestId')}: `, el('span', { id: 'request-id', text: action.u8 ? form.values.source_code ?? '' : form.requestId })),
    el('div', { class: 'row' }, submit, el('button', { type: 'button', class: 'secondary', text: t('newForm'), onclick: () => { state.forms.set(action.method, freshForm(action)); renderForm(action); } })),
    el('p', { class: 'error', id: 'form-error', role: 'alert' }),
    outcome);
  $('#form-host').replaceChildren(formEl);
}

function renderOutcome(action, form) {
  const o = form.outcome;
  if (!o) return null;
  const box = el('div', { class: `result ${o.kind}`, id: 'outcome', role: 'status' });
  if (o.kind === 'ok') box.append(el('strong', { text: `${t('applied')} ✓ ` }), o.summary ?? '');
  if (o.kind === 'bad') box.append(el('strong', { text: `${t('notApplied')}: ` }), o.message);
  if (o.kind === 'unknown') {
    box.append(el('div', { text: `${t('unknown')} (${o.message})` }), el('button', { type: 'button', id: 'retry', disabled: form.inFlight, text: t('retry'), onclick: () => send(action, form) }));
  }
  return box;
}

async function send(action, form) {
  if (form.inFlight) return;
  form.submitted = true;
  const errors = errorsByField(action, form);
  const body = params(action, form);
  if (errors.size) {
    renderForm(action);
    const shown = new Set(META.get(action.method).fields.filter((f) => !FILLED.has(f.name)).map((f) => f.name));
    const hidden = [...errors].filter(([name]) => !shown.has(name)).map(([, message]) => message);
    $('#form-error').textContent = [t('fixFields'), ...hidden].join(' · ');
    return;
  }
  form.inFlight = true;
  form.outcome = null;
  renderForm(action);
  const before = snapshot();
  const path = action.u8 ? `/v1/u8/${action.method}` : `/v1/top/${action.method}`;
  let r;
  try {
    r = await api(path, body);
  } catch (e) {
    r = { ok: false, error: { code: 'NETWORK_ERROR', message: e.message, retriable: true } };
  }
  form.inFlight = false;
  const amount = action.amount ? (action.u8 ? body[0][action.amount] : body[action.amount]) : '';
  const row = { time: new Date().toLocaleTimeString(), operation: i18n.title(META.get(action.method)), customer: state.customer?.customer_open_info?.mobile ?? '', amount: amount ?? '', requestId: action.u8 ? body[0].source_code : form.requestId };
  if (r.ok) {
    let after = before;
    if (state.lookup) {
      await findCustomer(state.lookup);
      after = snapshot();
    }
    const u8row = action.u8 ? r.data?.data?.[0] : null;
    const balances = u8row ? `${u8row.before_points} → ${u8row.after_points}` : `${before?.points}/${yuan(before?.value)} → ${after?.points}/${yuan(after?.value)}`;
    state.history.push({ ...row, outcome: t('applied'), balances });
    state.forms.set(action.method, { ...freshForm(action), outcome: { kind: 'ok', summary: balances } });
  } else if (r.error?.code === 'INVALID_PARAM') {
    form.outcome = { kind: 'bad', message: r.error.message };
    state.history.push({ ...row, outcome: `${t('notApplied')}: ${r.error.code}`, balances: '' });
  } else if (r.error?.retriable) {
    form.outcome = { kind: 'unknown', message: r.error.message };
    state.history.push({ ...row, outcome: `? ${r.error.code}`, balances: '' });
  } else {
    form.outcome = { kind: 'bad', message: r.error?.message ?? 'error' };
    state.history.push({ ...row, outcome: `${t('notApplied')}: ${r.error?.platform_code ?? r.error?.code}`, balances: '' });
  }
  renderHistory();
  renderActions();
}

// ---------- history ----------
function renderHistory() {
  $('#history tbody').replaceChildren(...state.history.map((h) => el('tr', {},
    ...[h.time, h.operation, h.customer, h.amount, h.outcome, h.balances].map((v) => el('td', { text: String(v) })),
    el('td', { class: 'rid', text: h.requestId }))));
}

function exportCsv() {
  const cells = (r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',');
  const lines = [cells(['time', 'operation', 'customer', 'amount', 'outcome', 'balances', 'request_id']), ...state.history.map((h) => cells([h.time, h.operation, h.customer, h.amount, h.outcome, h.balances, h.requestId]))];
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
}

$('#signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  signIn($('#token').value.trim());
});
$('#signout').addEventListener('click', () => signOut());
$('#lang').addEventListener('click', () => {
  i18n.toggle();
  relabel();
});
$('#find-form').addEventListener('submit', (e) => {
  e.preventDefault();
  findCustomer({ [$('#find-by').value]: $('#find-value').value.trim() });
});
$('#export').addEventListener('click', exportCsv);
relabel();
if (state.token) signIn(state.token);
