// The books' screens end to end in Chromium: writes through the console (one whose reply is lost
// upstream), a write from another POS and an amount planted wrong in the platform's books; a
// reconciliation run started from the console by the manager, followed to its summary and the
// items to look at first; the unknown write settled in the worklist and gone from "awaiting an
// outcome"; the close's figures and its hours against the sandbox's journal, its CSV and the
// run's CSV parsed, its print stylesheet; the cashier's own view; axe-core at 390 and 1280 px in
// both languages. Screenshots go to tests/screenshots/ with console.test's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  payByForm,
  axeViolations,
  startStack,
  posWrite,
  CUSTOMER,
  MANAGER_TOKEN,
  CASHIER_TOKEN,
  CONSOLE_UPSTREAM,
  chooseChannel,
  openDesk,
} from '../fixtures.mjs';

const shots = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const MANAGER = 'op-manager-01';
const CASHIER = 'op-cashier-01';
const LAG_S = 1;
// Browsers far from GMT+8, where a screen reading the browser's clock would show other hours.
const ZONES = { zh: 'America/Los_Angeles', en: 'Europe/London' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let stack;
let sb;
let worker;
let browser;

before(async () => {
  // Every write, run and close here is of one GMT+8 day: started in its last two minutes, the
  // file waits for the next day rather than splitting its writes over two.
  const toMidnight = 86_400_000 - ((Date.now() + 8 * 3600_000) % 86_400_000);
  if (toMidnight < 120_000) await sleep(toMidnight + 1000);
  mkdirSync(shots, { recursive: true });
  stack = await startStack({
    console: true,
    vars: { ...CONSOLE_UPSTREAM, RECONCILE_LAG_SECONDS: String(LAG_S), RECONCILE_CALLS_PER_SECOND: '200' },
  });
  ({ sb, proxy: worker, browser } = stack);
});
after(() => stack?.close());

const post = (path, body) => fetch(`${sb.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
const gmt8Hour = (iso) => new Date(Date.parse(iso) + 8 * 3600_000).getUTCHours();

/** Signs in with `token` (in `lang`) and finds the demo customer. */
const signedIn = (token, opts) => openDesk(browser, worker.url, token, opts);

/** Deducts `points` through the form; returns its request id once the form has an outcome. */
async function deduct(page, points, outcome = 'ok') {
  await page.click('[data-method="alibaba.alsc.crm.point.extra.consume"]');
  if (await page.$('#new-form')) await page.click('#new-form');
  await chooseChannel(page, 'CS');
  await page.fill('#f-change_point', String(points));
  await page.fill('#f-reason', '日结测试');
  const rid = await page.textContent('#request-id');
  await page.click('#submit');
  await page.waitForSelector(`#outcome.${outcome}`);
  return rid;
}

/** The downloaded file of clicking `selector`, as text. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** A CSV's lines as arrays of cells (quoted cells may hold commas and doubled quotes). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/).filter(Boolean)) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/** Fails on any axe-core violation, whatever its impact. */
async function axeScan(page, label) {
  assert.deepEqual(await axeViolations(page), [], label);
}

let run;
let lostWrite;
let hoursSeen;

test('a day reconciled from the console: the unknown writes settled in the worklist, the close equal to the journal', async () => {
  await post('/__sandbox/reset', {});
  const page = await signedIn(MANAGER_TOKEN);
  const manager = page;
  // Every books card a manager may use is there; the worklist starts empty.
  await page.waitForSelector('#worklist-card:not([hidden])');
  await page.waitForSelector('#recon-card:not([hidden])');
  await page.waitForSelector('#close-card:not([hidden])');

  const applied = await deduct(page, 300);
  const order = await page.textContent('#current-order');
  await payByForm(page);

  // The reply is lost (the platform answers after the proxy's timeout, and applies it).
  // Only the deduction: the console's reads after the payment may still be on their way.
  await post('/__sandbox/faults', {
    app: '12345678',
    faults: [{ kind: 'latency', ms: 1800, count: 1, methods: ['alibaba.alsc.crm.point.extra.consume'] }],
  });
  const lost = await deduct(page, 250, 'unknown');
  lostWrite = lost;
  for (let i = 0; i < 100 && !(await stack.journal()).some((j) => j.request_id === lost); i++) await sleep(100);
  assert.ok(
    (await stack.journal()).some((j) => j.request_id === lost),
    'the platform applied the lost write',
  );

  // A reload: the lost write waits under "awaiting an outcome" and in the proxy's worklist.
  await page.reload();
  await page.waitForSelector(`#pending-list [data-pending="${lost}"]`);
  await page.waitForSelector(`#worklist tbody tr[data-request="${lost}"][data-outcome="pending"]`);
  assert.match(await page.textContent(`#worklist tr[data-request="${lost}"]`), /待对账判定/);
  assert.match(
    await page.textContent(`#worklist tr[data-request="${lost}"] td`),
    /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    'GMT+8 times as YYYY-MM-DD HH:mm:ss',
  );
  assert.match(await page.textContent(`#worklist tr[data-request="${lost}"]`), /扣减积分 250 积分/);
  await page.screenshot({ path: `${shots}books-1-worklist-before.png`, fullPage: true });

  // A second reply lost, with its form still on screen, locked to its request.
  await page.fill('#find-value', '13800000001');
  await page.click('#find-form button[type=submit]');
  await page.waitForSelector('#points-available');
  await post('/__sandbox/faults', {
    app: '12345678',
    faults: [{ kind: 'latency', ms: 1800, count: 1, methods: ['alibaba.alsc.crm.point.extra.consume'] }],
  });
  const held = await deduct(page, 120, 'unknown');
  for (let i = 0; i < 100 && !(await stack.journal()).some((j) => j.request_id === held); i++) await sleep(100);
  assert.ok((await stack.journal()).some((j) => j.request_id === held));

  // Another POS deducts at the same shop; the sandbox's books, before anything is planted.
  const pos = await stack.channel(
    posWrite({ points: 7, order: 'POS-BOOKS-1', operator: 'pos-7', requestId: 'POS-BOOKS-R1' }),
  );
  assert.equal(pos.status, 200);
  const truth = (await stack.journal()).filter((j) => j.operator === MANAGER && j.channel !== 'other');
  assert.equal(truth.length, 4);
  // A planted error: the platform books the 300-point deduction as another amount.
  const entry = truth.find((j) => j.request_id === applied);
  await post('/__sandbox/amend', { seq: entry.seq, points: entry.points - 1 });

  // The manager starts a run from the console and follows it to its summary.
  await sleep(LAG_S * 1000 + 200);
  // The platform answers the run's flow reads slowly: its progress is on screen meanwhile.
  await post('/__sandbox/faults', {
    app: '12345678',
    faults: [
      {
        kind: 'latency',
        ms: 300,
        count: 10,
        methods: ['alibaba.alsc.crm.point.querypointflow', 'alibaba.alsc.crm.recharge.accountflows.get'],
      },
    ],
  });
  await page.click('#recon-start');
  await page.waitForSelector('#recon-progress-row:not([hidden])');
  assert.match(await page.textContent('#recon-progress-text'), /^进度：/);
  assert.equal(await page.isDisabled('#recon-start'), true, 'one run at a time from this screen');
  await page.waitForSelector('#recon-summary [data-kind="mismatched"]', { timeout: 60_000 });
  await page.waitForSelector('#recon-export:not([hidden])');
  const summary = Object.fromEntries(
    await page.$$eval('#recon-summary [data-kind]', (ds) =>
      ds.map((d) => [d.dataset.kind, Number(d.querySelector('dd').textContent)]),
    ),
  );
  assert.deepEqual(summary, {
    writes: 4,
    matched: 1,
    settled_applied: 2,
    settled_not_applied: 0,
    not_in_audit: 1,
    mismatched: 1,
    unresolved: 0,
  });
  assert.match(await page.textContent('#recon-run'), /已完成/);
  // The items to look at first, with their order and customer.
  const items = await page.$$eval('#recon-items tbody tr', (trs) =>
    trs.map((tr) => ({ kind: tr.dataset.kind, cells: [...tr.cells].map((c) => c.textContent) })),
  );
  assert.deepEqual(
    items.map((i) => i.kind),
    ['mismatched', 'not_in_audit'],
  );
  assert.equal(items[0].cells[3], order, 'the mismatched item names its order');
  assert.equal(items[0].cells[4], CUSTOMER, 'and its customer');
  assert.match(items[0].cells[0], /金额或顾客不符/);
  assert.equal(items[0].cells[6], '已执行 扣减积分 300 积分', 'what the audit recorded, in words');
  assert.equal(items[1].cells[3], 'POS-BOOKS-1');
  assert.equal(items[1].cells[4], CUSTOMER);
  run = (await page.textContent('#recon-run')).match(/对账 (\S+)：/)[1];
  await page.screenshot({ path: `${shots}books-2-reconciliation.png`, fullPage: true });

  // The run decided the lost write: applied, in the worklist and out of "awaiting an outcome".
  await page.waitForSelector(`#worklist tbody tr[data-request="${lost}"][data-outcome="applied"]`);
  assert.match(
    await page.textContent(`#worklist tr[data-request="${lost}"]`),
    new RegExp(`已执行（对账 ${run} 判定）`),
  );
  await page.waitForSelector(`#pending-list [data-pending="${lost}"]`, { state: 'detached' });
  await page.waitForSelector(`#worklist tbody tr[data-request="${held}"][data-outcome="applied"]`);
  // The form that was locked to the other one shows its outcome, and its next request is new.
  await page.waitForSelector('#outcome.ok');
  assert.match(await page.textContent('#outcome'), new RegExp(`已执行（对账 ${run} 判定）`));
  assert.notEqual(await page.textContent('#request-id'), held);
  assert.equal(await page.$('#retry'), null, 'nothing left to retry');
  const history = await page.$$eval('#history tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(
    history.some((r) => r.includes(lost) && r.includes(`已执行（对账 ${run} 判定）`)),
    history.join('\n'),
  );

  // The close against the sandbox's journal as it was before the planted error.
  const points = truth.filter((j) => j.kind === 'point.consume').reduce((s, j) => s + Math.abs(j.points), 0);
  const paid = truth.filter((j) => j.kind === 'value.consume').reduce((s, j) => s + Math.abs(j.value), 0);
  assert.deepEqual([points, paid], [670, 1500]);
  await page.waitForFunction(
    (n) => document.querySelector('#close [data-figure="points_deducted"] [data-col="total"]')?.textContent === n,
    `${points} 积分`,
  );
  const total = (figure) => page.textContent(`#close [data-figure="${figure}"] [data-col="total"]`);
  assert.equal(await total('value_paid'), `${(paid / 100).toFixed(2)}\u00a0元`);
  assert.equal(await total('applied'), String(truth.length));
  assert.equal(await total('unknown'), '0');
  assert.equal(await total('settled'), '2');
  assert.equal(await total('points_added'), '0 积分');
  // By hour in GMT+8: each hour's deductions as the journal has them.
  const byHour = new Map();
  for (const j of truth.filter((x) => x.kind === 'point.consume'))
    byHour.set(gmt8Hour(j.at), (byHour.get(gmt8Hour(j.at)) ?? 0) + Math.abs(j.points));
  for (const [hour, n] of byHour)
    assert.equal(
      await page.textContent(`#close-hours tr[data-hour="${hour}"] [data-figure="points_deducted"]`),
      `${n} 积分`,
      `hour ${hour}`,
    );
  assert.equal(await page.$$eval('#close-hours tbody tr', (trs) => trs.length), byHour.size);
  // The chart, drawn by uPlot (its axes are on the canvas: the last test reads the hours in another zone).
  await page.waitForSelector('#close-chart canvas');
  hoursSeen = byHour;

  // Exports: the close and every item of the run, parsed.
  const closeCsv = await download(page, '#close-export');
  const rows = parseCsv(closeCsv.text);
  const header = rows[0];
  const totals = rows.find((r) => r[header.indexOf('operator')] === 'total');
  assert.equal(totals[header.indexOf('points_deducted')], String(points));
  assert.equal(totals[header.indexOf('value_paid')], String(paid));
  assert.match(closeCsv.name, /^close-\d{4}-\d{2}-\d{2}\.csv$/);
  const itemsCsv = parseCsv((await download(page, '#recon-export')).text);
  const col = (name) => itemsCsv[0].indexOf(name);
  assert.equal(itemsCsv.length - 1, 5, 'four writes and one flow from another POS');
  assert.equal(itemsCsv.find((r) => r[col('request_id')] === held)[col('kind')], 'settled_applied');
  const kindOf = (orderId) => itemsCsv.find((r) => r[col('order_id')] === orderId && r[col('kind')] !== 'matched');
  assert.equal(kindOf('POS-BOOKS-1')[col('kind')], 'not_in_audit');
  assert.equal(itemsCsv.find((r) => r[col('request_id')] === lost)[col('kind')], 'settled_applied');
  assert.equal(itemsCsv.find((r) => r[col('request_id')] === applied)[col('kind')], 'mismatched');

  // On paper: the close alone, no controls.
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() =>
    Object.fromEntries(
      ['#close-card', '#close', '#worklist-card', '#recon-card', '#audit-card', '.bar', '#close-form'].map((s) => [
        s,
        getComputedStyle(document.querySelector(s)).display !== 'none',
      ]),
    ),
  );
  assert.deepEqual(shown, {
    '#close-card': true,
    '#close': true,
    '#worklist-card': false,
    '#recon-card': false,
    '#audit-card': false,
    '.bar': false,
    '#close-form': false,
  });
  await page.screenshot({ path: `${shots}books-3-close-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(manager.errors, []);
  await page.close();
});

test('after the manager signs out, the cashier sees their own close and worklist, and no reconciliation', async () => {
  const page = await signedIn(MANAGER_TOKEN);
  await page.waitForSelector('#recon-summary [data-kind="mismatched"]');
  await page.waitForSelector('#worklist tbody tr');
  await page.click('#signout');
  assert.deepEqual(
    await page.$$eval(['#worklist-card', '#recon-card', '#close-card'].join(','), (cards) =>
      cards.map((c) => c.hidden),
    ),
    [true, true, true],
  );
  assert.deepEqual(
    await page.$$eval(
      '#worklist tbody tr, #recon-items tbody tr, #recon-summary div, #close tbody tr',
      (x) => x.length,
    ),
    0,
    "nothing of the manager's books stays in the page",
  );
  await page.fill('#token', CASHIER_TOKEN);
  await page.press('#token', 'Enter');
  await page.waitForSelector('#workspace:not([hidden])');
  await page.fill('#find-value', '13800000001');
  await page.click('#find-form button[type=submit]');
  await page.waitForSelector('#points-available');
  await deduct(page, 10);
  // The audit row reaches the books a moment after the answer: show the close again until it has.
  const cell = '#close [data-figure="points_deducted"] [data-col="total"]';
  for (let i = 0; i < 50 && (await page.textContent(cell)) !== '10 积分'; i++) {
    await page.click('#close-form button[type=submit]');
    await sleep(200);
  }
  assert.equal(await page.textContent(cell), '10 积分');
  const mine = (await stack.journal()).filter((j) => j.operator === CASHIER);
  assert.equal(mine.length, 1);
  assert.equal(Math.abs(mine[0].points), 10);
  const columns = await page.$$eval('#close thead th', (ths) => ths.map((th) => th.textContent));
  assert.equal(columns.length, 3, 'the figure, the cashier at their shop, the total');
  assert.ok(columns[1].startsWith(`${CASHIER} · `), columns[1]);
  assert.match(await page.textContent('#close-scope'), /本人/);
  assert.equal(await page.isHidden('#recon-card'), true);
  assert.equal(await page.isVisible('#worklist-card'), true);
  assert.match(await page.textContent('#worklist-empty'), /没有结果未知/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the books screens at 390 and 1280 px in both languages: screenshots, and axe finds nothing', async () => {
  assert.ok(run, 'a run was made by the first test');
  const sentAt = (await stack.journal()).find((j) => j.request_id === lostWrite).at;
  for (const lang of ['zh', 'en']) {
    for (const width of [390, 1280]) {
      const page = await signedIn(MANAGER_TOKEN, { width, lang, timezoneId: ZONES[lang] });
      await page.waitForSelector('#recon-summary [data-kind="mismatched"]');
      await page.waitForSelector('#worklist tbody tr[data-outcome="applied"]');
      await page.waitForSelector('#close-chart canvas');
      if (lang === 'en')
        assert.match(await page.textContent(`#worklist tr[data-request="${lostWrite}"]`), /decided by run/);
      // GMT+8 whatever the browser's zone: the worklist's time and the close's hours.
      const at = await page.textContent(`#worklist tr[data-request="${lostWrite}"] td`);
      assert.equal(
        at.slice(0, 13),
        new Date(Date.parse(sentAt) + 8 * 3600_000).toISOString().slice(0, 13).replace('T', ' '),
      );
      assert.deepEqual(
        await page.$$eval('#close-hours tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.hour))),
        [...hoursSeen.keys()].sort((a, b) => a - b),
      );
      // The wide tables scroll inside their cards, never the page.
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
        `no horizontal scrolling at ${width}`,
      );
      await page.screenshot({ path: `${shots}books-${width}-${lang}.png`, fullPage: true });
      await axeScan(page, `books ${width} ${lang}`);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  }
});
