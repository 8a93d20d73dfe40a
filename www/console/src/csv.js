// The console's one CSV writer (history, audit, flows): what a spreadsheet opens as the desk
// reads it. UTF-8 with a BOM (Excel reads a file without one in the system's code page, and
// Chinese comes out garbled), CRLF line ends, one value a cell: amounts as plain numbers in
// columns of their own, their unit in the header. Pure, so node:test checks it directly.

// A spreadsheet runs a cell as a formula when it starts with one of these (after spaces); the
// full-width forms too, which some locales read alike.
const FORMULA = /^[\s\u3000]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20|]/;
// A plain number (a signed amount like -15.00) is a value, not a formula: it stays a number.
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell: defused with a leading `'` when a spreadsheet would run it as a formula, then
 * quoted whenever it holds a separator (`,`, or `;`, which Excel splits on in many locales),
 * a quote, a tab or a line break.
 */
export function cell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  const safe = !NUMBER.test(s) && FORMULA.test(s) ? `'${s}` : s;
  return /[",;\n\r\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The file's text: a header line of `columns`' headers, then a line per row of what each
 * column's `value(row)` gives. `columns` is `[[header, value], ...]`.
 */
export function toCsv(columns, rows) {
  const lines = [
    columns.map(([header]) => cell(header)),
    ...rows.map((r) => columns.map(([, value]) => cell(value(r)))),
  ];
  return `\ufeff${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** A file name for an export of `what` made at `at` (ms): `loyalty-audit-2026-12-04.csv`, the GMT+8 day. */
export const csvName = (what, at) => `loyalty-${what}-${new Date(at + 8 * 3600_000).toISOString().slice(0, 10)}.csv`;
