// The customer card: find a customer by mobile (in any notation), customer id, member card
// number, card instance id (card.qry) or U8 member id (the proxy's link), through
// `open.customer.get`, and show their level, points, stored value, U8 points, card and its
// template, and vouchers. A failed lookup clears the customer, so nothing of the previous one
// stays live.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state, customerId } from '../state.js';
import { maskMobile } from '../format.js';
import { readLookup } from '../lookup.js';
import { yuan } from '../words.js';
import { store } from './signin.js';

const { t } = i18n;

// The find form's ways by their labels, for what a bad entry is told.
const BY_LABEL = {
  customer_id: 'byCustomerId',
  physical_card_id: 'byCard',
  card_id: 'byCardInstance',
  u8_member_id: 'u8Member',
};
const lookupError = ({ field, rule }) =>
  field === 'mobile' ? t(`mobile_${rule}`) : i18n.fill(t(`id_${rule}`), { f: t(BY_LABEL[field] ?? 'findValue') });

/** The customer's points and stored value balance now, for a history row's before → after. */
export const snapshot = () => balancesOf(state.customer);

/** A customer.get result's points and stored value balance (null for none). */
function balancesOf(c) {
  if (!c) return null;
  const acc = c.card_open_info_list?.[0]?.accounts?.[0] ?? {};
  return { points: c.point_account_open_info?.available_point ?? 0, value: acc.balance ?? 0 };
}

/** The customer's U8 member id, as the proxy's link for the brand gives it (null: not linked). */
export const u8Member = () => (state.customer ? (state.u8Link?.u8_member_id ?? null) : null);

/**
 * `found({ changed })` runs after a lookup found a customer (another one: `changed`); `cleared()`
 * after one failed. `links` is the U8 link card (the member's tile, the lookup by member id).
 */
