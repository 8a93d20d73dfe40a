// The orders card: the session's orders, each with what it took, what reversals gave back so
// far and what is left, and the fitting reversal from its row while anything is left.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state } from '../state.js';
import { ACTIONS, actionOf } from '../catalog.js';
import { orderStandings } from '../order-book.js';
import { movedText } from '../words.js';

const { t } = i18n;

// The fitting reversal: a top-up is refunded as a top-up, a payment with stored value alone
// is reversed as one; anything else the order took (points and stored value together,
// vouchers) comes back with the asset refund.
function reversalFor(o) {
  const kind = o.topUp ? 'uncharge.update' : o.valueOnly ? 'undedut.update' : 'assert.refund';
  return ACTIONS.find((a) => a.refund && a.method.endsWith(kind));
}

/** What a reversal gave back and what is left, or that nothing is; `—` before any reversal. */
function standingText(o) {
  if (o.refunded) return t('refunded');
  if (!o.reversals) return '—';
  return `${t('reversedSoFar')} ${movedText(o.reversed) || '0'} · ${t('leftOfOrder')} ${movedText(o.left)}`;
}

/** The order's own customer, to whom its reversal gives back (null for a row booked without them). */
const ownerOf = (o) => (o.customerId ? { id: o.customerId, masked: o.customer ?? '', cardId: o.cardId } : null);

/** `startRefund(action, order, owner)` opens the reversal's form on the order, for its own customer. */
export function createOrdersCard({ startRefund }) {
  function reset() {
    $('#orders tbody').replaceChildren();
    $('#orders-card').hidden = true;
  }

  function render() {
    const orders = orderStandings(state.orders);
    $('#orders-card').hidden = orders.length === 0;
    const allowed = (a) => state.me?.operations.some((o) => o.method === a.method);
    $('#orders tbody').replaceChildren(
      ...orders.reverse().map((o) => {
        const reversal = reversalFor(o);
        const taken = o.taken.map((x) => `${t(actionOf(x.method)?.tab ?? '')} ${movedText(x.moved)}`);
        return el(
          'tr',
          { 'data-order': o.order },
          el('td', {}, el('code', { class: 'copy', text: o.order })),
          el('td', { text: o.customer ?? '' }),
          el('td', { text: taken.join('；') }),
          el('td', { class: 'standing', text: standingText(o) }),
          el(
            'td',
            {},
            !o.refunded && reversal && allowed(reversal)
              ? el('button', {
                  type: 'button',
                  class: 'secondary',
                  'data-refund': o.order,
                  text: t('refund'),
                  onclick: () => startRefund(reversal, o.order, ownerOf(o)),
                })
              : '',
          ),
        );
      }),
    );
  }

  return { reset, render, relabel: render };
}
