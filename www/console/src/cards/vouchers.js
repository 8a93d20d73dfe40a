// The vouchers card: the customer's vouchers, each used or restored from its row — confirmed
// first, sent once, recorded like any other operation. A restore names the order the voucher
// was used on, as this desk recorded it.
import { newRequestId } from '../sdk/index.js';
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import * as operation from '../operation.js';
import { state, PAGE, customerId, saveDesk } from '../state.js';
import { VOUCHER_CHANGE } from '../catalog.js';
import { maskMobile } from '../format.js';
import { yuan } from '../words.js';
import { snapshot } from './customer.js';
import { store } from './signin.js';

const { t } = i18n;
const LIST = 'alibaba.alsc.crm.customer.voucher.list';

// The platform answers per voucher: one it did not change was not applied, with its reason.
function judge(answer) {
  const row = answer.data?.result?.voucher_status_list?.[0];
  if (!answer.ok || row?.is_success) return answer;
  const message = row?.error_msg ?? row?.message ?? t('voucherNotChanged');
  return { ok: false, error: { code: 'BIZ_ERROR', message, outcome: 'not_applied' } };
}

// An amount and its unit, a date and its time: one word (no-break spaces), never split.
const keep = (text) => String(text).replace(/ /g, '\u00a0');

/** `text` as nodes that break at its spaces only (a date's hyphens would break otherwise). */
export const unbroken = (text) =>
  text.split(' ').flatMap((word, i) => [i ? ' ' : '', el('span', { class: 'nowrap', text: word })]);

/**
 * A voucher's (or a template's) terms in words: face value, minimum spend (`minFen`, 分), and
 * validity, from `from` to `to` (GMT+8, as the platform writes it) or `days` from issue.
 */
export function terms({ face, minFen, from, to, days }) {
  const min = String(minFen ?? 0);
  const parts = [
    `${t('voucherFace')} ${keep(face)}`,
    min === '0' ? t('voucherNoMin') : i18n.fill(t('voucherMinSpend'), { n: keep(yuan(min)) }),
  ];
  if (from && to) parts.push(i18n.fill(t('voucherValid'), { from: keep(from), to: keep(to) }));
  else if (days) parts.push(i18n.fill(t('voucherDays'), { n: days }));
  return parts.join(' · ');
}

/** `dispatch(op, judge)` sends and books an operation; `busy(+1)` marks this page's write in flight. */
export function createVouchersCard({ api, dispatch, busy }) {
  let vouchers = [];
  const may = (method) => state.me?.operations.some((o) => o.method === method);

  function reset() {
    vouchers = [];
    $('#voucher-list').replaceChildren();
    $('#voucher-result').textContent = '';
    $('#vouchers-card').hidden = true;
  }

  async function load() {
    const customer_id = customerId();
    if (!customer_id || !may(LIST)) return;
    const r = await api(`/v1/top/${LIST}`, { ...store(), customer_id });
    if (!r.ok || customerId() !== customer_id) return;
    vouchers = r.data.result_list;
    $('#vouchers-card').hidden = false;
    render();
  }

  function render() {
    const mayChange = may(VOUCHER_CHANGE);
    $('#voucher-list').replaceChildren(
      ...vouchers.map((v) =>
        el(
          'li',
          { class: 'row spread' },
          el(
            'span',
            { class: 'voucher-what' },
            el('span', { text: `${v.title} · ${i18n.status(v.status)}` }),
            el(
              'span',
              { class: 'muted voucher-terms' },
              ...unbroken(
                terms({ face: yuan(v.amount ?? 0), minFen: v.start_fee, from: v.start_time, to: v.end_time }),
              ),
            ),
          ),
          el('code', { class: 'copy', text: v.voucher_id }),
          mayChange
            ? el('button', {
                type: 'button',
                class: 'secondary',
                'data-voucher': v.voucher_id,
                text: t(v.status === 'NORMAL' ? 'useVoucher' : 'restoreVoucher'),
                onclick: () => change(v),
              })
            : '',
        ),
      ),
    );
  }

  async function change(v) {
    if (state.inFlight || !state.customer) return;
    const use = v.status === 'NORMAL';
    const what = t(use ? 'useVoucher' : 'restoreVoucher');
    const customer = maskMobile(state.customer.customer_open_info?.mobile) ?? '';
    const order = use ? state.order : (state.voucherOrders[v.voucher_id] ?? state.order);
    if (!window.confirm(i18n.fill(t('voucherConfirm'), { what, id: v.voucher_id, customer, order }))) return;
    busy(+1);
    const requestId = newRequestId();
    const body = {
      ...store(),
      customer_id: v.customer_id,
      request_id: requestId,
      source: 'CONSOLE',
      out_order_id: order,
      voucher_id_list: [v.voucher_id],
      voucher_status_action: use ? 'NORMAL_ISUSED' : 'ISUSED_NORMAL',
    };
    const op = {
      requestId,
      method: VOUCHER_CHANGE,
      tab: use ? 'useVoucher' : 'restoreVoucher',
      path: `/v1/top/${VOUCHER_CHANGE}`,
      body,
      customer,
      // The voucher's own customer, as its body names them.
      customerId: v.customer_id ?? customerId() ?? null,
      order,
      moved: { vouchers: [v.voucher_id] },
      before: snapshot(),
      at: Date.now(),
    };
    const r = await dispatch(operation.start(op, PAGE), judge);
    if (r.ok) {
      if (use) state.voucherOrders[v.voucher_id] = order;
      else delete state.voucherOrders[v.voucher_id];
      saveDesk();
    }
    $('#voucher-result').textContent = r.ok
      ? i18n.fill(t('voucherDone'), { id: v.voucher_id, what })
      : r.op.state === operation.UNKNOWN
        ? `${t('unknownShort')} (${r.message})`
        : `${t('notApplied')}: ${r.message}`;
    // The button pressed is replaced by the list's new one: focus stays on what was said.
    $('#voucher-result').focus();
  }

  return { reset, render, relabel: render, load, hide: () => ($('#vouchers-card').hidden = true) };
}
