// Voucher issuing, for a role that may send vouchers (`voucher.send`, the managers in the demo):
// a template of the brand (`voucher.template.list`, its terms shown) and a count, confirmed,
// then sent once through the dispatcher and booked like any other operation.
import { newRequestId, validate } from '../sdk/index.js';
import { $, el } from '../dom.js';
import * as i18n from '../i18n.js';
import * as operation from '../operation.js';
import { state, PAGE, customerId } from '../state.js';
import { asTyped, maskMobile } from '../format.js';
import { terms, unbroken } from './vouchers.js';
import { snapshot } from './customer.js';
import { store } from './signin.js';

const { t } = i18n;
const SEND = 'alibaba.alsc.crm.voucher.send';
const TEMPLATES = 'alibaba.alsc.crm.voucher.template.list';
// The most one send asks for when neither the role nor the template says less.
const MAX_PER_SEND = 100;

/** A template's terms: its face value (元, as the platform writes it), minimum spend, validity. */
const templateTerms = (v) =>
  terms({
    face: `${v.denomination}\u00a0${t('yuan')}`,
    minFen: v.min_charge,
    from: v.valid_date_type === 'FIXED' ? v.start_time : undefined,
    to: v.valid_date_type === 'FIXED' ? v.end_time : undefined,
    days: v.valid_date_type === 'RELATIVE' ? v.valid_day_count : undefined,
  });

/** `api` calls the proxy; `dispatch(op)` sends and books an operation; `busy(+1)` marks a write in flight. */
export function createVoucherIssueCard({ api, dispatch, busy }) {
  let templates = [];
  const may = (method) => state.me?.operations.some((o) => o.method === method);

  function reset() {
    templates = [];
    $('#issue-template').replaceChildren();
    $('#issue-terms').textContent = '';
    $('#issue-error').textContent = '';
    $('#issue-result').textContent = '';
    $('#issue').hidden = true;
  }

  /** The brand's templates in use, read when a customer is found; shown only to a role that may send. */
  async function load() {
    if (!customerId() || !may(SEND) || !may(TEMPLATES)) return reset();
    const { brand_id, shop_id } = store();
    const r = await api(`/v1/top/${TEMPLATES}`, { brand_id, shop_id, status_list: ['USED'] });
    if (!r.ok) return;
    templates = r.data.result_list ?? [];
    render();
  }

  function render() {
    const chosen = $('#issue-template').value;
    $('#issue-template').replaceChildren(
      ...templates.map((v) =>
        el('option', {
          value: v.voucher_template_id,
          selected: v.voucher_template_id === chosen,
          text: `${v.name} · ${v.denomination}\u00a0${t('yuan')}`,
        }),
      ),
    );
    showTerms();
    $('#issue').hidden = !templates.length;
  }

  /** The chosen template's terms, whole, under the choice (an option's text would be cut at 390 px). */
  function showTerms() {
    const v = templates.find((x) => x.voucher_template_id === $('#issue-template').value);
    $('#issue-terms').replaceChildren(...(v ? unbroken(templateTerms(v)) : []));
  }

  /** The most one send may ask for: the role's per-call voucher limit, the template's per-customer limit. */
  const maxFor = (v) =>
    Math.min(MAX_PER_SEND, state.me?.limits?.vouchers ?? MAX_PER_SEND, v?.user_limit || MAX_PER_SEND);

  async function issue() {
    if (state.inFlight || !state.customer) return;
    const v = templates.find((x) => x.voucher_template_id === $('#issue-template').value);
    const typed = asTyped($('#issue-count').value);
    const max = maxFor(v);
    $('#issue-result').textContent = '';
    if (!v || !/^\d+$/.test(typed) || Number(typed) < 1 || Number(typed) > max) {
      $('#issue-count').setAttribute('aria-invalid', 'true');
      $('#issue-error').textContent = i18n.fill(t('issueCountRule'), { max });
      return $('#issue-count').focus();
    }
    const requestId = newRequestId();
    const body = {
      ...store(),
      customer_id: customerId(),
      voucher_id: v.voucher_template_id,
      voucher_num: Number(typed),
      request_id: requestId,
    };
    const broken = validate(SEND, body)[0];
    if (broken) {
      $('#issue-error').textContent = i18n.ruleMessage(broken, broken.field);
      return;
    }
    $('#issue-count').removeAttribute('aria-invalid');
    $('#issue-error').textContent = '';
    const customer = maskMobile(state.customer.customer_open_info?.mobile) ?? '';
    const words = { customer, count: typed, name: v.name };
    if (!window.confirm(i18n.fill(t('issueConfirm'), words))) return;
    busy(+1);
    const op = {
      requestId,
      method: SEND,
      tab: 'issueTitle',
      path: `/v1/top/${SEND}`,
      body,
      customer,
      customerId: customerId() ?? null,
      order: null,
      moved: { issued: { template: v.voucher_template_id, name: v.name, count: typed } },
      before: snapshot(),
      at: Date.now(),
    };
    const r = await dispatch(operation.start(op, PAGE));
    $('#issue-result').textContent = r.ok
      ? i18n.fill(t('issueDone'), words)
      : r.op.state === operation.UNKNOWN
        ? `${t('unknownShort')} (${r.message})`
        : `${t('notApplied')}: ${r.message}`;
    $('#issue-result').focus();
  }

  $('#issue-template').addEventListener('change', showTerms);
  $('#issue-form').addEventListener('submit', (e) => {
    e.preventDefault();
    issue();
  });

  return { reset, render, relabel: render, load };
}
