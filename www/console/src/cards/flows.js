// The flows card: a customer's points or stored value flows, newest first, ten a page, with
// the balance after each drawn by uPlot, and a stored value flow's detail on demand.
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import { state, customerId } from '../state.js';
import { fenText, timeTick } from '../format.js';
import { yuan } from '../words.js';
import { store } from './signin.js';

const { t } = i18n;

const FLOWS = {
  points: {
    method: 'alibaba.alsc.crm.point.querypointflow',
    row: (f) => ({
      at: f.time,
      type: f.biz_type,
      typeText: f.biz_type_description,
      change: `${f.change_point > 0 ? '+' : ''}${f.change_point}`,
      after: f.remain_point,
      afterText: String(f.remain_point),
      order: f.out_biz_id,
    }),
  },
  value: {
    method: 'alibaba.alsc.crm.recharge.accountflows.get',
    row: (f) => ({
      at: f.order_time ?? f.gmt_create,
      type: f.flow_type,
      change: `${Number(f.order_value) > 0 ? '+' : ''}${fenText(f.order_value)}`,
      // The chart's y: a plotted position, not an amount anything is computed from.
      after: Number(f.current_value) / 100,
      afterText: yuan(f.current_value),
      order: f.outer_order_id,
      flowId: f.flow_id,
    }),
  },
};

export function createFlowsCard({ api }) {
  let chart = null;
  let rows = [];
  let pages = 1;

  function reset() {
    rows = [];
    $('#flows tbody').replaceChildren();
    $('#flows-card').hidden = true;
    $('#flow-detail').replaceChildren();
    chart?.destroy();
    chart = null;
    $('#flow-chart').replaceChildren();
  }

  async function load(page = 1) {
    const kind = state.flowKind ?? 'points';
    const spec = FLOWS[kind];
    const customer_id = customerId();
    if (!customer_id || !state.me.operations.some((o) => o.method === spec.method)) return;
    const r = await api(`/v1/top/${spec.method}`, { ...store(), customer_id, page_no: page, page_size: 10 });
    if (!r.ok || customerId() !== customer_id) return;
    state.flowPage = page;
    rows = r.data.result_list.map(spec.row);
    pages = Math.max(1, Math.ceil(Number(r.data.total_size ?? rows.length) / 10));
    $('#flows-card').hidden = false;
    $('#flow-detail').replaceChildren();
    render();
    drawChart();
  }

  function render() {
    if ($('#flows-card').hidden) return;
    const page = state.flowPage;
    for (const b of document.querySelectorAll('#flow-tabs [role=tab]'))
      b.setAttribute('aria-selected', String(b.dataset.flow === state.flowKind));
    $('#flows-page').textContent = i18n.fill(t('pageOf'), { page, pages });
    $('#flows-prev').disabled = page <= 1;
    $('#flows-next').disabled = page >= pages;
    $('#flows tbody').replaceChildren(
      ...rows.map((f) =>
        el(
          'tr',
          {},
          el('td', { text: f.at }),
          // The platform's own name of the flow type where the console has no words for its code.
          el('td', { text: i18n.status(f.type) === f.type && f.typeText ? f.typeText : i18n.status(f.type) }),
          el('td', { text: f.change }),
          el('td', { text: f.afterText }),
          el('td', {}, el('code', { class: 'copy', text: f.order ?? '' })),
          el(
            'td',
            {},
            f.flowId
              ? el('button', {
                  type: 'button',
                  class: 'secondary',
                  'data-flow-id': f.flowId,
                  text: t('detail'),
                  onclick: () => showFlow(f.flowId),
                })
              : '',
          ),
        ),
      ),
    );
  }

  /** The balance after each flow of the page, oldest to newest, drawn by uPlot. */
  async function drawChart() {
    const host = $('#flow-chart');
    const points = rows
      .map((f) => [Date.parse(`${f.at.replace(' ', 'T')}+08:00`) / 1000, f.after])
      .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
      .reverse();
    chart?.destroy();
    chart = null;
    host.replaceChildren();
    if (points.length < 2) return;
    const { default: uPlot } = await import('../vendor/uPlot.esm.js');
    const width = Math.max(200, host.clientWidth || 300);
    chart = new uPlot(
      {
        width,
        height: 160,
        series: [{}, { label: t(state.flowKind === 'value' ? 'storedValue' : 'points'), stroke: '#0b63ce', width: 2 }],
        // The shops' zone, GMT+8, whatever the browser's: ticks fall on its hours and days,
        // written as the tables write times.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
        axes: [{ values: (u, splits, axis, space, step) => splits.map((s) => timeTick(s, step)) }, { size: 60 }],
        legend: { show: false },
      },
      [points.map((p) => p[0]), points.map((p) => p[1])],
      host,
    );
  }

  async function showFlow(flowId) {
    const r = await api('/v1/top/alibaba.alsc.crm.recharge.account.flowdetail.get', {
      brand_id: store().brand_id,
      flow_id: flowId,
    });
    const d = r.ok ? r.data.result : null;
    $('#flow-detail').replaceChildren(
      d
        ? el(
            'p',
            {},
            `${flowId}: `,
            ...(d.affected_property_list ?? []).map(
              (p) => `${p.type === 'GIFT' ? t('gift') : t('paid')} ${yuan(p.value)} `,
            ),
            `→ ${yuan(d.current_value)}`,
          )
        : el('p', { class: 'error', text: i18n.errorMessage(r.error) }),
    );
  }

  for (const b of document.querySelectorAll('#flow-tabs [role=tab]'))
    b.addEventListener('click', () => {
      state.flowKind = b.dataset.flow;
      load(1);
    });
  $('#flows-prev').addEventListener('click', () => load(state.flowPage - 1));
  $('#flows-next').addEventListener('click', () => load(state.flowPage + 1));

  return { reset, render, relabel: render, load, hide: () => ($('#flows-card').hidden = true) };
}
