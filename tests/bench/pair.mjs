// Two builds of the package side by side in one process: parse() of the bench's XML pages,
// each pair timed back to back, the order alternating, and the medians of the per-pair
// ratios (the VM's speed drifts by a third within minutes; a pair shares the drift).
// Run: node tests/bench/pair.mjs OLD_PKG_DIR NEW_PKG_DIR   (PAIRS=15, SIZES=10,50,200,1000,5000)
// e.g. cp -r pkg /tmp/pkg-old before a change, then rebuild pkg/ and compare /tmp/pkg-old pkg.
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pageOf } from './pages.mjs';

const [oldDir, newDir] = process.argv.slice(2).map((d) => resolve(d));
const config = { appKey: '12345678', appSecret: 'bench-secret-0123456789', signMethod: 'md5' };
const before = new (await import(`${oldDir}/node.mjs`)).TopClient(config);
const after = new (await import(`${newDir}/node.mjs`)).TopClient(config);
const method = 'alibaba.alsc.crm.recharge.accountflows.get';
const sizes = (process.env.SIZES || '10,50,200,1000,5000').split(',').map(Number);
const pairs = Number(process.env.PAIRS || 15);
const perOp = (n, fn) => {
  const t0 = performance.now();
  for (let k = 0; k < n; k++) fn();
  return ((performance.now() - t0) * 1000) / n;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const n of sizes) {
  const { json, xml } = pageOf(n);
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
