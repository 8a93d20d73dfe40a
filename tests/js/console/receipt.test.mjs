// Knowing the allowance, the receipt and voucher issuing, end to end in Chromium: the allowance
// moves after each write by exactly what the sandbox's ledger moved, a day-limit refusal says
// what is left today, the receipt's figures against the ledger and the journal and its print
// stylesheet (the receipt alone on paper while it is shown, the close otherwise), a manager
// issuing vouchers (journal and ledger) with their terms shown, a cashier not offered it;
// screenshots at 390 and 1280 px in both languages with layout checks and axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  payByForm,
  fillU8Award,
  axeViolations,
  startStack,
  deduct,
  CASHIER,
  MANAGER_TOKEN,
  CASHIER_TOKEN,
  CONSOLE_UPSTREAM,
  openDesk,
} from '../fixtures.mjs';

const shots = mkdtempSync(join(tmpdir(), 'receipt-shots-'));
// Amounts and times are kept on one line with no-break spaces; compared as plain text.
const plain = (text) => text.replace(/\u00a0/g, ' ');
const GMT8_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
let stack;
let worker;
let browser;

before(async () => {
  // The day limits are of one GMT+8 day: a file started in its last two minutes waits for the next.
  const toMidnight = 86_400_000 - ((Date.now() + 8 * 3600_000) % 86_400_000);
  if (toMidnight < 120_000) await new Promise((r) => setTimeout(r, toMidnight + 1000));
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
  ({ proxy: worker, browser } = stack);
});
after(() => stack?.close());

/** Signs in with `token` (in `lang`) and finds the demo customer. */
const desk = (token, opts) => openDesk(browser, worker.url, token, opts);

/** One allowance row's cells by column: `{ perCall, perDay, used, left }`. */
const allowanceRow = (page, kind) =>
  page.$eval(`#allowance tr[data-kind="${kind}"]`, (tr) =>
    Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.col, td.textContent])),
  );

/** Waits until the allowance row of `kind` says `used` today. */
const usedBecomes = (page, kind, used) =>
  page.waitForFunction(
    ([k, u]) => document.querySelector(`#allowance tr[data-kind="${k}"] td[data-col="used"]`)?.textContent === u,
    [kind, used],
  );

/** Deducts `points` through the form (a reason given), waiting for an outcome of class `outcome`. */
async function deductByForm(page, points, outcome = 'ok') {
  await page.click('[data-method="alibaba.alsc.crm.point.extra.consume"]');
  if (await page.$('#new-form')) await page.click('#new-form');
  await page.fill('#f-change_point', String(points));
  await page.fill('#f-reason', '小票测试');
  const order = await page.textContent('#current-order');
  const requestId = await page.textContent('#request-id');
  await page.click('#submit');
  await page.waitForSelector(`#outcome.${outcome}`);
  return { order, requestId };
}

/** What is shown (not display:none, with a box) of each selector. */
const shown = (page, selectors) =>
  page.evaluate(
    (sels) =>
      Object.fromEntries(
        sels.map((s) => {
          const e = document.querySelector(s);
          return [s, Boolean(e) && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0];
        }),
      ),
    selectors,
  );

