// The worklist card: the day's writes whose outcome is unknown (the operator's own, or every
// operator's at their shops for a role that sees them), each with the outcome a reconciliation
// run settled for it once one has. A role without the books leaves the card hidden.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { movesText } from '../figures.js';

const { t } = i18n;

/**
 * `api` calls the proxy; `title(operation)` names an operation as the desk does; `books()` is
 * the role's books setting; `settled(items)` hands the items a run decided to the console's
 * own writes awaiting an outcome (pending.js).
 */
export function createWorklistCard({ api, title, books, settled }) {
  let items = [];
  let truncated = false;

  function reset() {
    items = [];
    $('#worklist tbody').replaceChildren();
    $('#worklist-card').hidden = true;
    $('#worklist-day').value = '';
  }

  const outcomeText = (i) =>
    i.outcome === 'applied'
      ? i18n.fill(t('settledApplied'), { run: i.run })
      : i.outcome === 'not_applied'
        ? i18n.fill(t('settledNotApplied'), { run: i.run })
        : t('awaitingRun');

  function render() {
    $('#worklist-scope').textContent = t(books() === 'shops' ? 'worklistAll' : 'worklistOwn');
    $('#worklist-empty').textContent = items.length ? '' : t('worklistEmpty');
    $('#worklist-truncated').hidden = !truncated;
    $('#worklist tbody').replaceChildren(
      ...items.map((i) =>
        el(
          'tr',
          { 'data-request': i.request_id, 'data-outcome': i.outcome },
          el('td', { text: i18n.gmt8(i.at) }),
          el('td', { text: i.operator }),
          el('td', { text: title(i.operation) }),
          el('td', { text: i.customer ?? '' }),
          el('td', {}, el('code', { class: 'copy', text: i.order_id ?? '' })),
          el('td', { text: movesText(i.moves) }),
          el('td', { class: `settled-${i.outcome}`, text: outcomeText(i) }),
          el('td', { class: 'rid', text: i.request_id }),
        ),
      ),
    );
  }

  /** Reads the worklist of the chosen day (today in GMT+8 at first). */
  async function load() {
    if (!['own', 'shops'].includes(books())) return;
    if (!$('#worklist-day').value) $('#worklist-day').value = i18n.todayGmt8();
    const r = await api(`/v1/pending?day=${encodeURIComponent($('#worklist-day').value)}`);
    // Signed out meanwhile: the answer belongs to no one on screen.
    if (!['own', 'shops'].includes(books())) return;
    $('#worklist-card').hidden = false;
    $('#worklist-error').textContent = r.ok ? '' : i18n.errorMessage(r.error);
    if (!r.ok) return;
    ({ items, truncated } = r.data);
    settled(items.filter((i) => i.outcome !== 'pending'));
    render();
  }

  return { reset, render, load, relabel: render };
}
