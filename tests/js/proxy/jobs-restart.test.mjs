// A job survives a Worker restart: the Worker (Miniflare with persisted Durable Objects, D1,
// R2 and Workflows) is stopped while the job's rows are being sent, started again on the same
// state, and the job goes on where it stopped: every row applied once, by the sandbox's
// journal and ledger, under lost replies.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoVars } from '../../../www/worker/local.mjs';
import { startStack, CUSTOMER, MANAGER, rolesWith } from '../fixtures.mjs';

const dir = mkdtempSync(join(tmpdir(), 'jobs-restart-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const manager = JSON.parse(demoVars().ROLES).manager;
let stack;
let worker;

after(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = async (path) => (await fetch(`${worker.url}${path}`, { headers: MANAGER })).json();
const points = async () => (await stack.customer()).points.available;

test('a job stopped by a restart resumes and applies each row once', async () => {
  stack = await startStack({
    vars: {
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '1000',
      JOB_CALLS_PER_SECOND: '{"top": 20}',
      ROLES: rolesWith({ manager: { ...manager, jobs: {} } }),
    },
    persist: dir,
  });
  worker = stack.proxy;
  const rows = Array.from({ length: 200 }, (_, i) => `10001,20001,${CUSTOMER},${1 + (i % 5)},1,RJ-${i},restart`);
  const total = Array.from({ length: 200 }, (_, i) => 1 + (i % 5)).reduce((a, b) => a + b, 0);
  const made = await fetch(`${worker.url}/v1/jobs?operation=alibaba.alsc.crm.open.point.operate`, {
    method: 'POST',
    headers: { ...MANAGER, 'content-type': 'text/csv' },
    body: `brand_id,shop_id,customer_id,change_point,operate_type,outer_order_id,reason\n${rows.join('\n')}\n`,
  });
  const { id } = (await made.json()).data;
  const was = await points();
  await stack.faults('12345678', [{ kind: 'drop-after', probability: 0.1 }]);
  await fetch(`${worker.url}/v1/jobs/${id}/start`, { method: 'POST', headers: MANAGER });
  for (let i = 0; (await get(`/v1/jobs/${id}`)).data.done < 40; i++) {
    assert.ok(i < 400, 'the job runs');
    await sleep(50);
  }
  const stoppedAt = (await get(`/v1/jobs/${id}`)).data;
  await worker.close();
  assert.equal(stoppedAt.status, 'running');
  assert.ok(stoppedAt.done < 200, `stopped in the middle (${stoppedAt.done} of 200)`);

  worker = await stack.startProxy({}, { persist: dir });
  stack.proxy = worker;
  assert.deepEqual(worker.woken, [id], 'the job left running is woken');
  let end;
  for (let i = 0; ; i++) {
    end = (await get(`/v1/jobs/${id}`)).data;
    assert.ok(end.done >= stoppedAt.done, 'progress never goes back');
    if (end.status !== 'running') break;
    assert.ok(i < 1200, 'the job ends');
    await sleep(100);
  }
  await stack.faults('12345678', []);
  assert.equal(end.status, 'done', JSON.stringify(end.error));
  assert.deepEqual([end.applied, end.refused, end.unknown], [200, 0, 0]);
  const journal = await stack.journal();
  const ids = journal.filter((e) => String(e.request_id).startsWith(`${id}-`)).map((e) => e.request_id);
  assert.equal(ids.length, 200);
  assert.equal(new Set(ids).size, 200, 'each request id once in the journal');
  assert.equal((await points()) - was, total, "the ledger moved by exactly the file's total");
  const results = await (await fetch(`${worker.url}/v1/jobs/${id}/results`, { headers: MANAGER })).text();
  assert.equal(results.trim().split('\r\n').length, 201, 'the results file has every row');
});
