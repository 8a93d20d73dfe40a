// The close of a shift or a day: per operator and shop, what their writes moved by category
// (moves.js), and how many were applied, refused or are still unknown, an unknown outcome a
// reconciliation run decided counted as it decided. By hour (GMT+8) too, for a chart.
import { CATEGORIES } from '../moves.js';
import { cell } from '../audit.js';

const FIGURES = Object.keys(CATEGORIES);
const zero = () => ({
  ...Object.fromEntries(FIGURES.map((f) => [f, 0n])),
  topped_up_by: {},
  applied: 0,
  refused: 0,
  unknown: 0,
  settled: 0,
});

function add(into, w, state, settled) {
  into[state === 'unsent' ? 'refused' : state]++;
  if (settled) into.settled++;
  if (state !== 'applied' || !w.moves) return;
  for (const f of FIGURES) if (w.moves[f] !== undefined) into[f] += BigInt(w.moves[f]);
  if (w.moves.value_topped_up !== undefined) {
    const m = w.moves.method ?? 'unspecified';
    into.topped_up_by[m] = (into.topped_up_by[m] ?? 0n) + BigInt(w.moves.value_topped_up);
  }
}

const view = (t) => ({
  ...Object.fromEntries(FIGURES.map((f) => [f, String(t[f])])),
  value_topped_up_by: Object.fromEntries(Object.entries(t.topped_up_by).map(([m, n]) => [m, String(n)])),
  applied: t.applied,
  refused: t.refused,
  unknown: t.unknown,
  settled: t.settled,
});

/**
 * Tallies a day's writes (writes.js, `inDay` ones) with the outcomes runs settled (a Map from
 * `operator\0key` to `{ applied }`): `{ rows: [{ operator, shop, ...figures }], totals, hours:
 * [{ hour, ...figures }] }`, amounts as decimal text.
 */
export function tally(writes, settled) {
  const rows = new Map();
  const totals = zero();
  const hours = Array.from({ length: 24 }, zero);
  for (const w of writes) {
    if (!w.inDay) continue;
    // A run's decision stands, whether or not a retry has replayed it since.
    const s = settled.get(`${w.operator}\u0000${w.key}`);
    const state = s ? (s.applied ? 'applied' : 'refused') : w.state;
    const id = `${w.operator}\u0000${w.shop ?? ''}`;
    if (!rows.has(id)) rows.set(id, { operator: w.operator, shop: w.shop ?? null, figures: zero() });
    add(rows.get(id).figures, w, state, Boolean(s));
    add(totals, w, state, Boolean(s));
    add(hours[new Date(w.at + 8 * 3600_000).getUTCHours()], w, state, Boolean(s));
  }
  return {
    rows: [...rows.values()]
      .sort((a, b) => a.operator.localeCompare(b.operator) || String(a.shop).localeCompare(String(b.shop)))
      .map((r) => ({ operator: r.operator, shop: r.shop, ...view(r.figures) })),
    totals: view(totals),
    hours: hours.map((h, hour) => ({ hour, ...view(h) })),
  };
}

const CSV_COLUMNS = [
  'operator',
  'shop',
  'shop_name',
  ...FIGURES,
  'value_topped_up_by',
  'applied',
  'refused',
  'unknown',
  'settled',
];

/** The close as CSV: one line per operator and shop, then the totals. */
export function closeCsv(day, close, shopName) {
  const line = (r) =>
    [
      day,
      ...CSV_COLUMNS.map((c) =>
        c === 'shop_name'
          ? (shopName(r.shop) ?? '')
          : c === 'value_topped_up_by'
            ? Object.entries(r.value_topped_up_by)
                .map(([m, n]) => `${m}=${n}`)
                .join(' ')
            : r[c],
      ),
    ]
      .map(cell)
      .join(',');
  return (
    [
      ['day', ...CSV_COLUMNS].join(','),
      ...close.rows.map(line),
      line({ ...close.totals, operator: 'total', shop: null }),
    ].join('\r\n') + '\r\n'
  );
}
