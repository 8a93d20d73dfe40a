// What a call moves, read from the operation metadata (`amounts.points`, `amounts.value`:
// paths inside the business object, or inside each U8 record), summed over every place each
// path reaches (lists: every item), as BigInt so no amount passes through a float. U8 records
// move `ori_points` × `multiple` (`amounts.scale`) plus `extra_points`, rounded up.

/** Every value at a dotted path; a list on the way is walked item by item. */
function valuesAt(node, path) {
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (node === null || typeof node !== 'object') return [];
  const [head, ...rest] = path.split('.');
  const child = node[head];
  if (child === undefined || child === null || child === '') return [];
  return rest.length ? valuesAt(child, rest.join('.')) : [child];
}

/** An exact decimal `12.50` as hundredths; null when it is not one. */
function hundredths(v) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(v).trim());
  return m ? BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : null;
}

/**
 * `{ points, value }` a call moves, or null when its effect cannot be computed (an amount that
 * is not a whole number, a multiplier that is not a decimal).
 */
export function amountsOf(meta, body) {
  const records = meta?.list ? (Array.isArray(body) ? body : [body]) : [body?.[meta?.param] ?? body];
  const sum = { points: 0n, value: 0n };
  for (const kind of ['points', 'value']) {
    for (const path of meta?.amounts?.[kind] ?? []) {
      for (const record of records) {
        for (const v of valuesAt(record, path)) {
          if (!/^-?\d+$/.test(String(v).trim())) return null;
          let n = BigInt(String(v).trim());
          if (n < 0n) n = -n;
          const by = meta.amounts.scale?.[path];
          if (by !== undefined) {
            const factor = valuesAt(record, by)[0];
            const f = factor === undefined ? 100n : hundredths(factor);
            if (f === null) return null;
            n = (n * f + 99n) / 100n;
          }
          sum[kind] += n;
        }
      }
    }
  }
  return sum;
}
