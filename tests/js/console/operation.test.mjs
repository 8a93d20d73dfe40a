// The life of one console write (www/console/src/operation.js), without a browser: every
// transition, what each answer means, and what each state lets the operator do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as operation from '../../../www/console/src/operation.js';

const { IN_FLIGHT, APPLIED, REFUSED, UNKNOWN } = operation;
const body = { customer_id: '900000000000000001', point: '10', request_id: 'r1' };
const made = () => ({ requestId: 'r1', method: 'm', body, customerId: '900000000000000001', at: 1 });

test('a new operation is in flight from its page and keeps its request id and body', () => {
  const op = operation.start(made(), 'p1');
  assert.equal(op.state, IN_FLIGHT);
  assert.equal(op.page, 'p1');
  assert.equal(op.requestId, 'r1');
  assert.equal(op.body, body);
  assert.equal(made().state, undefined, 'the object it was made from is not changed');
});

test('an answer settles it: applied, refused, or unknown, by what the proxy says of the ledger', () => {
  const op = operation.start(made(), 'p1');
  const cases = [
    [{ ok: true, data: {} }, APPLIED],
    // The proxy's word on the ledger wins over retriable.
    [{ ok: false, error: { code: 'BIZ_ERROR', outcome: 'not_applied', retriable: true } }, REFUSED],
    [{ ok: false, error: { code: 'TIMEOUT', outcome: 'unknown', retriable: false } }, UNKNOWN],
    // No word from the proxy (it was never reached, or its answer was unreadable): retriable is unknown.
    [{ ok: false, error: { code: 'PROXY_UNREACHABLE', retriable: true } }, UNKNOWN],
    [{ ok: false, error: { code: 'BAD_ANSWER', retriable: true } }, UNKNOWN],
    [{ ok: false, error: { code: 'BAD_ANSWER', retriable: false } }, REFUSED],
    [{ ok: false, error: { code: 'INVALID_PARAM' } }, REFUSED],
  ];
  for (const [answer, want] of cases) {
    const settled = operation.settle(op, answer);
    assert.equal(settled.state, want, JSON.stringify(answer));
    assert.equal(operation.outcomeOf(answer), want);
    assert.equal(operation.isUnknown(answer), want === UNKNOWN);
    assert.equal(settled.page, null, 'no page waits for it any more');
    assert.equal(settled.requestId, 'r1');
    assert.equal(op.state, IN_FLIGHT, 'the in-flight operation is not changed');
  }
});

test('definite and open states', () => {
  assert.deepEqual(
    [IN_FLIGHT, APPLIED, REFUSED, UNKNOWN].map((s) => [operation.isDefinite(s), operation.isOpen(s)]),
    [
      [false, true],
      [true, false],
      [true, false],
      [false, true],
    ],
  );
});

test('an unknown operation is retried with the same request id and body, from the retrying page', () => {
  const unknown = operation.settle(operation.start(made(), 'p1'), { ok: false, error: { outcome: 'unknown' } });
  const again = operation.retry({ ...unknown, cause: 'interrupted' }, 'p2');
  assert.equal(again.state, IN_FLIGHT);
  assert.equal(again.page, 'p2');
  assert.equal(again.requestId, 'r1');
  assert.deepEqual(again.body, body);
  assert.equal(again.cause, undefined, 'in flight again: no longer interrupted');
  // And its answer settles it like any other.
  assert.equal(operation.settle(again, { ok: true }).state, APPLIED);
});

test('one still in flight for another tab or an ended session can be resent; a definite one never', () => {
  const inFlight = operation.start(made(), 'p1');
  assert.equal(operation.retry(inFlight, 'p2').state, IN_FLIGHT);
  for (const answer of [{ ok: true }, { ok: false, error: { outcome: 'not_applied' } }]) {
    const definite = operation.settle(inFlight, answer);
    assert.throws(() => operation.retry(definite, 'p1'), /cannot be retried/);
  }
});

test('an operation in flight from a page that is gone is unknown, interrupted; others are untouched', () => {
  const inFlight = operation.start(made(), 'p1');
  assert.deepEqual(operation.interrupt(inFlight), { ...inFlight, state: UNKNOWN, cause: 'interrupted', page: null });
  for (const s of [APPLIED, REFUSED, UNKNOWN]) {
    const op = { ...inFlight, state: s, page: null };
    assert.equal(operation.interrupt(op), op);
  }
});

test('only an unknown operation is set aside for a new one; it stays unknown, awaiting its outcome', () => {
  const unknown = operation.settle(operation.start(made(), 'p1'), { ok: false, error: { retriable: true } });
  const aside = operation.abandon(unknown);
  assert.equal(aside.state, UNKNOWN);
  assert.equal(aside.requestId, 'r1');
  assert.ok(operation.isOpen(aside.state), 'it keeps waiting, with its own retry');
  assert.equal(operation.retry(aside, 'p1').state, IN_FLIGHT);
  assert.throws(() => operation.abandon(operation.start(made(), 'p1')), /not set aside/);
  assert.throws(() => operation.abandon(operation.settle(unknown, { ok: true })), /not set aside/);
});

test('what each state lets the operator do', () => {
  assert.deepEqual(operation.permits(IN_FLIGHT), { lookup: false, signOut: false, newOperation: false, retry: false });
  assert.deepEqual(operation.permits(UNKNOWN), { lookup: true, signOut: true, newOperation: 'confirm', retry: true });
  for (const s of [APPLIED, REFUSED, null])
    assert.deepEqual(operation.permits(s), { lookup: true, signOut: true, newOperation: true, retry: false });
  assert.throws(() => operation.permits('sent'), /not an operation state/);
});
