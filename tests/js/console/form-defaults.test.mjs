// Forms that ask only what a person decides, in Chromium against the sandbox: a top-up with
// only its amount typed is applied (judged by the sandbox's ledger and journal) with the time of
// sending as its business time; a payment method chosen by its label reaches the books; a
// reversal says what it gives back before it is sent; and the forms at 390 and 1280 px in both
// languages, nothing overflowing or overlapping, axe finding nothing.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeViolations, startStack, MANAGER_TOKEN, CONSOLE_UPSTREAM, openDesk } from '../fixtures.mjs';

const TOP_UP = 'alibaba.alsc.crm.recharge.charge.update';
const DEDUCT = 'alibaba.alsc.crm.point.extra.consume';
const PAY = 'alibaba.alsc.crm.recharge.dedut.update';
const REFUND = 'alibaba.alsc.crm.open.assert.refund';
const RETURN = 'alibaba.alsc.crm.recharge.undedut.update';
const shots = mkdtempSync(join(tmpdir(), 'form-defaults-'));
let stack;

before(async () => {
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
});
after(() => stack?.close());
beforeEach(() => stack.reset());

/** A page signed in as the manager (shop 20001, channel CS) with the demo customer found. */
async function desk(opts) {
  const page = await openDesk(stack.browser, stack.proxy.url, MANAGER_TOKEN, opts);
  return { page, errors: page.errors };
}

