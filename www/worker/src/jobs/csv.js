// A job's file: a CSV whose header names the operation's business fields (as `operations()`
// gives them), one call per row. Parsed with d3-dsv (RFC 4180 quoting, line breaks inside
// quotes); what the header and rows may hold is checked here, what each row's values mean by
// the core's validate() (review() in call.js).
import { csvParseRows } from 'd3-dsv';

/** Fields a job derives itself for each row, never read from the file. */
export const derivedFields = (meta) => (meta.platform === 'u8' ? [] : ['request_id', 'operator_id']);

const blank = (cells) => cells.every((v) => v.trim() === '');

/**
 * The file's rows as parameter objects (an empty cell leaves its field out), or its errors:
 * `{ header, rows: [{ row, params }], errors: [{ row, field, rule, message }] }`, `row` counted
 * from 1 after the header; errors of the header are row 0.
 */
export function readRows(text, meta) {
  const lines = csvParseRows(text.replace(/^\uFEFF/, ''));
  const errors = [];
  const headerAt = lines.findIndex((l) => !blank(l));
  if (headerAt < 0)
    return {
      header: [],
      rows: [],
      errors: [
        { row: 0, field: 'header', rule: 'required', message: 'the file is empty: its first line names the fields' },
      ],
    };
  const header = lines[headerAt].map((h) => h.trim());
  const names = new Set(meta.fields.map((f) => f.name));
  const derived = derivedFields(meta);
  const seen = new Set();
  for (const h of header) {
    const field = h.slice(0, 64);
    if (h === '') errors.push({ row: 0, field: 'header', rule: 'required', message: 'a column has no name' });
    else if (derived.includes(h))
      errors.push({
        row: 0,
        field,
        rule: 'derived',
        message: `${field} is set by the job for each row: leave it out of the file`,
      });
    else if (!names.has(h))
      errors.push({ row: 0, field, rule: 'unknown', message: `${field} is not a field of ${meta.method}` });
    else if (seen.has(h)) errors.push({ row: 0, field, rule: 'duplicate', message: `${field} is named twice` });
    seen.add(h);
  }
  const rows = [];
  let row = 0;
  for (const cells of lines.slice(headerAt + 1)) {
    if (blank(cells)) continue;
    row++;
    if (cells.length !== header.length) {
      errors.push({
        row,
        field: 'row',
        rule: 'cells',
        message: `has ${cells.length} cells where the header names ${header.length}`,
      });
      continue;
    }
    const params = {};
    header.forEach((h, i) => {
      const v = cells[i].trim();
      if (v !== '') params[h] = v;
    });
    rows.push({ row, params });
  }
  return { header, rows, errors };
}
