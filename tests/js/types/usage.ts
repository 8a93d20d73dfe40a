// Compiled with `tsc --noEmit` by tests/js/types.test.mjs: the package's declarations give each
// operation its own parameter and result types. Each @ts-expect-error must be an error.
import { TopClient, U8Client, SdkError, validate, operations, newRequestId } from 'loyalty-sdk';
import { effectOf, reversalOf, customerOf, orderIdsOf, fenToYuan, maskMobile } from 'loyalty-sdk';
import type { SdkErrorCode, OperationResults, Effect, Reversal } from 'loyalty-sdk';

const top = new TopClient({ appKey: 'k', appSecret: 's', signMethod: 'hmac-sha256' });

async function typed(): Promise<void> {
  const r = await top.call('alibaba.alsc.crm.recharge.dedut.update', {
    biz_channel: 'KRY', operator_id: 'o', outer_order_id: '1', request_id: newRequestId(), value: 100, shop_id: '2', brand_id: '3',
  });
  const after: Array<{ type?: string; value?: number | string }> | undefined = r.result?.after_property_list;
  const flow: string | undefined = r.result?.flow_id;
  const page: OperationResults['alibaba.alsc.crm.point.querypointflow'] = { result_list: [] };
  void [after, flow, page];

  // @ts-expect-error biz_channel is 'CS' | 'KRY'
  await top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'XX', change_point: 1, customer_id: 'c', operator_id: 'o', out_biz_id: 'b', request_id: 'r' });
  // @ts-expect-error customer_id is required
  await top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS', change_point: 1, operator_id: 'o', out_biz_id: 'b', request_id: 'r' });
  // Methods outside the family are untyped.
  const anything: unknown = await top.call('taobao.time.get', {});
  void anything;
}

const u8 = new U8Client({ fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's' });
async function u8typed(): Promise<number | string | undefined> {
  const r = await u8.call('points/change', [{ mid: '1', action_type: 5, ori_money: '1.00', calc_money: '1.00', ori_points: 1, source_code: 's' }]);
  // @ts-expect-error action_type is one of the documented codes
  await u8.call('points/change', [{ mid: '1', action_type: 4, ori_money: '1', calc_money: '1', ori_points: 1, source_code: 's' }]);
  return r.data[0]?.after_points;
}

try {
  validate('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS' } as never);
} catch (e) {
  if (e instanceof SdkError) {
    const code: SdkErrorCode = e.code;
    const retry: boolean = e.retriable;
    void [code, retry, e.field, e.retryAfterMs];
  }
}
const titles: string[] = operations().map((o) => `${o.titleZh} ${o.titleEn}`);
void [typed, u8typed, titles];

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
