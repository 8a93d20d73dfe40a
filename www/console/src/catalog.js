// The actions this console offers, in order, each named as an operator says it (`tab`).
// What an action moves and which field is its order come from the SDK's metadata.
// `manual`: an adjustment by hand, which needs a reason; `preset`: values a form starts with;
// `ownOrder`: each call is an order of its own (a top-up is not part of the purchase beside it);
// `kind`: the field whose labelled choice says what the call does; `refund`: it reverses an
// order, `refundId` the field of its own new id, `ofOwnOrder` the order it reverses is one of
// its own (a top-up), never the current purchase; `precheck`: the call that checks it first;
// `ask`: the fields a person decides, shown first (the rest are folded away, prefilled).
export const ACTIONS = [
  { method: 'alibaba.alsc.crm.point.extra.consume', tab: 'tabDeduct', manual: true, ask: ['change_point', 'reason'] },
  { method: 'alibaba.alsc.crm.recharge.dedut.update', tab: 'tabConsume', ask: ['value'] },
  {
    method: 'alibaba.alsc.crm.open.assert.refund',
    tab: 'tabRefund',
    refund: true,
    refundId: 'new_outer_order_id',
    ask: ['outer_order_id'],
  },
  {
    method: 'alibaba.alsc.crm.recharge.undedut.update',
    tab: 'tabUndedut',
    refund: true,
    refundId: 'new_outer_order_id',
    ask: ['outer_order_id', 'value'],
  },
  {
    method: 'alibaba.alsc.crm.recharge.charge.update',
    tab: 'tabTopUp',
    ownOrder: 'TU',
    precheck: 'alibaba.alsc.crm.recharge.chargeprecheck.get',
    preset: { charge_type: 'CASH', trigger_gift: true },
    ask: ['real_value', 'charge_type'],
  },
  {
    method: 'alibaba.alsc.crm.recharge.uncharge.update',
    tab: 'tabUncharge',
    refund: true,
    refundId: 'outer_order_id',
    ofOwnOrder: true,
    precheck: 'alibaba.alsc.crm.recharge.unchargecheck.get',
    ask: ['src_outer_order_id'],
  },
  {
    method: 'alibaba.alsc.crm.open.point.operate',
    tab: 'tabAddPoints',
    manual: true,
    kind: 'operate_type',
    preset: { operate_type: 1 },
    ask: ['operate_type', 'change_point', 'reason'],
  },
  {
    method: 'points/change',
    tab: 'tabU8',
    u8: true,
    ask: ['mid', 'action_type', 'ori_money', 'calc_money', 'ori_points'],
  },
];

export const VOUCHER_CHANGE = 'alibaba.alsc.crm.voucher.status.change';

export const actionOf = (method) => ACTIONS.find((a) => a.method === method);

/**
 * The actions offered to a role, in order: those it may call (`operations`, as `GET
 * /v1/operations` lists them) that the package declares.
 */
export function offeredActions(operations, metaOf) {
  const allowed = new Set(operations.map((o) => o.method));
  return ACTIONS.filter((a) => allowed.has(a.method) && metaOf(a.method));
}

/** The call's first record: a U8 call is a list of them. */
export const recordOf = (body) => (Array.isArray(body) ? body[0] : body) ?? {};

/** Whether the call, with this body, reverses an earlier order (the metadata's `reverses`). */
export function reversesAnOrder(meta, body) {
  const r = meta?.reverses;
  if (!r) return false;
  return !r.when || r.in.includes(String(recordOf(body)[r.when]));
}

/** Whether an order of this operation can be reversed from its row: a reversal offered here declares it. */
export const reversible = (metaOf, method) =>
  ACTIONS.some((a) => a.refund && metaOf(a.method)?.reverses?.of?.includes(method));
