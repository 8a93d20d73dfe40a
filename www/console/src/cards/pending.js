// The "awaiting an outcome" card: this operator's writes whose answer is not yet definite —
// sent from a page that is gone, set aside, or unanswered — each with a retry bound to its own
// customer. Answers that came after their session ended go into the history at sign-in, once.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import * as pending from '../pending.js';
import * as operation from '../operation.js';
import { state, PAGE, alivePages, saveDesk } from '../state.js';
import { movedText, opName } from '../words.js';
import { heldByForms } from './actions.js';

const { t } = i18n;

/** `dispatch(op)` sends and books an operation; `busy(+1)` marks this page's write in flight. */
export function createPendingCard({ dispatch, busy }) {
  function reset() {
    $('#pending-card').hidden = true;
    $('#pending-list').replaceChildren();
  }

  /** This operator's operations sent in a page that is gone, or set aside: what is known of them. */
  function load() {
    const operator = state.me.operator;
    const alive = alivePages();
    const entries = pending.afterLoad(pending.list(localStorage, operator), (page) => page && alive.has(page));
    for (const e of pending.settled(entries)) {
      state.history.push(e.row);
      pending.drop(localStorage, operator, e.requestId);
    }
    for (const e of entries.filter((x) => x.state === operation.UNKNOWN))
      pending.update(localStorage, operator, e.requestId, { state: e.state, cause: e.cause, page: null });
    saveDesk();
    render();
  }

  const stateText = (e) =>
    e.state === operation.IN_FLIGHT
      ? t('inFlight')
      : t(e.cause === 'interrupted' ? 'unknownInterrupted' : 'unknownState');

  function render() {
    if (!state.me) return;
    const held = heldByForms();
    const entries = pending.open(pending.list(localStorage, state.me.operator)).filter((e) => !held.has(e.requestId));
    $('#pending-card').hidden = entries.length === 0;
    $('#pending-list').replaceChildren(
      ...entries.map((e) =>
        el(
          'li',
          { class: 'row spread', 'data-pending': e.requestId },
          el('span', {
            text: [
              i18n.dateTime(new Date(e.at)),
              opName(e.method, e.body),
              e.customer,
              movedText(e.moved) || movedText(e.returned ?? {}),
              e.order || '—',
              stateText(e),
            ].join(' · '),
          }),
          el('code', { class: 'rid', text: e.requestId }),
          el('button', {
            type: 'button',
            class: 'secondary',
            'data-retry': e.requestId,
            // Safe even if another tab still waits for it: the same request id never applies twice.
            disabled: state.inFlight > 0,
            text: t('retry'),
            onclick: () => retry(e),
          }),
        ),
      ),
    );
  }

  /** Retries an awaiting operation: the same request id and body, for its own customer. */
  async function retry(entry) {
    if (state.inFlight) return;
    busy(+1);
    const r = await dispatch(operation.retry(entry, PAGE));
    $('#pending-result').textContent = r.ok
      ? `${t('applied')} ✓ ${entry.requestId}`
      : r.op.state === operation.UNKNOWN
        ? `${t('unknownShort')} (${r.message})`
        : `${t('notApplied')}: ${r.message}`;
  }

  return { reset, render, relabel: render, load };
}
