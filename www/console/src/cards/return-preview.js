// What a reversal's form will give back, shown before it is sent: from the order as the
// session booked it (order-book.js), in points and 元 with their units. An order this session
// did not book is not guessed at: the platform decides.
import { effectOf, reversalOf } from '../sdk/meaning.js';
import { el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state } from '../state.js';
import { orderStandings, returnOf } from '../order-book.js';
import { metaOf, movedText } from '../words.js';

const { t } = i18n;

/** What a reversal of `method` with this body gives back of its order (order-book's returnOf), or null. */
function returning(method, body) {
  const meta = metaOf(method);
  const r = reversalOf(meta, body);
  const order = r?.orders[0];
  if (!order) return { order, back: null };
  const standing = orderStandings(state.orders).find((o) => o.order === order);
  return {
    order,
    back: returnOf(standing, { returns: meta.reverses.returns, whole: r.fromOrder, named: effectOf(meta, body) }),
  };
}

/** What the reversal gives back, `{ points, value, vouchers? }` as digits; null when the session cannot tell. */
export const returnedBy = (method, body) => returning(method, body).back?.back ?? null;

/** The sentence for a reversal of `method` with this body, and whether it asks more than is left. */
export function returnText(method, body) {
  const { order, back } = returning(method, body);
  if (!order) return { text: '', over: false };
  if (!back) return { text: i18n.fill(t('returnsUnknown'), { order }), over: false };
  const moved = movedText(back.back);
  if (!moved) return { text: i18n.fill(t('returnsNothing'), { order }), over: false };
  const text = i18n.fill(t('returnsWhat'), { order, moved });
  if (!back.over.length) return { text, over: false };
  return { text: `${text} · ${i18n.fill(t('returnsOver'), { left: movedText(back.left) || '0' })}`, over: true };
}

/** The preview's element, updated in place by `showReturn` as the form changes. */
export const returnBox = () => el('p', { id: 'return-preview', class: 'return-preview', 'aria-live': 'polite' });

export function showReturn(box, method, body) {
  const { text, over } = returnText(method, body);
  box.textContent = text;
  box.classList.toggle('error', over);
}
