// The allowance card: per kind the role limits, its limit per call and per day, what this
// operator used today and what is left, with units. Read from `GET /v1/operations` at sign-in
// and again after every answered write, since the proxy's Durable Object counts them all.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state } from '../state.js';
import { allowanceRows, amountOf, kindLabel } from '../allowance.js';

const { t } = i18n;

/** `api` calls the proxy. */
export function createAllowanceCard({ api }) {
  function reset() {
    $('#allowance tbody').replaceChildren();
    $('#allowance-card').hidden = true;
  }

  function render() {
    const rows = allowanceRows(state.me);
    $('#allowance-card').hidden = !rows.length;
    const heading = { perCall: 'perCall', perDay: 'perDay', used: 'usedToday', left: 'leftToday' };
    const td = (what, text) => el('td', { 'data-col': what, 'data-label': t(heading[what]), text });
    const cell = (kind, n, what) => td(what, n === null ? (what === 'used' ? '—' : t('noLimit')) : amountOf(kind, n));
    $('#allowance tbody').replaceChildren(
      ...rows.map((r) =>
        el(
          'tr',
          { 'data-kind': r.kind },
          el('th', { scope: 'row', text: kindLabel(r.kind) }),
          cell(r.kind, r.perCall, 'perCall'),
          cell(r.kind, r.perDay, 'perDay'),
          cell(r.kind, r.used, 'used'),
          r.left === null ? td('left', '—') : cell(r.kind, r.left, 'left'),
        ),
      ),
    );
  }

  /** Reads today's usage again; an answer for an operator no longer signed in is dropped. */
  async function load() {
    const session = state.session;
    const r = await api('/v1/operations');
    if (!r.ok || session !== state.session || r.data.operator !== state.me?.operator) return;
    Object.assign(state.me, { limits: r.data.limits, usage: r.data.usage, against: r.data.against });
    render();
  }

  return { reset, render, relabel: render, load };
}
