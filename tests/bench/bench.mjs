// Size, speed and start-up of the built package. Prints figures; asserts nothing.
// Run: make bench   (or: node tests/bench/bench.mjs after `make pkg`)
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { stringify } from 'node:querystring';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { item, pageOf } from './pages.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = `${root}pkg`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ---- Size ----
console.log('== Size (pkg/)');
for (const file of ['wasm/loyalty_sdk_bg.wasm', 'wasm/loyalty_sdk.js', 'sdk.js', 'operations.js', 'operations.d.ts']) {
  const bytes = readFileSync(`${pkg}/${file}`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(
    `${file.padEnd(26)} raw ${kb(bytes.length).padStart(9)}  gzip ${kb(gz).padStart(8)}  brotli ${kb(br).padStart(8)}`,
  );
}

// Where the wasm's bytes go: sections, and the operation table's share of the data.
const wasm = readFileSync(`${pkg}/wasm/loyalty_sdk_bg.wasm`);
const leb = (b, i) => {
  let r = 0,
    s = 0,
    x;
  do {
    x = b[i++];
    r |= (x & 0x7f) << s;
    s += 7;
  } while (x & 0x80);
  return [r >>> 0, i];
};
const names = {
  1: 'type',
  2: 'import',
  3: 'function',
  5: 'memory',
  6: 'global',
  7: 'export',
  9: 'elem',
  10: 'code',
  11: 'data',
};
let i = 8;
const sections = [];
let data = Buffer.alloc(0);
while (i < wasm.length) {
  const id = wasm[i++];
  const [n, j] = leb(wasm, i);
  sections.push([names[id] ?? `custom/${id}`, n]);
  if (id === 11) data = wasm.subarray(j, j + n);
  i = j + n;
}
sections.sort((a, b) => b[1] - a[1]);
console.log(
  'wasm sections:',
  sections
    .slice(0, 4)
    .map(([k, n]) => `${k} ${kb(n)}`)
    .join(', '),
);
console.log(`data section ${kb(data.length)} (the compiled operation table is most of it)`);
if (existsSync(`${root}target/wasm32-unknown-unknown/release/loyalty_sdk.wasm`)) {
  try {
    const top = execFileSync(
      'twiggy',
      ['top', '-n', '12', `${root}target/wasm32-unknown-unknown/release/loyalty_sdk.wasm`],
      { encoding: 'utf8' },
    );
    console.log('largest items before wasm-opt (twiggy top):');
    console.log(
      top
        .split('\n')
        .slice(2, 14)
        .map((l) => `  ${l.slice(0, 110)}`)
        .join('\n'),
    );
  } catch {
    console.log('(install twiggy for the largest functions: cargo install twiggy)');
  }
}

// ---- Speed ----
// Side by side in one process, interleaved round by round (the VM's speed drifts by a third
// within minutes), and the median of the rounds' ratios.
const { TopClient } = await import('loyalty-sdk');
const JSONbig = (await import('json-bigint')).default({ storeAsString: true });
const { parse: losslessParse } = await import('lossless-json');
const ROUNDS = 9;
const secret = 'bench-secret-0123456789';
const params = {
  biz_channel: 'CS',
  brand_id: '32132',
  shop_id: '3332312',
  change_point: 323,
  customer_id: '7027365982937563912722',
  operator_id: '33322123',
  out_biz_id: '3231231312312',
  reason: '积分补扣原因',
  request_id: '323412',
};
const client = new TopClient({ appKey: '12345678', appSecret: secret, signMethod: 'md5' });

function timestampGmt8(ms) {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

// What the popular JS SDKs do: sort, concatenate, node:crypto MD5, querystring body. No
// validation at all, which the wasm does on every call.
function prepareTheJsWay(method, biz, ms) {
  const sys = {
    method,
    app_key: '12345678',
    timestamp: timestampGmt8(ms),
    v: '2.0',
    sign_method: 'md5',
    format: 'json',
    simplify: 'true',
  };
  const business = { param_extra_consume_point_open_req: JSON.stringify(biz) };
  const all = { ...sys, ...business };
  const s = Object.keys(all)
    .sort()
    .map((k) => k + all[k])
    .join('');
  sys.sign = createHash('md5')
    .update(secret + s + secret, 'utf8')
    .digest('hex')
    .toUpperCase();
  return { url: `https://eco.taobao.com/router/rest?${stringify(sys)}`, body: stringify(business) };
}

const paged = JSON.stringify({
  result: {
    biz_success: true,
    current_page: 1,
    page_size: 200,
    total_size: 200,
    result_list: Array.from({ length: 200 }, (_, n) => item(n)),
    result_code: '200',
  },
}).replace(/"flow_id":"(\d+)"/g, '"flow_id":$1');
const method = 'alibaba.alsc.crm.recharge.accountflows.get';
const r = client.parse(method, 200, paged);
if (r.result_list.length !== 200 || r.result_list[0].flow_id !== '9007199254740993')
  throw new Error('parse() gave a wrong result');
if (String(JSON.parse(paged).result.result_list[0].flow_id) === '9007199254740993')
  throw new Error('JSON.parse kept the big id?');

const base = 1_700_000_000_000;
const perOp = (n, fn) => {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) fn(k);
  return ((performance.now() - t0) * 1000) / n;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const contenders = {
  prepare: {
    n: 20_000,
    wasm: (k) => client.prepare('alibaba.alsc.crm.point.extra.consume', params, { timestamp: base + k }),
    'the JS way': (k) => prepareTheJsWay('alibaba.alsc.crm.point.extra.consume', params, base + k),
  },
  parse: {
    n: 200,
    wasm: () => client.parse(method, 200, paged),
    'JSON.parse (ids above 2^53 corrupted)': () => JSON.parse(paged),
    'json-bigint, storeAsString': () => JSONbig.parse(paged),
    'lossless-json': () => losslessParse(paged),
  },
};
const times = {};
for (const [name, c] of Object.entries(contenders)) {
  times[name] = {};
  for (const [who, fn] of Object.entries(c))
    if (who !== 'n') {
      times[name][who] = [];
      perOp(c.n / 10, fn);
    }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, c] of Object.entries(contenders)) {
    for (const [who, fn] of Object.entries(c)) if (who !== 'n') times[name][who].push(perOp(c.n, fn));
  }
}
console.log(
  `\n== Speed (Node ${process.version}; ${ROUNDS} interleaved rounds, medians; parse: the 200-item page, ${kb(paged.length)})`,
);
const ratio = {};
for (const [name, t] of Object.entries(times)) {
  const [first, second] = Object.keys(t);
  for (const [who, xs] of Object.entries(t)) {
    const vs = who === first ? '' : `   wasm/this ${median(t[first].map((x, k) => x / xs[k])).toFixed(2)}`;
    console.log(
      `${name.padEnd(8)} ${who.padEnd(38)} ${median(xs)
        .toFixed(name === 'parse' ? 0 : 2)
        .padStart(8)} µs/op${vs}`,
    );
  }
  ratio[name] = median(t[first].map((x, k) => x / t[second][k]));
}

