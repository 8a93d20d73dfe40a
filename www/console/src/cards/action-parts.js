// The actions card's parts, as elements: the tabs (arrow keys, Home, End), one field of a form
// with its error beside it, the confirmation of a large call, and an outcome with its retry.
// They show what they are given and call back; the card keeps the form's state.
import { el } from '../dom.js';
import * as i18n from '../i18n.js';
import * as forms from '../forms.js';

const { t } = i18n;

/** One tab a permitted action; `select(action)` when one is pressed or reached by a key. */
export function tabs(actions, active, select) {
  const keyTarget = (key, i) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[key];
    if (key === 'Home') return 0;
    if (key === 'End') return actions.length - 1;
    return step === undefined ? null : (i + step + actions.length) % actions.length;
  };
  return actions.map((a, i) =>
    el('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${i}`,
      'aria-selected': String(a === active),
      'aria-controls': 'form-host',
      tabindex: a === active ? '0' : '-1',
      'data-method': a.method,
      text: t(a.tab),
      onclick: () => select(a),
      onkeydown: (ev) => {
        const to = keyTarget(ev.key, i);
        if (to === null) return;
        ev.preventDefault();
        select(actions[to]);
      },
    }),
  );
}

/**
 * A form field `f` of the method `meta` showing `value` (stored value in 元), its `error`, and
 * `onChange(input)` on every edit; `locked` while its request awaits an answer; `hint` what an
 * empty field means.
 */
export function fieldRow(meta, f, { value, error, locked, required, hint, onChange }) {
  const money = forms.isValueField(meta, f.name);
  const id = `f-${f.name}`;
  const common = {
    id,
    name: f.name,
    'aria-invalid': error ? 'true' : 'false',
    'aria-describedby': hint ? `${id}-hint ${id}-err` : `${id}-err`,
    title: f.description,
    disabled: locked,
  };
  const input = f.choices
    ? el(
        'select',
        common,
        el('option', { value: '', text: '—' }),
        ...f.choices.map((c) =>
          el('option', { value: c.value, selected: String(value ?? '') === c.value, text: i18n.choiceLabel(c) }),
        ),
      )
    : f.type === 'Boolean'
      ? el('input', { ...common, type: 'checkbox', checked: Boolean(value) })
      : el('input', {
          ...common,
          type: 'text',
          inputmode: money ? 'decimal' : f.type === 'Number' ? 'numeric' : undefined,
          placeholder: f.type === 'Date' ? 'yyyy-MM-dd HH:mm:ss' : money ? '0.00' : '',
          value: forms.shownValue(meta, f, value),
        });
  input.addEventListener('input', () => onChange(input));
  input.addEventListener('change', () => onChange(input));
  return el(
    'div',
    { class: 'field' },
    el(
      'label',
      { for: id, class: required ? 'req' : '' },
      i18n.fieldLabel(f.name, f.description) + (money ? ` (${t('yuan')})` : ''),
    ),
    input,
    hint ? el('div', { class: 'field-hint', id: `${id}-hint`, text: hint }) : null,
    // Read through the input's aria-describedby: the form has one live region (#form-error), not one a field.
    el('div', { class: 'field-error', id: `${id}-err`, text: error ?? '' }),
  );
}

/** The exact effect of a call above the role's threshold, to confirm or cancel (Escape). */
export function confirmation(text, { onYes, onNo }) {
  return el(
    'div',
    {
      class: 'result confirm',
      id: 'confirm',
      role: 'alertdialog',
      'aria-labelledby': 'confirm-title',
      'aria-describedby': 'confirm-text',
      onkeydown: (ev) => {
        if (ev.key !== 'Escape') return;
        ev.preventDefault();
        onNo();
      },
    },
    el('strong', { id: 'confirm-title', text: t('confirmTitle') }),
    el('p', { id: 'confirm-text', text }),
    el(
      'div',
      { class: 'row' },
      el('button', { type: 'button', id: 'confirm-yes', text: t('confirm'), onclick: onYes }),
      el('button', { type: 'button', id: 'confirm-no', class: 'secondary', text: t('cancel'), onclick: onNo }),
    ),
  );
}

/** A text, or a function making it in the chosen language at each render. */
const said = (text) => (typeof text === 'function' ? text() : (text ?? ''));

/**
 * What came of a call: applied (with balances and order), not applied, or unknown with its
 * retry; `summary` and `message` are texts or functions making them (relabelled on a language change).
 */
export function outcome(o, { retrying, onRetry }) {
  const box = el('div', { class: `result ${o.kind}`, id: 'outcome', role: 'status', tabindex: '-1' });
  if (o.kind === 'ok')
    box.append(
      el('strong', { text: `${t('applied')} ✓ ` }),
      said(o.summary),
      o.order
        ? el('div', {}, `${t('orderId')}: `, el('code', { class: 'copy', id: 'outcome-order', text: o.order }))
        : '',
    );
  if (o.kind === 'bad') box.append(el('strong', { text: `${t('notApplied')}: ` }), said(o.message));
  if (o.kind === 'unknown')
    box.append(
      el('div', { text: `${t('unknown')} (${said(o.message)})` }),
      el('button', { type: 'button', id: 'retry', disabled: retrying, text: t('retry'), onclick: onRetry }),
    );
  return box;
}
