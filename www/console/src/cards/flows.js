// The flows card: a customer's points or stored value flows, newest first, ten a page, filtered
// by GMT+8 days, flow type and order id as the flow APIs take them, with the operator and reason
// where the platform gives them, the balance after each drawn by uPlot, a stored value flow's
// detail on demand, and the filtered flows exported as CSV.
import { nextPage } from '../sdk/index.js';
import { $, el, saveFile } from '../dom.js';
import * as i18n from '../i18n.js';
import { state, customerId } from '../state.js';
import { fenText, timeTick } from '../format.js';
import { yuan } from '../words.js';
import { toCsv, csvName } from '../csv.js';
import { orderCell } from '../cells.js';
import { store } from './signin.js';

const { t } = i18n;
const PAGE = 10;
// An export reads the flows in pages of the platform's largest size, up to this many.
const EXPORT_PAGE = 100;
const EXPORT_MAX = 2000;

const FLOWS = {
  points: {
    method: 'alibaba.alsc.crm.point.querypointflow',
    // The platform documents no enumeration ("类型参考枚举类"): the types the desk meets.
    types: [
      'point.consume',
      'point.extracharge',
      'point.operate.1',
      'point.operate.2',
      'point.operate.3',
      'point.operate.4',
      'point.cash',
      'point.reverse',
      'refund',
      'verify',
    ],
    filters: ({ type, order }) => ({ point_flow_type: type, out_biz_id: order }),
    row: (f) => ({
      at: f.time,
      type: f.biz_type,
      typeText: f.biz_type_description,
      changeNumber: String(f.change_point ?? ''),
      change: `${f.change_point > 0 ? '+' : ''}${f.change_point}`,
      after: f.remain_point,
      afterNumber: String(f.remain_point ?? ''),
      afterText: String(f.remain_point),
      order: f.out_biz_id,
      operator: f.operator_name,
      reason: f.reason,
      shop: f.shop_name,
      id: f.flow_id,
    }),
    // The export's change and balance columns, in points.
    columns: ['csvPointsChange', 'csvPointsAfter'],
  },
  value: {
    method: 'alibaba.alsc.crm.recharge.accountflows.get',
    types: ['DEDUT', 'UNDEDUT', 'CHARGE', 'UNCHARGE', 'FREEZE'],
    filters: ({ type, order }) => ({ flow_types: type, out_order_id: order }),
    row: (f) => ({
      at: f.order_time ?? f.gmt_create,
      type: f.flow_type,
      changeNumber: fenText(f.order_value),
      change: `${Number(f.order_value) > 0 ? '+' : ''}${fenText(f.order_value)}`,
      // The chart's y: a plotted position, not an amount anything is computed from.
      after: Number(f.current_value) / 100,
      afterNumber: fenText(f.current_value),
      afterText: yuan(f.current_value),
      order: f.outer_order_id,
      operator: f.operator || f.operator_name || f.create_by,
      reason: f.remark,
      shop: f.shop_name,
      id: f.flow_id,
      flowId: f.flow_id,
    }),
    // The export's change and balance columns, in 元.
    columns: ['csvYuanChange', 'csvYuanAfter'],
  },
};

/** A flow type in words: the console's, else the platform's own name, else the code. */
function typeText(code, platformName) {
  const said = i18n.status(code);
  if (said !== code) return said;
  const ours = t(`flow${code}`);
  return ours !== `flow${code}` ? ours : platformName || code;
}

