// The reconciliation card (roles whose books setting is "shops"): start a run of a GMT+8 day,
// follow its progress, read its summary and the items to look at first (a different amount
// or customer, and flows the platform has that the audit has not), and export every item as
// CSV. Other roles never see it; the proxy refuses them anyway.
import { $, el, saveFile } from '../dom.js';
import * as i18n from '../i18n.js';
import { movesText } from '../figures.js';

const { t } = i18n;
const SUMMARY = [
  'writes',
  'matched',
  'settled_applied',
  'settled_not_applied',
  'not_in_audit',
  'mismatched',
  'unresolved',
];
const FIRST = ['mismatched', 'not_in_audit'];
const POLL_MS = 500;

/**
 * `api` calls the proxy; `title(operation)` names an operation; `books()` is the role's books
 * setting; `finished(run)` runs once a run this card follows has ended (the worklist and the
 * close read again).
 */
export function createReconciliationCard({ api, title, books, finished }) {
  let run = null;
  let items = [];
  let error = '';
  let following = 0;

  function reset() {
    run = null;
    items = [];
    error = '';
    following += 1;
    $('#recon-card').hidden = true;
    $('#recon-day').value = '';
    render();
  }

  // What the audit recorded of a write: applied, not applied (refused, or never sent), unknown.
  const auditState = (state) =>
    state === 'applied' ? t('applied') : state === 'unknown' ? t('unknownState') : t('notApplied');

  const platformText = (i) =>
    [
      ...(i.platform?.flows ?? []).map((f) => `${f.source} ${f.flow_id ?? ''} ${f.amount ?? ''}`.trim()),
      ...Object.entries(i.platform?.vouchers ?? {}).map(([v, s]) => `${t('vouchers')} ${v} ${i18n.status(s)}`),
    ].join(' · ');

  function render() {
    $('#recon-error').textContent = error;
    $('#recon-start').disabled = run?.status === 'running';
    $('#recon-export').hidden = !run || run.status !== 'done';
    $('#recon-progress-row').hidden = !run || run.status !== 'running';
    if (!run) {
      $('#recon-run').textContent = $('#recon-card').hidden ? '' : t('reconNone');
      $('#recon-summary').replaceChildren();
      $('#recon-items tbody').replaceChildren();
      $('#recon-items-wrap').hidden = true;
      return;
    }
    $('#recon-run').textContent =
      i18n.fill(t('reconRun'), {
        id: run.id,
        status: i18n.books(run.status),
        by: run.started_by,
        at: i18n.gmt8(run.created_at),
      }) +
      (run.finished_at ? i18n.fill(t('reconFinished'), { at: i18n.gmt8(run.finished_at) }) : '') +
      (run.status === 'failed' ? ` ${i18n.fill(t('reconFailed'), { error: run.error ?? '' })}` : '');
    const p = run.progress ?? {};
    $('#recon-progress').max = Math.max(1, p.calls_planned ?? 1);
    $('#recon-progress').value = p.calls_done ?? 0;
    $('#recon-progress-text').textContent = i18n.fill(t('reconProgress'), {
      phase: i18n.books(p.phase ?? ''),
      done: p.calls_done ?? 0,
      planned: p.calls_planned ?? 0,
    });
    $('#recon-summary').replaceChildren(
      ...(run.summary
        ? SUMMARY.map((k) =>
            el(
              'div',
              { 'data-kind': k },
              el('dt', { text: i18n.books(k) }),
              el('dd', { text: String(run.summary[k]) }),
            ),
          )
        : []),
    );
    $('#recon-items-wrap').hidden = run.status !== 'done';
    $('#recon-items-empty').textContent = run.status === 'done' && !items.length ? t('reconNoItems') : '';
    $('#recon-items tbody').replaceChildren(
      ...items.map((i) =>
        el(
          'tr',
          { 'data-kind': i.kind, 'data-seq': String(i.seq) },
          el('td', { text: i18n.books(i.kind) }),
          el('td', { text: i18n.gmt8(i.at) }),
          el('td', { text: i.operation ? title(i.operation) : '' }),
          el('td', {}, el('code', { class: 'copy', text: i.order_id ?? '' })),
          el('td', { text: i.customer ?? '' }),
          el('td', { text: [i.operator, i.shop].filter(Boolean).join(' · ') }),
          el('td', { text: i.audit ? `${auditState(i.audit.state)} ${movesText(i.audit.moves)}`.trim() : '' }),
          el('td', { text: platformText(i) }),
          el('td', { text: i.note ?? '' }),
        ),
      ),
    );
  }

  /** The run and, once it is done, its items to look at first (each kind's first page). */
  async function read(id) {
    const r = await api(`/v1/reconciliation/${encodeURIComponent(id)}?page_size=1`);
    if (!r.ok) return r;
    run = r.data;
    items = [];
    if (run.status === 'done') {
      for (const kind of FIRST) {
        const k = await api(`/v1/reconciliation/${encodeURIComponent(id)}?kind=${kind}&page_size=100`);
        if (!k.ok) return k;
        items.push(...k.data.items);
      }
    }
    return r;
  }

  /** Reads the run until it ends, then tells `finished`. */
  async function follow(id) {
    const mine = ++following;
    for (;;) {
      const r = await read(id);
      if (mine !== following) return;
      error = r.ok ? '' : i18n.errorMessage(r.error);
      render();
      if (!r.ok || run.status !== 'running') break;
      await new Promise((done) => setTimeout(done, POLL_MS));
      if (mine !== following) return;
    }
    if (run?.status !== 'running') finished(run);
  }

  /** Shows the newest run of the chosen day (today in GMT+8 at first), following it if it is running. */
  async function load() {
    if (books() !== 'shops') return;
    if (!$('#recon-day').value) $('#recon-day').value = i18n.todayGmt8();
    $('#recon-card').hidden = false;
    const r = await api(`/v1/reconciliation?day=${encodeURIComponent($('#recon-day').value)}`);
    // Signed out meanwhile: the answer belongs to no one on screen.
    if (books() !== 'shops') return;
    error = r.ok ? '' : i18n.errorMessage(r.error);
    run = null;
    items = [];
    following += 1;
    render();
    if (r.ok && r.data.runs[0]) await follow(r.data.runs[0].id);
  }

  async function start() {
    const r = await api('/v1/reconciliation', { day: $('#recon-day').value });
    if (!r.ok) {
      error = i18n.errorMessage(r.error);
      render();
      // A run of this day already under way: follow that one.
      if (r.error?.details?.[0]?.id) await follow(r.error.details[0].id);
      return;
    }
    await follow(r.data.id);
  }

  async function exportItems() {
    const r = await api.file(`/v1/reconciliation/${encodeURIComponent(run.id)}?format=csv`);
    if (!r.ok) {
      error = i18n.errorMessage(r.error);
      render();
      return;
    }
    saveFile(`reconciliation-${run.id}.csv`, r.text);
  }

  return { reset, render, load, relabel: render, start, exportItems };
}
