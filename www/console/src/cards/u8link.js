// The customer's U8 member: the link the proxy keeps per brand (GET / PUT /v1/links), set once
// by an operator, and the member's U8 points beside the ALSC balance. Not linked: a form to link
// them. The link is read from the proxy for every lookup, so every desk of the brand sees it.
import { el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state, customerId } from '../state.js';
import { store } from './signin.js';
import { readMobile } from '../mobile.js';

const { t } = i18n;

const linksPath = (query) => `/v1/links?${new URLSearchParams({ brand_id: store().brand_id, ...query })}`;

/** A refusal of a link as the operator reads it: the link in the way, named. */
function refusal(error) {
  if (error?.code !== 'LINK_EXISTS') return i18n.errorMessage(error);
  const other = error.details?.[0] ?? {};
  return error.field === 'u8_member_id'
    ? i18n.fill(t('u8MemberTaken'), { mid: other.u8_member_id, customer: other.customer_id })
    : i18n.fill(t('u8AlreadyLinked'), { mid: other.u8_member_id });
}

/** `linked()` runs after this desk set a link (the customer card shows it). */
export function createU8LinkCard({ api, linked }) {
  let message = '';
  // A link refused because another is in the way, which this role may replace: `{ id, mid }`.
  let replaceable = null;

  /** The customer's link as the proxy has it (`link` null: none); `{ error }` when it could not be read. */
  async function load(id) {
    message = '';
    replaceable = null;
    const r = await api(linksPath({ customer_id: id }));
    return r.ok ? { link: r.data.link } : { error: i18n.errorMessage(r.error) };
  }

  /** The customer linked to U8 member `mid`: `{ customerId }`, or `{ error }` saying why not. */
  async function byMember(mid) {
    const r = await api(linksPath({ u8_member_id: mid }));
    if (!r.ok) return { error: i18n.errorMessage(r.error) };
    if (!r.data.link) return { error: i18n.fill(t('u8NotLinkedTo'), { mid }) };
    return { customerId: r.data.link.customer_id };
  }

  /**
   * Links customer `id` to U8 member `mid` (once: a different link is refused by the proxy, and
   * the refusal is said in the tile), then shows it when that customer is on screen.
   */
  async function set(id, mid, { replace = false } = {}) {
    const r = await api.put('/v1/links', {
      brand_id: store().brand_id,
      customer_id: id,
      u8_member_id: mid,
      ...(replace ? { replace } : {}),
    });
    if (id !== customerId()) return;
    message = r.ok ? '' : refusal(r.error);
    const mayReplace = state.me?.permissions?.includes('u8:link:replace');
    replaceable = r.error?.code === 'LINK_EXISTS' && mayReplace ? { id, mid } : null;
    if (r.ok) state.u8Link = r.data.link;
    linked();
  }

  function submit(form) {
    const mid = form.elements['u8-link-mid'].value.trim();
    // A phone is not a member id: the proxy never keeps a mobile as a link.
    const bad = readMobile(mid).mobile ? 'u8MidMobile' : !/^[A-Za-z0-9_-]{1,64}$/.test(mid) ? 'u8MidFormat' : null;
    if (bad) {
      message = t(bad);
      linked();
      return;
    }
    form.querySelector('button').disabled = true;
    set(customerId(), mid);
  }

  /** The U8 tile of the customer card: the member and their points, or the form to link one. */
  function tile() {
    const link = state.u8Link;
    if (link)
      return el(
        'div',
        { class: 'asset', 'data-testid': 'u8-points' },
        el('div', { text: t('u8Points') }),
        link.u8_points === null
          ? el('div', { class: 'muted', id: 'u8-balance', text: t('u8PointsUnknown') })
          : el('div', { class: 'big', id: 'u8-balance', text: link.u8_points }),
        // Who linked them and when, each kept whole on its line (a name never breaks at its dash).
        el(
          'div',
          { class: 'muted', id: 'u8-linked' },
          el('span', { class: 'whole', text: `${t('u8Member')} ${link.u8_member_id}` }),
          ' · ',
          el('span', { class: 'whole', text: i18n.fill(t('u8LinkedBy'), { who: link.linked_by }) }),
          ' ',
          el('span', { class: 'whole', text: i18n.dateTime(new Date(link.linked_at)) }),
        ),
      );
    return el(
      'div',
      { class: 'asset', 'data-testid': 'u8-points' },
      el('div', { text: t('u8Points') }),
      el('div', { class: 'muted', text: t('u8NotLinked') }),
      el(
        'form',
        {
          id: 'u8-link-form',
          class: 'row',
          novalidate: true,
          onsubmit: (e) => {
            e.preventDefault();
            if (!state.inFlight) submit(e.target);
          },
        },
        el('label', { for: 'u8-link-mid', class: 'sr', text: t('u8Member') }),
        el('input', {
          id: 'u8-link-mid',
          name: 'u8-link-mid',
          inputmode: 'numeric',
          autocomplete: 'off',
          placeholder: t('u8Member'),
          'aria-describedby': 'u8-link-error',
        }),
        el('button', { type: 'submit', class: 'secondary', text: t('linkU8') }),
      ),
      el('p', { id: 'u8-link-error', class: 'error', role: 'alert', text: message }),
      replaceable
        ? el('button', {
            id: 'u8-link-replace',
            type: 'button',
            class: 'secondary',
            text: i18n.fill(t('u8Replace'), { mid: replaceable.mid }),
            onclick: (e) => {
              if (state.inFlight) return;
              e.target.disabled = true;
              set(replaceable.id, replaceable.mid, { replace: true });
            },
          })
        : null,
    );
  }

  function reset() {
    message = '';
    replaceable = null;
  }

  return { reset, tile, load, byMember, set };
}
