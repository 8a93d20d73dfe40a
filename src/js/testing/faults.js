// Fault injection. A fault is `{ kind, probability?, count?, ms?, seconds?, methods? }`, set per
// app in the configuration (or at run time through POST /__sandbox/faults), or for one request
// through the test-only `x-sandbox-fault` header (`kind` or `kind;ms=800;seconds=2`).
//
// Kinds: latency (then answer normally), drop-before (close the connection, apply nothing),
// drop-after (apply, then close without answering: the lost reply), http-502, http-503,
// html (a proxy's HTML error page), truncated (apply, then send half the body),
// rate-limit (TOP code 7 / U8 errcode, with the ban length), isp (TOP code 15, isp.* sub-code),
// echo (a 502 whose body repeats the request line, query and all, as some gateways do),
// applied-html (apply, then answer 200 with an HTML page instead of the platform's answer),
// late (apply and answer, but the flows show it only `ms` later: the platform's data lagging).
// Any fault that applies takes `late_ms` too: drop-after with late_ms loses the reply and
// shows the flow late.
export const KINDS = [
  'latency',
  'drop-before',
  'drop-after',
  'http-502',
  'http-503',
  'html',
  'truncated',
  'rate-limit',
  'isp',
  'echo',
  'applied-html',
  'late',
];

export function parseHeader(value) {
  if (!value) return null;
  const [kind, ...opts] = String(value)
    .split(';')
    .map((s) => s.trim());
  if (!KINDS.includes(kind)) return null;
  const fault = { kind };
  for (const o of opts) {
    const [k, v] = o.split('=');
    fault[k] = Number(v);
  }
  return fault;
}

/** The fault to inject for this request, if any; counts down faults that have a `count`. */
export function pick(faults, method, random = Math.random) {
  for (const f of faults ?? []) {
    if (f.methods && !f.methods.includes(method)) continue;
    if (f.count !== undefined) {
      if (f.count <= 0) continue;
      f.count -= 1;
      return f;
    }
    if (random() < (f.probability ?? 1)) return f;
  }
  return null;
}

export const HTML_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>Tengine</center></body></html>';
