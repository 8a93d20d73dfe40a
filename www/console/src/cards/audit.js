// The audit card: the proxy's trail of calls (the operator's own, or all for a role that may
// see them), newest first, 20 a page. A proxy without a trail leaves the card hidden.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';

const { t } = i18n;

/**
 * `api` calls the proxy; `title(operation)` names an audited operation as the desk does;
 * `amount(row)` says what it moved; `scope()` is 'all' when the role sees every operator's rows.
 */
export function createAuditCard({ api, title, amount, scope }) {
  let rows = [];
  let next = null;

  function reset() {
    rows = [];
    next = null;
    $('#audit tbody').replaceChildren();
    $('#audit-card').hidden = true;
  }

  function render() {
    $('#audit-scope').textContent = t(scope() === 'all' ? 'auditAll' : 'auditOwn');
    $('#audit tbody').replaceChildren(
      ...rows.map((a) =>
        el(
          'tr',
          {},
          el('td', { text: i18n.dateTime(new Date(a.at)) }),
          el('td', { text: a.operator ?? '—' }),
          el('td', { text: title(a.operation) }),
          el('td', { text: a.customer ?? '' }),
          el('td', {}, el('code', { class: 'copy', text: a.order_id ?? '' })),
          el('td', { text: amount(a) }),
          el('td', { text: i18n.outcome(a.outcome) }),
        ),
      ),
    );
  }

  /** Reads the trail's first page, or (`more`) the page after the rows shown. */
  async function load(more = false) {
    const cursor = more && next ? `&before=${next}` : '';
    const r = await api(`/v1/audit?page_size=20${cursor}`).catch(() => null);
    if (!r?.ok) return;
    rows = more ? [...rows, ...r.data.rows] : r.data.rows;
    next = r.data.next_before;
    $('#audit-card').hidden = false;
    $('#audit-more').hidden = !r.data.has_next;
    render();
  }

  return { reset, render, load, relabel: () => load() };
}
