// The proxy's parts on their own: the admission decision (limits.js) as the pure function it
// is, the scrubber, the audit query and CSV writer, and the Durable Objects called directly
// inside workerd (Miniflare's namespace stubs, as Cloudflare's own examples drive them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { admit, LIMITS, isLimit, limitsAmounts, zeroUsage } from '../../../www/worker/src/limits.js';
import { scrubber } from '../../../www/worker/src/scrub.js';
import {
  auditQuery,
  auditSql,
  cell,
  toCsv,
  readAudit,
  insertAudit,
  PAGE_BYTES,
  COLUMNS,
} from '../../../www/worker/src/audit.js';
import { canonical, bounded } from '../../../www/worker/src/summary.js';
import { outcomeOf } from '../../../www/worker/src/outcome.js';
import { movedOf } from '../../../www/worker/src/moved.js';
import { SdkError } from 'loyalty-sdk';
import { startStack } from '../fixtures.mjs';

const effect = (e = {}) => ({ points: 0n, value: 0n, vouchers: 0n, voucherValue: 0n, unbounded: null, ...e });
const usage = (minute = {}, day = {}) => ({ minute: { ...zeroUsage(), ...minute }, day: { ...zeroUsage(), ...day } });

test('limits: one table of kinds, per call, minute and day', () => {
  assert.deepEqual(
    LIMITS.map((l) => l.name),
    [
      'points',
      'pointsPerMinute',
      'pointsPerDay',
      'value',
      'valuePerMinute',
      'valuePerDay',
      'vouchers',
      'vouchersPerMinute',
      'vouchersPerDay',
      'voucherValue',
      'voucherValuePerMinute',
      'voucherValuePerDay',
      'callsPerMinute',
      'callsPerDay',
    ],
  );
  assert.equal(isLimit('pointsPerWeek'), false);
  assert.equal(limitsAmounts({ callsPerMinute: 3 }), false);
  assert.equal(limitsAmounts({ vouchersPerDay: 3 }), true);
});

test('admission: the first limit a call would pass, calls first, then what cannot be bounded, then amounts', () => {
  const limits = {
    points: 1000,
    pointsPerDay: 3000,
    valuePerMinute: 500,
    vouchers: 2,
    voucherValue: 5000,
    callsPerMinute: 3,
  };
  assert.deepEqual(admit({ limits, usage: usage(), effect: effect({ points: 1000n }) }), { ok: true });
  const per = (e, u = usage()) => admit({ limits, usage: u, effect: effect(e), retryAfterMs: 1234 });
  assert.equal(per({ points: 1001n }).limit, 'points:1000');
  assert.equal(per({ points: 600n }, usage({}, { points: 2500n })).limit, 'pointsPerDay:3000');
  assert.equal(per({ points: 500n }, usage({}, { points: 2500n })).ok, true, 'exactly the day limit');
  assert.equal(per({ value: 501n }).limit, 'valuePerMinute:500');
  const calls = per({ points: 1n }, usage({ calls: 3n }));
  assert.deepEqual([calls.limit, calls.retryAfterMs], ['callsPerMinute:3', 1234]);
  assert.equal(per({ unbounded: { field: 'x', reason: 'why' } }).limit, 'amount');
  assert.equal(per({ unbounded: { reason: 'why' } }, usage({ calls: 3n })).limit, 'callsPerMinute:3', 'calls first');
  assert.equal(per({ vouchers: 3n, voucherValue: 0n }).limit, 'vouchers:2');
  const faceless = per({ vouchers: 1n, voucherValue: null });
  assert.deepEqual([faceless.limit, /face value/.test(faceless.message)], ['voucherValue:5000', true]);
  assert.equal(per({ vouchers: 0n, voucherValue: null }).ok, true, 'no voucher, nothing to know');
  // A role without amount limits takes what cannot be bounded.
  assert.equal(
    admit({ limits: { callsPerMinute: 9 }, usage: usage(), effect: effect({ unbounded: { reason: 'r' } }) }).ok,
    true,
  );
  // BigInt throughout: amounts past 2^53 compare exactly.
  assert.equal(
    admit({ limits: { points: 2 ** 53 - 1 }, usage: usage(), effect: effect({ points: 2n ** 53n }) }).ok,
    false,
  );
});