// ---- The whole call, against the JS peers ----
// The HTTP exchange stubbed (it answers at once with a canned body, which each client then
// parses), so the figures are what each client spends around one exchange. The peers'
// transports (urllib for `top`, request for `node-taobao-topclient`) are replaced by stubs
// that encode the parameters as those transports would and hand back the canned body.
const { createRequire } = await import('node:module');
const wwwRequire = createRequire(`${root}www/package.json`);
// The answer as the gateway sends it without `simplify` (the peers ask for this form).
const canned = JSON.stringify({
  alibaba_alsc_crm_point_extra_consume_response: {
    result: { biz_success: true, result: 'PF1', result_code: '200', result_desc: '成功', result_view: '' },
    request_id: 'trace-bench',
  },
});
const cannedBuffer = Buffer.from(canned);
const urllib = wwwRequire(wwwRequire.resolve('urllib', { paths: [`${root}www/node_modules/top`] }));
urllib.request = (url, options, callback) => {
  stringify(options.data);
  queueMicrotask(() => callback(null, cannedBuffer, { status: 200 }));
};
const requestPath = wwwRequire.resolve('request', { paths: [`${root}www/node_modules/node-taobao-topclient`] });
wwwRequire.cache[requestPath] = {
  id: requestPath,
  filename: requestPath,
  loaded: true,
  exports: (opts, callback) => {
    stringify(opts.form);
    queueMicrotask(() => callback(null, { statusCode: 200 }, JSON.parse(canned)));
  },
};
const Top = wwwRequire('top');
const NodeTopClient = wwwRequire('node-taobao-topclient').default ?? wwwRequire('node-taobao-topclient');
const topClient = Top.createClient
  ? Top.createClient({ appkey: '12345678', appsecret: secret })
  : new Top.Client({ appkey: '12345678', appsecret: secret });
