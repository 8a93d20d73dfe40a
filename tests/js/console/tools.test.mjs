// The audit trail and the flows as tools, end to end in Chromium: the audit card's filters (days,
// operator, customer in any notation, order, operation, writes only by default) each narrowing
// the rows to what the proxy's D1 holds, the empty state naming its filters, one customer
// notation, the export downloaded and parsed as CSV (BOM, points and 元 columns, headers in the
// chosen language); the flows filtered by order, type and days against the sandbox's journal,
// with operator and reason, and exported; at 390 px a tap in a table leaves its first column in
// view and order ids on one line; screenshots at 390 and 1280 px in both languages with layout
// checks and axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  signIn,
  payByForm,
  axeViolations,
  startStack,
  deduct as deduction,
  CUSTOMER,
  OTHER_CUSTOMER,
  MANAGER_TOKEN,
  CASHIER_TOKEN,
  CASHIER,
  CONSOLE_UPSTREAM,
  openDesk,
} from '../fixtures.mjs';

const shots = join(tmpdir(), 'loyalty-tools-shots');
const MANAGER_OP = 'op-manager-01';
const CASHIER_OP = 'op-cashier-01';
const NBSP = '\u00a0';
let stack;
let browser;
let worker;
let page;
let orderA;
let orderB;

before(async () => {
  mkdirSync(shots, { recursive: true });
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
  ({ browser, proxy: worker } = stack);
});
after(async () => {
  await page?.close();
  await stack?.close();
});

/** A new page at `width` in `lang`, signed in as the manager with the demo customer found. */
const desk = (opts) => openDesk(browser, worker.url, MANAGER_TOKEN, opts);

/** Deducts `points` through the form on the current order; its order id once applied. */
async function deductByForm(p, points) {
  await p.click('[data-method="alibaba.alsc.crm.point.extra.consume"]');
  if (await p.$('#new-form')) await p.click('#new-form');
  await p.fill('#f-change_point', String(points));
  await p.fill('#f-reason', '工具测试');
  await p.click('#submit');
  await p.waitForSelector('#outcome.ok');
  return p.textContent('#current-order');
}