test('the allowance moves after each write by exactly what the ledger moved, and a day-limit refusal says what is left', async () => {
  await stack.reset();
  const page = await desk(CASHIER_TOKEN);
  // The cashier's limits, in points and 元 with their units, before anything is used.
  assert.deepEqual(await allowanceRow(page, 'points'), {
    perCall: '1000 积分',
    perDay: '3000 积分',
    used: '0 积分',
    left: '3000 积分',
  });
  assert.deepEqual(await allowanceRow(page, 'value'), {
    perCall: '500.00\u00a0元',
    perDay: '2000.00\u00a0元',
    used: '0.00\u00a0元',
    left: '2000.00\u00a0元',
  });
  assert.deepEqual(await allowanceRow(page, 'vouchers'), {
    perCall: '2 张',
    perDay: '10 张',
    used: '0 张',
    left: '10 张',
  });
  assert.doesNotMatch(await page.textContent('#allowance-card'), /50000|200000/, 'no limit shown in 分');

  const start = await stack.customer();
  await deductByForm(page, 300);
  await usedBecomes(page, 'points', '300 积分');
  const afterPoints = await stack.customer();
  assert.equal(start.points.available - afterPoints.points.available, 300, 'the ledger moved 300 points');
  assert.equal((await allowanceRow(page, 'points')).left, '2700 积分');

  await payByForm(page);
  await usedBecomes(page, 'value', '15.00\u00a0元');
  const afterValue = await stack.customer();
  const valueOf = (c) => c.stored_value.PRE + c.stored_value.GIFT;
  assert.equal(valueOf(afterPoints) - valueOf(afterValue), 1500, 'the ledger moved 1500 分');
  assert.equal((await allowanceRow(page, 'value')).left, '1985.00\u00a0元');
  assert.equal((await allowanceRow(page, 'points')).used, '300 积分', 'a payment moves no points');

  // 2600 more points elsewhere today (the proxy directly): 100 are left; the console asks 200.
  for (const points of [1000, 1000, 600]) {
    const r = await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(points), CASHIER);
    assert.equal(r.status, 200, await r.text());
  }
  const full = await stack.customer();
  await deductByForm(page, 200, 'bad');
  const said = await page.textContent('#outcome');
  assert.match(said, /每日积分 3000/, 'names the day limit');
  assert.match(said, /今日剩余 100 积分/, 'says what is left today');
  assert.equal((await stack.customer()).points.available, full.points.available, 'the refusal moved nothing');
  // The proxy's answer says it, in decimal strings.
  const direct = await (
    await stack.post(0, '/v1/top/alibaba.alsc.crm.point.extra.consume', deduct(200), CASHIER)
  ).json();
  assert.deepEqual(direct.error.details, [
    { limit: 'pointsPerDay', per: 'day', max: '3000', used: '2900', left: '100' },
  ]);
  await usedBecomes(page, 'points', '2900 积分');
  assert.equal((await allowanceRow(page, 'points')).left, '100 积分');
  // The journal holds the console's and the proxy's writes, and not the refused one.
  const journal = (await stack.journal()).filter((j) => j.operator === 'op-cashier-01');
  assert.equal(journal.length, 5);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('voucher limits read in 张 and 元, never 分, in both languages', async () => {
  const page = await desk(CASHIER_TOKEN);
  // The page's own modules: the words a refusal is shown with.
  const said = await page.evaluate(async () => {
    const i18n = await import('/i18n.js');
    const { leftTodayText } = await import('/allowance.js');
    const words = () => [
      i18n.errorMessage({ code: 'LIMIT_EXCEEDED', limit: 'voucherValuePerDay:20000' }),
      i18n.errorMessage({ code: 'LIMIT_EXCEEDED', limit: 'vouchersPerDay:10' }),
      leftTodayText({ code: 'LIMIT_EXCEEDED', details: [{ limit: 'voucherValuePerDay', per: 'day', left: '1550' }] }),
      leftTodayText({ code: 'LIMIT_EXCEEDED', details: [{ limit: 'vouchersPerDay', per: 'day', left: '3' }] }),
      leftTodayText({ code: 'LIMIT_EXCEEDED', details: [{ limit: 'points', per: 'call', left: '1000' }] }),
    ];
    const zh = words();
    i18n.toggle();
    const en = words();
    i18n.toggle();
    return { zh, en };
  });
  assert.deepEqual(said.zh, [
    '超出本角色的限额（每日券面值 200.00\u00a0元）',
    '超出本角色的限额（每日券数 10）',
    '今日剩余 15.50\u00a0元',
    '今日剩余 3 张',
    '',
  ]);
  assert.deepEqual(said.en, [
    "Over this role's limit (voucher face value per day 200.00\u00a0yuan)",
    "Over this role's limit (vouchers per day 10)",
    '15.50\u00a0yuan left today',
    '3 vouchers left today',
    '',
  ]);
  assert.deepEqual(await allowanceRow(page, 'voucherValue'), {
    perCall: '50.00\u00a0元',
    perDay: '200.00\u00a0元',
    used: '0.00\u00a0元',
    left: '200.00\u00a0元',
  });
  await page.close();
});

test('a receipt after an applied operation: its figures are the ledgers, and it prints alone', async () => {
  await stack.reset();
  const page = await desk(MANAGER_TOKEN);
  assert.ok(await page.isHidden('#receipt-card'), 'no receipt before anything applied');
  const { order, requestId } = await deductByForm(page, 120);
  await page.waitForSelector('#receipt-card:not([hidden])');
  const text = async (id) => (await page.textContent(`#receipt-${id}`)).trim();
  const ledger = await stack.customer();
  const entry = (await stack.journal()).find((j) => j.request_id === requestId);
  assert.ok(entry, 'the journal has the receipt’s request id');
  assert.equal(await text('order'), order);
  assert.equal(entry.order, order);
  assert.equal(await text('request'), requestId);
  assert.equal(await text('customer'), '138****0001');
  assert.equal(await text('moved'), '120 积分');
  const value = ledger.stored_value.PRE + ledger.stored_value.GIFT;
  const yuan = `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}\u00a0元`;
  await page.waitForFunction(
    (p) => document.querySelector('#receipt-balances').textContent.startsWith(`${p} 积分`),
    ledger.points.available,
  );
  assert.equal(await text('balances'), `${ledger.points.available} 积分 · 储值 ${yuan}`);
  assert.equal(await text('operator'), 'op-manager-01');
  assert.equal(await text('shop'), '小王面馆 · 小王面馆 西湖店');
  const at = await text('time');
  assert.match(at, GMT8_TIME);
  const gmt8 = Date.parse(`${at.replace(' ', 'T')}+08:00`);
  assert.ok(Math.abs(gmt8 - Date.parse(entry.at)) < 5000, `${at} is the journal's ${entry.at} in GMT+8`);
  assert.doesNotMatch(await page.textContent('#receipt-card'), /13800000001/, 'no full mobile');

  // A whole order's refund: what came back is what the ledger shows came back.
  await page.click(`[data-refund="${order}"]`);
  await page.click('#submit');
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');
  await page.waitForFunction((o) => document.querySelector('#receipt-operation')?.textContent !== o, '扣积分');
  const refunded = await stack.customer();
  assert.equal(refunded.points.available - ledger.points.available, 120);
  assert.equal(await text('moved'), '+120 积分');
  assert.equal(await text('order'), order);
  assert.equal(await text('balances'), `${refunded.points.available} 积分 · 储值 ${yuan}`);

  // U8 points: the balance after is U8's own, as its ledger holds it.
  await fillU8Award(page);
  await page.click('#submit');
  // The member id is new to this browser: it is confirmed first (as console.test shows).
  await page.waitForSelector('#confirm');
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok');
  await page.waitForFunction((o) => document.querySelector('#receipt-operation')?.textContent !== o, '订单退款');
  const u8 = (await stack.customer()).u8.points;
  assert.equal(u8, 1100);
  assert.equal(await text('balances'), `${u8} U8 积分`);
  assert.equal(await text('moved'), '100 积分');
  assert.equal(await text('customer'), '138****0001');

  // On paper while the receipt is shown: the receipt alone, without its buttons.
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(
    await shown(page, [
      '#receipt-card',
      '#receipt',
      '#receipt-print',
      '.bar',
      '#actions',
      '#close-card',
      '#allowance-card',
    ]),
    {
      '#receipt-card': true,
      '#receipt': true,
      '#receipt-print': false,
      '.bar': false,
      '#actions': false,
      '#close-card': false,
      '#allowance-card': false,
    },
  );
  await page.screenshot({ path: join(shots, 'receipt-print.png'), fullPage: true });
  // Closed, the paper is the close again, as before receipts.
  await page.emulateMedia({ media: 'screen' });
  await page.click('#receipt-close');
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await shown(page, ['#receipt-card', '#close-card', '#actions']), {
    '#receipt-card': false,
    '#close-card': true,
    '#actions': false,
  });
  await page.emulateMedia({ media: 'screen' });
  // The print button prints (window.print), and the close's print takes the receipt away first.
  await deductByForm(page, 10);
  await page.waitForSelector('#receipt-card:not([hidden])');
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => (window.printed += 1);
  });
  await page.click('#receipt-print');
  assert.equal(await page.evaluate(() => window.printed), 1);
  assert.ok(await page.isVisible('#receipt-card'));
  await page.click('#close-print');
  assert.equal(await page.evaluate(() => window.printed), 2);
  assert.ok(await page.isHidden('#receipt-card'), 'the close prints alone');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a manager issues vouchers (journal and ledger), sees their terms; a cashier is not offered it', async () => {
  await stack.reset();
  const page = await desk(MANAGER_TOKEN);
  await page.waitForSelector('#issue:not([hidden])');
  const options = await page.$$eval('#issue-template option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options, [
    ['VT-20OFF', '满100减20 · 20.00\u00a0元'],
    ['VT-TEA', '免费茶饮 · 15.00\u00a0元'],
  ]);
  // The chosen template's terms under the choice, as the template list gives them.
  assert.equal(plain(await page.textContent('#issue-terms')), '面值 20.00 元 · 满 100.00 元 可用 · 领取后 30 天内有效');
  await page.selectOption('#issue-template', 'VT-TEA');
  assert.equal(plain(await page.textContent('#issue-terms')), '面值 15.00 元 · 无门槛 · 领取后 7 天内有效');
  // The seeded vouchers' terms.
  const first = plain(await page.textContent('#voucher-list li:first-child .voucher-terms'));
  assert.equal(first, '面值 20.00 元 · 满 100.00 元 可用 · 有效期 2026-01-01 00:00:00 至 2027-06-30 23:59:59');

  // A count the rules refuse is named, and nothing is sent.
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.accept();
  });
  await page.selectOption('#issue-template', 'VT-20OFF');
  for (const bad of ['0', 'abc', '6', '1.5']) {
    await page.fill('#issue-count', bad);
    await page.click('#issue-submit');
    assert.equal(await page.textContent('#issue-error'), '数量：须为 1 到 5 的整数', bad);
  }
  assert.equal(dialogs.length, 0);
  assert.equal((await stack.journal()).length, 0);

  await page.fill('#issue-count', '２');
  await page.click('#issue-submit');
  await page.waitForFunction(() => document.querySelector('#issue-result').textContent !== '');
  assert.equal(await page.textContent('#issue-result'), '已发放 2 张「满100减20」');
  assert.deepEqual(dialogs, ['向顾客 138****0001 发放 2 张「满100减20」？']);
  const sent = (await stack.journal()).filter((j) => j.kind === 'voucher.send');
  assert.equal(sent.length, 1);
  assert.equal(sent[0].operator, 'op-manager-01');
  assert.equal(sent[0].vouchers.length, 2);
  const ledger = await stack.customer();
  const issued = ledger.vouchers.filter((v) => sent[0].vouchers.includes(v.voucher_id));
  assert.deepEqual(
    issued.map((v) => [v.voucher_template_id, v.status, v.amount, v.start_fee]),
    [
      ['VT-20OFF', 'NORMAL', 2000, 10000],
      ['VT-20OFF', 'NORMAL', 2000, 10000],
    ],
  );
  // Listed with their validity from the ledger; the receipt says what moved.
  const termsOf = (id) =>
    page.$$eval(
      '#voucher-list li',
      (lis, v) =>
        lis.find((li) => li.querySelector('code').textContent === v)?.querySelector('.voucher-terms').textContent,
      id,
    );
  await page.waitForFunction(
    (id) => [...document.querySelectorAll('#voucher-list code')].some((c) => c.textContent === id),
    issued[0].voucher_id,
  );
  const row = plain(await termsOf(issued[0].voucher_id));
  assert.equal(row, `面值 20.00 元 · 满 100.00 元 可用 · 有效期 ${issued[0].start_time} 至 ${issued[0].end_time}`);
  assert.match(issued[0].end_time, /^\d{4}-\d{2}-\d{2} 23:59:59$/);
  await page.waitForSelector('#receipt-card:not([hidden])');
  assert.equal(await page.textContent('#receipt-moved'), '发券 满100减20 × 2 张');
  assert.deepEqual(page.errors, []);
  await page.close();

  const cashier = await desk(CASHIER_TOKEN);
  await cashier.waitForSelector('#vouchers-card:not([hidden])');
  assert.ok(await cashier.isHidden('#issue'), 'a cashier is not offered voucher issuing');
  assert.equal(await cashier.$$eval('#issue-template option', (os) => os.length), 0);
  const refused = await stack.post(
    0,
    '/v1/top/alibaba.alsc.crm.voucher.send',
    {
      customer_id: '7027365982937563912722',
      voucher_id: 'VT-TEA',
      voucher_num: 1,
      brand_id: '10001',
      shop_id: '20001',
    },
    CASHIER,
  );
  assert.equal(refused.status, 403, 'and the proxy refuses it');
  assert.deepEqual(cashier.errors, []);
  await cashier.close();
});