const nodeTopClient = new (NodeTopClient.TopClient ?? NodeTopClient)({ appkey: '12345678', appsecret: secret });
const stubFetch = async () => ({ status: 200, text: async () => canned });
const callClient = new TopClient({ appKey: '12345678', appSecret: secret, signMethod: 'md5', fetch: stubFetch });
const EXTRA = 'alibaba.alsc.crm.point.extra.consume';
{
  const answer = await callClient.call(EXTRA, params);
  if (answer.result !== 'PF1') throw new Error('call() gave a wrong result');
  const t = await new Promise((ok, no) =>
    topClient.request({ method: EXTRA, param_extra_consume_point_open_req: JSON.stringify(params) }, (e, d) =>
      e ? no(e) : ok(d),
    ),
  );
  if (t.alibaba_alsc_crm_point_extra_consume_response.result.result !== 'PF1')
    throw new Error('top gave a wrong result');
  const n = await nodeTopClient.execute(EXTRA, { param_extra_consume_point_open_req: params });
  if (n.result.result !== 'PF1') throw new Error('node-taobao-topclient gave a wrong result');
}
const perOpAsync = async (n, fn) => {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) await fn(k);
  return ((performance.now() - t0) * 1000) / n;
};
const CALL_ROUNDS = 15;
const calls = {
  'call() (exchange stubbed)': () => callClient.call(EXTRA, params),
  // The clock's time, as call() takes it.
  'prepare() + parse()': () => {
    callClient.prepare(EXTRA, params);
    return callClient.parse(EXTRA, 200, canned);
  },
  'top@0.2.3 .request': () =>
    new Promise((ok, no) =>
      topClient.request({ method: EXTRA, param_extra_consume_point_open_req: JSON.stringify(params) }, (e, d) =>
        e ? no(e) : ok(d),
      ),
    ),
  'node-taobao-topclient@0.1.7 .execute': () =>
    nodeTopClient.execute(EXTRA, { param_extra_consume_point_open_req: { ...params } }),
};
const callTimes = Object.fromEntries(Object.keys(calls).map((who) => [who, []]));
for (const fn of Object.values(calls)) await perOpAsync(2_000, fn);
for (let round = 0; round < CALL_ROUNDS; round++) {
  // Order alternating round by round: whoever runs first gets no head start.
  const order = round % 2 ? Object.entries(calls).reverse() : Object.entries(calls);
  for (const [who, fn] of order) callTimes[who].push(await perOpAsync(5_000, fn));
}
const callWho = Object.keys(calls);
const callRatio = (other) => median(callTimes[callWho[0]].map((x, k) => x / callTimes[other][k]));
console.log(`\n== The whole call (${CALL_ROUNDS} interleaved rounds, order alternating, medians; exchange stubbed)`);
for (const who of callWho)
  console.log(
    `call     ${who.padEnd(38)} ${median(callTimes[who]).toFixed(2).padStart(8)} µs/op${who === callWho[0] ? '' : `   call()/this ${callRatio(who).toFixed(2)}`}`,
  );

