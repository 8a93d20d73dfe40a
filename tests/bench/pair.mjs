// Two builds of the package side by side in one process: parse() of the bench's XML pages,
// each pair timed back to back, the order alternating, and the medians of the per-pair
// ratios (the VM's speed drifts by a third within minutes; a pair shares the drift).
// Run: node tests/bench/pair.mjs OLD_PKG_DIR NEW_PKG_DIR   (PAIRS=15, SIZES=10,50,200,1000,5000)
// e.g. cp -r pkg /tmp/pkg-old before a change, then rebuild pkg/ and compare /tmp/pkg-old pkg.
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const config = { appKey: '12345678', appSecret: 'bench-secret-0123456789', signMethod: 'md5' };
const before = new (await import(`${oldDir}/node.mjs`)).TopClient(config);
const after = new (await import(`${newDir}/node.mjs`)).TopClient(config);
const method = 'alibaba.alsc.crm.recharge.accountflows.get';
// The items of bench.mjs.
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
const xmlOf = (o) =>
  Object.entries(o)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
const sizes = (process.env.SIZES || '10,50,200,1000,5000').split(',').map(Number);
const pairs = Number(process.env.PAIRS || 15);
const perOp = (n, fn) => {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) fn();
  return ((performance.now() - t0) * 1000) / n;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const n of sizes) {
  const items = Array.from({ length: n }, (_, at) => item(at));
  const json = JSON.stringify({
    result: { biz_success: true, current_page: 1, page_size: n, total_size: n, result_list: items, result_code: '200' },
  }).replace(/"flow_id":"(\d+)"/g, '"flow_id":$1');
  const xml = `<?xml version="1.0" encoding="utf-8"?><alibaba_alsc_crm_recharge_accountflows_get_response><result><biz_success>true</biz_success><current_page>1</current_page><page_size>${n}</page_size><total_size>${n}</total_size><result_list>${items.map((it) => `<recharge_account_flow_open_info>${xmlOf(it)}</recharge_account_flow_open_info>`).join('')}</result_list><result_code>200</result_code></result></alibaba_alsc_crm_recharge_accountflows_get_response>`;
  const typed = [before.parse(method, 200, xml), after.parse(method, 200, xml), after.parse(method, 200, json)];
  if (new Set(typed.map((v) => JSON.stringify(v))).size !== 1) throw new Error(`the builds differ at ${n} items`);
  const reps = Math.max(2, Math.round(200_000 / json.length));
  const ratio = [];
  const oldRef = [];
  const newRef = [];
  for (let p = 0; p < pairs; p++) {
    const ref = perOp(reps, () => JSON.parse(json));
    const timeOld = () => perOp(reps, () => before.parse(method, 200, xml));
    const timeNew = () => perOp(reps, () => after.parse(method, 200, xml));
    let o;
    let w;
    if (p % 2) {
      o = timeOld();
      w = timeNew();
    } else {
      w = timeNew();
      o = timeOld();
    }
    ratio.push(w / o);
    oldRef.push(o / ref);
    newRef.push(w / ref);
  }
  console.log(
    `${String(n).padStart(5)} items, XML: new/old ${median(ratio).toFixed(3)}   /JSON.parse of the same items as JSON: old ${median(oldRef).toFixed(2)}, new ${median(newRef).toFixed(2)}`,
  );
}
