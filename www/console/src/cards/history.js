// The history card: this session's operations with their outcome and balances before and
// after, in the chosen language, exportable as CSV (csv.js). A row keeps what happened, not words.
import { $, el, saveFile } from '../dom.js';
import * as i18n from '../i18n.js';
import { state } from '../state.js';
import { balancesText, failureText, movedText, opName } from '../words.js';
import { fenText } from '../format.js';
import { toCsv, csvName } from '../csv.js';
import { orderCell } from '../cells.js';

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
    // A reversal naming no amount: what it gave back of its order.
    amount: movedText(moved(h)),
    outcome,
    balances: balancesText(h.balances),
    requestId: h.requestId,
  };
}

/** What a row moved: its own amounts, or what a reversal naming none gave back. */
const moved = (h) => (movedText(h.moved) ? h.moved : (h.returned ?? h.moved ?? {}));

/** The session's rows as CSV in the chosen language: points and 元 in columns of their own, as numbers. */
function exportCsv() {
  const before = (h, k) => (h.balances?.before ? h.balances.before[k] : '');
  const after = (h, k) => (h.balances?.after ? h.balances.after[k] : '');
  const text = toCsv(
    [
      [t('csvTime'), (h) => h.cells.time],
      [t('operation'), (h) => h.cells.operation],
      [t('customer'), (h) => h.customer],
      [t('orderId'), (h) => h.order],
      [t('csvPoints'), (h) => moved(h).points ?? ''],
      [t('csvYuan'), (h) => (moved(h).value ? fenText(moved(h).value) : '')],
      [t('csvVouchers'), (h) => (h.moved?.vouchers ?? []).join(' ')],
      [t('outcome'), (h) => h.cells.outcome],
      [t('csvPointsBefore'), (h) => before(h, 'points')],
      [t('csvPointsAfter'), (h) => after(h, 'points')],
      [t('csvYuanBefore'), (h) => (h.balances?.before ? fenText(before(h, 'value')) : '')],
      [t('csvYuanAfter'), (h) => (h.balances?.after ? fenText(after(h, 'value')) : '')],
      [t('csvU8Before'), (h) => h.balances?.u8?.[0] ?? ''],
      [t('csvU8After'), (h) => h.balances?.u8?.[1] ?? ''],
      [t('csvRequestId'), (h) => h.requestId],
    ],
    state.history.map((h) => ({ ...h, cells: rowCells(h) })),
  );
  saveFile(csvName('history', Date.now()), text);
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
            orderCell(h.order),
            ...[h.amount, h.outcome, h.balances].map((v) => el('td', { text: String(v) })),
            el('td', { class: 'rid', text: h.requestId }),
          ),
        ),
    );
  }

  $('#export').addEventListener('click', exportCsv);

  return { reset, render, relabel: render };
}
