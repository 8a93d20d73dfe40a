// A reconciliation run survives a restart: the Cron Trigger starts the night's run, the Worker
// (Miniflare with persisted Durable Objects, D1 and Workflows) is stopped in the middle of it,
// started again on the same state, and the run finishes with the result a run without a
// restart gives.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, posWrite, CUSTOMER, OTHER_CUSTOMER as OTHER, MANAGER } from '../fixtures.mjs';

const dir = mkdtempSync(join(tmpdir(), 'books-restart-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let stack;
let worker;

after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (path, body) =>
  (await fetch(`${worker.url}${path}`, { method: 'POST', headers: MANAGER, body: JSON.stringify(body) })).json();
const get = async (path) => (await fetch(`${worker.url}${path}`, { headers: MANAGER })).json();
const runRow = async (id) =>
  (await worker.mf.getD1Database('AUDIT_DB')).prepare('SELECT * FROM recon_runs WHERE id = ?').bind(id).first();

async function done(id) {
  for (let i = 0; i < 900; i++) {
    const r = await get(`/v1/reconciliation/${id}?page_size=500`);
    if (r.data.status !== 'running') {
      assert.equal(r.data.status, 'done', JSON.stringify(r.data.error));
      return r.data;
    }
    await sleep(100);
  }
  throw new Error(`run ${id} did not finish`);
}

const outcome = (run) =>
  Object.fromEntries(run.items.map((i) => [i.request_id ?? `flow:${i.platform.flows[0].flow_id}`, i.kind]));

test('a run stopped by a restart finishes with the same result', async () => {
  stack = await startStack({
    vars: {
      UPSTREAM_TIMEOUT_MS: '500',
      UPSTREAM_RETRIES: '0',
      RECONCILE_LAG_SECONDS: '0',
      RECONCILE_CALLS_PER_SECOND: '6',
      RECONCILE_PAGE_SIZE: '4',
    },
    persist: dir,
  });
  worker = stack.proxy;
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await stack.faults('12345678', [
    { kind: 'drop-after', probability: 0.15 },
    { kind: 'drop-before', probability: 0.1 },
  ]);
  for (let i = 0; i < 40; i++)
    await post('/v1/top/alibaba.alsc.crm.point.extra.consume', {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: i % 2 ? '20001' : '20002',
      change_point: 1,
      customer_id: i % 4 < 2 ? CUSTOMER : OTHER,
      out_biz_id: `RS-P-${i}`,
      reason: 'restart',
      request_id: `RS-RP-${i}`,
    });
  for (let i = 0; i < 20; i++)
    await post('/v1/top/alibaba.alsc.crm.recharge.dedut.update', {
      biz_channel: 'CS',
      brand_id: '10001',
      shop_id: i % 2 ? '20001' : '20002',
      customer_id: CUSTOMER,
      value: 10,
      outer_order_id: `RS-V-${i}`,
      request_id: `RS-RV-${i}`,
    });
  await stack.faults('12345678', []);
  await stack.channel(posWrite({ value: 5, order: 'RS-POS' }));
  await stack.settled('op-manager-01');

  // The night's run, from the Cron Trigger (01:00 GMT+8 the next day reconciles this one).
  const tomorrow = Date.parse(`${day}T01:00:00+08:00`) + 86400_000;
  await worker.scheduled(tomorrow);
  const id = `nightly-${day}`;
  for (let i = 0; ((await runRow(id))?.calls_done ?? 0) < 3; i++) {
    assert.ok(i < 300, 'the run reads');
    await sleep(50);
  }
  const stoppedAt = await runRow(id);
  assert.equal(stoppedAt.status, 'running');
  assert.ok(
    stoppedAt.calls_done < stoppedAt.calls_planned,
    `stopped in the middle (${stoppedAt.calls_done} of ${stoppedAt.calls_planned})`,
  );
  worker = await stack.restart();
  assert.deepEqual(worker.woken, [id], 'the run left running is woken');
  const resumed = await done(id);
  assert.equal(resumed.started_by, 'cron');
  assert.ok(resumed.progress.calls_done >= stoppedAt.calls_planned);
  await worker.scheduled(tomorrow);
  assert.equal((await get(`/v1/reconciliation?day=${day}`)).data.runs.length, 1, 'the night runs once');

  // The same day again, without a restart.
  const again = await post('/v1/reconciliation', { day });
  const fresh = await done(again.data.id);
  assert.deepEqual(resumed.summary, fresh.summary);
  assert.deepEqual(outcome(resumed), outcome(fresh));
  assert.equal(resumed.summary.not_in_audit, 1);
  assert.equal(resumed.summary.writes, 60);
  assert.equal(resumed.summary.mismatched + resumed.summary.unresolved, 0);
  assert.ok(resumed.summary.settled_applied + resumed.summary.settled_not_applied > 0, 'some outcomes were unknown');
});
