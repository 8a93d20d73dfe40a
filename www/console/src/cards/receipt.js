// The receipt (小票) of the last applied operation, to show the customer or print: shop,
// operation, order, customer (masked), what moved, balances after, operator, GMT+8 time and
// request id. While it is shown the print stylesheet prints it alone.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state } from '../state.js';
import { gmt8 } from '../format.js';
import { movedText, opName, yuan } from '../words.js';

const { t } = i18n;

/** The shop a body names, by its name in the operator's settings ('' for a body naming none, as U8's). */
function shopName(body) {
  const brand = state.me?.brands?.find((b) => b.brand_id === body?.brand_id);
  const shop = brand?.shops.find((s) => s.shop_id === body?.shop_id);
  return shop ? `${brand.name} · ${shop.name}` : '';
}

/** Balances after, with units: ALSC points and stored value, or U8's points. */
function balancesAfter(b) {
  if (b?.u8) return `${b.u8[1]} ${t('u8Points')}`;
  if (b?.after) return `${b.after.points} ${t('points')} · ${t('storedValue')} ${yuan(b.after.value)}`;
  return t('receiptNoBalances');
}

/**
 * What the customer's balances moved, signed (`+300 积分 · +15.00 元`): said where the
 * operation's own amounts are not known before it is sent (a whole order's refund gives back
 * what the order holds).
 */
function movedByBalances(b) {
  if (!b?.before || !b?.after) return '';
  const signed = (n) => (n > 0n ? `+${n}` : String(n));
  const diff = (k) => BigInt(String(b.after[k] ?? 0)) - BigInt(String(b.before[k] ?? 0));
  const [points, value] = [diff('points'), diff('value')];
  return [
    points !== 0n ? `${signed(points)} ${t('points')}` : '',
    value !== 0n ? `${value > 0n ? '+' : ''}${yuan(value)}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function createReceiptCard() {
  let shown = null;

  function reset() {
    shown = null;
    $('#receipt').replaceChildren();
    $('#receipt-card').hidden = true;
  }

  function render() {
    if (!shown) return reset();
    const row = shown;
    const lines = [
      ['receipt-shop', 'shopId', shopName(row.body)],
      ['receipt-operation', 'operation', opName(row.method, row.body)],
      ['receipt-order', 'orderId', row.order ?? ''],
      ['receipt-customer', 'customer', row.customer ?? ''],
      [
        'receipt-moved',
        'change',
        movedText(row.moved) || movedByBalances(row.balances) || movedText(row.returned ?? {}),
      ],
      ['receipt-balances', 'receiptBalances', balancesAfter(row.balances)],
      ['receipt-operator', 'operatorCol', row.operator],
      ['receipt-time', 'receiptTime', gmt8(row.at)],
      ['receipt-request', 'receiptRequest', row.requestId],
    ].filter(([, , value]) => value !== '');
    $('#receipt').replaceChildren(
      ...lines.flatMap(([id, label, value]) => [el('dt', { text: t(label) }), el('dd', { id, text: value })]),
    );
    $('#receipt-card').hidden = false;
  }

  /** Shows the receipt of an applied history row (`operator` the one who sent it). */
  function show(row, operator) {
    shown = { ...row, operator };
    render();
  }

  $('#receipt-print').addEventListener('click', () => window.print());
  $('#receipt-close').addEventListener('click', reset);

  return { reset, render, relabel: render, show };
}
