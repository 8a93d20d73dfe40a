// The customer card: find a customer by mobile, customer id or physical card
// (`open.customer.get`) and show their points, stored value, card and vouchers. A failed
// lookup clears the customer, so nothing of the previous one stays live.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state, customerId } from '../state.js';
import { maskMobile } from '../format.js';
import { yuan } from '../words.js';
import { store } from './signin.js';

const { t } = i18n;

/** The customer's points and stored value balance now, for a history row's before → after. */
export const snapshot = () => {
  const c = state.customer;
  if (!c) return null;
  const acc = c.card_open_info_list?.[0]?.accounts?.[0] ?? {};
  return { points: c.point_account_open_info?.available_point ?? 0, value: acc.balance ?? 0 };
};

/**
 * The customer's U8 member id. No API links the two platforms' members, so the console keeps
 * the one this desk last used for the customer (localStorage) and offers it from then on.
 */
export const u8Member = () => (state.customer ? localStorage.getItem(`u8mid:${customerId()}`) : null);

/** `found({ changed })` runs after a lookup found a customer (another one: `changed`); `cleared()` after one failed. */
export function createCustomerCard({ api, found, cleared }) {
  async function find(lookup) {
    const r = await api('/v1/top/alibaba.alsc.crm.open.customer.get', { ...store(), ...lookup });
    if (!r.ok) {
      $('#find-error').textContent =
        r.error.code === 'BIZ_ERROR' ? `${t('notFound')}: ${r.error.message}` : i18n.errorMessage(r.error);
      clear();
      return null;
    }
    $('#find-error').textContent = '';
    const changed = customerId() !== r.data.result?.customer_open_info?.customer_id;
    // Another customer: forms start afresh (an unanswered one stays under "awaiting an outcome").
    if (changed) state.forms = new Map();
    state.lookup = lookup;
    state.customer = r.data.result;
    render();
    found({ changed });
    return state.customer;
  }

  /** Finds the customer shown again; their balances now. */
  const refresh = async () => (state.lookup ? (await find(state.lookup)) && snapshot() : null);

  function clear() {
    state.customer = null;
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
    $('#find-error').textContent = '';
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
        asset(
          {},
          el('div', { text: t('card') }),
          el('div', { text: `${card.card_id ?? t('none')} · ${i18n.status(card.status)}` }),
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
    find({ [$('#find-by').value]: $('#find-value').value.trim() });
  });

  return { reset, render, relabel: render, refresh };
}
