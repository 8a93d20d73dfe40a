// The close card: a shift's or a day's totals per operator and shop (the operator's own, or
// every operator's at their shops for a role that sees them), printable (styles.css has its
// print stylesheet) and exportable as CSV, with the day's movements by hour in GMT+8 drawn
// by uPlot and listed in a table beside it (the chart is for the eye; the table is what a
// screen reader reads).
import { $, el, saveFile } from '../dom.js';
import * as i18n from '../i18n.js';
import { FIGURES, COUNTS, figureText } from '../figures.js';

const { t } = i18n;
// The hourly movements charted: points on the left axis, stored value (元) on the right.
const CHARTED = [
  { figure: 'points_deducted', scale: 'points', stroke: '#b3261e' },
  { figure: 'points_added', scale: 'points', stroke: '#1b6e3a' },
  { figure: 'value_paid', scale: 'value', stroke: '#0b63ce', dash: [6, 4] },
  { figure: 'value_topped_up', scale: 'value', stroke: '#7a4a00', dash: [6, 4] },
];
const hourText = (h) => `${String(h).padStart(2, '0')}:00`;

/** `api` calls the proxy; `books()` is the role's books setting. */
export function createCloseCard({ api, books }) {
  let close = null;
  let chart = null;

  function reset() {
    close = null;
    chart?.destroy();
    chart = null;
    $('#close-card').hidden = true;
    $('#close-day').value = '';
    render();
  }

  /** The figures' rows: each figure, then each way top-ups were paid, then the counts. */
  function lines() {
    const methods = Object.keys(close.totals.value_topped_up_by ?? {}).sort();
    return [
      ...FIGURES.map((f) => ({ key: f, label: i18n.books(f), of: (r) => figureText(f, r[f]) })),
      ...methods.map((m) => ({
        key: `value_topped_up_by.${m}`,
        label: `${i18n.books('value_topped_up')} · ${i18n.status(m)}`,
        of: (r) => figureText('value_topped_up', r.value_topped_up_by?.[m] ?? '0'),
      })),
      ...COUNTS.map((c) => ({ key: c, label: i18n.books(c), of: (r) => String(r[c]) })),
    ];
  }

  function render() {
    $('#close-scope').textContent = t(books() === 'shops' ? 'closeAll' : 'closeOwn');
    $('#close-heading-day').textContent = close ? close.day : '';
    $('#close-empty').textContent = close && !close.rows.length ? t('closeEmpty') : '';
    if (!close) {
      $('#close thead').replaceChildren();
      $('#close tbody').replaceChildren();
      $('#close-hours tbody').replaceChildren();
      return;
    }
    const cols = close.rows.map((r) => `${r.operator} · ${r.shop_name ?? r.shop ?? '—'}`);
    $('#close thead').replaceChildren(
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: t('figureCol') }),
        ...cols.map((c) => el('th', { scope: 'col', text: c })),
        el('th', { scope: 'col', text: t('totalCol') }),
      ),
    );
    $('#close tbody').replaceChildren(
      ...lines().map((l) =>
        el(
          'tr',
          { 'data-figure': l.key },
          el('th', { scope: 'row', text: l.label }),
          ...close.rows.map((r) => el('td', { text: l.of(r) })),
          el('td', { 'data-col': 'total', text: l.of(close.totals) }),
        ),
      ),
    );
    const moved = close.hours.filter((h) => h.applied + h.refused + h.unknown > 0);
    $('#close-hours tbody').replaceChildren(
      ...moved.map((h) =>
        el(
          'tr',
          { 'data-hour': String(h.hour) },
          el('th', { scope: 'row', text: `${hourText(h.hour)}–${hourText(h.hour + 1)}` }),
          ...CHARTED.map((c) => el('td', { 'data-figure': c.figure, text: figureText(c.figure, h[c.figure]) })),
        ),
      ),
    );
    $('#close-hours thead').replaceChildren(
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: t('hourCol') }),
        ...CHARTED.map((c) => el('th', { scope: 'col', text: i18n.books(c.figure) })),
      ),
    );
    $('#close-legend').replaceChildren(
      ...CHARTED.map((c) =>
        el('li', {}, el('span', { class: 'swatch', style: `border-top-color: ${c.stroke}` }), i18n.books(c.figure)),
      ),
    );
    drawChart();
  }

  /** The hours on x as GMT+8 hours (the proxy's), never the browser's clock: no time scale. */
  async function drawChart() {
    const host = $('#close-chart');
    chart?.destroy();
    chart = null;
    host.replaceChildren();
    if (!close) return;
    const { default: uPlot } = await import('../vendor/uPlot.esm.js');
    if (!close || host.childElementCount) return;
    const hours = close.hours.map((h) => h.hour);
    // Drawing only: pixels need numbers; the figures themselves stay decimal strings.
    const series = CHARTED.map((c) =>
      close.hours.map((h) => (c.scale === 'value' ? Number(h[c.figure]) / 100 : Number(h[c.figure]))),
    );
    chart = new uPlot(
      {
        width: Math.max(260, host.clientWidth || 300),
        height: 200,
        scales: { x: { time: false }, points: {}, value: {} },
        series: [
          {},
          ...CHARTED.map((c) => ({
            label: i18n.books(c.figure),
            scale: c.scale,
            stroke: c.stroke,
            width: 2,
            dash: c.dash,
          })),
        ],
        axes: [
          { label: t('hourAxis'), values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? hourText(v) : '')) },
          { scale: 'points', label: t('points'), size: 60 },
          { scale: 'value', side: 1, label: t('yuan'), size: 60, grid: { show: false } },
        ],
        legend: { show: false },
      },
      [hours, ...series],
      host,
    );
  }

  const query = (csv) => `/v1/close?day=${encodeURIComponent($('#close-day').value)}${csv ? '&format=csv' : ''}`;

  /** Reads the close of the chosen day (today in GMT+8 at first). */
  async function load() {
    if (!['own', 'shops'].includes(books())) return;
    if (!$('#close-day').value) $('#close-day').value = i18n.todayGmt8();
    const r = await api(query(false));
    // Signed out meanwhile: the answer belongs to no one on screen.
    if (!['own', 'shops'].includes(books())) return;
    $('#close-card').hidden = false;
    $('#close-error').textContent = r.ok ? '' : i18n.errorMessage(r.error);
    if (r.ok) close = r.data;
    render();
  }

  async function exportCsv() {
    const r = await api.file(query(true));
    if (!r.ok) {
      $('#close-error').textContent = i18n.errorMessage(r.error);
      return;
    }
    saveFile(`close-${$('#close-day').value}.csv`, r.text);
  }

  return { reset, render, load, relabel: render, exportCsv };
}