export function createCustomerCard({ api, found, cleared, links }) {
  // Card templates' names by id, read once a session (card.query.template).
  const templates = new Map();

  const failed = (error) =>
    error.code === 'BIZ_ERROR' ? `${t('notFound')}: ${i18n.errorMessage(error)}` : i18n.errorMessage(error);

  /** The customer.get lookup a find-form entry makes; `{ error }` (a message) when it makes none. */
  async function lookupOf({ by, value }) {
    if (by === 'card_id') {
      const r = await api('/v1/top/alibaba.alsc.crm.card.qry', { ...store(), card_id: value });
      if (!r.ok) return { error: failed(r.error) };
      const id = r.data.result?.customer_id;
      return id ? { lookup: { customer_id: id } } : { error: t('cardNoCustomer') };
    }
    if (by === 'u8_member_id') {
      const got = await links.byMember(value);
      return got.error ? got : { lookup: { customer_id: got.customerId } };
    }
    return { lookup: { [by]: value } };
  }

  /** The name of the customer's card template, read once; the id alone when it cannot be read. */
  async function templateName(id) {
    if (!id || templates.has(id)) return;
    const r = await api('/v1/top/alibaba.alsc.crm.card.query.template', { ...store(), card_template_id: id });
    if (r.ok && r.data.result?.name) templates.set(id, r.data.result.name);
  }

  /** What the find form holds, checked; a lookup that cannot be made says why beside the form. */
  async function findFromForm() {
    const entry = readLookup($('#find-by').value, $('#find-value').value);
    if (entry.error) {
      $('#find-value').setAttribute('aria-invalid', 'true');
      $('#find-error').textContent = lookupError(entry.error);
      clear();
      return;
    }
    $('#find-value').removeAttribute('aria-invalid');
    const got = await lookupOf(entry);
    if (got.error) {
      $('#find-error').textContent = got.error;
      clear();
      return;
    }
    await find(got.lookup);
  }

  /** `refreshing`: the customer shown read again after a write; if that fails they stay shown. */
  async function find(lookup, { refreshing = false } = {}) {
    const r = await api('/v1/top/alibaba.alsc.crm.open.customer.get', { ...store(), ...lookup });
    if (!r.ok) {
      const why = failed(r.error);
      // A lookup that fails clears the customer; a refresh after an applied write does not: the
      // write's outcome stays on screen, and only its balances after are unknown.
      if (refreshing) {
        $('#find-error').textContent = `${t('refreshFailed')}: ${why}`;
        return null;
      }
      $('#find-error').textContent = why;
      clear();
      return null;
    }
    $('#find-error').textContent = '';
    const id = r.data.result?.customer_open_info?.customer_id;
    const changed = customerId() !== id;
    // Their U8 link (and U8 points) and card template, before they are shown.
    const [link] = await Promise.all([
      links.load(id),
      templateName(r.data.result?.card_open_info_list?.[0]?.card_template_id),
    ]);
    if (link.error) $('#find-error').textContent = `${t('u8LinkUnread')}: ${link.error}`;
    // Another customer: forms start afresh (an unanswered one stays under "awaiting an outcome").
    if (changed) state.forms = new Map();
    state.lookup = lookup;
    state.customer = r.data.result;
    state.u8Link = link.link ?? null;
    render();
    found({ changed });
    return state.customer;
  }

  /** Finds the customer shown again; their balances now. */
  const refresh = async () => (state.lookup ? (await find(state.lookup, { refreshing: true })) && snapshot() : null);

  /** The customer shown, read again without showing it: their balances now (null if unread). */
  async function balancesNow() {
    if (!state.lookup) return null;
    const r = await api('/v1/top/alibaba.alsc.crm.open.customer.get', { ...store(), ...state.lookup });
    return r.ok ? balancesOf(r.data.result) : null;
  }

  function clear() {
    state.customer = null;
    state.u8Link = null;
    state.lookup = null;
    state.forms = new Map();
    state.order = null;
    render();
    cleared();
  }

  function reset() {
    $('#customer').replaceChildren();
    $('#customer').hidden = true;
    $('#find-value').value = '';
    $('#find-value').removeAttribute('aria-invalid');
    $('#find-error').textContent = '';
    templates.clear();
    links.reset();
  }

  function render() {
    const c = state.customer;
    const host = $('#customer');
    host.hidden = !c;
    if (!c) return;
    const info = c.customer_open_info ?? {};
    const p = c.point_account_open_info ?? {};
    const card = c.card_open_info_list?.[0] ?? {};
    const acc = card.accounts?.[0] ?? {};
    const vouchers = c.voucher_open_info_list ?? [];
    const asset = (attrs, ...children) => el('div', { class: 'asset', ...attrs }, ...children);
    const level = info.level_desc || (info.level_no !== undefined ? `${t('level')} ${info.level_no}` : '');
    const template = card.card_template_id
      ? `${templates.get(card.card_template_id) ?? ''} (${card.card_template_id})`.trim()
      : t('none');
    host.replaceChildren(
      el(
        'p',
        {},
        el('strong', { text: `${info.name ?? ''} ` }),
        level
          ? el('span', {
              class: 'level',
              id: 'customer-level',
              title: `${t('level')} ${info.level_no ?? ''}`,
              text: level,
            })
          : '',
        ` ${maskMobile(info.mobile) ?? ''} · ${info.customer_id ?? ''}`,
        u8Member()
          ? el('span', { id: 'u8-member' }, ` · ${t('u8Member')}: `, el('code', { class: 'copy', text: u8Member() }))
          : '',
      ),
      el(
        'div',
        { class: 'assets' },
        asset(
          { 'data-testid': 'points' },
          el('div', { text: t('points') }),
          el('div', { class: 'big', id: 'points-available', text: String(p.available_point ?? 0) }),
          el('div', {
            class: 'muted',
            text: `${t('frozen')} ${p.freeze_point ?? 0} · ${t('total')} ${p.total_point ?? 0}`,
          }),
        ),
        asset(
          { 'data-testid': 'stored-value' },
          el('div', { text: t('storedValue') }),
          el('div', { class: 'big', id: 'stored-balance', text: yuan(acc.balance) }),
          el('div', { class: 'muted', text: `${t('paid')} ${yuan(acc.pre)} · ${t('gift')} ${yuan(acc.gift)}` }),
        ),
        links.tile(),
        asset(
          {},
          el('div', { text: t('card') }),
          el('div', { id: 'card-id', text: `${card.card_id ?? t('none')} · ${i18n.status(card.status)}` }),
          el('div', { class: 'muted', id: 'card-template', text: `${t('cardTemplate')}: ${template}` }),
        ),
        asset(
          {},
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

  $('#find-form').addEventListener('submit', (e) => {
    e.preventDefault();
    // A write in flight keeps its customer on screen until it is answered.
    if (state.inFlight) return;
    findFromForm();
  });

  /** The find box says what it takes for the way chosen (`138 0000 0001`, `+86 …`, a card number). */
  function hint() {
    const by = $('#find-by').value;
    $('#find-value').placeholder = t(`hint_${by}`);
    $('#find-value').inputMode = by === 'mobile' ? 'tel' : 'text';
  }
  $('#find-by').addEventListener('change', hint);
  hint();

  const relabel = () => {
    hint();
    render();
  };

  return { reset, render, relabel, refresh, balancesNow };
}
