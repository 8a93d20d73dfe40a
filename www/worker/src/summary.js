// What an idempotency record keeps: a digest of the call's content, and of its answer a
// bounded summary. An answer that fits in SUMMARY_BYTES is kept whole (a replay gives it back
// as it was); a larger one keeps its ids and balances only, at most SUMMARY_FIELDS of them.

export const SUMMARY_BYTES = 2048;
const SUMMARY_FIELDS = 40;
// Leaves worth keeping from a large answer: ids, balances, amounts, outcomes.
const KEEP =
  /(^|_)(id|ids|no|code|balance|point|points|value|amount|status|success|view|desc)$|^(after|before|current|available|total|remain|affected)_/;

/** Keys sorted, so the same content always hashes the same. Walked without recursion. */
export function canonical(v) {
  const out = [];
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string' && x.startsWith('\u0000')) {
      out.push(x.slice(1));
      continue;
    }
    if (Array.isArray(x)) {
      stack.push('\u0000]');
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push(x[i]);
        if (i > 0) stack.push('\u0000,');
      }
      out.push('[');
    } else if (x && typeof x === 'object') {
      const keys = Object.keys(x).sort();
      stack.push('\u0000}');
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push(x[keys[i]]);
        stack.push(`\u0000${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`);
      }
      out.push('{');
    } else {
      out.push(JSON.stringify(x) ?? 'null');
    }
  }
  return out.join('');
}

export async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The body a replay answers with: the answer itself when it is small, else `{ ok, data:
 * { summary: {path: value}, ... }, request_id, summarized: true }` with the ids and balances.
 */
export function bounded(body) {
  const text = JSON.stringify(body);
  if (text.length <= SUMMARY_BYTES) return body;
  const kept = {};
  let n = 0;
  const stack = [[body.data, 'data']];
  while (stack.length && n < SUMMARY_FIELDS) {
    const [v, path] = stack.pop();
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i];
        stack.push([x, Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`]);
      }
    } else if (KEEP.test(path.slice(path.lastIndexOf('.') + 1))) {
      kept[path.slice(5)] = typeof v === 'string' ? v.slice(0, 100) : v;
      n++;
    }
  }
  return { ok: body.ok, data: { summary: kept }, error: body.error, request_id: body.request_id, summarized: true };
}
