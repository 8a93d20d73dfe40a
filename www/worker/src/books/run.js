// A reconciliation run as a Cloudflare Workflow: plan the reads a day needs, read the
// platforms page by page (a step reads a few pages, paced; its place is kept, so a run survives
// a restart and a failed step is tried again), match, settle the unknown outcomes it decided in
// the operators' Durable Objects (and the orders' notes), and finish. Progress, the reads'
// results and the items live in D1, never in step results (each stays a few hundred bytes;
// Workflows keep step results under 1 MiB and read them back on every replay).
import { WorkflowEntrypoint } from 'cloudflare:workers';
import { SdkError } from 'loyalty-sdk';
import { readConfig } from '../config.js';
import { readWrites } from './writes.js';
import { dayBounds } from './day.js';
import { readPage } from './platform.js';
import { reconcile, summarize, readsOf, valueRead, accountRead, u8Read } from './match.js';
import { scopeSql, scopeFromJson } from './visible.js';
import * as store from './store.js';

// Platform calls one step makes at most: the engine keeps a few timers per step, so a run of a
// day of 10,000 flows is a few hundred steps, not thousands.
const CALLS_PER_STEP = 25;
const STEP = { retries: { limit: 4, delay: '2 seconds', backoff: 'exponential' }, timeout: '10 minutes' };
const SETTLE_BATCH = 200;
const RETRIED = 'a retry of this key was sent after the platform was read: not settled, the next run decides';

const ledgerOf = (env) => (operator) => env.OPERATORS.get(env.OPERATORS.idFromName(operator));

/** What a run must read for a day, in its scope. */
async function plan(env, config, { id, day, scope }) {
  const db = env.AUDIT_DB;
  const inScope = scopeFromJson(scope);
  const writes = await readWrites(db, day, scopeSql(inScope, config));
  const reads = new Map();
  for (const [brand, allowed] of inScope) {
    const b = config.shops.brands.get(brand);
    if (!b) continue;
    for (const shop of allowed === '*' ? b.shops.keys() : allowed)
      reads.set(valueRead(brand, shop), { kind: 'value', brand, shop, channel: b.shops.get(shop)?.biz_channel });
  }
  for (const w of writes) {
    const needed = readsOf(w);
    if (needed.points) reads.set(needed.points, { kind: 'points', brand: w.brand, shop: w.shop, customer: w.customer });
    if (needed.vouchers) reads.set(needed.vouchers, { kind: 'vouchers', brand: w.brand, customer: w.customer });
    if (needed.value && w.customer && !reads.has(accountRead(w.brand, w.customer)))
      reads.set(accountRead(w.brand, w.customer), {
        kind: 'account',
        brand: w.brand,
        shop: w.shop,
        customer: w.customer,
      });
    if (w.platform === 'u8' && w.state === 'unknown' && w.inDay)
      reads.set(u8Read(w.operator, w.key), { kind: 'u8', operator: w.operator, key: w.key });
  }
  await store.planReads(
    db,
    id,
    [...reads].map(([task, read]) => ({ task, read })),
  );
  await store.setPhase(db, id, 'reading', { planned: reads.size });
  return { reads: reads.size, writes: writes.length, readAt: Date.now() };
}

/** Reads up to CALLS_PER_STEP pages, from `cursor` (a read under way) on; answers the next cursor. */
async function readSome(env, config, run, cursor) {
  const db = env.AUDIT_DB;
  let calls = 0;
  let at = cursor;
  while (calls < CALLS_PER_STEP) {
    if (!at) {
      const next = await store.nextRead(db, run.id);
      if (!next) break;
      at = { ...next, page: 1, seen: 0 };
    }
    calls++;
    try {
      const got = await readPage({ env, config, day: run.day, ...at, ledgerOf: ledgerOf(env) });
      const more = at.page === 1 && got.pages > 1 ? got.pages - 1 : 0;
      await store.savePage(db, run.id, at.task, got.rows, got.next ? null : { status: 'done' }, more);
      at = got.next ? { ...at, ...got.next } : null;
    } catch (e) {
      // The platform could not be read (after the client's own retries): what this read
      // covers stays unresolved, and the next run asks again.
      if (!(e instanceof SdkError)) throw e;
      await store.savePage(db, run.id, at.task, [], {
        status: 'failed',
        detail: `${e.code}: ${String(e.message).slice(0, 200)}`,
      });
      at = null;
    }
  }
  return at ?? (calls < CALLS_PER_STEP ? null : { again: true });
}

