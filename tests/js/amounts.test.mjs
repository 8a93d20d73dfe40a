// The proxy's amount reading (www/worker/src/amounts.js) against the package's metadata: which
// fields move points or stored value comes from spec/overlay.json, not from a list of names.
import test from 'node:test';
import assert from 'node:assert/strict';
import { operations } from 'loyalty-sdk';
import { amountsOf } from '../../www/worker/src/amounts.js';

const meta = (method) => operations().find((o) => o.method === method);

test('TOP: every amount field of the call, summed, wrapped or not', () => {
  const charge = meta('alibaba.alsc.crm.recharge.charge.update');
  assert.deepEqual(charge.amounts.value, ['real_value', 'gift_value', 'pre_value']);
  const params = { real_value: 10000, gift_value: '2000', pre_value: 1 };
  assert.deepEqual(amountsOf(charge, params), { points: 0n, value: 12001n });
  assert.deepEqual(amountsOf(charge, { [charge.param]: params }), { points: 0n, value: 12001n });
  const verify = meta('alibaba.alsc.crm.open.assert.verify');
  assert.deepEqual(amountsOf(verify, { point: 300, value: '9007199254740993' }), {
    points: 300n,
    value: 9007199254740993n,
  });
  assert.deepEqual(amountsOf(meta('alibaba.alsc.crm.open.customer.get'), { mobile: '1' }), { points: 0n, value: 0n });
});

test('U8: ori_points × multiple + extra_points over every record, rounded up', () => {
  const change = meta('points/change');
  assert.deepEqual(change.amounts, {
    points: ['ori_points', 'extra_points'],
    value: [],
    scale: { ori_points: 'multiple' },
  });
  const r = (extra) => ({ mid: '1', action_type: 5, ori_money: '1', calc_money: '1', source_code: 's', ...extra });
  assert.equal(amountsOf(change, [r({ ori_points: 400, multiple: '2.5' })]).points, 1000n);
  assert.equal(amountsOf(change, [r({ ori_points: 1000, multiple: 1000000 })]).points, 1000000000n);
  assert.equal(amountsOf(change, [r({ ori_points: 3, multiple: '0.5', extra_points: '7' })]).points, 9n);
  assert.equal(
    amountsOf(
      change,
      Array.from({ length: 100 }, () => r({ ori_points: 1000 })),
    ).points,
    100000n,
  );
  assert.equal(amountsOf(change, [r({ ori_points: 1, multiple: '1e9' })]), null, 'an effect it cannot compute');
  assert.equal(amountsOf(change, [r({ ori_points: 1.5 })]), null);
});
