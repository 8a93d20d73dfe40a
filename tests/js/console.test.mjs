// The console end to end: headless Chromium (Debian's, through playwright-core) drives the page
// served by the Worker (workerd, through Miniflare), which forwards to the sandbox gateway.
// Screenshots of the main screens go to tests/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';
import { buildConsole } from '../../www/console/build.mjs';
import { launch } from './chromium.mjs';

const shots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const CUSTOMER = '7027365982937563912722';
let sb;
let worker;
let browser;

before(async () => {
  mkdirSync(shots, { recursive: true });
  buildConsole();
  sb = await startSandbox({ port: 0 });
  worker = await startWorker({ vars: { ...demoVars(), TOP_GATEWAY: `${sb.url}/router/rest`, U8_BASE_URL: sb.url, UPSTREAM_TIMEOUT_MS: '1000', UPSTREAM_RETRIES: '0' } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await worker?.close();
  await sb?.close();
});

const ledger = async () => (await (await fetch(`${sb.url}/__sandbox/ledger`)).json()).customers.find((c) => c.customer_id === CUSTOMER);
const journal = async () => (await (await fetch(`${sb.url}/__sandbox/journal`)).json()).journal;

test('an operator signs in, finds a customer, acts, and never applies anything twice', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(`${worker.url}/`);
  await page.screenshot({ path: `${shots}1-sign-in.png` });
  await page.fill('#token', 'not-a-token');
  await page.press('#token', 'Enter');
  await page.waitForFunction(() => document.querySelector('#signin-error').textContent.length > 0);
  await page.fill('#token', 'demo-manager-token');
  await page.press('#token', 'Enter');
  await page.waitForSelector('#workspace:not([hidden])');
  assert.match(await page.textContent('#who'), /op-manager-01/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('token')), 'demo-manager-token');
  assert.ok(!page.url().includes('token'), 'the token never goes in the URL');

  await page.fill('#find-value', '13800000001');
  await page.click('#find-form button[type=submit]');
  await page.waitForSelector('#points-available');
  assert.equal(await page.textContent('#points-available'), '5000');
  assert.match(await page.textContent('#stored-balance'), /230\.00/);
  await page.screenshot({ path: `${shots}2-customer.png`, fullPage: true });

  // A validation error beside its field, before anything is sent.
  await page.click('[data-method="alibaba.alsc.crm.point.extra.consume"]');
  await page.fill('#f-change_point', 'abc');
  await page.waitForFunction(() => document.querySelector('#f-change_point-err').textContent.length > 0);
  assert.match(await page.textContent('#f-change_point-err'), /integer/);
  await page.screenshot({ path: `${shots}3-validation.png`, fullPage: true });

  // Deduct points.
  await page.selectOption('#f-biz_channel', 'CS');
  await page.fill('#f-change_point', '300');
  await page.fill('#f-out_biz_id', 'ORDER-E2E');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  await page.waitForFunction(() => document.querySelector('#points-available').textContent === '4700');
  assert.equal((await ledger()).points.available, 4700);

  // Consume stored value on the same order.
  await page.click('[data-method="alibaba.alsc.crm.recharge.dedut.update"]');
  await page.selectOption('#f-biz_channel', 'KRY');
  await page.fill('#f-value', '1500');
  await page.fill('#f-outer_order_id', 'ORDER-E2E');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  assert.equal((await ledger()).stored_value.PRE, 18500);
  await page.screenshot({ path: `${shots}4-applied.png`, fullPage: true });

  // Refund the order: both come back.
  await page.click('[data-method="alibaba.alsc.crm.open.assert.refund"]');
  await page.fill('#f-outer_order_id', 'ORDER-E2E');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  const afterRefund = await ledger();
  assert.deepEqual([afterRefund.points.available, afterRefund.stored_value.PRE], [5000, 20000]);

  // A business refusal shows the platform's message.
  await page.click('[data-method="alibaba.alsc.crm.point.extra.consume"]');
  await page.selectOption('#f-biz_channel', 'CS');
  await page.fill('#f-change_point', '60000');
  await page.click('#submit');
  await page.waitForSelector('#outcome.bad');
  assert.match(await page.textContent('#outcome'), /积分不足/);
  await page.screenshot({ path: `${shots}5-refused.png`, fullPage: true });

  // Add U8 points.
  await page.click('[data-method="points/change"]');
  await page.fill('#f-mid', '10000001');
  await page.selectOption('#f-action_type', '5');
  await page.fill('#f-ori_money', '100.00');
  await page.fill('#f-calc_money', '100.00');
  await page.fill('#f-ori_points', '100');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
  assert.equal((await ledger()).u8.points, 1100);

  // A call that times out upstream (the gateway applies it late), retried with the same id.
  await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ app: '12345678', faults: [{ kind: 'latency', ms: 1800, count: 1 }] }) });
  await page.click('[data-method="alibaba.alsc.crm.point.extra.consume"]');
  await page.click('#action-form button.secondary');
  await page.selectOption('#f-biz_channel', 'CS');
  await page.fill('#f-change_point', '250');
  const rid = await page.textContent('#request-id');
  const submitted = page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#submit')?.disabled === true);
  await submitted;
  await page.waitForSelector('#outcome.unknown');
  await page.screenshot({ path: `${shots}6-unknown-retry.png`, fullPage: true });
  await new Promise((r) => setTimeout(r, 1200)); // the late apply lands meanwhile
  assert.equal((await ledger()).points.available, 4750, 'the timed-out call was applied upstream');
  await page.click('#retry');
  await page.waitForSelector('#outcome.ok');
  assert.equal((await ledger()).points.available, 4750, 'the retry applied nothing twice');
  assert.equal((await journal()).filter((j) => j.request_id === rid).length, 1);

  // History, exported as CSV, and the other language.
  const rows = await page.$$eval('#history tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.length >= 7, `history rows: ${rows.length}`);
  assert.ok(rows.some((r) => r.includes(rid)));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /"time",.*"request_id"/);
  assert.ok(csv.includes(rid));
  assert.equal(csv.trim().split('\n').length, rows.length + 1);
  await page.click('#lang');
  assert.equal(await page.textContent('h1'), 'Loyalty console');
  await page.screenshot({ path: `${shots}7-history-english.png`, fullPage: true });
  const tablet = await browser.newPage({ viewport: { width: 820, height: 1180 } });
  await tablet.goto(`${worker.url}/`);
  await tablet.screenshot({ path: `${shots}8-tablet.png` });
  await tablet.close();
  assert.deepEqual(errors, []);
});
