// A hurried operator's findings (issue 24, audit2), in Chromium against the sandbox through the
// proxy: the audit searched by a customer finds the writes filed under their card and U8
// member; a voucher-only order is given back by restoring its vouchers; an order id typed in
// small letters; a platform refusal in 元 and, on the English screen, in English; the close's
// vouchers issued. Money judged by the sandbox's ledger and journal; screenshots at 390 and
// 1280 px in both languages with layout checks and axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  axeViolations,
  startStack,
  record,
  CUSTOMER,
  MANAGER,
  MANAGER_TOKEN,
  CONSOLE_UPSTREAM,
  openDesk,
} from '../fixtures.mjs';

const T = '/v1/top/alibaba.alsc.crm.';
const CARD = '7328763784623';
const MEMBER = '10000001';
const AT = { biz_channel: 'CS', brand_id: '10001', shop_id: '20001' };
let stack;
let shots;
let n = 0;
const unique = (prefix) => `${prefix}-${Date.now().toString(36).toUpperCase()}${++n}`;

before(async () => {
  shots = mkdtempSync(join(tmpdir(), 'audit2-shots-'));
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
});
after(() => stack?.close());

async function write(path, body, method = 'POST') {
  if (method === 'POST') return stack.write(path, body);
  const r = await (
    await stack.proxy.fetchVia(0, path, { method, headers: MANAGER, body: JSON.stringify(body) })
  ).json();
  assert.equal(r.ok, true, JSON.stringify(r.error));
  return r;
}

/** A signed-in manager's page in its own browser context, in `lang`, `width` wide. */
const desk = (opts) => openDesk(stack.browser, stack.proxy.url, MANAGER_TOKEN, { ...opts, find: false });

async function findByMobile(page) {
  await page.fill('#find-value', '138 0000 0001');
  await page.click('#find-form button[type=submit]');
  await page.waitForSelector('#customer:not([hidden]) #points-available');
}

async function lookUp(page, id) {
  await page.evaluate(() => document.querySelector('#lookup-result').replaceChildren());
  await page.fill('#lookup-id', id);
  await page.click('#lookup-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#lookup-result').children.length > 0);
}

/** Nothing in `sel` overflows its box, and no two of its direct parts overlap. */
async function laidOut(page, sel) {
  return page.$eval(sel, (root) => {
    const bad = [];
    for (const e of root.querySelectorAll('*')) {
      if (!e.getClientRects().length || getComputedStyle(e).overflowX === 'auto') continue;
      if (e.closest('[style*="overflow"], .table-wrap')) continue;
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline')
        bad.push(`${e.tagName}#${e.id}.${e.className} ${e.scrollWidth}>${e.clientWidth}`);
    }
    const parts = [...root.children].filter((e) => e.getClientRects().length).map((e) => e.getBoundingClientRect());
    for (let i = 1; i < parts.length; i++)
      if (parts[i].top < parts[i - 1].bottom - 1 && parts[i].left < parts[i - 1].right - 1) bad.push(`overlap ${i}`);
    return bad;
  });
}