test('scrubber: every encoding of a secret, credentials by name, mobiles; deep values without recursion', () => {
  const { text, value } = scrubber({ secrets: ['s3cr3t-value', 'another-one'] });
  for (const s of [
    's3cr3t-value',
    '%73%33%63%72%33%74%2D%76%61%6C%75%65',
    '%2573%2533cr3t-value',
    '&#115;&#51;cr3t-value',
    '&#x73;3cr3t-val&#117;e',
    '\\u0073\\u0033cr3t-value',
    '\\x73\\x33cr3t-value',
    Buffer.from('s3cr3t-value').toString('hex').toUpperCase(),
    Buffer.from('..s3cr3t-value..').toString('base64'),
  ])
    assert.ok(!/cr3t|7333|V2YWx1/.test(text(`a ${s} b`).replace(/\[REDACTED\]/g, '')), s);
  assert.equal(text('app_secret=abc123&x=1'), 'app_secret=[REDACTED]&x=1');
  assert.equal(text('<access_token>zzz</access_token>'), '<access_token>[REDACTED]</access_token>');
  assert.equal(text("{'sign': 'ABCDEF'}"), "{'sign': '[REDACTED]'}");
  assert.equal(text('sign_method=md5'), 'sign_method=md5', 'a name that only starts like one');
  assert.equal(text('call 138 0000 0001'), 'call 138****0001');
  assert.equal(text('call 138 0000 0001', false), 'call 138 0000 0001');
  let deep = { mobile: '13800000001' };
  for (let i = 0; i < 100_000; i++) deep = { next: deep };
  let out = value(deep);
  for (let i = 0; i < 100_000; i++) out = out.next;
  assert.equal(out.mobile, '138****0001');
  assert.deepEqual(value({ Password: 'x', list: [13912345678, 5, true, null] }), {
    Password: '[REDACTED]',
    list: ['139****5678', 5, true, null],
  });
});

test('scrubber: a secret or mobile cut by an excerpt leaves no fragment, in every encoding it knows', () => {
  const secret = 's3cr3t-value';
  const { text } = scrubber({ secrets: [secret] });
  const bytes = [...Buffer.from(secret)];
  const h2 = (b) => b.toString(16).padStart(2, '0');
  const encodings = {
    raw: secret,
    percent: bytes.map((b) => `%${h2(b).toUpperCase()}`).join(''),
    percentTwice: bytes.map((b) => `%25${h2(b)}`).join(''),
    decimalEntity: bytes.map((b) => `&#${b};`).join(''),
    hexEntity: bytes.map((b) => `&#x${h2(b)};`).join(''),
    unicodeEscape: bytes.map((b) => `\\u00${h2(b)}`).join(''),
    hexEscape: bytes.map((b) => `\\x${h2(b)}`).join(''),
    hex: Buffer.from(secret).toString('hex'),
    base64: Buffer.from(secret).toString('base64'),
    base64Shifted: Buffer.from(`..${secret}`).toString('base64'),
    base64url: Buffer.from(`.${secret}`).toString('base64url'),
  };
  for (const [name, encoded] of Object.entries(encodings))
    for (let k = 2; k < encoded.length; k++)
      for (const lead of ['found `', 'found `....', 'x=']) {
        const fragment = encoded.slice(0, k);
        const out = text(`HTTP 502: ${lead}${fragment}…`);
        assert.ok(!out.includes(fragment), `${name} cut at ${k}: ${out}`);
        assert.ok(out.startsWith('HTTP 502:') && out.endsWith('…'), out);
      }
  // Mobiles cut before they can be masked, in the notations the masker knows.
  for (const cut of ['1391234', '139 1234 5', '+86 139-1234', '１３９１２３４', '0086 139.12'])
    assert.ok(!/\d{3}|[１-９]{3}/.test(text(`customer ${cut}…`).replace('customer', '')), cut);
  // What comes before the cut word stays; text without a cut is untouched.
  assert.equal(text('the page was not found…'), 'the page was not…');
  assert.equal(text('a … b'), 'a… b');
  assert.equal(text('no cut here'), 'no cut here');
});

test('audit query: filters by name, bad values refused by name; own rows forced', () => {
  const q = auditQuery(new URLSearchParams('from=2026-01-01&operator=op-x&page_size=20&before=99'), 'op-me');
  assert.deepEqual(q, { page: 1, pageSize: 20, from: '2026-01-01', operator: 'op-me', before: 99 });
  for (const [bad, field] of [
    ['from=yesterday', 'from'],
    ['page_size=501', 'page_size'],
    ['page=0', 'page'],
    ['page=400', 'page'],
    ['before=1e3', 'before'],
    [`customer=${'x'.repeat(201)}`, 'customer'],
    ['where=1', 'where'],
    ['writes=yes', 'writes'],
  ])
    assert.throws(
      () => auditQuery(new URLSearchParams(bad)),
      (e) => e.field === field,
      bad,
    );
});

