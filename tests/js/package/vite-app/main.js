// A bundler user's code: the bare package name, resolved and bundled by Vite.
import { TopClient, validate } from 'loyalty-sdk';

const client = new TopClient({ appKey: '12345678', appSecret: 'vite-secret', signMethod: 'hmac' });
const prepared = client.prepare(
  'alibaba.alsc.crm.point.extra.consume',
  {
    biz_channel: 'CS',
    brand_id: '1',
    shop_id: '2',
    change_point: 5,
    customer_id: '3',
    operator_id: '4',
    out_biz_id: '5',
    request_id: 'r',
  },
  { timestamp: 1700000000000 },
);
window.result = { prepared, errors: validate('alibaba.alsc.crm.point.extra.consume', {}).length };
