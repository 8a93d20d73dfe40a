// Table cells the console's tables share: an order id on one line with a copy button beside it,
// and a customer in the one notation (notation.js) with their id on hover.
import { el } from './dom.js';
import * as i18n from './i18n.js';

const { t } = i18n;

/** An order id cell: monospace, never wrapped, and a button copying it. */
export function orderCell(order) {
  if (!order) return el('td', {});
  return el(
    'td',
    { class: 'order-cell' },
    el('code', { class: 'order', text: order }),
    el('button', {
      type: 'button',
      class: 'link copy-id',
      'aria-label': `${t('copy')} ${order}`,
      text: t('copy'),
      onclick: () => navigator.clipboard?.writeText(order).catch(() => {}),
    }),
  );
}

/** A customer cell: the notation's text, the platform's id in its title. */
export const customerCell = ({ text, id }) =>
  el('td', { class: 'customer-cell', title: id ? `${t('customerIdLabel')}: ${id}` : undefined, text });