/**
 * What is wrong with the layout of `cards` on `page`: an element scrolling its content, one
 * leaving its card, the receipt's labels and values overlapping; and whether the page scrolls
 * sideways.
 */
const layoutOf = (page, cards) =>
  page.evaluate((sels) => {
    const over = [];
    // Headings kept for screen readers only (clipped to 1 px) are not laid out to be seen.
    const screenReaderOnly = (e) => {
      for (let x = e; x; x = x.parentElement)
        if (getComputedStyle(x).position === 'absolute' && getComputedStyle(x).clip !== 'auto') return true;
      return false;
    };
    for (const c of sels) {
      const card = document.querySelector(c).getBoundingClientRect();
      for (const e of [document.querySelector(c), ...document.querySelectorAll(`${c} *`)]) {
        if (!e.getClientRects().length || e.tagName === 'OPTION' || screenReaderOnly(e)) continue;
        if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
          over.push(`${e.id || e.tagName} scrolls ${e.scrollWidth} > ${e.clientWidth}`);
        const box = e.getBoundingClientRect();
        if (box.right > card.right + 0.5 || box.left < card.left - 0.5) over.push(`${e.id || e.tagName} leaves ${c}`);
      }
    }
    const boxes = [...document.querySelectorAll('#receipt dt, #receipt dd')].map((e) => e.getBoundingClientRect());
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          over.push(`receipt ${i} overlaps ${j}`);
      }
    return { over, sideways: document.documentElement.scrollWidth > innerWidth };
  }, cards);

