// Bulk jobs in the proxy: a file with bad rows is refused whole (every bad row named, nothing
// sent); a job over its role's per-job limit is refused; a few hundred rows under random faults
// (replies lost before and after applying, 5xx, bans) end applied exactly once each, judged by
// the sandbox's journal and ledger; a cancelled job stops and says which rows ran.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoVars } from '../../../www/worker/local.mjs';
import {
  startStack,
  CUSTOMER,
  OTHER_CUSTOMER as OTHER,
  MANAGER,
  CASHIER,
  tokensWith,
  rolesWith,
  as,
} from '../fixtures.mjs';

const OPERATION = 'alibaba.alsc.crm.open.point.operate';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const manager = JSON.parse(demoVars().ROLES).manager;
// A second brand, with a manager of its own.
const SHOPS = JSON.stringify({
  ...JSON.parse(demoVars().SHOPS),
  10002: { name: 'Rival', shops: { 30001: { name: 'Rival 1' } } },
});
let stack;
let worker;

before(async () => {
  stack = await startStack({
    vars: {
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '1000',
      JOB_CALLS_PER_SECOND: '{"top": 40}',
      CONSOLE_TOKENS: tokensWith({
        small: { role: 'small', scope: { 10001: '*' } },
        daily: { role: 'daily', scope: { 10001: '*' } },
        own: { role: 'own', scope: { 10001: '*' } },
        rival: { role: 'manager', scope: { 10002: '*' } },
        branch: { role: 'manager', scope: { 10001: ['20002'] } },
        racer: { role: 'daily', scope: { 10001: '*' } },
      }),
      SHOPS,
      JOB_MAX_ROWS: '400',
      ROLES: rolesWith({
        manager: { ...manager, jobs: { limits: { points: 100000 } } },
        small: { ...manager, jobs: { limits: { points: 50 } } },
        daily: { ...manager, limits: { points: 100000, pointsPerDay: 500 }, jobs: {} },
        own: { ...manager, audit: 'own', jobs: {} },
      }),
    },
  });
  worker = stack.proxy;
});

after(() => stack?.close());

