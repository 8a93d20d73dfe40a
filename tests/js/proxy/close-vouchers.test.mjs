// The day close counts the vouchers sent to customers (voucher.send) in a row of its own,
// judged by the sandbox's journal: what the platform issued, not what the screen says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, CUSTOMER, MANAGER } from '../fixtures.mjs';

let f;
before(async () => {
  f = await startStack({ vars: { UPSTREAM_RETRIES: '0' } });
});
after(() => f?.close());

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test("the close's vouchers issued are the vouchers the journal shows sent, per operator and shop", async () => {
  const send = (voucher_num) =>
    f.write('/v1/top/alibaba.alsc.crm.voucher.send', {
      customer_id: CUSTOMER,
      voucher_id: 'VT-20OFF',
      voucher_num,
      brand_id: '10001',
      shop_id: '20001',
    });
  await send(2);
  await send(1);
  await f.settled('op-manager-01');
  const sent = (await f.journal()).filter((j) => j.kind === 'voucher.send' && j.operator === 'op-manager-01');
  const issued = sent.reduce((n, j) => n + j.vouchers.length, 0);
  assert.equal(issued, 3);
  const close = (await (await f.get(0, `/v1/close?day=${today()}`, MANAGER)).json()).data;
  assert.equal(close.totals.vouchers_issued, String(issued));
  const row = close.rows.find((r) => r.operator === 'op-manager-01' && r.shop === '20001');
  assert.equal(row.vouchers_issued, String(issued));
  const hours = close.hours.reduce((n, h) => n + Number(h.vouchers_issued), 0);
  assert.equal(hours, issued);
  const csv = (await (await f.get(0, `/v1/close?day=${today()}&format=csv`, MANAGER)).text()).split('\r\n');
  const col = csv[0].split(',').indexOf('vouchers_issued');
  assert.ok(col > 0, csv[0]);
  assert.equal(csv.find((l) => l.includes(',total,')).split(',')[col], String(issued));
});
