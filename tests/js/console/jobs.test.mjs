// The console's jobs screen in Chromium: the template of an operation, a file with bad rows
// shown row by row (and nothing sent), a good file's total effect confirmed, the progress to
// the end and the results file; judged by the sandbox's journal and ledger. axe-core at 390 and
// 1280 px in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStack, CUSTOMER, MANAGER_TOKEN, CONSOLE_UPSTREAM } from '../fixtures.mjs';

const OPERATION = 'alibaba.alsc.crm.open.point.operate';
let stack;

before(async () => {
  stack = await startStack({ console: true, vars: CONSOLE_UPSTREAM });
});
after(() => stack?.close());

const points = async () => (await stack.customer()).points.available;

async function signedIn(page) {
  await page.goto(`${stack.proxy.url}/`);
  await page.fill('#token', MANAGER_TOKEN);
  await page.press('#token', 'Enter');
  await page.waitForSelector('#jobs-card:not([hidden])');
  await page.selectOption('#job-operation', OPERATION);
}

const downloaded = async (page, selector) => {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await file.path(), 'utf8');
};

async function axeScan(page, label) {
  await page.addScriptTag({
    path: fileURLToPath(new URL('../../../www/node_modules/axe-core/axe.min.js', import.meta.url)),
  });
  const found = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  );
  assert.deepEqual(found, [], label);
}

const upload = (page, text) =>
  page.setInputFiles('#job-file', { name: 'job.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a job from the console: template, rows refused by row, effect confirmed, progress, results', async () => {
  const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await signedIn(page);

  const template = (await downloaded(page, '#job-template')).trim().split('\r\n');
  assert.equal(template.length, 2, 'a header and one example row');
  const header = template[0].split(',');
  for (const f of ['brand_id', 'shop_id', 'change_point', 'operate_type', 'outer_order_id'])
    assert.ok(header.includes(f), `${f} in the header`);
  assert.ok(!header.includes('request_id'), 'the job derives request ids');
  const example = Object.fromEntries(template[1].split(',').map((v, i) => [header[i], v]));
  assert.equal(example.brand_id, '10001');

  const cols = 'brand_id,shop_id,customer_id,change_point,operate_type,outer_order_id,reason';
  const row = (i, pts = 2) => `10001,20001,${CUSTOMER},${pts},1,CJ-${i},console job`;
  const sent = (await stack.journal()).length;
  await upload(page, `${cols}\n${row(1)}\n${row(2, 'lots')}\n${row(3)}\n`);
  await page.click('#job-check');
  await page.waitForSelector('#job-errors-wrap:not([hidden])');
  const shown = await page.$$eval('#job-errors tbody tr', (trs) =>
    trs.map((tr) => [...tr.cells].map((c) => c.textContent)),
  );
  assert.deepEqual(
    shown.map((r) => r.slice(0, 2)),
    [['2', 'change_point']],
  );
  assert.ok(await page.isHidden('#job-summary'), 'no job to confirm');
  assert.equal((await stack.journal()).length, sent, 'nothing was sent');
  await axeScan(page, 'jobs with errors zh 1280');

  const was = await points();
  await upload(page, `${cols}\n${Array.from({ length: 12 }, (_, i) => row(i + 10, 3)).join('\n')}\n`);
  await page.click('#job-check');
  await page.waitForSelector('#job-summary:not([hidden])');
  assert.match(await page.textContent('#job-effect'), /12.*36/);
  await page.click('#job-start');
  await page.waitForFunction(() => /已完成：/.test(document.querySelector('#job-status').textContent));
  assert.equal(await page.$eval('#job-progress', (p) => [p.value, p.max].join('/')), '12/12');
  const results = (await downloaded(page, '#job-results')).trim().split('\r\n');
  assert.equal(results.length, 13);
  assert.ok(results.slice(1).every((l) => l.split(',')[2] === 'applied'));
  const ids = results.slice(1).map((l) => l.split(',')[1]);
  const applied = (await stack.journal()).filter((e) => ids.includes(e.request_id)).map((e) => e.request_id);
  assert.deepEqual(applied.sort(), [...ids].sort(), 'each row applied once, by the journal');
  assert.equal((await points()) - was, 36, 'the ledger moved by the total confirmed');

  // The same file again (a second click, the list sent twice): told, and not run twice.
  await page.click('#job-check');
  await page.waitForSelector('#job-again:not([hidden])');
  assert.match(await page.textContent('#job-message'), /已上传过.*不会重复执行/);
  assert.ok(await page.isHidden('#job-summary'), 'no second job to confirm');
  await axeScan(page, 'jobs file uploaded before zh 1280');
  await page.click('#job-again');
  await page.waitForSelector('#job-summary:not([hidden])');
  assert.ok(await page.isHidden('#job-again'));
  const second = await page.textContent('#job-effect');
  assert.match(second, /12.*36/, 'run again on purpose: a new job to confirm');
  assert.equal((await points()) - was, 36, 'nothing more moved before it is confirmed');
  await page.close();
});

test('the jobs screen has no accessibility violation at 390 and 1280 px, in both languages', async () => {
  for (const lang of ['zh', 'en'])
    for (const width of [390, 1280]) {
      const page = await stack.browser.newPage({ viewport: { width, height: 900 } });
      await page.addInitScript((l) => sessionStorage.setItem('lang', l), lang);
      await signedIn(page);
      await upload(page, 'brand_id,nonsense\n10001,x\n');
      await page.click('#job-check');
      await page.waitForSelector('#job-errors-wrap:not([hidden])');
      await axeScan(page, `jobs errors ${lang} ${width}`);
      await upload(
        page,
        `brand_id,shop_id,customer_id,change_point,operate_type,outer_order_id,reason\n10001,20001,${CUSTOMER},1,1,AX-${lang}-${width},a11y\n`,
      );
      await page.click('#job-check');
      await page.waitForSelector('#job-summary:not([hidden])');
      await axeScan(page, `jobs confirm ${lang} ${width}`);
      await page.close();
    }
});