/** RFC 4180 fields of a CSV text (quotes, doubled quotes, CRLF), the BOM left on the first cell. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (rows.at(-1).push(cell), (cell = ''));
    else if (c === '\r' && text[i + 1] === '\n') (rows.at(-1).push(cell), (cell = ''), rows.push([]), i++);
    else cell += c;
  }
  if (rows.at(-1).length === 0 && cell === '') rows.pop();
  return rows;
}

/** The file downloaded by clicking `selector`: its name and text. */
async function download(p, selector) {
  const [file] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** The audit table's rows as `{ cells, customerTitle }`. */
const auditRows = (p) =>
  p.$$eval('#audit tbody tr', (trs) =>
    trs.map((tr) => ({
      cells: [...tr.cells].map((c) => c.querySelector('code')?.textContent ?? c.textContent),
      customerTitle: tr.cells[3].title,
    })),
  );

/** Submits the audit filters and waits for the answer to be shown. */
async function filterAudit(p, set) {
  for (const [sel, v] of Object.entries(set)) {
    if (sel === '#audit-writes') await p.setChecked(sel, v);
    else if (sel === '#audit-operation') await p.selectOption(sel, v);
    else await p.fill(sel, v);
  }
  await p.click('#audit-filters button[type=submit]');
  // The card is busy from the click until the rows under these filters are shown.
  await p.waitForSelector('#audit:not([aria-busy])', { state: 'attached' });
}

const dayGmt8 = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

test('audit: writes only by default, each filter narrows to what the trail holds, empty states, export as CSV', async () => {
  page = await desk();
  orderA = await deductByForm(page, 10);
  await payByForm(page);
  await page.click('#new-order');
  orderB = await deductByForm(page, 5);
  // Another operator's write, for another customer.
  const other = await stack.post(
    0,
    '/v1/top/alibaba.alsc.crm.point.extra.consume',
    deduction(3, { customer_id: OTHER_CUSTOMER, request_id: 'tools-cashier-1' }),
    CASHIER,
  );
  assert.equal(other.status, 200, await other.clone().text());
  // Reads enough for a second page of every call.
  for (let i = 0; i < 8; i++) {
    const read = await stack.post(0, '/v1/top/alibaba.alsc.crm.open.customer.get', {
      brand_id: '10001',
      shop_id: '20001',
      customer_id: CUSTOMER,
    });
    assert.equal(read.status, 200, await read.clone().text());
  }
  await stack.settled(MANAGER_OP, CASHIER_OP);
  // The console reads the trail again a second after each write: let that be over first.
  await page.waitForTimeout(1200);
  const d1 = await stack.rows();
  const WRITES = new Set((await import('../../../www/worker/src/audit.js')).WRITE_OPERATIONS);
  const writes = d1.filter((r) => WRITES.has(r.operation));
  assert.ok(d1.length > writes.length, 'the trail holds reads too');

  // Writes only, on by default, the last seven days and on.
  assert.equal(await page.isChecked('#audit-writes'), true);
  assert.equal(await page.inputValue('#audit-from'), dayGmt8(Date.now() - 6 * 86_400_000));
  assert.equal(await page.inputValue('#audit-to'), '');
  await filterAudit(page, {});
  let rows = await auditRows(page);
  assert.equal(rows.length, writes.length, 'every write of the trail, and nothing else');
  assert.ok(
    rows.every((r) => !/查找|查询/.test(r.cells[2])),
    rows.map((r) => r.cells[2]).join(),
  );
  // Every call once asked (20 a page: "more" goes on).
  await filterAudit(page, { '#audit-writes': false });
  rows = await auditRows(page);
  assert.equal(rows.length, Math.min(20, d1.length));
  assert.equal(await page.isVisible('#audit-more'), d1.length > 20);
  // The next page goes on from the last row shown (by cursor): the rows after it, none twice.
  assert.ok(d1.length > 20, `the trail has a second page (${d1.length} rows)`);
  await page.click('#audit-more');
  await page.waitForSelector('#audit:not([aria-busy])', { state: 'attached' });
  const times = (await auditRows(page)).map((r) => r.cells[0]);
  assert.equal(times.length, Math.min(40, d1.length));
  const newestFirst = d1
    .map((r) => r.at)
    .sort()
    .reverse()
    .slice(0, times.length);
  assert.deepEqual(
    times,
    newestFirst.map((at) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')),
  );
  await page.setChecked('#audit-writes', true);

  // Each filter narrows to exactly the D1 rows it names.
  await filterAudit(page, { '#audit-operator': CASHIER_OP });
  rows = await auditRows(page);
  assert.deepEqual(
    rows.map((r) => r.cells[1]),
    writes.filter((r) => r.operator === CASHIER_OP).map(() => CASHIER_OP),
  );
  assert.equal(rows.length, 1);
  // The customer in a desk's notation: the found customer's id is asked for, never the mobile.
  const asked = page.waitForRequest((r) => r.url().includes('/v1/audit?'));
  await filterAudit(page, { '#audit-operator': '', '#audit-customer': '138 0000 0001' });
  const url = new URL((await asked).url());
  assert.equal(url.searchParams.get('customer'), CUSTOMER);
  assert.doesNotMatch(url.search, /13800000001/);
  rows = await auditRows(page);
  assert.equal(rows.length, writes.filter((r) => r.customer === CUSTOMER).length);
  // One customer notation: the masked mobile, the id on hover; no full mobile anywhere.
  assert.ok(
    rows.every((r) => r.cells[3] === '138****0001' && r.customerTitle.includes(CUSTOMER)),
    JSON.stringify(rows),
  );
  assert.doesNotMatch(await page.textContent('#audit'), /1380000000\d/);
  await filterAudit(page, { '#audit-customer': '', '#audit-order': orderA });
  rows = await auditRows(page);
  assert.deepEqual(
    rows.map((r) => r.cells[4]),
    [orderA, orderA],
  );
  assert.equal(writes.filter((r) => r.order_id === orderA).length, 2);
  await filterAudit(page, { '#audit-order': '', '#audit-operation': 'alibaba.alsc.crm.recharge.dedut.update' });
  rows = await auditRows(page);
  assert.equal(rows.length, writes.filter((r) => r.operation === 'alibaba.alsc.crm.recharge.dedut.update').length);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].cells[5], `15.00${NBSP}元`, 'the amount with its unit, never wrapped apart');

  // Days: tomorrow holds nothing, and the empty state says which filters found nothing.
  const tomorrow = dayGmt8(Date.now() + 86_400_000);
  await filterAudit(page, { '#audit-operation': '', '#audit-from': tomorrow, '#audit-to': tomorrow });
  assert.equal((await auditRows(page)).length, 0);
  const empty = await page.textContent('#audit-empty');
  assert.ok(await page.isVisible('#audit-empty'));
  assert.ok(empty.includes(`${tomorrow} 至 ${tomorrow}`) && empty.includes('仅写入'), empty);
  // A range the wrong way round is refused by name before anything is asked.
  await page.fill('#audit-from', dayGmt8(Date.now()));
  await page.fill('#audit-to', dayGmt8(Date.now() - 86_400_000));
  await page.click('#audit-filters button[type=submit]');
  assert.match(await page.textContent('#audit-error'), /起始日期不能晚于截止日期/);
  assert.equal(await page.getAttribute('#audit-from', 'aria-invalid'), 'true');

  // Export: the filtered rows, parsed as CSV.
  await filterAudit(page, {
    '#audit-from': dayGmt8(Date.now()),
    '#audit-to': dayGmt8(Date.now()),
    '#audit-order': orderA,
  });
  const zh = await download(page, '#audit-export');
  assert.match(zh.name, /^loyalty-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(zh.text.startsWith('\ufeff'), 'a BOM: Excel reads the file as UTF-8');
  const [head, ...lines] = parseCsv(zh.text.slice(1));
  assert.deepEqual(head, [
    '时间（GMT+8）',
    '操作员',
    '操作',
    '顾客',
    '顾客ID',
    '订单号',
    '积分',
    '储值（元）',
    '券',
    '结果',
    '门店',
    '请求ID',
  ]);
  const col = (name) => head.indexOf(name);
  assert.equal(lines.length, 2);
  const journal = (await stack.journal()).filter((j) => j.order === orderA);
  const byRequest = new Map(lines.map((l) => [l[col('请求ID')], l]));
  for (const j of journal) {
    const line = byRequest.get(j.request_id);
    assert.ok(line, `the journal's ${j.request_id} is exported: ${JSON.stringify({ journal, lines })}`);
    // Numbers in their own columns: the journal's points and 分 as plain figures.
    if (j.points) assert.equal(line[col('积分')], String(Math.abs(j.points)));
    if (j.value) assert.equal(line[col('储值（元）')], (Math.abs(j.value) / 100).toFixed(2));
    assert.equal(line[col('顾客')], '138****0001');
    assert.equal(line[col('顾客ID')], CUSTOMER);
    assert.match(line[col('时间（GMT+8）')], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  }
  assert.equal(journal.length, 2);
  // Headers follow the chosen language.
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#audit-export').textContent === 'Export CSV');
  const en = await download(page, '#audit-export');
  assert.equal(
    parseCsv(en.text.slice(1))[0].join(','),
    'Time (GMT+8),Operator,Operation,Customer,Customer id,Order id,Points,Stored value (yuan),Vouchers,Outcome,Shop,Request id',
  );
  await page.click('#lang');

  // The session's history through the same writer: points and 元 as numbers, balances as the ledger had them.
  const history = await download(page, '#export');
  assert.ok(history.text.startsWith('\ufeff'));
  const [hHead, ...hLines] = parseCsv(history.text.slice(1));
  const h = (line, name) => line[hHead.indexOf(name)];
  const payment = hLines.find((l) => h(l, '储值（元）') === '15.00');
  assert.ok(payment, hLines.join('\n'));
  assert.equal(h(payment, '订单号'), orderA);
  const last = hLines.at(-1);
  assert.equal(h(last, '积分'), '5');
  const ledger = await stack.customer();
  assert.equal(h(last, '变动后积分'), String(ledger.points.available));
  assert.equal(h(last, '变动前积分'), String(ledger.points.available + 5));
  assert.equal(h(last, '变动后储值（元）'), ((ledger.stored_value.PRE + ledger.stored_value.GIFT) / 100).toFixed(2));
  assert.deepEqual(page.errors, []);
});

test('a cashier sees their own rows only, with no operator filter', async () => {
  const p = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await signIn(p, worker.url, CASHIER_TOKEN);
  await p.waitForSelector('#audit tbody tr');
  assert.equal(await p.isVisible('#audit-operator'), false);
  assert.match(await p.textContent('#audit-scope'), /本人/);
  const operators = await p.$$eval('#audit tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual([...new Set(operators)], [CASHIER_OP]);
  await p.close();
});

test('flows: filtered by order, type and days, operator and reason shown, exported as CSV', async () => {
  await page.waitForSelector('#flows-card:not([hidden])');
  const journal = await stack.journal();
  const filterFlows = async (set) => {
    for (const [sel, v] of Object.entries(set))
      if (sel === '#flow-type') await page.selectOption(sel, v);
      else await page.fill(sel, v);
    await page.click('#flow-filters button[type=submit]');
    await page.waitForSelector('#flows:not([aria-busy])', { state: 'attached' });
  };
  const flowRows = () =>
    page.$$eval('#flows tbody tr', (trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.querySelector('code')?.textContent ?? c.textContent)),
    );
  // Points, by order: the one deduction on order B, with its operator and reason.
  await filterFlows({ '#flow-order': orderB });
  let rows = await flowRows();
  const onB = journal.filter((j) => j.order === orderB && j.points);
  assert.equal(onB.length, 1);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    [rows[0][2], rows[0][4], rows[0][5], rows[0][6]],
    [String(onB[0].points), orderB, onB[0].operator, '工具测试'],
  );
  // By type: a deduction is point.consume; no flow of this order is a points reversal.
  await filterFlows({ '#flow-type': 'point.consume' });
  assert.equal((await flowRows()).length, 1);
  await filterFlows({ '#flow-type': 'point.reverse' });
  assert.equal((await flowRows()).length, 0);
  assert.match(await page.textContent('#flows-empty'), new RegExp(`没有符合条件的流水.*订单 ${orderB}`));
  // By days: nothing tomorrow.
  const tomorrow = dayGmt8(Date.now() + 86_400_000);
  await filterFlows({ '#flow-type': '', '#flow-order': '', '#flow-from': tomorrow, '#flow-to': tomorrow });
  assert.equal((await flowRows()).length, 0);
  assert.ok((await page.textContent('#flows-empty')).includes(`${tomorrow} 至 ${tomorrow}`));
  // Stored value of today, payments only: the journal's one payment, in 元 with a non-breaking unit.
  await filterFlows({ '#flow-from': dayGmt8(Date.now()), '#flow-to': dayGmt8(Date.now()) });
  const valueTab = page.waitForResponse((r) => r.url().includes('accountflows'));
  await page.click('#flow-tabs [data-flow="value"]');
  await valueTab;
  await filterFlows({ '#flow-type': 'DEDUT' });
  rows = await flowRows();
  const payments = journal.filter(
    (j) => j.customer_id === CUSTOMER && j.value && j.method === 'alibaba.alsc.crm.recharge.dedut.update',
  );
  assert.equal(rows.length, payments.length);
  assert.deepEqual([rows[0][2], rows[0][4]], ['-15.00', orderA]);
  assert.ok(rows[0][3].endsWith(`${NBSP}元`), rows[0][3]);
  // Exported: the same flows, the change and balance as numbers in 元 columns, headers in 中文.
  const file = await download(page, '#flows-export');
  assert.ok(file.text.startsWith('\ufeff'));
  const [head, ...lines] = parseCsv(file.text.slice(1));
  assert.deepEqual(head, [
    '时间（GMT+8）',
    '类型',
    '储值变动（元）',
    '变动后储值（元）',
    '订单号',
    '操作员',
    '原因 / 备注',
    '门店',
    '流水ID',
  ]);
  assert.equal(lines.length, payments.length);
  assert.deepEqual([lines[0][2], lines[0][4]], ['-15.00', orderA]);
  assert.match(lines[0][3], /^\d+\.\d{2}$/);
  const customer = await stack.customer();
  assert.equal(lines[0][3], ((customer.stored_value.PRE + customer.stored_value.GIFT) / 100).toFixed(2));
  await page.click('#flow-tabs [data-flow="points"]');
  assert.deepEqual(page.errors, []);
});

test('at 390 and 1280 px in both languages: first columns stay in view after a tap, nothing overflows or overlaps, axe finds nothing', async () => {
  for (const width of [390, 1280])
    for (const lang of ['zh', 'en']) {
      const p = await desk({ width, lang });
      const label = `${width} ${lang}`;
      await p.waitForSelector('#audit tbody tr');
      await p.waitForSelector('#flows tbody tr');
      // The customer found in this tab is named by their masked mobile in the rows shown before.
      await p.waitForFunction(() =>
        [...document.querySelectorAll('#audit td.customer-cell')].some((c) => c.textContent === '138****0001'),
      );
      // A tap far right in each table, then the table scrolled all the way: its first column is in view.
      for (const table of ['#audit', '#flows']) {
        await p.locator(`${table} tbody tr:first-child td:last-child`).click();
        const seen = await p.$eval(table, (t) => {
          const wrap = t.closest('.table-wrap');
          wrap.scrollLeft = wrap.scrollWidth;
          const w = wrap.getBoundingClientRect();
          const first = t.querySelector('tbody tr td:first-child');
          const r = first.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
          return {
            scrolls: wrap.scrollWidth > wrap.clientWidth,
            inside: r.left >= w.left - 1 && r.right <= w.right + 1,
            onTop: first.contains(hit),
          };
        });
        assert.ok(seen.inside && seen.onTop, `${label} ${table}: ${JSON.stringify(seen)}`);
        if (width === 390) assert.ok(seen.scrolls, `${label} ${table} is wider than the phone`);
      }
      // Order ids on one line, with their copy button.
      const ids = await p.$$eval('#audit td code.order, #flows td code.order', (cs) =>
        cs.map((c) => ({
          text: c.textContent,
          lines: c.getClientRects().length,
          height: c.getBoundingClientRect().height,
          button: Boolean(c.nextElementSibling?.matches('button.copy-id')),
        })),
      );
      assert.ok(ids.length >= 2);
      for (const id of ids) assert.ok(id.lines === 1 && id.height < 30 && id.button, `${label}: ${JSON.stringify(id)}`);
      // Nothing cut or spilling out of its box in the two cards, and no two controls of a filter form overlapping.
      const layout = await p.evaluate(() => {
        const bad = [];
        for (const card of ['#audit-card', '#flows-card'])
          for (const e of document.querySelectorAll(`${card} *`)) {
            if (e.closest('.table-wrap') || e.closest('#flow-chart') || e.offsetParent === null) continue;
            if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
              bad.push(`${card} ${e.tagName}#${e.id}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`);
          }
        for (const form of ['#audit-filters', '#flow-filters']) {
          const boxes = [...document.querySelector(form).children]
            .filter((c) => c.offsetParent !== null)
            .map((c) => [c, c.getBoundingClientRect()]);
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const [a, b] = [boxes[i][1], boxes[j][1]];
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
                bad.push(`${form}: ${boxes[i][0].textContent} overlaps ${boxes[j][0].textContent}`);
            }
          const f = document.querySelector(form).getBoundingClientRect();
          const card = document.querySelector(form).closest('.card').getBoundingClientRect();
          if (f.right > card.right + 1) bad.push(`${form} leaves its card`);
        }
        if (document.documentElement.scrollWidth > window.innerWidth) bad.push('the page scrolls sideways');
        return bad;
      });
      assert.deepEqual(layout, [], label);
      await p.locator('#audit-card').screenshot({ path: join(shots, `tools-audit-${width}-${lang}.png`) });
      await p.locator('#flows-card').screenshot({ path: join(shots, `tools-flows-${width}-${lang}.png`) });
      assert.deepEqual(await axeViolations(p), [], label);
      assert.deepEqual(p.errors, [], label);
      await p.close();
    }
});