test('390 and 1280 px in both languages: the allowance, the receipt and the vouchers whole, axe clean', async () => {
  for (const lang of ['zh', 'en']) {
    for (const width of [390, 1280]) {
      await stack.reset();
      // The manager: a receipt and voucher issuing; the cashier: every kind of limit.
      for (const [who, token] of [
        ['manager', MANAGER_TOKEN],
        ['cashier', CASHIER_TOKEN],
      ]) {
        const label = `${who} ${width} px ${lang}`;
        const page = await desk(token, { width, lang });
        const cards = ['#allowance-card', '#vouchers-card'];
        if (who === 'manager') {
          await deductByForm(page, 50);
          await page.waitForSelector('#receipt-card:not([hidden])');
          await page.waitForSelector('#issue:not([hidden])');
          assert.equal(await page.textContent('#receipt-moved'), lang === 'en' ? '50 Points' : '50 积分');
          cards.unshift('#receipt-card');
        } else {
          await page.waitForSelector('#vouchers-card:not([hidden])');
          assert.equal(await page.$$eval('#allowance tbody tr', (trs) => trs.length), 4, label);
        }
        const { over, sideways } = await layoutOf(page, cards);
        assert.deepEqual(over, [], label);
        assert.ok(!sideways, `${label}: the page scrolls sideways`);
        await page.screenshot({ path: join(shots, `receipt-${who}-${width}-${lang}.png`), fullPage: true });
        for (const card of cards)
          await page.locator(card).screenshot({ path: join(shots, `${who}-${card.slice(1)}-${width}-${lang}.png`) });
        assert.deepEqual(await axeViolations(page), [], label);
        assert.deepEqual(page.errors, [], label);
        await page.close();
      }
    }
  }
});
