// The console's CSV writer (www/console/src/csv.js), pure: what Excel and LibreOffice open as
// the desk reads it — a BOM, one value a cell, formulas defused, separators quoted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cell, toCsv, csvName } from '../../../www/console/src/csv.js';

test('a cell holding a separator, a quote, a tab or a line break is quoted, its quotes doubled', () => {
  assert.equal(cell('a,b'), '"a,b"');
  assert.equal(cell('a;b'), '"a;b"');
  assert.equal(cell('say "hi"'), '"say ""hi"""');
  assert.equal(cell('line\nbreak'), '"line\nbreak"');
  assert.equal(cell('cr\rhere'), '"cr\rhere"');
  assert.equal(cell('a\tb'), '"a\tb"');
  assert.equal(cell('顾客 张三'), '顾客 张三');
  assert.equal(cell(null), '');
  assert.equal(cell(undefined), '');
  assert.equal(cell(0), '0');
});

test('a cell a spreadsheet would run as a formula is defused; plain numbers, negative ones too, stay numbers', () => {
  for (const f of [
    '=1+1',
    '+1',
    '-1+2',
    '@SUM(A1)',
    ' =HYPERLINK("x")',
    '\u3000=1',
    '＝1',
    '＋1',
    '－1',
    '＠A',
    '|cmd',
  ])
    assert.ok(cell(f).replace(/^"/, '').startsWith("'"), f);
  assert.equal(cell('=1,2'), `"'=1,2"`);
  for (const n of ['-300', '-15.00', '12.34', '0', '300']) assert.equal(cell(n), n);
  assert.equal(cell('-1e3'), "'-1e3");
});

test('a file: BOM, header line, one line per row (CRLF), each column its own value', () => {
  const text = toCsv(
    [
      ['时间', (r) => r.at],
      ['积分', (r) => r.points],
      ['金额（元）', (r) => r.yuan],
      ['备注', (r) => r.note],
    ],
    [
      { at: '2026-12-04 10:00:00', points: '-300', yuan: '15.00', note: 'a, b' },
      { at: '2026-12-04 10:01:00', points: '0', yuan: '-0.50', note: '=cmd' },
    ],
  );
  assert.ok(text.startsWith('\ufeff时间,积分,金额（元）,备注\r\n'));
  assert.deepEqual(text.slice(1).split('\r\n'), [
    '时间,积分,金额（元）,备注',
    '2026-12-04 10:00:00,-300,15.00,"a, b"',
    "2026-12-04 10:01:00,0,-0.50,'=cmd",
    '',
  ]);
  assert.equal(toCsv([['a', () => 1]], []), '\ufeffa\r\n');
});

test('an export is named by its GMT+8 day', () => {
  // 2026-12-04 17:30 UTC is already 12-05 in GMT+8.
  assert.equal(csvName('audit', Date.parse('2026-12-04T17:30:00Z')), 'loyalty-audit-2026-12-05.csv');
  assert.equal(csvName('flows', Date.parse('2026-12-04T15:59:59Z')), 'loyalty-flows-2026-12-04.csv');
});
