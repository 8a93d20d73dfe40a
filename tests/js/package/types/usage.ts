// Compiled with `tsc --noEmit` by tests/js/package/types.test.mjs: the package's declarations give each
// operation its own parameter and result types. Each @ts-expect-error must be an error.
import { TopClient, U8Client, SdkError, validate, operations, newRequestId, Choices, ErrorCode, Rule, vocabulary } from 'loyalty-sdk';
import type { SdkErrorCode, RuleName, OperationResults } from 'loyalty-sdk';
import { effectOf, reversalOf, customerOf, orderIdsOf, fenToYuan, maskMobile } from 'loyalty-sdk';
import type { Effect, Reversal } from 'loyalty-sdk';

const top = new TopClient({ appKey: 'k', appSecret: 's', signMethod: 'hmac-sha256', deadlineMs: 5_000, timeoutMs: 2_000, lang: 'zh' });

async function typed(): Promise<void> {
  const r = await top.call('alibaba.alsc.crm.recharge.dedut.update', {
    biz_channel: Choices.BIZ_CHANNEL.KRY, operator_id: 'o', outer_order_id: '1', request_id: newRequestId(), value: 100, shop_id: '2', brand_id: '3',
  }, { session: 'merchant-2', maxRetryDelayMs: 1_000 });
  // Amounts are numbers, ids strings: no narrowing.
  const after: Array<{ type?: string; value?: number }> | undefined = r.result?.after_property_list;
  const left: number | undefined = r.result?.current_value;
  const flow: string | undefined = r.result?.flow_id;
  const trace: string | undefined = r.requestId;
  const page: OperationResults['alibaba.alsc.crm.point.querypointflow'] = { result_list: [] };
  void [after, left, flow, trace, page];
  // Where the documentation says a field is always there, it is not optional.
  const bound = await top.call('alibaba.alsc.crm.card.bindcustomer', { brand_id: 'b', card_id: 'c', customer_id: 'x', operator_id: 'o', request_id: 'r', shop_id: 's' } as never);
  const ok: boolean = bound.result;
  void ok;

  // @ts-expect-error biz_channel is 'CS' | 'KRY'
  await top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'XX', change_point: 1, customer_id: 'c', operator_id: 'o', out_biz_id: 'b', request_id: 'r' });
  // @ts-expect-error customer_id is required
  await top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS', change_point: 1, operator_id: 'o', out_biz_id: 'b', request_id: 'r' });
  // @ts-expect-error a method the SDK does not declare is not a typed call
  await top.call('taobao.time.get', {});
  // The escape hatch sends it, untyped.
  const anything: Record<string, unknown> = await top.untyped.call('taobao.time.get', {});
  void anything;
  // The enumerations are constants of the documented values: numbers where the field is a Number.
  await top.call('alibaba.alsc.crm.open.point.operate', {
    brand_id: 'b', shop_id: 's', operate_type: Choices.POINT_OPERATE_TYPE.CHARGE, change_point: 5, operator_id: 'o', outer_order_id: 'x', request_id: 'r', customer_id: 'c',
  });
}

// @ts-expect-error a misspelled option
new TopClient({ appKey: 'k', appsecret: 's' });

const u8 = new U8Client({ fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's', retries: 1 });
async function u8typed(): Promise<number | undefined> {
  const r = await u8.call('points/change', [{ mid: '1', action_type: 5, ori_money: '1.00', calc_money: '1.00', ori_points: 1, source_code: 's' }]);
  // @ts-expect-error action_type is one of the documented codes
  await u8.call('points/change', [{ mid: '1', action_type: 4, ori_money: '1', calc_money: '1', ori_points: 1, source_code: 's' }]);
  // @ts-expect-error an undeclared U8 api goes through untyped
  await u8.call('orders/list', []);
  await u8.untyped.call('orders/list', []);
  return r.data[0]?.after_points;
}

try {
  validate('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS' } as never);
} catch (e) {
  if (e instanceof SdkError) {
    const code: SdkErrorCode = e.code;
    const rule: RuleName | undefined = e.rule;
    const retry: boolean = e.retriable;
    void [code, rule, retry, e.field, e.retryAfterMs, e.requestId];
    if (e.code === ErrorCode.RATE_LIMITED) void e.retryAfterMs;
  }
}
const rules: RuleName[] = [Rule.ANY_OF, Rule.REQUIRED];
const statuses: number[] = vocabulary().errors.map((e) => e.status);
const titles: string[] = operations().map((o) => `${o.titleZh} ${o.titleEn} ${o.fields[0]?.label.zh}`);
void [typed, u8typed, titles, rules, statuses];

// The meaning of a call, on the metadata operations() gives.
const consume = operations().find((o) => o.method === 'alibaba.alsc.crm.point.extra.consume');
if (consume) {
  const effect: Effect = effectOf(consume, { change_point: 300 });
  const most: bigint = effect.points + effect.value + effect.vouchers;
  const yuan: string | null = fenToYuan(most);
  const masked: string | undefined = maskMobile('+86 138 0000 0001');
  const back: Reversal | null = reversalOf('alibaba.alsc.crm.open.assert.refund', { outer_order_id: 'O' });
  // @ts-expect-error amounts in 分 are bigint, never a number
  const wrong: number = effect.points;
  void [yuan, masked, back, wrong, customerOf(consume, {}), orderIdsOf('points/change', [])];
}