// ---- parse() at every size, JSON and XML ----
const SIZES = [10, 50, 200, 280, 1000, 5000];
const checkedPage = (n) => {
  const { json, xml } = pageOf(n);
  for (const body of [json, xml]) {
    const parsed = client.parse(method, 200, body);
    if (parsed.result_list.length !== n || parsed.result_list[n - 1].flow_id !== `${9007199254740993n + BigInt(n - 1)}`)
      throw new Error(`parse() of ${n} items gave a wrong result`);
  }
  return { json, xml };
};
const pages = SIZES.map((n) => ({ n, ...checkedPage(n) }));
// About 200 KB of text per timing at every size, so each size is timed alike.
const reps = (text) => Math.max(2, Math.round(200_000 / text.length));
const sizeTimes = pages.map(() => ({ json: [], xml: [], ref: [] }));
const SIZE_ROUNDS = 9;
for (let round = 0; round < SIZE_ROUNDS; round++) {
  pages.forEach(({ json, xml }, at) => {
    const n = reps(json);
    const t = sizeTimes[at];
    const steps = [
      () => t.ref.push(perOp(n, () => JSON.parse(json))),
      () => t.json.push(perOp(n, () => client.parse(method, 200, json))),
      () => t.xml.push(perOp(n, () => client.parse(method, 200, xml))),
    ];
    for (const step of round % 2 ? steps.reverse() : steps) step();
  });
}
console.log(
  `\n== parse() / JSON.parse at every size (${SIZE_ROUNDS} interleaved rounds, medians of per-round ratios; XML against JSON.parse of the same items as JSON)`,
);
const parseRatios = {};
pages.forEach(({ n, json, xml }, at) => {
  const t = sizeTimes[at];
  const j = median(t.json.map((x, k) => x / t.ref[k]));
  const x = median(t.xml.map((v, k) => v / t.ref[k]));
  parseRatios[n] = [j, x];
  console.log(
    `${String(n).padStart(5)} items  JSON ${kb(json.length).padStart(9)} ${median(t.json).toFixed(0).padStart(6)} µs  /JSON.parse ${j.toFixed(2)}   XML ${kb(xml.length).padStart(9)} ${median(t.xml).toFixed(0).padStart(6)} µs  /JSON.parse ${x.toFixed(2)}`,
  );
});

// ---- prepare() at size, Chinese and ASCII ----
// Untyped (the parameters sent as given, as the JS way sends them): the declared fields cap
// their text (`reason` at 1,024 characters), so no typed call carries 60 KB.
const sized = (bytes, unit) => {
  const p = { ...params, reason: '' };
  const over = Buffer.byteLength(JSON.stringify(p));
  p.reason = unit.repeat(Math.max(0, Math.round((bytes - over) / Buffer.byteLength(unit))));
  return p;
};
const prepareCases = [];
for (const [label, bytes] of [
  ['100 B', 100],
  ['10 KB', 10_000],
  ['60 KB', 60_000],
])
  for (const [script, unit] of [
    ['ASCII', 'a'],
    ['Chinese', '积'],
  ])
    prepareCases.push({ label: `${label} ${script}`, p: sized(Math.max(bytes, 0), unit) });
const prepTimes = prepareCases.map(() => ({ wasm: [], js: [] }));
const PREP_ROUNDS = 9;
for (let round = 0; round < PREP_ROUNDS; round++) {
  prepareCases.forEach(({ p }, at) => {
    const n = Math.max(20, Math.round(2_000_000 / Buffer.byteLength(JSON.stringify(p)) / 10));
    const t = prepTimes[at];
    const steps = [
      () =>
        t.wasm.push(
          perOp(n, (k) =>
            client.untyped.prepare(
              EXTRA,
              { param_extra_consume_point_open_req: JSON.stringify(p) },
              { timestamp: base + k },
            ),
          ),
        ),
      () => t.js.push(perOp(n, (k) => prepareTheJsWay(EXTRA, p, base + k))),
    ];
    for (const step of round % 2 ? steps.reverse() : steps) step();
  });
}
console.log(`\n== prepare() / the JS way at size (${PREP_ROUNDS} interleaved rounds, medians of per-round ratios)`);
const prepRatios = {};
prepareCases.forEach(({ label, p }, at) => {
  const t = prepTimes[at];
  prepRatios[label] = median(t.wasm.map((x, k) => x / t.js[k]));
  console.log(
    `${label.padEnd(14)} ${kb(Buffer.byteLength(JSON.stringify(p))).padStart(9)}  wasm ${median(t.wasm).toFixed(2).padStart(8)} µs  JS ${median(t.js).toFixed(2).padStart(8)} µs  /JS ${prepRatios[label].toFixed(2)}`,
  );
});