const uploadAs = (operation, csv, headers = MANAGER, query = '') =>
  fetch(`${worker.url}/v1/jobs?operation=${operation}${query}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: csv,
  });
const upload = (csv, headers, query) => uploadAs(OPERATION, csv, headers, query);
const post = async (path) => (await fetch(`${worker.url}${path}`, { method: 'POST', headers: MANAGER })).json();
const get = async (path) => (await fetch(`${worker.url}${path}`, { headers: MANAGER })).json();
const points = async () =>
  Object.fromEntries((await stack.sandbox()).customers.map((c) => [c.customer_id, c.points.available]));
const faults = (list) => stack.faults('12345678', list);

const HEADER = 'brand_id,shop_id,customer_id,change_point,operate_type,outer_order_id,reason';
const fileOf = (rows) => `${HEADER}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
const awards = (n, tag) =>
  Array.from({ length: n }, (_, i) => [
    '10001',
    '20001',
    i % 3 ? CUSTOMER : OTHER,
    1 + (i % 7),
    1,
    `${tag}-${i}`,
    'bulk award',
  ]);
const sum = (rows) => rows.reduce((s, r) => s + r[3], 0);

/** Polls a job until it leaves `running`; asserts its counts never go back. Answers the last view. */
async function ended(id) {
  let last = { done: 0, applied: 0, refused: 0, unknown: 0 };
  for (let i = 0; i < 1200; i++) {
    const { data } = await get(`/v1/jobs/${id}`);
    for (const k of ['done', 'applied', 'refused', 'unknown'])
      assert.ok(data[k] >= last[k], `${k} never goes back (${last[k]} then ${data[k]})`);
    last = data;
    if (data.status !== 'running') return data;
    await sleep(150);
  }
  throw new Error(`job ${id} did not end`);
}

const resultsOf = async (id) => {
  const r = await fetch(`${worker.url}/v1/jobs/${id}/results`, { headers: MANAGER });
  assert.equal(r.status, 200);
  const [head, ...lines] = (await r.text()).trim().split('\r\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
};

test('a file with invalid rows is refused with every bad row named, and nothing is sent', async () => {
  const sentBefore = (await stack.journal()).length;
  const rows = awards(5, 'BAD');
  rows[1][3] = 'many';
  rows[2][4] = '';
  rows[4][0] = '99999';
  const r = await upload(fileOf(rows), MANAGER, '&lang=en');
  assert.equal(r.status, 400);
  const { error } = await r.json();
  assert.equal(error.code, 'INVALID_PARAM');
  const byRow = new Map(error.details.map((d) => [d.row, d]));
  assert.deepEqual([...byRow.keys()].sort(), [2, 3, 5]);
  assert.equal(byRow.get(2).field, 'change_point');
  assert.match(byRow.get(2).message, /whole number/);
  assert.equal(byRow.get(3).field, 'operate_type');
  assert.equal(byRow.get(5).field, 'brand_id');
  const zh = await (await upload(fileOf(rows), MANAGER, '&lang=zh')).json();
  assert.notEqual(zh.error.details[0].message, error.details[0].message, 'messages in the chosen language');
  const header = await (await upload('brand_id,nonsense,request_id\n10001,x,y\n')).json();
  assert.deepEqual(
    header.error.details.map((d) => [d.row, d.field, d.rule]),
    [
      [0, 'nonsense', 'unknown'],
      [0, 'request_id', 'derived'],
    ],
  );
  assert.equal((await stack.journal()).length, sentBefore, 'nothing was sent');
  assert.equal((await get('/v1/jobs')).data.jobs.length, 0, 'no job was made');
});

test("a job over the role's per-job limit is refused before it starts", async () => {
  const r = await upload(fileOf(awards(20, 'SMALL')), as('small'));
  assert.equal(r.status, 403);
  const { error } = await r.json();
  assert.equal(error.code, 'LIMIT_EXCEEDED');
  assert.equal(error.limit, 'jobs.points:50');
});

test('every row of a job under random faults is applied exactly once', async () => {
  const rows = awards(300, 'EX');
  const r = await upload(fileOf(rows));
  assert.equal(r.status, 201);
  const job = (await r.json()).data;
  assert.equal(job.status, 'ready');
  assert.equal(job.total, 300);
  assert.deepEqual(job.effect, { points: String(sum(rows)), value: '0', vouchers: '0' });
  const was = await points();
  await faults([
    { kind: 'rate-limit', seconds: 1, count: 2 },
    { kind: 'drop-before', probability: 0.05 },
    { kind: 'drop-after', probability: 0.05 },
    { kind: 'http-503', probability: 0.05 },
    { kind: 'rate-limit', seconds: 1, probability: 0.01 },
  ]);
  const started = await post(`/v1/jobs/${job.id}/start`);
  assert.equal(started.data.status, 'running', JSON.stringify(started));
  const end = await ended(job.id);
  await faults([]);
  assert.equal(end.status, 'done', JSON.stringify(end.error));
  assert.deepEqual([end.done, end.applied, end.refused, end.unknown], [300, 300, 0, 0]);

  const mine = (await stack.journal()).filter((e) => String(e.request_id).startsWith(`${job.id}-`));
  const ids = mine.map((e) => e.request_id);
  assert.equal(new Set(ids).size, ids.length, 'each request id once in the journal');
  assert.equal(ids.length, 300);
  const now = await points();
  const moved = now[CUSTOMER] - was[CUSTOMER] + (now[OTHER] - was[OTHER]);
  assert.equal(moved, sum(rows), "the ledger moved by exactly the file's total");

  const results = await resultsOf(job.id);
  assert.deepEqual(
    results.map((x) => Number(x.row)),
    rows.map((_, i) => i + 1),
  );
  assert.ok(results.every((x) => x.outcome === 'applied' && x.request_id === `${job.id}-${x.row}`));
  assert.equal(
    results.reduce((s, x) => s + Number(x.points), 0),
    sum(rows),
  );

  // The rows are audited like any call, with the job's id.
  const db = await worker.mf.getD1Database('AUDIT_DB');
  const ns = await worker.mf.getDurableObjectNamespace('OPERATORS');
  for (let i = 0; (await ns.get(ns.idFromName('op-manager-01')).stats()).queued; i++) {
    assert.ok(i < 400, 'the audit rows are written');
    await sleep(25);
  }
  const audited = await db
    .prepare("SELECT count(DISTINCT request_id) AS n FROM audit WHERE job = ? AND result = 'applied'")
    .bind(job.id)
    .first();
  assert.equal(audited.n, 300);
  const banned = await db
    .prepare("SELECT count(*) AS n FROM audit WHERE job = ? AND outcome = 'RATE_LIMITED'")
    .bind(job.id)
    .first();
  assert.ok(banned.n >= 2, `the job met the bans (${banned.n}) and sent those rows again`);
  const retried = await db
    .prepare('SELECT count(*) AS n FROM job_rows WHERE job = ? AND tries > 0')
    .bind(job.id)
    .first();
  assert.ok(retried.n > 0, 'the faults made rows go again');
});

test('a cancelled job stops after the rows in flight and says which rows ran', async () => {
  const rows = awards(200, 'CX');
  const job = (await (await upload(fileOf(rows))).json()).data;
  await post(`/v1/jobs/${job.id}/start`);
  for (let i = 0; (await get(`/v1/jobs/${job.id}`)).data.done < 20; i++) {
    assert.ok(i < 400, 'the job runs');
    await sleep(50);
  }
  const asked = await post(`/v1/jobs/${job.id}/cancel`);
  assert.equal(asked.ok, true);
  const end = await ended(job.id);
  assert.equal(end.status, 'cancelled');
  assert.ok(end.done < 200, `it stopped (${end.done} of 200 ran)`);
  const results = await resultsOf(job.id);
  assert.equal(results.length, 200);
  const ran = results.filter((x) => x.outcome === 'applied').map((x) => x.request_id);
  const sent = (await stack.journal())
    .filter((e) => String(e.request_id).startsWith(`${job.id}-`))
    .map((e) => e.request_id);
  assert.deepEqual(sent.sort(), ran.sort(), 'the rows the results say ran are those the platform applied');
  assert.equal(results.filter((x) => x.outcome === 'not_run').length, 200 - ran.length);
  assert.equal((await post(`/v1/jobs/${job.id}/start`)).error.code, 'JOB_NOT_READY');
});

test("a job's effect is reserved against the day's limits when it starts, and what its refused rows would move given back", async () => {
  const daily = as('daily');
  const missing = '7027365982937560000000';
  const rows = [
    ['10001', '20001', CUSTOMER, 100, 1, 'DAY-1', 'day'],
    ['10001', '20001', missing, 100, 1, 'DAY-2', 'day'],
    ['10001', '20001', CUSTOMER, 100, 1, 'DAY-3', 'day'],
  ];
  const job = (await (await upload(fileOf(rows), daily)).json()).data;
  const startAs = async (id) =>
    (await fetch(`${worker.url}/v1/jobs/${id}/start`, { method: 'POST', headers: daily })).json();
  assert.equal((await startAs(job.id)).data.status, 'running');
  let end;
  for (
    let i = 0;
    (end = (await (await fetch(`${worker.url}/v1/jobs/${job.id}`, { headers: daily })).json()).data).status ===
    'running';
    i++
  ) {
    assert.ok(i < 400, 'the job ends');
    await sleep(50);
  }
  assert.deepEqual([end.status, end.applied, end.refused], ['done', 2, 1]);
  // 200 points applied; the refused row's 100 are given back: 300 more fit in the day's 500.
  const single = await fetch(`${worker.url}/v1/top/${OPERATION}`, {
    method: 'POST',
    headers: daily,
    body: JSON.stringify({
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
      change_point: 300,
      operate_type: 1,
      outer_order_id: 'DAY-S',
      reason: 'day',
    }),
  });
  assert.equal(single.status, 200, JSON.stringify(await single.clone().json()));
  const more = (await (await upload(fileOf([['10001', '20001', CUSTOMER, 1, 1, 'DAY-4', 'day']]), daily)).json()).data;
  const refused = await startAs(more.id);
  assert.equal(refused.error.code, 'LIMIT_EXCEEDED');
  assert.equal(refused.error.limit, 'pointsPerDay:500');
  assert.equal(
    (await (await fetch(`${worker.url}/v1/jobs/${more.id}`, { headers: daily })).json()).data.status,
    'ready',
  );
});

test('a U8 job gives each row without a source_code its own, and applies each once under lost replies', async () => {
  const u8 = async () => (await stack.customer()).u8.points;
  const file = `mid,action_type,ori_money,calc_money,ori_points\n${Array.from({ length: 6 }, () => '10000001,5,1,1,2').join('\n')}\n`;
  const made = await (await uploadAs('u8:points/change', file)).json();
  assert.equal(made.ok, true, JSON.stringify(made.error));
  assert.deepEqual(made.data.effect, { points: '12', value: '0', vouchers: '0' });
  const was = await u8();
  await stack.faults('opa-sandbox', [{ kind: 'drop-after', probability: 0.3 }]);
  await post(`/v1/jobs/${made.data.id}/start`);
  const end = await ended(made.data.id);
  await stack.faults('opa-sandbox', []);
  assert.deepEqual([end.status, end.applied], ['done', 6]);
  assert.equal((await u8()) - was, 12, 'the U8 balance moved by exactly the file’s total');
  const results = await resultsOf(made.data.id);
  assert.equal(new Set(results.map((x) => x.request_id)).size, 6, 'a source_code of its own for each row');
});

test('files past the caps are refused; jobs are listed to their operator, and to a role that sees every operator', async () => {
  const rows = await upload(fileOf(awards(401, 'CAP')));
  assert.equal(rows.status, 413);
  assert.match((await rows.json()).error.message, /at most 400/);
  const big = await upload(`${HEADER}\n${'x'.repeat(2 * 1024 * 1024)}\n`);
  assert.equal(big.status, 413);
  const list = async (headers) => (await fetch(`${worker.url}/v1/jobs`, { headers })).json();
  const ownJob = (await (await upload(fileOf(awards(1, 'OWN')), as('own'))).json()).data;
  const own = (await list(as('own'))).data.jobs;
  assert.deepEqual(
    own.map((j) => j.id),
    [ownJob.id],
    'a role that sees its own audit rows sees its own jobs',
  );
  const all = (await list(MANAGER)).data.jobs;
  const operators = new Set(all.map((j) => j.operator));
  assert.ok(
    ['op-manager-01', 'op-daily', 'op-own'].every((o) => operators.has(o)),
    'an "audit: all" role sees every job in its scope',
  );
  const managers = all.find((j) => j.operator === 'op-manager-01');
  assert.equal((await fetch(`${worker.url}/v1/jobs/${ownJob.id}`, { headers: MANAGER })).status, 200);
  assert.equal((await fetch(`${worker.url}/v1/jobs/${managers.id}`, { headers: as('own') })).status, 404);
  assert.equal(
    (await fetch(`${worker.url}/v1/jobs/${ownJob.id}/start`, { method: 'POST', headers: MANAGER })).status,
    404,
    'only its operator starts a job',
  );
  const cashier = await fetch(`${worker.url}/v1/jobs`, { headers: { authorization: CASHIER.authorization } });
  assert.equal(cashier.status, 403, 'a role without jobs runs none');
});

test("a job is read only by its operator and by managers of every brand and shop it could touch; a U8 job names its operator's brands", async () => {
  const u8File = 'mid,action_type,ori_money,calc_money,ori_points\n10000001,5,1,1,3\n';
  const u8 = await (await uploadAs('u8:points/change', u8File)).json();
  assert.equal(u8.ok, true, JSON.stringify(u8.error));
  const top = (await (await upload(fileOf(awards(2, 'SEEN')))).json()).data;
  for (const id of [u8.data.id, top.id]) {
    assert.equal((await fetch(`${worker.url}/v1/jobs/${id}`, { headers: MANAGER })).status, 200);
    for (const other of ['rival', 'branch'])
      assert.equal(
        (await fetch(`${worker.url}/v1/jobs/${id}`, { headers: as(other) })).status,
        404,
        `${other} may not read ${id}`,
      );
  }
  for (const other of ['rival', 'branch']) {
    const listed = (await (await fetch(`${worker.url}/v1/jobs`, { headers: as(other) })).json()).data.jobs;
    assert.deepEqual(listed, [], `${other} lists no job of another brand or of every shop`);
  }
});

test('the same file uploaded twice is one job, run once; running it again is said on purpose', async () => {
  const rows = awards(4, 'TWICE');
  const file = fileOf(rows);
  const first = await upload(file);
  assert.equal(first.status, 201);
  const job = (await first.json()).data;
  const again = await upload(file);
  assert.equal(again.status, 200, 'a ready job is answered again');
  assert.equal((await again.json()).data.id, job.id);
  const was = await points();
  await post(`/v1/jobs/${job.id}/start`);
  assert.equal((await ended(job.id)).applied, 4);
  const late = await upload(file);
  assert.equal(late.status, 409);
  const { error } = await late.json();
  assert.equal(error.code, 'JOB_EXISTS');
  assert.equal(error.field, 'file');
  assert.deepEqual(error.details, [{ job: job.id, status: 'done' }]);
  const moved = async () => {
    const now = await points();
    return Object.values(now).reduce((s, v, i) => s + (v - Object.values(was)[i]), 0);
  };
  assert.equal(await moved(), sum(rows), 'the file moved its total once');
  const bogus = await upload(fileOf(awards(4, 'OTHER')), MANAGER, `&again=${job.id}`);
  assert.deepEqual([bogus.status, (await bogus.json()).error.field], [400, 'again']);
  const rerun = await upload(file, MANAGER, `&again=${job.id}`);
  assert.equal(rerun.status, 201);
  const second = (await rerun.json()).data;
  assert.notEqual(second.id, job.id);
  await post(`/v1/jobs/${second.id}/start`);
  assert.equal((await ended(second.id)).applied, 4);
  assert.equal(await moved(), 2 * sum(rows), 'run again on purpose, once more');
  const results = await resultsOf(second.id);
  assert.deepEqual(
    results.map((x) => x.message),
    ['', '', '', ''],
    'an applied row has no message',
  );
});

test("a job cancelled while it is being started keeps nothing of the day's limits", async () => {
  const racer = as('racer');
  const jobs = [];
  for (let i = 0; i < 8; i++) {
    const r = await upload(fileOf([['10001', '20001', CUSTOMER, 50, 1, `RACE-${i}`, 'race']]), racer);
    jobs.push((await r.json()).data.id);
  }
  const asJob = (id, what) => fetch(`${worker.url}/v1/jobs/${id}/${what}`, { method: 'POST', headers: racer });
  await Promise.all(jobs.flatMap((id) => [asJob(id, 'start'), asJob(id, 'cancel')]));
  let applied = 0;
  for (const id of jobs) {
    let view;
    for (let i = 0; ; i++) {
      view = (await (await fetch(`${worker.url}/v1/jobs/${id}`, { headers: racer })).json()).data;
      if (!['ready', 'running'].includes(view.status)) break;
      assert.ok(i < 400, `job ${id} ends`);
      await sleep(50);
    }
    applied += view.applied;
  }
  const ops = (await (await fetch(`${worker.url}/v1/operations`, { headers: racer })).json()).data;
  assert.equal(ops.usage.points, applied * 50, 'the day counts what ran, and nothing for the cancelled jobs');
});