test('audit pages go on by cursor: every filter reads by an index in id order, never sorting or skipping rows', async () => {
  const db = await worker.mf.getD1Database('AUDIT_DB');
  for (const filters of [
    '',
    'operator=op-x',
    'customer=c-1',
    'operation=alibaba.alsc.crm.point.extra.consume',
    'operator=op-x&from=2026-01-01&to=2026-02-01',
    'from=2026-01-01',
    'writes=1',
    'operator=op-x&writes=1',
    'order_id=ORD-1',
  ])
    for (const cursor of ['', '&before=400000']) {
      const { sql, args } = auditSql(auditQuery(new URLSearchParams(filters + cursor)));
      assert.ok(!/OFFSET/i.test(sql), sql);
      const plan = (
        await db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...args)
          .all()
      ).results.map((r) => r.detail);
      const text = plan.join(' | ');
      assert.ok(!/TEMP B-TREE/.test(text), `${filters}${cursor}: ${text}`);
      // A day range alone walks the table back by id from the cursor, filtering days on the way.
      if (/operator|customer|operation|order_id/.test(filters))
        assert.match(text, /USING (COVERING )?INDEX/, `${filters}: ${text}`);
    }
});

test('an audit day range reads only the span of ids its days hold, and keeps a row written late', async () => {
  const db = await worker.mf.getD1Database('AUDIT_DB');
  const plan = async (filters) => {
    const { sql, args } = auditSql(auditQuery(new URLSearchParams(filters)));
    const rows = (
      await db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...args)
        .all()
    ).results;
    return rows.map((r) => r.detail).join(' | ');
  };
  // A busy operator's old day: its (operator, id) index is walked between the day's ids, not
  // back from the newest row.
  assert.match(
    await plan('operator=op-x&from=2025-03-01&to=2025-03-01'),
    /audit_operator_id \(operator=\? AND id>\? AND id<\?\)/,
  );
  // Rows of three days, then two more of the first day written after the third's (an outbox
  // drained late): every range answers exactly the rows of its days, newest first.
  const row = (day, i) => ({
    entry: `span-${day}-${i}`,
    at: `${day}T01:00:00Z`,
    day,
    operator: 'op-span',
    outcome: 'ok',
    status: 200,
  });
  await insertAudit(
    db,
    ['2025-03-01', '2025-03-02', '2025-03-03'].flatMap((d) => [0, 1, 2].map((i) => row(d, i))),
  );
  await insertAudit(db, [row('2025-03-01', 'late-1'), row('2025-03-01', 'late-2')]);
  const all = (await db.prepare("SELECT id, day FROM audit WHERE operator = 'op-span' ORDER BY id DESC").all()).results;
  for (const [from, to, cursor] of [
    ['2025-03-01', '2025-03-01'],
    ['2025-03-02', '2025-03-02'],
    ['2025-03-01', '2025-03-02'],
    [undefined, '2025-03-01'],
    ['2025-03-02', undefined],
    ['2025-02-30', '2025-03-01'],
    ['2025-03-04', '2025-03-09'],
    ['2025-03-01', '2025-03-03', all[1].id],
  ]) {
    const params = new URLSearchParams({ operator: 'op-span', page_size: '500' });
    if (from) params.set('from', from);
    if (to) params.set('to', to);
    if (cursor) params.set('before', String(cursor));
    const want = all.filter((r) => (!from || r.day >= from) && (!to || r.day <= to) && (!cursor || r.id < cursor));
    const got = (await readAudit(db, auditQuery(params))).rows.map((r) => r.id);
    assert.deepEqual(
      got,
      want.map((r) => r.id),
      params.toString(),
    );
  }
});