/** Matches what was read with the audit; stores the items and answers the summary. */
async function match(env, config, run, planned) {
  const db = env.AUDIT_DB;
  const writes = await readWrites(db, run.day, scopeSql(scopeFromJson(run.scope), config));
  const { reads, flows } = await store.loadReads(db, run.id);
  const byKey = (list, key, value) => Object.fromEntries((list ?? []).map((x) => [key(x), value(x)]));
  const items = reconcile({
    writes,
    flows: { points: flows.points ?? [], value: flows.value ?? [] },
    accounts: byKey(
      flows.account,
      (a) => a.customer,
      (a) => a.account,
    ),
    vouchers: byKey(
      flows.voucher,
      (v) => v.flow_id,
      (v) => v.status,
    ),
    u8: byKey(
      flows.u8,
      (u) => `u8|${u.flow_id}`,
      (u) => ({ outcome: u.outcome, detail: u.detail }),
    ),
    reads,
    day: dayBounds(run.day),
    readAt: planned.readAt,
    lagMs: config.books.lagMs,
  });
  await store.saveItems(db, run.id, items);
  const summary = summarize(items);
  await store.setPhase(db, run.id, 'settling');
  return summary;
}

/** Settles the next batch of decided outcomes after item `after`; answers the last item done. */
async function settleSome(env, config, run, planned, after) {
  const db = env.AUDIT_DB;
  const batch = await store.settlementsOf(db, run.id, after, SETTLE_BATCH);
  const byOperator = new Map();
  for (const it of batch) {
    if (!byOperator.has(it.operator)) byOperator.set(it.operator, []);
    byOperator.get(it.operator).push(it);
  }
  for (const [operator, list] of byOperator) {
    const answers = await ledgerOf(env)(operator).settle({
      settlements: list.map((it) => ({
        key: it.request_id,
        applied: it.kind === 'settled_applied',
        run: run.id,
        request_id: it.request_id,
        evidence: (JSON.parse(it.platform ?? 'null')?.flows ?? []).map((f) => `${f.source}:${f.flow_id}`),
      })),
      now: Date.now(),
      windowMs: config.idempotencyMs,
      before: planned.readAt - config.books.lagMs,
    });
    const why = {
      differs: 'the proxy had already recorded the other outcome for this key: look at both',
      unknown_key: 'not settled in the proxy: its key is longer than the audit keeps, and no record of it is left',
    };
    for (const [i, a] of answers.entries())
      if (a.result === 'retried') await store.unresolveItem(db, run.id, list[i].seq, RETRIED);
      else if (why[a.result]) await store.noteItem(db, run.id, list[i].seq, why[a.result]);
    const notes = new Map();
    for (const [i, it] of list.entries())
      if (['settled', 'created', 'same'].includes(answers[i].result) && it.brand && !it.operation?.startsWith('u8:')) {
        if (!notes.has(it.brand)) notes.set(it.brand, []);
        notes.get(it.brand).push({
          entry: `${operator}|${it.request_id}`,
          state: it.kind === 'settled_applied' ? 'applied' : 'refused',
        });
      }
    for (const [brand, entries] of notes) await env.ORDERS.get(env.ORDERS.idFromName(brand)).settle({ entries });
  }
  return batch.length === SETTLE_BATCH ? batch[batch.length - 1].seq : null;
}

export class ReconciliationRun extends WorkflowEntrypoint {
  async run(event, step) {
    const { id } = event.payload;
    const db = this.env.AUDIT_DB;
    try {
      const config = readConfig(this.env);
      const run = await step.do('load', STEP, async () => {
        const r = await store.getRun(db, id);
        if (!r) throw new Error(`no run ${id}`);
        return { id: r.id, day: r.day, scope: r.scope };
      });
      const planned = await step.do('plan', STEP, () => plan(this.env, config, run));
      let cursor = null;
      for (let n = 0; n === 0 || cursor; n++)
        cursor = await step.do(`read ${n}`, STEP, () => readSome(this.env, config, run, cursor?.again ? null : cursor));
      await step.do('match', STEP, () => match(this.env, config, run, planned));
      let after = 0;
      for (let n = 0; after !== null; n++)
        after = await step.do(`settle ${n}`, STEP, () => settleSome(this.env, config, run, planned, after));
      // Items a retry under way left undecided are unresolved now: the summary counts the items.
      const final = await step.do('finish', STEP, async () => {
        const counted = await store.summaryOf(db, id, '1 = 1');
        await store.finishRun(db, id, counted);
        await store.dropWorkingSet(db, id);
        return counted;
      });
      return final;
    } catch (e) {
      await step.do('fail', STEP, () => store.failRun(db, id, e?.message ?? e));
      return { failed: String(e?.message ?? e).slice(0, 200) };
    }
  }
}
