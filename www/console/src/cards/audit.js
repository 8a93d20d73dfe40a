// The audit card: the proxy's trail of calls (the operator's own, or every operator's for a role
// that may see them), newest first, 20 a page, filtered by GMT+8 days, operator, customer, order
// and operation, writes only unless asked otherwise. Each customer in the one notation
// (notation.js); an empty result names its filters; the filtered rows export as CSV, built here
// from the JSON pages so its headers are in the desk's language and points and 元 have columns of
// their own. A proxy without a trail leaves the card hidden.
import { $, el, saveFile } from '../dom.js';
import * as i18n from '../i18n.js';
import { gmt8, fenText } from '../format.js';
import { toCsv, csvName } from '../csv.js';
import { customerNotation, customerFilterValue } from '../notation.js';
import { orderCell, customerCell } from '../cells.js';

const { t } = i18n;
const PAGE = 20;
// An export reads the trail in pages of the proxy's largest size, up to this many rows.
const EXPORT_PAGE = 500;
const EXPORT_MAX = 10_000;
const DEFAULT_DAYS = 7;

const daysAgo = (n) => gmt8(Date.now() - n * 86_400_000).slice(0, 10);

/**
 * `api` calls the proxy; `title(operation)` names an audited operation as the desk does;
 * `amount(row)` says what it moved; `scope()` is 'all' when the role sees every operator's rows;
 * `operations()` the operations the role may call, as the trail names them; `known()` the
 * customers found in this tab (id → masked mobile); `names(id)` every name the trail may file
 * the customer shown under (notation.js customerNames), or null when `id` is not theirs.
 */
