// Compiled by tests/js/package/types.test.mjs, which expects exactly the errors marked below, each at
// the place of the mistake, naming the field.
import { TopClient, U8Client } from 'loyalty-sdk';

const top = new TopClient({ appKey: 'k', appSecret: 's' });
void top.call('alibaba.alsc.crm.point.extra.consume', { bizChannel: 'CS', change_point: 1, customer_id: 'c', operator_id: 'o', out_biz_id: 'b', request_id: 'r' }); // misspelled key
void top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS', change_point: 1, operator_id: 'o', out_biz_id: 'b', request_id: 'r' }); // missing field
void top.prepare('alibaba.alsc.crm.point.extra.consume', { param_extra_consume_point_open_req: { biz_channel: 'CS', change_point: 1, customer_id: 'c', operator_id: 'o', out_biz_id: 'b', request_id: 'r' } });
void top.call('alibaba.alsc.crm.point.extra.consum', { change_point: 1 }); // misspelled method
void top.untyped.call('alibaba.alsc.crm.point.extra.consum', { change_point: 1 });
const u8 = new U8Client({ fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's' });
void u8.call('points/change', [{ mid: '1', action_type: 4, ori_money: '1.00', calc_money: '1.00', ori_points: 1, source_code: 's' }]); // U8 wrong code
void u8.call('points/change', [{ mid: '1', action_type: 5, ori_money: '1.00', calc_money: '1.00', source_code: 's' }]); // U8 missing field