test("the audit searched by a customer's mobile finds their card's top-up and refund, their U8 award and link", async () => {
  const order = unique('TU');
  await write(`${T}recharge.charge.update`, {
    ...AT,
    card_id: CARD,
    charge_type: 'CASH',
    trigger_gift: false,
    outer_order_id: order,
    real_value: 1000,
    gift_value: 100,
  });
  await write(`${T}recharge.uncharge.update`, {
    ...AT,
    card_id: CARD,
    src_outer_order_id: order,
    outer_order_id: unique('UN'),
    remark: '顾客退卡',
  });
  await write('/v1/links', { brand_id: '10001', customer_id: CUSTOMER, u8_member_id: MEMBER }, 'PUT');
  await write('/v1/u8/points/change', [record({ mid: MEMBER })]);
  await stack.settled('op-manager-01');

  const page = await desk();
  const asked = [];
  page.on('request', (r) => r.url().includes('/v1/audit?') && asked.push(new URL(r.url()).searchParams));
  await findByMobile(page);
  await page.fill('#audit-customer', '138-0000-0001');
  asked.length = 0;
  await page.click('#audit-filters button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#audit tbody tr').length >= 4);
  // Every name of the customer shown was asked for.
  const names = asked.at(-1).getAll('customer');
  for (const name of [CUSTOMER, `card:${CARD}`, MEMBER]) assert.ok(names.includes(name), names.join(' '));
  // The rows are every write the platform journal shows for them, and the link.
  const journal = (await stack.journal()).filter(
    (j) =>
      (j.operator === 'op-manager-01' && ['recharge.charge', 'recharge.refund'].includes(j.kind)) ||
      (j.kind.startsWith('u8.points') && j.mid === MEMBER),
  );
  const rows = await page.$$eval('#audit tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.equal(rows.length, journal.length + 1, `${JSON.stringify(journal.map((j) => j.kind))}\n${rows.join('\n')}`);
  assert.ok(
    rows.some((r) => /储值充值|充值/.test(r) && r.includes(CARD)),
    rows.join('\n'),
  );
  assert.ok(
    rows.some((r) => r.includes(MEMBER)),
    rows.join('\n'),
  );
  assert.deepEqual(page.errors, []);
  await page.done();
});

test('a voucher-only order found by an id typed in small letters is given back by restoring its voucher', async () => {
  const order = unique('ORD');
  await write(`${T}voucher.status.change`, {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    source: 'CONSOLE',
    voucher_id_list: ['2837374884'],
    voucher_status_action: 'NORMAL_ISUSED',
    out_order_id: order,
  });
  await stack.settled('op-manager-01');
  assert.equal((await stack.customer()).vouchers.find((v) => v.voucher_id === '2837374884').status, 'USED');
  const page = await desk({ lang: 'en' });
  // An id the console did not make is not guessed at: its capitals matter.
  await lookUp(page, 'pos-never-seen');
  assert.match(await page.textContent('#lookup-failed'), /case-sensitive/);
  // One the console made (ORD-…) typed in small letters is found.
  await lookUp(page, `  ${order.toLowerCase()} `);
  assert.equal(await page.textContent('#lookup-order'), order);
  assert.match(await page.textContent('#lookup-refund h3'), /restore/i);
  await page.click('#lookup-review');
  await page.waitForSelector('#lookup-confirm');
  assert.match(await page.textContent('#lookup-confirm-text'), /1 /);
  await page.click('#lookup-yes');
  await page.waitForSelector('#lookup-outcome.ok');
  await page.waitForSelector('#lookup-none');
  const restored = (await stack.journal()).filter((j) => j.kind === 'voucher.restore' && j.order === order);
  assert.deepEqual(
    restored.map((j) => j.vouchers),
    [['2837374884']],
  );
  assert.equal((await stack.customer()).vouchers.find((v) => v.voucher_id === '2837374884').status, 'NORMAL');
  assert.deepEqual(page.errors, []);
  await page.done();
});

