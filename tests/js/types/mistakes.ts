// Compiled by tests/js/types.test.mjs, which expects exactly the errors marked below, each at
// the place of the mistake, naming the field.
import { TopClient } from 'loyalty-sdk';

const top = new TopClient({ appKey: 'k', appSecret: 's' });
void top.call('alibaba.alsc.crm.point.extra.consume', { bizChannel: 'CS', change_point: 1, customer_id: 'c', operator_id: 'o', out_biz_id: 'b', request_id: 'r' }); // misspelled key
void top.call('alibaba.alsc.crm.point.extra.consume', { biz_channel: 'CS', change_point: 1, operator_id: 'o', out_biz_id: 'b', request_id: 'r' }); // missing field
void top.prepare('alibaba.alsc.crm.point.extra.consume', { param_extra_consume_point_open_req: { biz_channel: 'CS', change_point: 1, customer_id: 'c', operator_id: 'o', out_biz_id: 'b', request_id: 'r' } });
void top.call('taobao.time.get', { anything: 1 });