test('audit writes=1 keeps the writes of every platform (a refused attempt too), and the reads go; order_id narrows to one order', async () => {
  assert.equal(auditQuery(new URLSearchParams('writes=0')).writes, undefined);
  const db = await worker.mf.getD1Database('AUDIT_DB');
  const at = '2026-01-02T03:04:05.000Z';
  const rows = [
    ['w-top', 'alibaba.alsc.crm.point.extra.consume', 'ok', 'ORD-V'],
    ['w-refused', 'alibaba.alsc.crm.recharge.dedut.update', 'LIMIT_EXCEEDED', 'ORD-W'],
    ['w-u8', 'u8:points/change', 'ok', null],
    ['r-read', 'alibaba.alsc.crm.open.customer.get', 'ok', null],
  ];
  for (const [entry, operation, outcome, order] of rows)
    await db
      .prepare(
        'INSERT INTO audit (entry, at, day, operator, operation, outcome, order_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, 200)',
      )
      .bind(entry, at, '2026-01-02', 'op-writes', operation, outcome, order)
      .run();
  const read = async (params) =>
    (await readAudit(db, auditQuery(new URLSearchParams(`operator=op-writes&${params}`)))).rows.map((r) => r.operation);
  assert.deepEqual(await read('writes=1'), [
    'u8:points/change',
    'alibaba.alsc.crm.recharge.dedut.update',
    'alibaba.alsc.crm.point.extra.consume',
  ]);
  assert.equal((await read('writes=0')).length, 4);
  assert.deepEqual(await read('order_id=ORD-W'), ['alibaba.alsc.crm.recharge.dedut.update']);
});

test('audit pages stop at their byte cap and say where to go on', async () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({ id: 100 - i, customer: 'x'.repeat(20_000) }));
  const db = { prepare: () => ({ bind: () => ({ all: async () => ({ results: rows }) }) }) };
  const page = await readAudit(db, { page: 1, pageSize: 30 });
  assert.ok(JSON.stringify(page.rows).length <= PAGE_BYTES);
  assert.deepEqual([page.truncated, page.has_next, page.next_before], [true, true, page.rows.at(-1).id]);
  const one = await readAudit(
    {
      prepare: () => ({ bind: () => ({ all: async () => ({ results: [{ id: 1, customer: 'y'.repeat(400_000) }] }) }) }),
    },
    { page: 1, pageSize: 5 },
  );
  assert.equal(one.rows.length, 1, 'a single row always comes, so paging goes on');
});