test('a platform refusal states its 分 in 元, and the English screen says in English what its code means', async () => {
  const order = unique('ORD');
  await write(`${T}recharge.charge.update`, {
    ...AT,
    card_id: CARD,
    charge_type: 'CASH',
    trigger_gift: false,
    outer_order_id: order,
    real_value: 10000,
    gift_value: 100,
  });
  const held = (await stack.customer()).stored_value;
  // Spent down below what the top-up put on: it cannot be taken back whole.
  const spend = (held.PRE + held.GIFT - 50) | 0;
  await write(`${T}recharge.dedut.update`, {
    ...AT,
    customer_id: CUSTOMER,
    value: spend,
    outer_order_id: unique('PAY'),
  });
  await stack.settled('op-manager-01');
  const was = (await stack.customer()).stored_value;
  for (const lang of ['en', 'zh']) {
    const page = await desk({ lang });
    await lookUp(page, order);
    await page.fill('#lookup-reason', 'refund');
    await page.click('#lookup-review');
    await page.waitForSelector('#lookup-confirm');
    await page.click('#lookup-yes');
    await page.waitForSelector('#lookup-outcome.bad');
    const said = await page.textContent('#lookup-outcome');
    assert.doesNotMatch(said, /\d\s*分(?!钟)/, said);
    if (lang === 'en')
      assert.match(said, /Not enough stored value left to give back \(.*退回 100\.00\u00a0yuan\)/, said);
    else assert.match(said, /余额不足以退回 100\.00\u00a0元/, said);
    // The top-up refund form's pre-check, where the tester saw "10000 分", says it alike.
    await findByMobile(page);
    await page.click('[data-method="alibaba.alsc.crm.recharge.uncharge.update"]');
    await page.fill('#f-src_outer_order_id', order);
    await page.click('#submit');
    await page.waitForSelector('#precheck.error');
    const pre = await page.textContent('#precheck');
    assert.doesNotMatch(pre, /\d\s*分(?!钟)/, pre);
    assert.match(pre, lang === 'en' ? /Not enough stored value.*100\.00\u00a0yuan/ : /100\.00\u00a0元/, pre);
    await page.done();
  }
  assert.deepEqual((await stack.customer()).stored_value, was, 'nothing was taken back');
});

test('the close lists the vouchers issued as the journal has them sent', async () => {
  for (const voucher_num of [2, 1])
    await write(`${T}voucher.send`, {
      customer_id: CUSTOMER,
      voucher_id: 'VT-20OFF',
      voucher_num,
      brand_id: '10001',
      shop_id: '20001',
    });
  await stack.settled('op-manager-01');
  const sent = (await stack.journal())
    .filter((j) => j.kind === 'voucher.send' && j.operator === 'op-manager-01')
    .reduce((k, j) => k + j.vouchers.length, 0);
  const page = await desk();
  await page.click('#close-form button[type=submit]');
  await page.waitForSelector('#close tbody tr[data-figure="vouchers_issued"]');
  const cells = await page.$$eval('#close tbody tr[data-figure="vouchers_issued"] > *', (c) =>
    c.map((x) => x.textContent),
  );
  assert.equal(cells[0], '发券');
  assert.equal(cells.at(-1), `${sent} 张`);
  await page.done();
});

test('the audit and the order lookup at 390 and 1280 px in both languages: nothing overflows, axe finds nothing', async () => {
  const order = unique('ORD');
  await write(`${T}voucher.status.change`, {
    brand_id: '10001',
    shop_id: '20001',
    customer_id: CUSTOMER,
    source: 'CONSOLE',
    voucher_id_list: ['2837374885'],
    voucher_status_action: 'NORMAL_ISUSED',
    out_order_id: order,
  });
  await stack.settled('op-manager-01');
  for (const width of [390, 1280])
    for (const lang of ['zh', 'en']) {
      const page = await desk({ width, lang });
      await findByMobile(page);
      await page.fill('#audit-customer', CUSTOMER);
      await page.click('#audit-filters button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('#audit tbody tr').length > 0);
      await lookUp(page, order);
      await page.waitForSelector('#lookup-refund');
      for (const sel of ['#lookup-card', '#audit-filters'])
        assert.deepEqual(await laidOut(page, sel), [], `${sel} ${width} ${lang}`);
      await page.locator('#lookup-card').screenshot({ path: join(shots, `lookup-${width}-${lang}.png`) });
      await page.locator('#audit-card').screenshot({ path: join(shots, `audit-${width}-${lang}.png`) });
      assert.deepEqual(await axeViolations(page), [], `${width} ${lang}`);
      assert.deepEqual(page.errors, []);
      await page.done();
    }
});
