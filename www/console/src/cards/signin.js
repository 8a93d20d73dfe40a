// The sign-in card and the header: an operator token in (kept in sessionStorage only), the
// operator, role and per-call limits from `GET /v1/operations` out, and the shops they work at.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state, forgetDesk } from '../state.js';
import { yuan } from '../words.js';

const { t } = i18n;

/** The shop chosen: the proxy refuses any the operator does not work at. */
export const store = () => {
  const [brand_id, shop_id] = ($('#shop').value || '|').split('|');
  return { brand_id, shop_id };
};

/** The channel (`biz_channel`) the chosen shop's POS uses, as the settings give it, or undefined. */
export const shopChannel = () => {
  const { brand_id, shop_id } = store();
  return state.me?.brands?.find((b) => b.brand_id === brand_id)?.shops.find((s) => s.shop_id === shop_id)?.biz_channel;
};

/** `api` calls the proxy; `resetAll()` empties every card; `signedIn()` fills them for `state.me`. */
export function createSigninCard({ api, resetAll, signedIn }) {
  async function signIn(token) {
    resetAll();
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
    signedIn();
    $('#signin').hidden = true;
    $('#workspace').hidden = false;
    $('#signout').hidden = false;
    render();
    // The sign-in form is gone: the next thing an operator does is find a customer.
    $('#find-value').focus();
  }

  function signOut(message = '') {
    sessionStorage.removeItem('token');
    forgetDesk();
    state.token = null;
    resetAll();
    $('#token').value = '';
    $('#signin').hidden = false;
    $('#workspace').hidden = true;
    $('#signout').hidden = true;
    $('#who').hidden = true;
    $('#signin-error').textContent = message;
    $('#token').focus();
  }

  function reset() {
    $('#role-info').textContent = '';
    $('#shop').replaceChildren();
  }

  function render() {
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

  function renderShops() {
    const options = (state.me?.brands ?? []).flatMap((b) =>
      b.shops.map((s) => el('option', { value: `${b.brand_id}|${s.shop_id}`, text: `${b.name} · ${s.name}` })),
    );
    $('#shop').replaceChildren(...options);
  }

  $('#signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    delete e.currentTarget.dataset.pending;
    signIn($('#token').value.trim());
  });
  $('#signout').addEventListener('click', () => signOut());

  return { reset, render, relabel: render, signIn, signOut };
}
