// The U8 member links (routes/links.js): a brand's customer and their U8 member, set once by an
// operator and audited, read by customer or by member, replaced only by a role that may; the
// member's U8 points as an applied points/change answered them, judged by the sandbox's ledger.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, tokensWith, rolesWith, as, CUSTOMER, OTHER_CUSTOMER, MANAGER, CASHIER } from '../fixtures.mjs';

let stack;

before(async () => {
  stack = await startStack({
    vars: {
      CONSOLE_TOKENS: tokensWith({ reader: { role: 'reader' }, poster: { role: 'poster' } }),
      ROLES: rolesWith({
        // Finds customers, never works with U8: reads links, sets none.
        reader: { methods: ['alibaba.alsc.crm.open.customer.get'] },
        // Works with U8 without finding customers: sets links, reads none.
        poster: { methods: ['u8:points/change'] },
      }),
    },
  });
});
after(() => stack?.close());

const put = async (body, headers = CASHIER) => {
  const r = await stack.proxy.fetchVia(0, '/v1/links', {
    method: 'PUT',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, ...(await r.json()) };
};
const get = async (query, headers = CASHIER) => {
  const r = await stack.get(0, `/v1/links?${new URLSearchParams(query)}`, headers);
  return { status: r.status, ...(await r.json()) };
};
const linkRows = async () =>
  (await (await stack.proxy.mf.getD1Database('AUDIT_DB')).prepare('SELECT * FROM u8_links ORDER BY brand').all())
    .results;
const linkAudit = async () => (await stack.rows()).filter((r) => String(r.operation).startsWith('link:'));

test('a link is set once by an operator, audited with who and when, and read by customer and by U8 member id', async () => {
  const started = Date.now();
  const set = await put({ customer_id: 'C-100', u8_member_id: 'M-100' });
  assert.equal(set.status, 201);
  assert.equal(set.data.created, true);
  const link = set.data.link;
  assert.deepEqual([link.brand_id, link.customer_id, link.u8_member_id], ['10001', 'C-100', 'M-100']);
  assert.equal(link.linked_by, 'op-cashier-01');
  assert.ok(Date.parse(link.linked_at) >= started - 1000 && Date.parse(link.linked_at) <= Date.now());
  assert.equal(link.u8_points, null, 'no U8 answer seen for this member yet');

  const rows = (await linkAudit()).filter((r) => r.customer === 'C-100');
  assert.equal(rows.length, 1);
  assert.deepEqual(
    [rows[0].operation, rows[0].operator, rows[0].role, rows[0].brand, rows[0].at, rows[0].outcome],
    ['link:u8', 'op-cashier-01', 'cashier', '10001', link.linked_at, 'ok'],
  );
  assert.match(rows[0].result, /M-100/);

  // Any operator of the brand reads it, by the customer or by the member.
  const byCustomer = await get({ customer_id: 'C-100' }, MANAGER);
  assert.equal(byCustomer.status, 200);
  assert.deepEqual(byCustomer.data.link, link);
  const byMember = await get({ brand_id: '10001', u8_member_id: 'M-100' }, MANAGER);
  assert.equal(byMember.data.link.customer_id, 'C-100');
  assert.equal((await get({ customer_id: 'C-NONE' })).data.link, null);

  // The same link again changes nothing and writes no second row.
  const again = await put({ brand_id: '10001', customer_id: 'C-100', u8_member_id: 'M-100' }, MANAGER);
  assert.equal(again.status, 200);
  assert.equal(again.data.created, false);
  assert.equal(again.data.link.linked_by, 'op-cashier-01');
  assert.equal((await linkAudit()).filter((r) => r.customer === 'C-100').length, 1);
});

test('a second, different link is refused, for the customer and for the member, unless a manager replaces it', async () => {
  await put({ customer_id: 'C-200', u8_member_id: 'M-200' });
  const other = await put({ customer_id: 'C-200', u8_member_id: 'M-201' });
  assert.equal(other.status, 409);
  assert.deepEqual([other.error.code, other.error.field], ['LINK_EXISTS', 'customer_id']);
  assert.equal(other.error.details[0].u8_member_id, 'M-200');
  const taken = await put({ customer_id: 'C-201', u8_member_id: 'M-200' });
  assert.equal(taken.status, 409);
  assert.deepEqual([taken.error.code, taken.error.field], ['LINK_EXISTS', 'u8_member_id']);
  assert.equal(taken.error.details[0].customer_id, 'C-200');
  // A cashier asking to replace it may not.
  const forced = await put({ customer_id: 'C-200', u8_member_id: 'M-201', replace: true });
  assert.equal(forced.status, 403);
  assert.deepEqual([forced.error.code, forced.error.field], ['FORBIDDEN', 'replace']);
  assert.equal((await get({ customer_id: 'C-200' })).data.link.u8_member_id, 'M-200');
  assert.equal((await get({ customer_id: 'C-201' })).data.link, null);

  // A manager replaces it: the member it had is free again, and the audit says what was.
  const replaced = await put({ customer_id: 'C-200', u8_member_id: 'M-201', replace: true }, MANAGER);
  assert.equal(replaced.status, 201);
  assert.deepEqual(
    [replaced.data.link.u8_member_id, replaced.data.link.replaces, replaced.data.link.linked_by],
    ['M-201', 'M-200', 'op-manager-01'],
  );
  assert.equal((await get({ u8_member_id: 'M-200' })).data.link, null);
  assert.equal((await get({ u8_member_id: 'M-201' })).data.link.customer_id, 'C-200');
  const audit = (await linkAudit()).filter((r) => r.customer === 'C-200');
  assert.deepEqual(
    audit.map((r) => [r.operation, r.operator]),
    [
      ['link:u8', 'op-cashier-01'],
      ['link:u8:replace', 'op-manager-01'],
    ],
  );
  assert.match(audit[1].result, /C-200=M-200/);
  // One row per customer and one per member, in D1.
  const rows = (await linkRows()).filter((r) => ['C-200', 'C-201'].includes(r.customer_id));
  assert.deepEqual(
    rows.map((r) => [r.customer_id, r.u8_member_id]),
    [['C-200', 'M-201']],
  );
});

test('scope and permissions: another brand is out of scope; reading needs customer lookup, linking needs U8', async () => {
  const out = await put({ brand_id: '99999', customer_id: 'C-300', u8_member_id: 'M-300' });
  assert.equal(out.status, 403);
  assert.deepEqual([out.error.code, out.error.field], ['OUT_OF_SCOPE', 'brand_id']);
  const outRead = await get({ brand_id: '99999', customer_id: 'C-300' });
  assert.deepEqual([outRead.status, outRead.error.code], [403, 'OUT_OF_SCOPE']);

  const reader = await put({ customer_id: 'C-300', u8_member_id: 'M-300' }, as('reader'));
  assert.deepEqual([reader.status, reader.error.code], [403, 'FORBIDDEN']);
  assert.equal((await get({ customer_id: 'C-300' }, as('reader'))).status, 200);
  const poster = await get({ customer_id: 'C-300' }, as('poster'));
  assert.deepEqual([poster.status, poster.error.code], [403, 'FORBIDDEN']);
  assert.equal((await put({ customer_id: 'C-300', u8_member_id: 'M-300' }, as('poster'))).status, 201);
  assert.equal((await get({ customer_id: 'C-300' })).data.link.linked_by, 'op-poster');
  // Without signing in, nothing.
  assert.equal((await get({ customer_id: 'C-300' }, {})).status, 401);
  assert.equal((await linkAudit()).filter((r) => r.customer === 'C-300').length, 1, 'refusals set nothing');
});

test('bad input is refused naming the field and the rule, never a 500', async () => {
  const cases = [
    [{ customer_id: 7027365982937563912722n.toString(), u8_member_id: 10000001 }, 'u8_member_id', 'type'],
    [{ customer_id: 'C-400' }, 'u8_member_id', 'required'],
    [{ customer_id: 'C 400', u8_member_id: 'M-400' }, 'customer_id', 'format'],
    [{ customer_id: 'C-400', u8_member_id: 'M-400', mobile: '13800000001' }, 'mobile', 'unknown'],
    [{ customer_id: 'C-400', u8_member_id: 'M-400', replace: 'yes' }, 'replace', 'type'],
    [['C-400', 'M-400'], 'body', 'type'],
    // No full mobile is ever kept, answered or audited as a link.
    [{ customer_id: 'C-400', u8_member_id: '13800000001' }, 'u8_member_id', 'mobile'],
    [{ customer_id: '138-0000-0001', u8_member_id: 'M-400' }, 'customer_id', 'mobile'],
  ];
  for (const [body, field, rule] of cases) {
    const r = await put(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.deepEqual([r.error.code, r.error.field, r.error.details[0].rule], ['INVALID_PARAM', field, rule]);
    assert.match(r.error.message, new RegExp(`^${field}: `));
  }
  assert.equal((await put('{"customer_id":')).error.field, 'body');
  const neither = await get({});
  assert.deepEqual([neither.status, neither.error.field], [400, 'customer_id']);
  const both = await get({ customer_id: 'C-400', u8_member_id: 'M-400' });
  assert.equal(both.status, 400);
  const badId = await get({ customer_id: "x' OR 1=1 --" });
  assert.deepEqual([badId.status, badId.error.field], [400, 'customer_id']);
  const unknown = await get({ customer_id: 'C-400', mobile: '13800000001' });
  assert.deepEqual([unknown.status, unknown.error.field], [400, 'mobile']);
  assert.equal((await linkRows()).filter((r) => r.customer_id === 'C-400').length, 0);
  assert.doesNotMatch(JSON.stringify(await stack.rows()), /13800000001|138-0000-0001/);
});

test("the member's U8 points are read with the link as an applied points/change left them on U8's ledger", async () => {
  const linked = await put({ customer_id: OTHER_CUSTOMER, u8_member_id: '10000002' });
  assert.equal(linked.data.link.u8_points, null);
  const source = `U8-LINK-${Date.now()}`;
  const change = await stack.post(
    0,
    '/v1/u8/points/change',
    [{ mid: '10000002', action_type: 5, ori_money: '10.00', calc_money: '10.00', ori_points: 10, source_code: source }],
    CASHIER,
  );
  assert.equal(change.status, 200);
  const ledger = (await stack.customer(OTHER_CUSTOMER)).u8.points;
  const read = (await get({ customer_id: OTHER_CUSTOMER })).data.link;
  assert.equal(read.u8_points, String(ledger));
  assert.equal(typeof read.u8_points, 'string', 'points are an exact integer string');
  assert.ok(Date.parse(read.u8_points_at) > 0);
  // The member's balance is the member's: read by member id too, and kept for an unlinked one.
  assert.equal((await get({ u8_member_id: '10000002' })).data.link.u8_points, String(ledger));
  // A replayed answer is an old one: a later change's balance stays.
  await stack.post(
    0,
    '/v1/u8/points/change',
    [
      {
        mid: '10000002',
        action_type: 5,
        ori_money: '1.00',
        calc_money: '1.00',
        ori_points: 1,
        source_code: `${source}-2`,
      },
    ],
    CASHIER,
  );
  await stack.post(
    0,
    '/v1/u8/points/change',
    [{ mid: '10000002', action_type: 5, ori_money: '10.00', calc_money: '10.00', ori_points: 10, source_code: source }],
    CASHIER,
  );
  const now = (await stack.customer(OTHER_CUSTOMER)).u8.points;
  assert.equal(now, ledger + 1);
  assert.equal((await get({ customer_id: OTHER_CUSTOMER })).data.link.u8_points, String(now));
  // No mobile in any answer of the route.
  assert.doesNotMatch(JSON.stringify(await get({ customer_id: CUSTOMER })), /1380000000\d/);
});

test("a bulk job's applied U8 rows keep the member's points too", async () => {
  await put({ customer_id: 'C-JOB', u8_member_id: '10000001' }, MANAGER);
  const file = 'mid,action_type,ori_money,calc_money,ori_points\n10000001,5,1,1,2\n10000001,5,1,1,3\n';
  const made = await (
    await stack.proxy.fetchVia(0, '/v1/jobs?operation=u8:points/change', {
      method: 'POST',
      headers: { ...MANAGER, 'content-type': 'text/csv' },
      body: file,
    })
  ).json();
  assert.equal(made.ok, true, JSON.stringify(made.error));
  await stack.post(0, `/v1/jobs/${made.data.id}/start`, '');
  let job;
  for (let i = 0; i < 400; i++) {
    job = (await (await stack.get(0, `/v1/jobs/${made.data.id}`)).json()).data;
    if (!['ready', 'running'].includes(job.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual([job.status, job.applied], ['done', 2]);
  const ledger = (await stack.customer(CUSTOMER)).u8.points;
  assert.equal((await get({ customer_id: 'C-JOB' })).data.link.u8_points, String(ledger));
});

test('a D1 failure is a 503 to try again, and a link is kept only with its audit row', async () => {
  const d1 = await stack.proxy.mf.getD1Database('AUDIT_DB');
  await d1.exec("CREATE TRIGGER links_audit_down BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
  try {
    const down = await put({ customer_id: 'C-500', u8_member_id: 'M-500' });
    assert.deepEqual([down.status, down.error.code, down.error.retriable], [503, 'AUDIT_UNAVAILABLE', true]);
    assert.equal((await linkRows()).filter((r) => r.customer_id === 'C-500').length, 0, 'no link without its row');
  } finally {
    await d1.exec('DROP TRIGGER links_audit_down;');
  }
  await d1.exec('ALTER TABLE u8_links RENAME TO u8_links_away;');
  try {
    const unread = await get({ customer_id: 'C-500' });
    assert.deepEqual([unread.status, unread.error.code], [503, 'AUDIT_UNAVAILABLE']);
  } finally {
    await d1.exec('ALTER TABLE u8_links_away RENAME TO u8_links;');
  }
  assert.equal((await put({ customer_id: 'C-500', u8_member_id: 'M-500' })).status, 201);
  assert.equal((await linkAudit()).filter((r) => r.customer === 'C-500').length, 1);
});