export function createAuditCard({ api, title, amount, scope, operations, known, names }) {
  let rows = [];
  let next = null;
  let filters = null;
  // Loads overlap (a refresh after each write, the form): only the latest asked is shown.
  let asked = 0;

  const words = () => ({
    card: t('notationCard'),
    outer: t('notationOuter'),
    id: t('notationId'),
    u8: t('notationU8'),
  });
  const notation = (a) =>
    customerNotation(a.customer, { known: known(), u8: String(a.operation).startsWith('u8:'), words: words() });

  // The last week, open-ended: a tab left open past midnight still shows the new day's rows.
  function defaults() {
    $('#audit-from').value = daysAgo(DEFAULT_DAYS - 1);
    $('#audit-to').value = '';
    for (const id of ['#audit-operator', '#audit-customer', '#audit-order']) $(id).value = '';
    $('#audit-operation').value = '';
    $('#audit-writes').checked = true;
  }

  function reset() {
    rows = [];
    next = null;
    filters = null;
    $('#audit tbody').replaceChildren();
    $('#audit-empty').hidden = true;
    $('#audit-status').textContent = '';
    $('#audit-card').hidden = true;
    defaults();
  }

  /** The form's filters, as the proxy takes them and as the empty state names them; null when invalid. */
  function readFilters() {
    const from = $('#audit-from').value;
    const to = $('#audit-to').value;
    const wrong = Boolean(from && to && from > to);
    $('#audit-error').textContent = wrong ? t('badRange') : '';
    $('#audit-from').setAttribute('aria-invalid', String(wrong));
    if (wrong) return null;
    const params = new URLSearchParams();
    const named = [];
    if (from || to) named.push(i18n.fill(t('filterDays'), { from: from || '…', to: to || '…' }));
    else named.push(t('filterAnyDay'));
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    const operator = scope() === 'all' ? $('#audit-operator').value.trim() : '';
    if (operator) {
      params.set('operator', operator);
      named.push(i18n.fill(t('filterOperator'), { v: operator }));
    }
    const typed = $('#audit-customer').value.trim();
    if (typed) {
      const customer = customerFilterValue(typed, known());
      // The customer shown: their cards' and U8 member's rows too, where top-ups and U8 awards go.
      for (const name of names(customer) ?? [customer]) params.append('customer', name);
      named.push(
        i18n.fill(t('filterCustomer'), { v: customerNotation(customer, { known: known(), words: words() }).text }),
      );
    }
    const order = $('#audit-order').value.trim();
    if (order) {
      params.set('order_id', order);
      named.push(i18n.fill(t('filterOrder'), { v: order }));
    }
    const operation = $('#audit-operation').value;
    if (operation) {
      params.set('operation', operation);
      named.push(i18n.fill(t('filterOperation'), { v: title(operation) }));
    }
    const writes = $('#audit-writes').checked;
    params.set('writes', writes ? '1' : '0');
    named.push(t(writes ? 'filterWrites' : 'filterAllCalls'));
    return { params, named };
  }

  function renderOperations() {
    const select = $('#audit-operation');
    const chosen = select.value;
    select.replaceChildren(
      el('option', { value: '', text: t('anyOperation') }),
      ...[...new Set(operations())].map((op) => el('option', { value: op, text: title(op) })),
    );
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
  }

  function render() {
    $('#audit-scope').textContent = t(scope() === 'all' ? 'auditAll' : 'auditOwn');
    $('#audit-operator-field').hidden = scope() !== 'all';
    renderOperations();
    $('#audit tbody').replaceChildren(
      ...rows.map((a) =>
        el(
          'tr',
          {},
          el('td', { text: i18n.dateTime(new Date(a.at)) }),
          el('td', { text: a.operator ?? '—' }),
          el('td', { text: title(a.operation) }),
          customerCell(notation(a)),
          orderCell(a.order_id),
          el('td', { class: 'amount', text: amount(a) }),
          el('td', { text: i18n.outcome(a.outcome) }),
        ),
      ),
    );
    const empty = filters && rows.length === 0;
    $('#audit-empty').hidden = !empty;
    $('#audit-empty').textContent = empty ? i18n.fill(t('auditEmpty'), { filters: filters.named.join(' · ') }) : '';
    $('#audit-count').textContent = rows.length ? i18n.fill(t('shownRows'), { n: rows.length }) : '';
  }

  /** Reads the trail's first page under the form's filters, or (`more`) the page after the rows shown. */
  async function load(more = false) {
    const read = more && filters ? filters : readFilters();
    if (!read) return;
    const params = new URLSearchParams(read.params);
    params.set('page_size', String(PAGE));
    if (more && next) params.set('before', String(next));
    const mine = ++asked;
    // Busy until the rows under these filters are shown: an export meanwhile takes the last shown.
    $('#audit').setAttribute('aria-busy', 'true');
    const r = await api(`/v1/audit?${params}`);
    if (mine !== asked) return;
    $('#audit').removeAttribute('aria-busy');
    if (!r.ok) {
      // A proxy without a trail (or not answering at sign-in) leaves the card as it is.
      if (!$('#audit-card').hidden) $('#audit-error').textContent = i18n.errorMessage(r.error);
      return;
    }
    filters = read;
    rows = more ? [...rows, ...r.data.rows] : r.data.rows;
    next = r.data.next_before;
    $('#audit-card').hidden = false;
    $('#audit-more').hidden = !r.data.has_next;
    render();
  }

  /** Every row under the filters shown (up to EXPORT_MAX), as a CSV file in the desk's language. */
  async function exportCsv() {
    const read = filters ?? readFilters();
    if (!read) return;
    $('#audit-status').textContent = '';
    const all = [];
    let before = null;
    let more = true;
    while (more && all.length < EXPORT_MAX) {
      const params = new URLSearchParams(read.params);
      params.set('page_size', String(EXPORT_PAGE));
      if (before) params.set('before', String(before));
      const r = await api(`/v1/audit?${params}`);
      if (!r.ok) {
        $('#audit-status').textContent = i18n.fill(t('exportFailed'), { error: i18n.errorMessage(r.error) });
        return;
      }
      all.push(...r.data.rows);
      before = r.data.next_before;
      more = Boolean(r.data.has_next && before);
    }
    if (more) $('#audit-status').textContent = i18n.fill(t('exportCapped'), { n: EXPORT_MAX });
    const text = toCsv(
      [
        [t('csvTime'), (a) => i18n.dateTime(new Date(a.at))],
        [t('operatorCol'), (a) => a.operator],
        [t('operation'), (a) => title(a.operation)],
        [t('customer'), (a) => notation(a).text],
        [t('customerIdLabel'), (a) => notation(a).id],
        [t('orderId'), (a) => a.order_id],
        [t('csvPoints'), (a) => a.points ?? ''],
        [t('csvYuan'), (a) => (a.value ? fenText(a.value) : '')],
        [t('csvVouchers'), (a) => a.vouchers ?? ''],
        [t('outcome'), (a) => i18n.outcome(a.outcome)],
        [t('shopCol'), (a) => a.shop],
        [t('csvRequestId'), (a) => a.request_id],
      ],
      all.slice(0, EXPORT_MAX),
    );
    saveFile(csvName('audit', Date.now()), text);
  }

  $('#audit-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    load();
  });
  $('#audit-export').addEventListener('click', exportCsv);
  defaults();

  return { reset, render, load, exportCsv, relabel: () => load() };
}
