// loyalty-sdk/testing: the fake gateway as a fetch function, as a user tests their own code —
// call() unchanged, signatures and timestamps checked, a ledger, faults. It is also the
// sandbox's implementation (www/sandbox/server.mjs serves it), so the sandbox's tests cover it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopClient, U8Client, SdkError, newRequestId } from 'loyalty-sdk';
import { fakeGateway } from 'loyalty-sdk/testing';

const CUSTOMER = '7027365982937563912722';
const deduct = (points, extra = {}) => ({
  biz_channel: 'CS',
  brand_id: '10001',
  shop_id: '20001',
  change_point: points,
  customer_id: CUSTOMER,
  operator_id: 'op',
  out_biz_id: `O-${newRequestId()}`,
  request_id: newRequestId(),
  ...extra,
});
const top = (opts = {}) =>
  new TopClient({
    appKey: '12345678',
    appSecret: 'sandbox-top-secret',
    gateway: 'https://gw.fake/router/rest',
    ...opts,
  });
const balance = (gw) => gw.ledger.view().find((c) => c.customer_id === CUSTOMER).points.available;

test('call() works unchanged against the fake gateway, in every sign method and format', async () => {
  const gw = fakeGateway();
  for (const opts of [{}, { signMethod: 'md5' }, { signMethod: 'hmac', format: 'xml' }]) {
    const r = await top(opts).call('alibaba.alsc.crm.point.extra.consume', deduct(10), { fetch: gw.fetch });
    assert.equal(r.biz_success, true);
  }
  assert.equal(balance(gw), 4970);
});

test('it checks signatures and timestamps as the platform does', async () => {
  const gw = fakeGateway();
  await assert.rejects(
    top({ appSecret: 'wrong' }).call('alibaba.alsc.crm.point.extra.consume', deduct(1), {
      fetch: gw.fetch,
      retries: 0,
    }),
    (e) => e instanceof SdkError && e.platformCode === '25',
  );
  const late = fakeGateway({ now: () => Date.now() + 3_600_000 });
  await assert.rejects(
    top().call('alibaba.alsc.crm.point.extra.consume', deduct(1), { fetch: late.fetch, retries: 0 }),
    (e) => e.platformCode === '31',
  );
  await assert.rejects(
    top().call('alibaba.alsc.crm.point.extra.consume', deduct(99999), { fetch: gw.fetch }),
    (e) => e.code === 'BIZ_ERROR' && /积分不足/.test(e.resultView),
  );
  assert.equal(balance(gw), 5000);
});

test('faults: a lost reply is retried with the same request_id and applies once', async () => {
  const gw = fakeGateway();
  gw.setFaults('12345678', [
    { kind: 'drop-after', count: 1 },
    { kind: 'http-503', count: 1 },
  ]);
  const retries = [];
  const r = await top().call('alibaba.alsc.crm.point.extra.consume', deduct(100), {
    fetch: gw.fetch,
    backoffMs: 1,
    onRetry: (e) => retries.push(e.error.code),
  });
  assert.equal(r.biz_success, true);
  assert.deepEqual(retries, ['NETWORK_ERROR', 'HTTP_ERROR']);
  assert.equal(balance(gw), 4900, 'applied once');
  assert.equal(gw.ledger.journal.length, 1);
});

test('U8: token, points/change, and the ledger', async () => {
  const gw = fakeGateway();
  const u8 = new U8Client({
    fromAccount: 'openapi_dev',
    toAccount: 'openapi_ent',
    appKey: 'opa-sandbox',
    appSecret: 'sandbox-u8-secret',
    baseUrl: 'https://u8.fake',
  });
  const r = await u8.call(
    'points/change',
    [{ mid: '10000001', action_type: 5, ori_money: '1.00', calc_money: '1.00', ori_points: 25, source_code: 'U8-T-1' }],
    { fetch: gw.fetch },
  );
  assert.equal(r.data[0].after_points, 1025);
  gw.reset();
  assert.equal(gw.ledger.view().find((c) => c.u8?.mid === '10000001').u8.points, 1000);
});