/** The bodies the console sends for `method`, as the proxy receives them. */
function sentBodies(page, method) {
  const bodies = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/v1/top/${method}`)) bodies.push(JSON.parse(r.postData()));
  });
  return bodies;
}

/** The ids of the form's fields shown at once, and of those folded under "more fields". */
const formFields = (page) =>
  page.evaluate(() => ({
    asked: [...document.querySelectorAll('#action-form > .fields [name]')].map((e) => e.name),
    folded: [...document.querySelectorAll('#more-fields [name]')].map((e) => e.name),
    open: document.querySelector('#more-fields')?.open ?? null,
  }));

/** `YYYY-MM-DD HH:mm:ss` in GMT+8 as epoch ms. */
const gmt8Ms = (text) => Date.parse(`${text.replace(' ', 'T')}+08:00`);

/** Waits for the form's answer and fails unless it was applied. */
const submittedAfter = async (page) => {
  await page.waitForSelector('#outcome.ok, #outcome.bad');
  assert.match(await page.getAttribute('#outcome', 'class'), /\bok\b/, await page.textContent('#outcome'));
};
const submitted = async (page) => {
  await page.click('#submit');
  // A reversal from an order's row (and a large call) is confirmed first.
  if (await page.$('#confirm-yes')) await page.click('#confirm-yes');
  await submittedAfter(page);
};

test('a top-up with only its amount typed is applied, its business time the moment it was sent', async () => {
  const { page, errors } = await desk();
  const bodies = sentBodies(page, TOP_UP);
  await page.click(`[data-method="${TOP_UP}"]`);
  const fields = await formFields(page);
  assert.deepEqual(fields.asked, ['real_value', 'charge_type'], 'the amount and how it is paid');
  for (const name of ['out_pay_id', 'ext_info', 'biz_date', 'biz_channel', 'outer_order_id', 'gift_value'])
    assert.ok(fields.folded.includes(name), `${name} is folded away`);
  assert.equal(fields.open, false, 'folded until asked for');
  assert.equal(await page.isVisible('#f-ext_info'), false);
  assert.equal(await page.inputValue('#f-charge_type'), 'CASH', 'paid in cash unless chosen otherwise');
  assert.equal(await page.inputValue('#f-biz_channel'), 'CS', "the shop's channel");
  assert.equal(await page.inputValue('#f-biz_date'), '', 'left for the time of sending');

  const start = await stack.customer();
  await page.fill('#f-real_value', '１００'); // full width, as a Chinese keyboard types it
  const sentFrom = Date.now();
  await submitted(page);
  const sentTo = Date.now();
  const order = await page.textContent('#outcome-order');
  const end = await stack.customer();
  assert.equal(end.stored_value.PRE - start.stored_value.PRE, 10000, '100.00\u00a0元 is 10000 分, in the ledger');
  const entry = (await stack.journal()).findLast((j) => j.kind === 'recharge.charge');
  assert.deepEqual([entry.order, entry.value, entry.operator], [order, 10000, 'op-manager-01']);
  // What went out: the defaults, and the time of sending in GMT+8, to the second.
  const [body] = bodies;
  assert.equal(bodies.length, 1);
  assert.deepEqual(
    [body.charge_type, body.biz_channel, body.trigger_gift, body.real_value],
    ['CASH', 'CS', true, 10000],
  );
  assert.match(body.biz_date, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  const at = gmt8Ms(body.biz_date);
  assert.ok(at >= Math.floor(sentFrom / 1000) * 1000 && at <= sentTo, `${body.biz_date} is the moment it was sent`);
  assert.equal(entry.request_id, body.request_id);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a business time the operator sets is sent as set; one mistyped is named beside its field, folded or not', async () => {
  const { page } = await desk({ lang: 'en' });
  const bodies = sentBodies(page, TOP_UP);
  await page.click(`[data-method="${TOP_UP}"]`);
  await page.fill('#f-real_value', '10');
  await page.click('#more-fields summary');
  await page.fill('#f-biz_date', '2026/12/01');
  // Folded again, then sent: the error opens the fold and is said beside the field.
  await page.click('#more-fields summary');
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#f-biz_date-err').textContent.length > 0);
  assert.equal(await page.isVisible('#f-biz_date'), true, 'opened to show the error');
  assert.match(await page.textContent('#f-biz_date-err'), /yyyy-MM-dd HH:mm:ss/);
  assert.equal(bodies.length, 0, 'nothing sent');
  await page.fill('#f-biz_date', '2026-12-01 09:30:00');
  await submitted(page);
  assert.equal(bodies[0].biz_date, '2026-12-01 09:30:00');
  await page.close();
});

test('a large top-up is confirmed once and sent with the time of sending; its retry resends that same time', async () => {
  const { page } = await desk();
  const bodies = sentBodies(page, TOP_UP);
  await page.click(`[data-method="${TOP_UP}"]`);
  // Above the manager's threshold (1,000.00 元): confirmed first, then sent, not asked again.
  await page.fill('#f-real_value', '1,500');
  await page.click('#submit');
  await page.waitForSelector('#confirm');
  await page.waitForTimeout(1100); // a second passes between the question and the answer
  const confirmedAt = Date.now();
  await page.click('#confirm-yes');
  await page.waitForSelector('#outcome.ok, #outcome.bad, #confirm');
  assert.equal(await page.$('#confirm'), null, 'confirmed once');
  assert.equal(bodies.length, 1);
  assert.ok(gmt8Ms(bodies[0].biz_date) >= Math.floor(confirmedAt / 1000) * 1000, 'the time it was sent, not asked');

  // The answer is lost: the retry is the same request, business time included (the proxy
  // would refuse a request id reused with another body), and it applies once.
  const start = await stack.customer();
  await stack.faults('12345678', [{ kind: 'drop-after', methods: [TOP_UP] }]);
  await page.fill('#f-real_value', '10');
  await page.click('#submit');
  await page.waitForSelector('#outcome.unknown');
  await stack.faults('12345678', []);
  await page.waitForTimeout(1100);
  await page.click('#retry');
  await submittedAfter(page);
  assert.equal(bodies.length, 3);
  assert.deepEqual(bodies[2], bodies[1], 'resent exactly');
  assert.equal((await stack.customer()).stored_value.PRE - start.stored_value.PRE, 1000, 'applied once');
  await page.close();
});

test('a payment method chosen by its label is the one sent and booked', async () => {
  const { page } = await desk();
  const bodies = sentBodies(page, TOP_UP);
  await page.click(`[data-method="${TOP_UP}"]`);
  const labels = await page.$$eval('#f-charge_type option', (os) => os.map((o) => o.textContent));
  assert.deepEqual(labels, [
    '—',
    'CASH · 现金',
    'WECHAT · 微信',
    'ALIPAY · 支付宝',
    'BANK · 银行卡支付',
    'DEDUCT · 代扣',
    'OTHER · 其他方式',
  ]);
  await page.selectOption('#f-charge_type', { label: 'WECHAT · 微信' });
  await page.fill('#f-real_value', '50');
  const start = await stack.customer();
  await submitted(page);
  assert.equal((await stack.customer()).stored_value.PRE - start.stored_value.PRE, 5000);
  assert.equal(bodies[0].charge_type, 'WECHAT');
  // The books say how it was paid: the proxy's audit row of the top-up.
  await stack.settled('op-manager-01');
  const row = (await stack.rows()).findLast((r) => r.operation === TOP_UP && r.outcome === 'ok');
  assert.equal(JSON.parse(row.moves).method, 'WECHAT');
  // The next top-up starts in cash again: the choice was this top-up's.
  assert.equal(await page.inputValue('#f-charge_type'), 'CASH');
  await page.close();
});

/** Deducts `points` and pays `yuan` on the current order; returns the order id. */
async function purchase(page, points, yuan) {
  const order = await page.textContent('#current-order');
  await page.click(`[data-method="${DEDUCT}"]`);
  await page.fill('#f-change_point', String(points));
  await page.fill('#f-reason', 'r');
  await submitted(page);
  if (yuan) {
    await page.click(`[data-method="${PAY}"]`);
    await page.fill('#f-value', yuan);
    await submitted(page);
  }
  return order;
}

test('a reversal says what it gives back of its order before it is sent, whole or in part', async () => {
  const { page } = await desk();
  const order = await purchase(page, 300, '15');
  const paid = await stack.customer();
  await page.click(`[data-refund="${order}"]`);
  assert.equal(await page.getAttribute(`[data-method="${REFUND}"]`, 'aria-selected'), 'true');
  assert.equal(await page.textContent('#return-preview'), `将退回订单 ${order}：300 积分 + 15.00\u00a0元`);
  assert.deepEqual(await stack.customer(), paid, 'shown before anything is sent');
  await submitted(page);
  const back = await stack.customer();
  assert.deepEqual(
    [back.points.available - paid.points.available, back.stored_value.PRE - paid.stored_value.PRE],
    [300, 1500],
    'what it said is what came back',
  );

  // A payment with stored value alone, returned in part: the amount typed, then what is left.
  await page.click('#new-order');
  const second = await page.textContent('#current-order');
  await page.click(`[data-method="${PAY}"]`);
  await page.fill('#f-value', '20.5');
  await submitted(page);
  await page.click(`[data-refund="${second}"]`);
  assert.equal(await page.getAttribute(`[data-method="${RETURN}"]`, 'aria-selected'), 'true');
  assert.equal(
    await page.textContent('#return-preview'),
    `将退回订单 ${second}：20.50\u00a0元`,
    'no amount: the whole',
  );
  await page.fill('#f-value', '30');
  assert.equal(
    await page.textContent('#return-preview'),
    `将退回订单 ${second}：30.00\u00a0元 · 超过剩余 20.50\u00a0元`,
  );
  assert.match(await page.getAttribute('#return-preview', 'class'), /\berror\b/);
  await page.fill('#f-value', '.5');
  assert.equal(await page.textContent('#return-preview'), `将退回订单 ${second}：0.50\u00a0元`);
  const start = await stack.customer();
  await submitted(page);
  assert.equal((await stack.customer()).stored_value.PRE - start.stored_value.PRE, 50);
  await page.click(`[data-refund="${second}"]`);
  assert.equal(await page.textContent('#return-preview'), `将退回订单 ${second}：20.00\u00a0元`, 'the rest');
  // An order this session did not book: the platform decides, and the form says so.
  await page.fill('#f-outer_order_id', 'ORD-ELSEWHERE');
  assert.match(await page.textContent('#return-preview'), /ORD-ELSEWHERE.*以平台为准/);
  await page.close();
});

/**
 * What is wrong with the form's layout: anything wider than its box or outside the form, and
 * fields, buttons, the fold and the preview overlapping one another.
 */
const layoutProblems = (page) =>
  page.evaluate(() => {
    const problems = [];
    const form = document.querySelector('#action-form');
    const box = form.getBoundingClientRect();
    // Not inside a closed fold (content-visibility) nor hidden.
    const shown = (e) => e.checkVisibility();
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${e.className}` : ''}`;
    for (const e of [...form.querySelectorAll('*')].filter(shown)) {
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
        problems.push(`${name(e)} is cut: ${e.scrollWidth} > ${e.clientWidth}`);
      const r = e.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) problems.push(`${name(e)} leaves the form`);
    }
    const parts = [...form.querySelectorAll('.field, button, summary, #return-preview')].filter(shown);
    for (const [i, a] of parts.entries())
      for (const b of parts.slice(i + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
        if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
          problems.push(`${name(a)} overlaps ${name(b)}`);
      }
    if (document.documentElement.scrollWidth > innerWidth) problems.push('the page scrolls sideways');
    return problems;
  });

test('the forms at 390 and 1280 px in both languages: nothing cut, nothing overlapping, no axe violation', async () => {
  for (const width of [390, 1280])
    for (const lang of ['zh', 'en']) {
      const label = `${width} px ${lang}`;
      const { page, errors } = await desk({ width, lang });
      await page.click(`[data-method="${TOP_UP}"]`);
      await page.click('#more-fields summary');
      assert.equal(await page.isVisible('#f-out_pay_id'), true, `${label}: more fields open`);
      assert.match(
        await page.textContent('#f-biz_date-hint'),
        lang === 'zh' ? /发送时刻/ : /time of sending/,
        `${label}: what an empty time means`,
      );
      assert.deepEqual(await layoutProblems(page), [], `${label}: top-up`);
      assert.deepEqual(await axeViolations(page), [], `${label}: top-up`);
      await page.screenshot({ path: join(shots, `top-up-${width}-${lang}.png`), fullPage: true });
      await page.locator('#actions').screenshot({ path: join(shots, `top-up-form-${width}-${lang}.png`) });

      // U8: the member, what the call does and its amounts; the rest (multiple, memo, sources) folded.
      await page.click('[data-method="points/change"]');
      assert.deepEqual(
        (await formFields(page)).asked,
        ['mid', 'action_type', 'ori_money', 'calc_money', 'ori_points'],
        `${label}: U8`,
      );
      await page.click('#more-fields summary');
      assert.deepEqual(await layoutProblems(page), [], `${label}: U8`);
      assert.deepEqual(await axeViolations(page), [], `${label}: U8`);
      await page.locator('#actions').screenshot({ path: join(shots, `u8-form-${width}-${lang}.png`) });

      const order = await purchase(page, 10, '1');
      await page.click(`[data-refund="${order}"]`);
      const preview = await page.textContent('#return-preview');
      assert.ok(preview.includes('10') && preview.includes('1.00'), `${label}: ${preview}`);
      assert.match(preview, lang === 'zh' ? /积分.*元/ : /points.*yuan/i, `${label}: with units`);
      assert.deepEqual(await layoutProblems(page), [], `${label}: refund`);
      assert.deepEqual(await axeViolations(page), [], `${label}: refund`);
      await page.screenshot({ path: join(shots, `refund-${width}-${lang}.png`), fullPage: true });
      await page.locator('#actions').screenshot({ path: join(shots, `refund-form-${width}-${lang}.png`) });
      assert.deepEqual(errors, [], label);
      await page.close();
    }
});
