// POST /v1/reconciliation {"day"}: starts a run of a GMT+8 day over the operator's brands and
// shops. GET /v1/reconciliation[?day=]: the runs. GET /v1/reconciliation/{id}: a run, its
// progress, its summary and its items, what to look at first first (`kind`, `page`,
// `page_size`; `format=csv` for every item). Roles whose `books` is "shops" only.
import { ProxyError } from '../errors.js';
import { readJson } from '../body.js';
import { KINDS } from '../books/match.js';
import { runningRuns, getRun, listRuns, readItems, allItems, summaryOf } from '../books/store.js';
import { startRun, runId, reapStale, MAX_RUNNING } from '../books/start.js';
import { checkDay } from '../books/day.js';
import { cell } from '../audit.js';
import { booksOf, queryOf, csvAnswer } from './books.js';
import { countCall } from '../counted.js';

export const RUN_PATH = /^\/v1\/reconciliation\/([A-Za-z0-9_-]{1,100})$/;

/** Whether a run's scope shares a brand with the operator's. */
const overlaps = (who, run) => Object.keys(run.scope).some((b) => who.scope.has(b));

/** Whether the operator's scope holds all of a run's. */
const covers = (who, run) =>
  Object.entries(run.scope).every(([b, shops]) => {
    const mine = who.scope.get(b);
    return mine === '*' || (mine && shops !== '*' && shops.every((s) => mine.has(s)));
  });

const brief = (who, run) => ({
  id: run.id,
  day: run.day,
  status: run.status,
  started_by: run.started_by,
  created_at: run.created_at,
  finished_at: run.finished_at,
  progress: run.progress,
  // A run over more than the reader's shops has a summary of its own in GET /v1/reconciliation/{id}.
  summary: covers(who, run) ? run.summary : null,
  error: run.error,
});

export async function startReconciliation(c) {
  booksOf(c, 'shops');
  await countCall(c);
  const body = await readJson(c.request, c.config.maxBodyBytes);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ProxyError('BAD_REQUEST', 'the body must be {"day": "yyyy-MM-dd"}', { field: 'body' });
  for (const k of Object.keys(body))
    if (k !== 'day')
      throw new ProxyError('BAD_REQUEST', `${k.slice(0, 40)} is not a field of a run`, { field: k.slice(0, 40) });
  const d = checkDay(body.day, c.clock.ms);
  if (d.error) throw new ProxyError('BAD_REQUEST', `day ${d.error}`, { field: 'day' });
  await reapStale(c.env, c.clock.ms);
  const running = await runningRuns(c.env.AUDIT_DB);
  if (running.length >= MAX_RUNNING)
    throw new ProxyError('RUN_IN_PROGRESS', `${running.length} runs are under way: wait for one to finish`, {
      retriable: true,
      retryAfterMs: 60_000,
    });
  const busy = running.find((r) => r.day === d.day && overlaps(c.who, r));
  if (busy)
    throw new ProxyError('RUN_IN_PROGRESS', `run ${busy.id} is reconciling ${d.day}: wait for it to finish`, {
      field: 'day',
      details: [{ id: busy.id }],
    });
  const run = await startRun(c.env, { id: runId(d.day), day: d.day, startedBy: c.who.operator, scope: c.who.scope });
  return { status: 202, body: { ok: true, data: { id: run.id, day: run.day, status: run.status }, request_id: null } };
}

export async function listReconciliations(c) {
  booksOf(c, 'shops');
  const q = queryOf(c, { day: 'day' });
  await countCall(c);
  const runs = (await listRuns(c.env.AUDIT_DB, { day: q.day })).filter((r) => overlaps(c.who, r));
  return { status: 200, body: { ok: true, data: { runs: runs.map((r) => brief(c.who, r)) }, request_id: null } };
}

const CSV_COLUMNS = [
  'seq',
  'kind',
  'at',
  'operation',
  'order_id',
  'request_id',
  'customer',
  'operator',
  'brand',
  'shop',
  'audit_state',
  'audit_moves',
  'platform',
  'note',
];

const csvLine = (i) =>
  [
    i.seq,
    i.kind,
    i.at,
    i.operation,
    i.order_id,
    i.request_id,
    i.customer,
    i.operator,
    i.brand,
    i.shop,
    i.audit?.state,
    i.audit?.moves
      ? Object.entries(i.audit.moves)
          .filter(([k]) => k !== 'voucher_ids')
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')
      : '',
    [
      ...(i.platform?.flows ?? []).map((f) => `${f.source}:${f.flow_id}:${f.amount}`),
      ...Object.entries(i.platform?.vouchers ?? {}).map(([v, s]) => `voucher:${v}:${s}`),
    ].join(' '),
    i.note,
  ]
    .map(cell)
    .join(',');

export async function readReconciliation(c) {
  const where = booksOf(c, 'shops');
  const id = RUN_PATH.exec(c.url.pathname)[1];
  const q = queryOf(c, { kind: KINDS, page: 'page', page_size: 'size', format: 'csv' });
  await countCall(c);
  const run = await getRun(c.env.AUDIT_DB, id);
  if (!run || !overlaps(c.who, run)) throw new ProxyError('NOT_FOUND', `no reconciliation run ${id}`);
  const db = c.env.AUDIT_DB;
  if (q.format === 'csv') {
    const encoder = new TextEncoder();
    const items = allItems(db, id, where);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\r\n`));
      },
      async pull(controller) {
        const lines = [];
        for (let n = 0; n < 200; n++) {
          const { value, done } = await items.next();
          if (done) {
            if (lines.length) controller.enqueue(encoder.encode(lines.join('')));
            controller.close();
            return;
          }
          lines.push(`${csvLine(value)}\r\n`);
        }
        controller.enqueue(encoder.encode(lines.join('')));
      },
    });
    return csvAnswer(stream, `reconciliation-${run.day}-${id}.csv`);
  }
  const page = await readItems(db, id, { where, kind: q.kind, page: q.page ?? 1, pageSize: q.page_size ?? 100 });
  const matched = ['settling', 'done'].includes(run.progress.phase);
  const summary = matched ? await summaryOf(db, id, where) : null;
  return {
    status: 200,
    body: {
      ok: true,
      data: {
        ...brief(c.who, run),
        scope: run.scope,
        summary,
        items: page.items,
        items_page: { page: page.page, page_size: page.page_size, has_next: page.has_next, kind: q.kind ?? null },
      },
      request_id: null,
    },
  };
}
