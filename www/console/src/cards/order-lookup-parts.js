// The order lookup card's parts, as elements: amounts in words, one audited write, the outcome
// of a reversal with its retry, the reversal's form (whole or partial, the amount, the reason)
// and its confirmation. They show what they are given and call back; the card keeps the state.
import { el } from '../dom.js';
import * as i18n from '../i18n.js';
import { fenText } from '../format.js';
import { yuan, opName } from '../words.js';

const { t } = i18n;
const RESULTS = { applied: 'resApplied', refused: 'resRefused', unknown: 'resUnknown', unsent: 'resUnsent' };

/** `{points, value, vouchers}` digit strings as the desk reads them: `120 积分 + 3.00 元`. */
export function amountText(m) {
  const parts = [];
  if (m.points && m.points !== '0') parts.push(`${m.points} ${t('points')}`);
  if (m.value && m.value !== '0') parts.push(yuan(m.value));
  if (m.vouchers && m.vouchers !== '0') parts.push(`${m.vouchers} ${t('voucherUnit')}`);
  return parts.join(' + ') || '0';
}

/** What an audited write moved, from its moves (the proxy's moves.js categories). */
function movesText(moves) {
  if (!moves) return '';
  const sum = (...cats) => String(cats.reduce((n, c) => n + BigInt(moves[c] ?? 0), 0n));
  return amountText({
    points: sum('points_deducted', 'points_added'),
    value: sum('value_paid', 'value_paid_reversed', 'value_topped_up', 'value_refunded', 'value_frozen'),
    vouchers: sum('vouchers_redeemed', 'vouchers_restored'),
  });
}

/** One audited write of the order: when (GMT+8), who, what, how much, and whether it applied. */
export function writeItem(w, title) {
  return el(
    'li',
    {},
    el('span', { class: 'when', text: i18n.dateTime(new Date(w.at)) }),
    ` · ${w.operator} · ${title(w.operation)}${w.reversal ? ` (${t('lookupReversal')})` : ''} · ${movesText(w.moves)} · `,
    el('span', { class: w.result === 'applied' ? 'ok-text' : 'muted', text: t(RESULTS[w.result] ?? 'resUnsent') }),
  );
}

/** What came of the reversal: applied, not applied, or unknown with its retry (the same request). */
export function outcomeBox(o, { retrying, onRetry }) {
  const box = el('div', { class: `result ${o.kind}`, id: 'lookup-outcome', role: 'status', tabindex: '-1' });
  if (o.kind === 'ok') box.append(el('strong', { text: `${t('applied')} ✓` }));
  if (o.kind === 'bad') box.append(el('strong', { text: `${t('notApplied')}: ` }), o.message);
  if (o.kind === 'unknown')
    box.append(
      el('div', { text: `${t('unknown')} (${o.message})` }),
      el('button', { type: 'button', id: 'lookup-retry', disabled: retrying, text: t('retry'), onclick: onRetry }),
    );
  return box;
}

/** Why no reversal is offered: nothing is left, none fits, or this operator may not send it. */
export function noReversal(order) {
  const rev = order.reversal;
  const nothing = ['points', 'value', 'vouchers'].every((k) => order.left[k] === '0');
  const text = rev
    ? `${t('lookupNotAllowed')}: ${t(`lookupWhy_${rev.why_code}`)}`
    : t(nothing ? 'lookupDone' : 'lookupNoFit');
  return el('p', { id: 'lookup-none', class: 'muted', text });
}

/** A text field of the form, `onInput(value)` on every edit. */
const textField = (id, label, value, { locked, onInput, ...attrs }) =>
  el(
    'div',
    { class: 'field' },
    el('label', { for: id, class: 'req', text: label }),
    el('input', { id, type: 'text', value, disabled: locked, oninput: (ev) => onInput(ev.target.value), ...attrs }),
  );

/**
 * The reversal's form for `rev` (the proxy's fitting reversal) as `draft` holds it: whole or
 * partial, the amount (元) and the reason; `locked` while its request is in flight, unknown or
 * being confirmed. `on`: `mode(m)`, `amount(v)`, `reason(v)`, `review()`.
 */
export function reversalForm(rev, draft, locked, on) {
  const radio = (mode, text) =>
    el(
      'label',
      { class: 'choice' },
      el('input', {
        type: 'radio',
        name: 'lookup-mode',
        id: `lookup-${mode}`,
        value: mode,
        checked: draft.mode === mode,
        disabled: locked,
        onchange: () => on.mode(mode),
      }),
      ` ${text}`,
    );
  return el(
    'form',
    {
      id: 'lookup-refund',
      novalidate: true,
      onsubmit: (ev) => {
        ev.preventDefault();
        on.review();
      },
    },
    el('h3', { text: `${t('lookupRefund')} · ${opName(rev.method, rev.params)}` }),
    el(
      'fieldset',
      {},
      el('legend', { text: t('lookupHowMuch') }),
      radio('whole', i18n.fill(t('lookupWhole'), { amount: amountText(rev.gives_back) })),
      rev.partial ? radio('partial', t('lookupPartial')) : null,
    ),
    rev.partial && draft.mode === 'partial'
      ? textField(
          'lookup-amount',
          i18n.fill(t('lookupAmount'), { unit: t('yuan'), max: fenText(rev.partial.max) }),
          draft.amount,
          { locked, onInput: on.amount, inputmode: 'decimal', placeholder: '0.00' },
        )
      : null,
    rev.reason_field
      ? textField('lookup-reason', t('lookupReason'), draft.reason, { locked, onInput: on.reason, maxlength: '200' })
      : el('p', { class: 'muted', text: t('lookupNoReason') }),
    el('p', { class: 'rid' }, `${t('requestId')}: `, el('span', { id: 'lookup-rid', text: draft.requestId })),
    el('button', {
      type: 'submit',
      id: 'lookup-review',
      disabled: locked,
      text: draft.inFlight ? t('sending') : t('lookupReview'),
    }),
    el('p', { class: 'error', id: 'lookup-error', role: 'alert', text: draft.error ?? '' }),
  );
}

/** What the reversal will give back, to whom and on which order, to confirm or cancel (Escape). */
export function confirmBox(text, { onYes, onNo }) {
  return el(
    'div',
    {
      class: 'result confirm',
      id: 'lookup-confirm',
      role: 'alertdialog',
      'aria-labelledby': 'lookup-confirm-title',
      'aria-describedby': 'lookup-confirm-text',
      onkeydown: (ev) => {
        if (ev.key !== 'Escape') return;
        ev.preventDefault();
        onNo();
      },
    },
    el('strong', { id: 'lookup-confirm-title', text: t('confirmTitle') }),
    el('p', { id: 'lookup-confirm-text', text }),
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'button', id: 'lookup-yes', text: t('confirm'), onclick: onYes }),
      el('button', { type: 'button', id: 'lookup-no', class: 'secondary', text: t('cancel'), onclick: onNo }),
    ),
  );
}