export function createFlowsCard({ api }) {
  let chart = null;
  let rows = [];
  let pages = 1;
  let filters = { from: '', to: '', type: '', order: '' };
  // Loads overlap (a refresh after each write, the filters, the tabs): only the latest asked is shown.
  let asked = 0;

  function reset() {
    rows = [];
    filters = { from: '', to: '', type: '', order: '' };
    for (const id of ['#flow-from', '#flow-to', '#flow-order']) $(id).value = '';
    $('#flow-error').textContent = '';
    $('#flows tbody').replaceChildren();
    $('#flows-empty').hidden = true;
    $('#flows-card').hidden = true;
    $('#flow-detail').replaceChildren();
    chart?.destroy();
    chart = null;
    $('#flow-chart').replaceChildren();
  }

  /** The flow API's parameters for the filters: GMT+8 days as the platform writes times. */
  function query(spec) {
    const extra = {
      start_time: filters.from ? `${filters.from} 00:00:00` : undefined,
      end_time: filters.to ? `${filters.to} 23:59:59` : undefined,
      ...spec.filters(filters),
    };
    return Object.fromEntries(Object.entries(extra).filter(([, v]) => v));
  }

  async function load(page = 1) {
    const kind = state.flowKind ?? 'points';
    const spec = FLOWS[kind];
    const customer_id = customerId();
    if (!customer_id || !state.me.operations.some((o) => o.method === spec.method)) return;
    const mine = ++asked;
    // Busy until the rows asked last are shown (or refused).
    $('#flows').setAttribute('aria-busy', 'true');
    const r = await api(`/v1/top/${spec.method}`, {
      ...store(),
      customer_id,
      ...query(spec),
      page_no: page,
      page_size: PAGE,
    });
    if (mine !== asked) return;
    $('#flows').removeAttribute('aria-busy');
    if (customerId() !== customer_id) return;
    if (!r.ok) {
      if (!$('#flows-card').hidden) $('#flow-error').textContent = i18n.errorMessage(r.error);
      return;
    }
    $('#flow-error').textContent = '';
    state.flowPage = page;
    rows = (r.data.result_list ?? []).map(spec.row);
    pages = Math.max(1, Math.ceil(Number(r.data.total_size ?? rows.length) / PAGE));
    $('#flows-card').hidden = false;
    $('#flow-detail').replaceChildren();
    render();
    drawChart();
  }

  /** The filters in words, for the empty state. */
  function named() {
    const said = [
      filters.from || filters.to
        ? i18n.fill(t('filterDays'), { from: filters.from || '…', to: filters.to || '…' })
        : t('filterAnyDay'),
    ];
    if (filters.type) said.push(i18n.fill(t('filterType'), { v: typeText(filters.type) }));
    if (filters.order) said.push(i18n.fill(t('filterOrder'), { v: filters.order }));
    return said.join(' · ');
  }

  function renderTypes() {
    const select = $('#flow-type');
    select.replaceChildren(
      el('option', { value: '', text: t('anyType') }),
      ...FLOWS[state.flowKind ?? 'points'].types.map((code) => el('option', { value: code, text: typeText(code) })),
    );
    select.value = filters.type;
  }

  function render() {
    if ($('#flows-card').hidden) return;
    const page = state.flowPage;
    for (const b of document.querySelectorAll('#flow-tabs [role=tab]'))
      b.setAttribute('aria-selected', String(b.dataset.flow === state.flowKind));
    renderTypes();
    $('#flows-page').textContent = i18n.fill(t('pageOf'), { page, pages });
    $('#flows-prev').disabled = page <= 1;
    $('#flows-next').disabled = page >= pages;
    $('#flows-empty').hidden = rows.length > 0;
    $('#flows-empty').textContent = rows.length ? '' : i18n.fill(t('flowsEmpty'), { filters: named() });
    $('#flows tbody').replaceChildren(
      ...rows.map((f) =>
        el(
          'tr',
          {},
          el('td', { text: f.at }),
          el('td', { text: typeText(f.type, f.typeText) }),
          el('td', { class: 'amount', text: f.change }),
          el('td', { class: 'amount', text: f.afterText }),
          orderCell(f.order),
          el('td', { text: f.operator || '—' }),
          el('td', { class: 'reason', text: f.reason || '—' }),
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

  /** Every flow under the filters (up to EXPORT_MAX), as a CSV file in the desk's language. */
  async function exportCsv() {
    const kind = state.flowKind ?? 'points';
    const spec = FLOWS[kind];
    const customer_id = customerId();
    if (!customer_id) return;
    const all = [];
    // Pages read on as the package's nextPage says (has_next_page, else total_size, else an empty page).
    let at = { page: 1 };
    while (at && all.length < EXPORT_MAX) {
      const r = await api(`/v1/top/${spec.method}`, {
        ...store(),
        customer_id,
        ...query(spec),
        page_no: at.page,
        page_size: EXPORT_PAGE,
      });
      if (!r.ok) {
        $('#flow-error').textContent = i18n.fill(t('exportFailed'), { error: i18n.errorMessage(r.error) });
        return;
      }
      all.push(...(r.data.result_list ?? []).map(spec.row));
      at = nextPage(r.data, at);
    }
    $('#flow-error').textContent = at ? i18n.fill(t('exportCapped'), { n: EXPORT_MAX }) : '';
    const text = toCsv(
      [
        [t('csvTime'), (f) => f.at],
        [t('flowType'), (f) => typeText(f.type, f.typeText)],
        [t(spec.columns[0]), (f) => f.changeNumber],
        [t(spec.columns[1]), (f) => f.afterNumber],
        [t('orderId'), (f) => f.order],
        [t('operatorCol'), (f) => f.operator],
        [t('reasonCol'), (f) => f.reason],
        [t('shopCol'), (f) => f.shop],
        [t('csvFlowId'), (f) => f.id],
      ],
      all.slice(0, EXPORT_MAX),
    );
    saveFile(csvName(`flows-${kind}`, Date.now()), text);
  }

  for (const b of document.querySelectorAll('#flow-tabs [role=tab]'))
    b.addEventListener('click', () => {
      state.flowKind = b.dataset.flow;
      // Each kind has its own types; the days and the order carry over.
      filters.type = '';
      load(1);
    });
  $('#flow-filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = $('#flow-from').value;
    const to = $('#flow-to').value;
    const wrong = Boolean(from && to && from > to);
    $('#flow-from').setAttribute('aria-invalid', String(wrong));
    $('#flow-error').textContent = wrong ? t('badRange') : '';
    if (wrong) return;
    filters = { from, to, type: $('#flow-type').value, order: $('#flow-order').value.trim() };
    load(1);
  });
  $('#flows-export').addEventListener('click', exportCsv);
  $('#flows-prev').addEventListener('click', () => load(state.flowPage - 1));
  $('#flows-next').addEventListener('click', () => load(state.flowPage + 1));

  return { reset, render, relabel: render, load, hide: () => ($('#flows-card').hidden = true) };
}