// ---- Memory after the largest pages ----
// Each in a fresh process: the wasm memory only grows, so its high-water mark after one page
// is read from an instance that has parsed nothing larger before; then five more of the same.
console.log('\n== wasm memory after the largest page (a fresh process each; then five more pages)');
const memory = {};
for (const format of ['json', 'xml']) {
  const largest = pages[pages.length - 1];
  const script = `
    const { TopClient } = await import('loyalty-sdk');
    const { readFileSync } = await import('node:fs');
    const { initSync } = await import('${pkg}/wasm/loyalty_sdk.js');
    const wasm = initSync({ module: readFileSync('${pkg}/wasm/loyalty_sdk_bg.wasm') });
    const body = readFileSync(0, 'utf8');
    const c = new TopClient({ appKey: 'k', appSecret: 's' });
    const sizes = [wasm.memory.buffer.byteLength];
    c.parse('${method}', 200, body);
    sizes.push(wasm.memory.buffer.byteLength);
    for (let k = 0; k < 5; k++) c.parse('${method}', 200, body);
    sizes.push(wasm.memory.buffer.byteLength);
    process.stdout.write(JSON.stringify(sizes));`;
  const sizes = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: `${root}tests/js`,
      input: largest[format],
      encoding: 'utf8',
    }),
  );
  const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
  memory[format] = sizes.map(mib).join(' -> ');
  console.log(
    `${format.toUpperCase().padEnd(4)} ${largest.n} items (${kb(Buffer.byteLength(largest[format]))}): ${mib(sizes[0])} -> ${mib(sizes[1])} after it -> ${mib(sizes[2])} after five more`,
  );
}

// ---- Start-up ----
console.log('\n== Start-up');
const bytes = readFileSync(`${pkg}/wasm/loyalty_sdk_bg.wasm`);
{
  const t0 = performance.now();
  const mod = await WebAssembly.compile(bytes);
  const compile = performance.now() - t0;
  // Instantiation (memory, data segments, the glue's start) of fresh instances.
  const instantiate = [];
  for (let k = 0; k < 5; k++) {
    const glue = await import(`${pkg}/wasm/loyalty_sdk.js?fresh${k}`);
    const t = performance.now();
    glue.initSync({ module: mod });
    instantiate.push(performance.now() - t);
  }
  console.log(
    `Node: compile ${compile.toFixed(1)} ms; instantiate ${instantiate.map((x) => x.toFixed(2)).join(' / ')} ms (median ${median(instantiate).toFixed(2)} ms; aim < 10 ms)`,
  );
}
{
  const { Miniflare } = await import('miniflare');
  const firstResponse = async (scriptPath) => {
    const t0 = performance.now();
    const mf = new Miniflare({
      modules: true,
      modulesRoot: root,
      scriptPath,
      compatibilityDate: '2025-01-01',
      modulesRules: [
        { type: 'ESModule', include: ['**/*.js'] },
        { type: 'CompiledWasm', include: ['**/*.wasm'] },
      ],
    });
    await mf.dispatchFetch('http://localhost/', { method: 'POST', body: JSON.stringify({ params, timestamp: base }) });
    const ms = performance.now() - t0;
    await mf.dispose();
    return ms;
  };
  const plain = await firstResponse(`${root}tests/bench/empty-worker.mjs`);
  const withSdk = await firstResponse(`${root}tests/js/package/workerd/worker.mjs`);
  console.log(
    `workerd (Miniflare): first response ${withSdk.toFixed(0)} ms with the SDK vs ${plain.toFixed(0)} ms for an empty Worker (+${(withSdk - plain).toFixed(0)} ms)`,
  );
}

console.log(
  `\n== Issue 14's figures: prepare/the JS way ${ratio.prepare.toFixed(2)} (aim ≤ 1.0), parse/JSON.parse ${ratio.parse.toFixed(2)} (aim ≤ 2.0), wasm ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9 (${gzipSync(wasm, { level: 9 }).length} B; budget 60 KB)`,
);

const fmtRatios = (o) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
console.log(`== Issue 26's figures (package side; one interleaved run):
call()/(prepare()+parse()) ${callRatio(callWho[1]).toFixed(2)} (aim ≤ 1.2); call()/top .request ${callRatio(callWho[2]).toFixed(2)}, call()/node-taobao-topclient .execute ${callRatio(callWho[3]).toFixed(2)} (aim ≤ 1.0, 0.7)
parse()/JSON.parse JSON: ${SIZES.map((n) => `${n} ${parseRatios[n][0].toFixed(2)}`).join(', ')}; XML: ${SIZES.map((n) => `${n} ${parseRatios[n][1].toFixed(2)}`).join(', ')} (aim ≤ 2.0, 1.5)
prepare()/the JS way: ${fmtRatios(prepRatios)} (aim ≤ 1.0)
wasm memory, ${SIZES[SIZES.length - 1]}-item page: JSON ${memory.json}; XML ${memory.xml}`);
