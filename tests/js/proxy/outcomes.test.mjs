// A write is judged by every attempt made with its key, within one call (the SDK's retries) and
// across calls (the operator retrying as told): an attempt whose answer was lost may have been
// applied, and a later ban, busy U8 or refusal does not undo it. Judged by the sandbox's ledger
// and journal against the proxy's usage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, tokensWith, as, CASHIER, CUSTOMER, record } from '../fixtures.mjs';

let f;
before(async () => {
  // The proxy's own retries on, as deployed (the other proxy tests turn them off).
  f = await startStack({
    isolates: 2,
    vars: { UPSTREAM_RETRIES: '2', CONSOLE_TOKENS: tokensWith({ clerk: { role: 'cashier' } }) },
  });
});
after(() => f?.close());

const usage = async (who = CASHIER) => (await (await f.get(0, '/v1/operations', who)).json()).data.usage;
const u8Points = async () => BigInt((await f.customer()).u8.points);
const U8 = '/v1/u8/points/change';

test('U8: an award whose answer was lost stays counted when the retry meets "busy", in one call or the next', async () => {
  const start = await u8Points();
  const answers = [];
  // The cashier may move 3,000 points a day: four awards of 1,000, each applied by its first
  // attempt whose answer is then cut, and each retry answered "2001 调用太频繁" (busy).
  for (let i = 0; i < 4; i++) {
    await f.faults('opa-sandbox', [
      { kind: 'drop-after', count: 1, methods: ['/api/points/change'] },
      { kind: 'rate-limit', count: 2, methods: ['/api/points/change'] },
    ]);
    const res = await f.post(i % 2, U8, [record({ ori_points: 1000 })], CASHIER);
    answers.push([res.status, (await res.json()).error?.code]);
  }
  await f.faults('opa-sandbox', []);
  const awarded = (await u8Points()) - start;
  assert.equal((await f.journal()).filter((j) => j.api === 'points/change').length, 3);
  assert.equal(awarded, 3000n, `the day's limit holds on the ledger: ${JSON.stringify(answers)}`);
  assert.deepEqual(answers.at(-1), [403, 'LIMIT_EXCEEDED']);
  assert.equal(Number((await usage()).points), 3000, 'what was applied is counted');
});

test('U8 and TOP: the operator retrying an unknown outcome with the same key keeps it counted', async () => {
  // Another cashier: the first used up its day.
  const CLERK = as('clerk');
  const start = 0;
  const beforeU8 = await u8Points();
  const body = [record({ ori_points: 100 })];
  // Applied, its answer cut, and the call's two retries cut before they reach U8.
  await f.faults('opa-sandbox', [
    { kind: 'drop-after', count: 1, methods: ['/api/points/change'] },
    { kind: 'drop-before', count: 2, methods: ['/api/points/change'] },
  ]);
  const lost = await f.post(0, U8, body, CLERK);
  assert.equal((await lost.json()).error.retriable, true);
  assert.equal(Number((await usage(CLERK)).points), start + 100);
  // The retry, on the other isolate, meets busy three times (every attempt of the call).
  await f.faults('opa-sandbox', [{ kind: 'rate-limit', count: 3, methods: ['/api/points/change'] }]);
  const busy = await f.post(1, U8, body, CLERK);
  const err = (await busy.json()).error;
  assert.deepEqual([err.code, err.retriable], ['U8_ERROR', true]);
  assert.match(err.message, /may have been applied/);
  await f.faults('opa-sandbox', []);
  assert.equal((await u8Points()) - beforeU8, 100n, 'the first attempt was applied');
  assert.equal(Number((await usage(CLERK)).points), start + 100, 'and stays counted');
  // A third try is answered by U8's own idempotency: applied once, the key's life ends.
  const done = await f.post(0, U8, body, CLERK);
  assert.equal(done.status, 200);
  assert.equal((await u8Points()) - beforeU8, 100n);
  assert.equal(Number((await usage(CLERK)).points), start + 100);

  // TOP: the first attempt applied and its answer cut; the retry in the call is banned (code 7).
  const deduct = {
    biz_channel: 'CS',
    change_point: 10,
    customer_id: CUSTOMER,
    out_biz_id: `O-${Math.random()}`,
    reason: '补扣',
    request_id: `K-${Math.random()}`,
  };
  const beforeTop = BigInt((await f.customer()).points.available);
  await f.faults('12345678', [
    { kind: 'drop-after', count: 1, methods: ['alibaba.alsc.crm.point.extra.consume'] },
    { kind: 'rate-limit', count: 1, seconds: 5, methods: ['alibaba.alsc.crm.point.extra.consume'] },
  ]);
  const banned = await f.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct, CLERK);
  await f.faults('12345678', []);
  const topErr = (await banned.json()).error;
  assert.deepEqual([topErr.code, topErr.retriable], ['RATE_LIMITED', true]);
  assert.match(topErr.message, /may have been applied/);
  assert.equal(beforeTop - BigInt((await f.customer()).points.available), 10n, 'applied once');
  assert.equal(Number((await usage(CLERK)).points), start + 110, 'and counted');
});
