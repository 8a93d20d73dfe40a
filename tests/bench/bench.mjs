// Size, speed and start-up of the built package. Prints figures; asserts nothing.
// Run: make bench   (or: node tests/bench/bench.mjs after `make pkg`)
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { createHash } from 'node:crypto';
import { stringify } from 'node:querystring';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

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

const item = (n) => ({
  flow_id: `${9007199254740993n + BigInt(n)}`,
  account_id: '7627347265',
  flow_type: 'DEDUT',
  current_value: 4000 + n,
  order_value: -65,
  order_time: '2019-08-08 15:15:41',
  operator: '76127653175',
  shop_id: '736182678',
  remark: '机会均等',
  deleted: false,
});
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
  const withSdk = await firstResponse(`${root}tests/js/workerd/worker.mjs`);
  console.log(
    `workerd (Miniflare): first response ${withSdk.toFixed(0)} ms with the SDK vs ${plain.toFixed(0)} ms for an empty Worker (+${(withSdk - plain).toFixed(0)} ms)`,
  );
}

console.log(
  `\n== Issue 14's figures: prepare/the JS way ${ratio.prepare.toFixed(2)} (aim ≤ 1.0), parse/JSON.parse ${ratio.parse.toFixed(2)} (aim ≤ 2.0), wasm ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip -9 (${gzipSync(wasm, { level: 9 }).length} B; budget 60 KB)`,
);