test('CSV cells: quoted for separators, quotes and breaks; defused when they start a formula', () => {
  assert.equal(cell('a;=1+1;'), '"a;=1+1;"');
  assert.equal(cell('a,b'), '"a,b"');
  assert.equal(cell('say "hi"'), '"say ""hi"""');
  assert.equal(cell('=1+1'), "'=1+1");
  assert.equal(cell('=A1;B1'), `"'=A1;B1"`);
  assert.equal(cell(' -2'), "' -2");
  assert.equal(cell('＝SUM(1)'), "'＝SUM(1)");
  assert.equal(cell('line\nbreak'), '"line\nbreak"');
  assert.equal(cell(null), '');
  assert.equal(cell(42), '42');
  const csv = toCsv([{ id: 1, customer: '@x', outcome: 'ok' }]);
  assert.match(csv.split('\r\n')[1], /^1,.*,'@x,/);
});

test('idempotency summaries: canonical digests, small answers whole, large ones their ids and balances', () => {
  assert.equal(canonical({ b: [1, { d: 2, c: 3 }], a: 'x' }), '{"a":"x","b":[1,{"c":3,"d":2}]}');
  const small = { ok: true, data: { result: 'PF1' }, request_id: 'r' };
  assert.equal(bounded(small), small);
  const large = bounded({
    ok: true,
    data: {
      result: {
        current_value: 5,
        flow_id: '9007199254740993',
        list: Array.from({ length: 500 }, (_, i) => ({ voucher_id: `V${i}`, note: 'n'.repeat(50) })),
      },
    },
    request_id: 'r',
  });
  assert.ok(JSON.stringify(large).length < 4096);
  assert.equal(large.data.summary['result.flow_id'], '9007199254740993');
  assert.equal(large.data.summary['result.current_value'], 5);
});

test('outcomes: only documented refusals are final; a documented "try later" applied nothing; the rest is unknown', () => {
  const e = (info) => new SdkError({ message: 'm', retriable: false, ...info });
  for (const [info, want] of [
    [{ code: 'BIZ_ERROR', platformCode: 'POINT_NOT_ENOUGH' }, 'refused'],
    [{ code: 'TOP_ERROR', platformCode: '41', subCode: 'isv.invalid-parameter' }, 'refused'],
    [{ code: 'TOP_ERROR', platformCode: '25' }, 'refused'],
    [{ code: 'TOP_ERROR', platformCode: '15', subCode: 'isp.remote-service-unavailable' }, 'unknown'],
    [{ code: 'TOP_ERROR', platformCode: '41', subCode: 'isp.x' }, 'unknown'],
    [{ code: 'TOP_ERROR', platformCode: '7', retriable: true }, 'unsent'],
    [{ code: 'RATE_LIMITED', platformCode: '7', retriable: true }, 'unsent'],
    [{ code: 'TOP_ERROR', platformCode: '999' }, 'unknown'],
    [{ code: 'U8_ERROR', platformCode: '2001' }, 'refused'],
    [{ code: 'U8_ERROR', platformCode: '30021' }, 'refused'],
    [{ code: 'U8_ERROR', platformCode: '2001', retriable: true }, 'unsent'],
    [{ code: 'U8_ERROR', platformCode: '99999' }, 'unknown'],
    [{ code: 'U8_ERROR', platformCode: '-1' }, 'unknown'],
    [{ code: 'HTTP_ERROR', platformCode: '404' }, 'unknown'],
    [{ code: 'DECODE_ERROR' }, 'unknown'],
    [{ code: 'TIMEOUT', retriable: true }, 'unknown'],
    [{ code: 'INVALID_PARAM' }, 'unsent'],
    [{ code: 'RATE_LIMITED', platformCode: '7', retriable: true, retryAfterMs: 5000 }, 'unsent'],
  ])
    assert.equal(outcomeOf(e(info)), want, JSON.stringify(info));
  assert.equal(outcomeOf(new Error('x')), 'unknown');
});

test('outcomes: a call is judged by every attempt it made, not only its last', () => {
  const e = (info, earlier) => {
    const err = new SdkError({ message: 'm', retriable: true, ...info });
    if (earlier) Object.defineProperty(err, 'earlier', { value: earlier });
    return err;
  };
  const busy = { code: 'U8_ERROR', platformCode: '2001', subCode: 'transient' };
  const ban = { code: 'RATE_LIMITED', platformCode: '7', retryAfterMs: 5000 };
  const lost = e({ code: 'NETWORK_ERROR' });
  const slow = e({ code: 'TIMEOUT' });
  for (const [label, err, want] of [
    ['busy alone', e(busy), 'unsent'],
    ['busy after a lost answer', e(busy, [lost]), 'unknown'],
    ['busy after a timeout and busy', e(busy, [slow, e(busy)]), 'unknown'],
    ['busy after busy', e(busy, [e(busy)]), 'unsent'],
    ['a ban after a lost answer', e(ban, [lost]), 'unknown'],
    ['a final refusal after busy', e({ ...busy, subCode: 'rejected', retriable: false }, [e(busy)]), 'refused'],
    ['a final refusal after a lost answer', e({ code: 'BIZ_ERROR', retriable: false }, [lost]), 'unknown'],
    ['a token that could not be had, after a lost answer', e({ code: 'TIMEOUT' }, [lost]), 'unknown'],
  ])
    assert.equal(outcomeOf(err), want, label);
});

let stack;
let worker;
before(async () => {
  stack = await startStack();
  worker = stack.proxy;
});
after(() => stack?.close());

const plain = (x) => JSON.parse(JSON.stringify(x));
async function ledger(name) {
  const ns = await worker.mf.getDurableObjectNamespace('OPERATORS');
  return ns.get(ns.idFromName(name));
}
// Today's GMT+8 day: the alarm drops usage of days long past.
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const call = (extra = {}) => ({
  key: null,
  content: 'c',
  day: TODAY,
  minute: `${TODAY}T10:00`,
  now: Date.now(),
  limits: { points: 100, pointsPerDay: 150, callsPerMinute: 5 },
  writes: true,
  maxBacklog: 1000,
  windowMs: 60_000,
  draftMs: 60_000,
  effect: { points: '60', value: '0', vouchers: '0' },
  voucherIds: [],
  row: { operation: 'x', operator: 'op' },
  ...extra,
});

test('OperatorLedger: admits, replays, conflicts, releases a refusal, holds the unknown', async () => {
  const l = await ledger('unit-1');
  const pending = plain(await l.begin(call({ key: 'K1' })));
  assert.deepEqual([pending.verdict, pending.retry], ['go', false]);
  assert.equal(plain(await l.begin(call({ key: 'K1', content: 'other' }))).verdict, 'conflict');
  const over = plain(await l.begin(call({ key: 'K2', effect: { points: '100', value: '0', vouchers: '0' } })));
  assert.deepEqual([over.verdict, over.admission?.limit], ['limit', 'pointsPerDay:150'], JSON.stringify(over));
  await l.finish({
    key: 'K1',
    attempt: pending.attempt,
    outcome: 'refused',
    answer: { status: 409, body: { ok: false } },
    row: { outcome: 'BIZ_ERROR' },
    now: Date.now(),
    windowMs: 60_000,
  });
  const replay = plain(await l.begin(call({ key: 'K1' })));
  assert.deepEqual([replay.verdict, replay.answer.status], ['replay', 409]);
  assert.equal(plain(await l.begin(call({ key: 'K1' }))).verdict, 'replay', 'and again');
  // The refusal was released: 100 more fit the day now.
  const again = plain(await l.begin(call({ key: 'K3', effect: { points: '100', value: '0', vouchers: '0' } })));
  assert.equal(again.verdict, 'limit', 'the sixth call this minute');
  assert.equal(again.admission.limit, 'callsPerMinute:5');
  const next = plain(
    await l.begin(call({ key: 'K3', minute: `${TODAY}T10:01`, effect: { points: '100', value: '0', vouchers: '0' } })),
  );
  assert.equal(next.verdict, 'go');
  await l.finish({ key: 'K3', attempt: next.attempt, outcome: 'unknown', row: {}, now: Date.now(), windowMs: 60_000 });
  // A key sent again while its first attempt was out is held: a refusal or "not sent" of one
  // attempt cannot undo another, so only an applied answer ends it.
  const minute = `${TODAY}T10:02`;
  const first = plain(await l.begin(call({ key: 'K4', minute, effect: { points: '10', value: '0', vouchers: '0' } })));
  const second = plain(await l.begin(call({ key: 'K4', minute, effect: { points: '10', value: '0', vouchers: '0' } })));
  assert.deepEqual(
    [first.verdict, second.verdict, second.retry],
    ['go', 'go', true],
    'a pending key is sent again, not reserved again',
  );
  for (const [attempt, outcome] of [
    [second.attempt, 'unsent'],
    [first.attempt, 'refused'],
  ])
    await l.finish({
      key: 'K4',
      attempt,
      outcome,
      answer: { status: 409 },
      row: {},
      now: Date.now(),
      windowMs: 60_000,
    });
  const states = async () => plain(await l.records()).map((r) => [r.key, r.state]);
  assert.deepEqual(await states(), [
    ['K1', 'refused'],
    ['K3', 'held'],
    ['K4', 'held'],
  ]);
  const day = plain(await l.touch({ day: TODAY, minute, now: Date.now(), limits: {} })).usage.day;
  assert.equal(day.points, '110', 'K3 and K4 stay reserved');
  await l.finish({
    key: 'K4',
    attempt: first.attempt,
    outcome: 'applied',
    answer: { status: 200 },
    row: {},
    now: Date.now(),
    windowMs: 60_000,
  });
  assert.deepEqual((await states())[2], ['K4', 'applied']);
});

test('OperatorLedger: records expire after the window, by alarm', async () => {
  const l = await ledger('unit-2');
  const got = plain(await l.begin(call({ key: 'E1', windowMs: 200 })));
  await l.finish({
    key: 'E1',
    attempt: got.attempt,
    outcome: 'applied',
    answer: { status: 200, body: { ok: true } },
    row: {},
    now: Date.now(),
    windowMs: 200,
  });
  assert.equal(plain(await l.records()).length, 1);
  // The alarm that drains the row also drops what expired; a later one sweeps again.
  for (let i = 0; i < 100 && plain(await l.records()).length; i++) {
    await new Promise((r) => setTimeout(r, 50));
    await l.finish({ key: null, attempt: -1, outcome: 'applied', row: {}, now: Date.now(), windowMs: 200 });
  }
  assert.equal(plain(await l.records()).length, 0);
});

test('OrderBook: what an order recorded, by whom and where; refused writes do not count', async () => {
  const ns = await worker.mf.getDurableObjectNamespace('ORDERS');
  const book = ns.get(ns.idFromName('unit-brand'));
  const note = (entry, extra) => ({
    entry,
    order: 'O',
    operator: 'op-a',
    shop: '20001',
    kind: 'effect',
    points: '10',
    value: '5',
    vouchers: '1',
    voucherIds: ['V'],
    state: 'pending',
    at: Date.now(),
    ...extra,
  });
  await book.note([
    note('a|1'),
    note('b|2', { operator: 'op-b', shop: '20002', points: '7' }),
    note('a|3', { state: 'refused', points: '1000' }),
  ]);
  await book.note([note('a|1', { state: 'applied' })]);
  const [o, none] = plain(await book.lookup({ orders: ['O', 'NONE'] }));
  assert.deepEqual(
    [o.known, o.points, o.value, o.vouchers, o.operators.sort(), o.shops.sort()],
    [true, '17', '10', '2', ['op-a', 'op-b'], ['20001', '20002']],
  );
  assert.equal(none.known, false);
});

test('OrderBook: an order is its first recorded write’s customer; its points’ customers are kept beside', async () => {
  const ns = await worker.mf.getDurableObjectNamespace('ORDERS');
  const book = ns.get(ns.idFromName('unit-brand-customers'));
  const at = Date.now();
  const note = (entry, extra) => ({
    entry,
    order: 'C',
    operator: 'op-a',
    shop: '20001',
    kind: 'effect',
    points: '0',
    value: '0',
    vouchers: '0',
    voucherIds: [],
    state: 'applied',
    ...extra,
  });
  // Arriving out of order (two operators' outboxes): the earliest write names the customer.
  await book.note([
    note('b|2', { customer: 'customer_id:B', points: '1', at: at + 5 }),
    note('a|1', { customer: 'customer_id:A', value: '500', at }),
    note('c|3', { customer: 'mobile#00ff', points: '9', at: at + 9, state: 'refused' }),
    note('d|4', { points: '4', at: at + 7 }),
  ]);
  const [o] = plain(await book.lookup({ orders: ['C'] }));
  assert.equal(o.customer, 'customer_id:A');
  assert.deepEqual(o.customers, ['customer_id:B', null], 'only writes that moved points, refused ones left out');
});

test('what a write moved: the answer where it states it, else the smaller reading of its fields', () => {
  const P = 'alibaba.alsc.crm.';
  const topUp = { method: `${P}recharge.charge.update` };
  const padded = { real_value: 1, gift_value: 2, pre_value: 5000 };
  const bound = { points: 0n, value: 5003n, vouchers: 0n, voucherIds: [] };
  // 预储 may or may not move: before an answer, real and gift only; the answer's 交易总金额 says.
  assert.equal(movedOf(topUp, padded, bound).value, 3n);
  assert.equal(movedOf(topUp, padded, bound, { result: { order_value: 3 } }).value, 3n);
  assert.equal(movedOf(topUp, padded, bound, { result: { order_value: '5003' } }).value, 5003n);
  // A voucher change moves no points (待核销点数), and only the vouchers the answer says changed.
  const change = { method: `${P}voucher.status.change` };
  const listed = { points: 3000n, value: 0n, vouchers: 2n, voucherIds: ['V1', 'V2'] };
  assert.deepEqual(movedOf(change, {}, listed), { points: 0n, value: 0n, voucherIds: ['V1', 'V2'] });
  const answer = {
    result: {
      voucher_status_list: [
        { is_success: true, voucher_id: 'V1' },
        { is_success: false, voucher_id: 'V2' },
      ],
    },
  };
  assert.deepEqual(movedOf(change, {}, listed, answer).voucherIds, ['V1']);
  assert.deepEqual(movedOf(change, {}, listed, { result: {} }).voucherIds, [], 'an answer listing none changed none');
  // Exact amounts move as they are.
  const consume = { method: `${P}point.extra.consume` };
  assert.equal(movedOf(consume, {}, { points: 7n, value: 0n, vouchers: 0n, voucherIds: [] }, 'PF1').points, 7n);
});

test('OrderBook: what an order’s writes moved, the answer’s once it arrives; whom every write named', async () => {
  const ns = await worker.mf.getDurableObjectNamespace('ORDERS');
  const book = ns.get(ns.idFromName('unit-brand-moved'));
  const note = (entry, extra) => ({
    entry,
    order: 'M',
    operator: 'op-a',
    shop: '20001',
    kind: 'effect',
    points: '3000',
    value: '5001',
    vouchers: '1',
    voucherIds: ['V'],
    state: 'pending',
    at: Date.now(),
    customer: 'customer_id:A',
    ...extra,
  });
  await book.note([note('a|1', { moved: { points: '0', value: '1', voucherIds: ['V'] } })]);
  await book.note([note('a|1', { state: 'applied', moved: { points: '0', value: '1', voucherIds: [] } })]);
  // A note from before notes kept what they moved: the most it could move.
  await book.note([note('b|2', { customer: 'card_id#00ff', points: '5', value: '0', vouchers: '0', voucherIds: [] })]);
  const [o] = plain(await book.lookup({ orders: ['M'] }));
  assert.deepEqual([o.points, o.value], ['3005', '5001'], 'the most they could move');
  assert.deepEqual(o.moved, { points: '5', value: '1', voucherIds: [] });
  assert.deepEqual(o.named, ['customer_id:A', 'card_id#00ff']);
});

test('U8TokenHolder: one token for concurrent askers, renewed once when reported stale, counted by the gateway too', async () => {
  const ns = await worker.mf.getDurableObjectNamespace('U8_TOKEN');
  const holder = ns.get(ns.idFromName('unit-u8'));
  const issuedBy = async () => (await stack.sandbox()).u8_tokens_issued;
  const start = await issuedBy();
  const first = plain(await Promise.all(Array.from({ length: 8 }, () => holder.token())));
  assert.equal(new Set(first.map((t) => t.token)).size, 1, 'every asker gets the one token');
  assert.ok(first[0].token, JSON.stringify(first[0]));
  assert.equal(await holder.issued(), 1);
  assert.equal(await issuedBy(), start + 1, 'one request to U8 for eight askers');
  // Reported invalid: renewed once, however many callers report the same stale token.
  const renewed = plain(await Promise.all([holder.token(first[0].token), holder.token(first[0].token)]));
  assert.notEqual(renewed[0].token, first[0].token);
  assert.equal(renewed[1].token, renewed[0].token);
  assert.equal(await holder.issued(), 2);
  // A report of a token already replaced renews nothing.
  assert.equal(plain(await holder.token(first[0].token)).token, renewed[0].token);
  assert.equal(await holder.issued(), 2);
  assert.equal(await issuedBy(), start + 2);
});

test("U8TokenHolder: a source code is its first operator's; another's claim takes nothing, not even the free codes", async () => {
  const ns = await worker.mf.getDurableObjectNamespace('U8_TOKEN');
  const holder = ns.get(ns.idFromName('unit-u8-codes'));
  const expires = Date.now() + 3600_000;
  const mine = plain(await holder.claim({ codes: ['SC-1'], operator: 'op-a', brands: ['10001'], expires }));
  assert.deepEqual(mine.taken, []);
  assert.ok(mine.token);
  const theirs = plain(await holder.claim({ codes: ['SC-2', 'SC-1'], operator: 'op-b', brands: ['10002'], expires }));
  assert.deepEqual(theirs.taken, ['SC-1']);
  assert.deepEqual(
    plain(await holder.owners({ codes: ['SC-1', 'SC-2'], operator: 'op-a', originals: ['SC-1', 'SC-9'] })),
    {
      taken: [],
      originals: [{ code: 'SC-1', operator: 'op-a', brands: ['10001'] }],
    },
  );
  assert.deepEqual(
    plain(await holder.owners({ codes: ['SC-2'], operator: 'op-c', originals: [] })).taken,
    [],
    'SC-2 was not claimed by the refused call',
  );
  // The same operator again replays; an expired claim is free for anyone.
  assert.deepEqual(
    plain(await holder.claim({ codes: ['SC-1'], operator: 'op-a', brands: ['10001'], expires })).taken,
    [],
  );
  await holder.claim({ codes: ['SC-old'], operator: 'op-a', brands: ['10001'], expires: Date.now() - 1 });
  assert.deepEqual(plain(await holder.owners({ codes: ['SC-old'], operator: 'op-b', originals: [] })).taken, []);
});

test('CSV: a header of every column, one line per row, then the counted refusals, CRLF-terminated', () => {
  const csv = toCsv(
    [
      { id: 7, at: '2026-01-02T03:04:05Z', operator: 'op-a', outcome: 'ok', customer: '138****0001' },
      { id: 8, operator: 'op-b', outcome: 'LIMIT_EXCEEDED' },
    ],
    [{ minute: '2026-01-02T03:05', operator: 'op-c', outcome: 'RATE_LIMITED', count: 12 }],
  );
  assert.ok(csv.endsWith('\r\n'));
  const lines = csv.slice(0, -2).split('\r\n');
  assert.equal(lines.length, 4);
  const header = lines[0].split(',');
  assert.deepEqual(header, COLUMNS);
  const row = (i) => Object.fromEntries(lines[i].split(',').map((v, k) => [header[k], v]));
  assert.deepEqual([row(1).id, row(1).operator, row(1).customer], ['7', 'op-a', '138****0001']);
  assert.deepEqual([row(2).id, row(2).at, row(2).outcome], ['8', '', 'LIMIT_EXCEEDED']);
  const counted = row(3);
  assert.deepEqual(
    [counted.id, counted.at, counted.day, counted.operator, counted.outcome, counted.result],
    ['', '2026-01-02T03:05', '2026-01-02', 'op-c', 'RATE_LIMITED', 'counted: 12'],
  );
});
