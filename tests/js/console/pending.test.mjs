// The console's store of operations awaiting an outcome (www/console/src/pending.js), without a
// browser: kept per operator, replaced by request id, interrupted when its page is gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as pending from '../../../www/console/src/pending.js';

const storage = () => {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => m.set(k, String(v)),
    removeItem: (k) => m.delete(k),
    keys: () => [...m.keys()],
  };
};
const op = (requestId, extra = {}) => ({ requestId, state: 'in_flight', page: 'p1', customerId: 'c1', ...extra });

test('entries are kept per operator and replaced by request id', () => {
  const s = storage();
  pending.put(s, 'cashier', op('r1'));
  pending.put(s, 'cashier', op('r2'));
  pending.put(s, 'cashier', op('r1', { state: 'unknown' }));
  pending.put(s, 'manager', op('r3'));
  assert.deepEqual(
    pending.list(s, 'cashier').map((e) => [e.requestId, e.state]),
    [
      ['r2', 'in_flight'],
      ['r1', 'unknown'],
    ],
  );
  assert.deepEqual(
    pending.list(s, 'manager').map((e) => e.requestId),
    ['r3'],
  );
});

test('update changes one entry; drop removes it, and the key with the last one', () => {
  const s = storage();
  pending.put(s, 'op', op('r1'));
  pending.put(s, 'op', op('r2'));
  pending.update(s, 'op', 'r1', { state: 'applied', row: { outcome: 'ok' } });
  pending.update(s, 'op', 'nope', { state: 'applied' });
  assert.deepEqual(
    pending.settled(pending.list(s, 'op')).map((e) => e.requestId),
    ['r1'],
  );
  assert.deepEqual(
    pending.open(pending.list(s, 'op')).map((e) => e.requestId),
    ['r2'],
  );
  pending.drop(s, 'op', 'r1');
  pending.drop(s, 'op', 'r2');
  assert.deepEqual(pending.list(s, 'op'), []);
  assert.deepEqual(s.keys(), [], 'nothing left behind');
});

test('after a load, what a gone page had in flight is unknown (interrupted); a live page keeps its own', () => {
  const entries = [op('r1', { page: 'gone' }), op('r2', { page: 'alive' }), op('r3', { state: 'unknown', page: null })];
  const seen = pending.afterLoad(entries, (p) => p === 'alive');
  assert.deepEqual(
    seen.map((e) => [e.requestId, e.state, e.cause ?? null]),
    [
      ['r1', 'unknown', 'interrupted'],
      ['r2', 'in_flight', null],
      ['r3', 'unknown', null],
    ],
  );
});

test('unreadable storage is no entries, never a throw', () => {
  const s = storage();
  s.setItem('pending:op', '{not json');
  assert.deepEqual(pending.list(s, 'op'), []);
  s.setItem('pending:op', JSON.stringify([{ nope: 1 }, op('r1'), null]));
  assert.deepEqual(
    pending.list(s, 'op').map((e) => e.requestId),
    ['r1'],
  );
});

test("a run's decision makes an unknown entry definite with its history row; pending and in-flight ones stay", () => {
  const s = storage();
  const sent = { at: 1, method: 'm', body: { a: 1 }, customer: '138****0001', order: 'O1', moved: { points: '5' } };
  pending.put(s, 'op', op('r1', { ...sent, state: 'unknown' }));
  pending.put(s, 'op', op('r2', { ...sent, state: 'unknown' }));
  pending.put(s, 'op', op('r3', { ...sent, state: 'unknown' }));
  pending.put(s, 'op', op('r4', { ...sent, state: 'in_flight' }));
  const items = [
    { operator: 'op', request_id: 'r1', outcome: 'applied', run: 'run-1' },
    { operator: 'op', request_id: 'r2', outcome: 'not_applied', run: 'run-1' },
    { operator: 'op', request_id: 'r3', outcome: 'pending', run: null },
    { operator: 'op', request_id: 'r4', outcome: 'applied', run: 'run-1' },
    // Another operator's write under the same request id is theirs, not this operator's.
    { operator: 'other', request_id: 'r3', outcome: 'applied', run: 'run-1' },
  ];
  assert.equal(pending.settleByRun(s, 'op', items), 2);
  const byId = new Map(pending.list(s, 'op').map((e) => [e.requestId, e]));
  assert.deepEqual(
    [...byId.values()].map((e) => [e.requestId, e.state]),
    [
      ['r1', 'applied'],
      ['r2', 'refused'],
      ['r3', 'unknown'],
      ['r4', 'in_flight'],
    ],
  );
  assert.deepEqual(byId.get('r1').row, {
    ...sent,
    requestId: 'r1',
    state: 'applied',
    error: null,
    balances: null,
    run: 'run-1',
  });
  assert.equal(byId.get('r2').row.error.code, 'SETTLED_NOT_APPLIED');
  assert.deepEqual(
    pending.settled(pending.list(s, 'op')).map((e) => e.requestId),
    ['r1', 'r2'],
  );
  pending.put(s, 'other', op('r1', { ...sent, state: 'unknown' }));
  assert.equal(pending.settleByRun(s, 'other', items), 0, "another operator's items never settle this one's");
});
