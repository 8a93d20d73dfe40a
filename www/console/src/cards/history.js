// The history card: this session's operations with their outcome and balances before and
// after, in the chosen language, exportable as CSV. A row keeps what happened, not words.
import { $, el, saveFile } from '../dom.js';
import * as i18n from '../i18n.js';
import { state } from '../state.js';
import { balancesText, failureText, movedText, opName } from '../words.js';

const { t } = i18n;

/** A history row's cells in the chosen language. */
function rowCells(h) {
  // An outcome a reconciliation run decided names the run.
  const outcome = h.run
    ? i18n.fill(t(h.state === 'applied' ? 'settledApplied' : 'settledNotApplied'), { run: h.run })
    : h.state === 'applied'
      ? t('applied')
      : h.state === 'unknown'
        ? t('unknownShort')
        : `${t('notApplied')}: ${failureText({ ok: false, error: h.error })}`;
  return {
    time: i18n.dateTime(new Date(h.at)),
    operation: opName(h.method, h.body),
    customer: h.customer,
    order: h.order,
    amount: movedText(h.moved),
    outcome,
    balances: balancesText(h.balances),
    requestId: h.requestId,
  };
}

function exportCsv() {
  const cells = (r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',');
  const lines = [
    cells(['time', 'operation', 'customer', 'order_id', 'amount', 'outcome', 'balances', 'request_id']),
    ...state.history
      .map(rowCells)
      .map((h) => cells([h.time, h.operation, h.customer, h.order, h.amount, h.outcome, h.balances, h.requestId])),
  ];
  saveFile(`loyalty-history-${new Date().toISOString().slice(0, 10)}.csv`, `\ufeff${lines.join('\n')}\n`);
}

export function createHistoryCard() {
  const reset = () => $('#history tbody').replaceChildren();

  function render() {
    $('#history tbody').replaceChildren(
      ...state.history
        .map(rowCells)
        .map((h) =>
          el(
            'tr',
            {},
            ...[h.time, h.operation, h.customer].map((v) => el('td', { text: String(v) })),
            el('td', {}, el('code', { class: 'copy', text: h.order })),
            ...[h.amount, h.outcome, h.balances].map((v) => el('td', { text: String(v) })),
            el('td', { class: 'rid', text: h.requestId }),
          ),
        ),
    );
  }

  $('#export').addEventListener('click', exportCsv);

  return { reset, render, relabel: render };
}
