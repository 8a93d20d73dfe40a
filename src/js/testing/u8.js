// The Yonyou U8 OpenAPI: token issue and expiry, tradeid, and points/change applied to the
// members' points. Replies are JSON as `application/json;charset=UTF-8`, `errcode` a number on
// success and a string on failure, as the document's examples show. The document lists
// 30021 (app not online) and 2001 (fail); every other refusal here is 2001 with its reason in
// `errmsg`, which is what clients read. PROTOCOL.md.
import { randomHex } from './hash.js';

const ACTIONS = { 5: 'award', 51: 'redeem', 16: 'return-deduct', 17: 'return-restore', 200: 'carry-over' };
const REQUIRED = ['mid', 'action_type', 'ori_money', 'calc_money', 'ori_points', 'source_code'];

export const reply = (obj) => ({ status: 200, type: 'application/json;charset=UTF-8', body: JSON.stringify(obj) });
const FAIL = '2001';
const err = (errcode, errmsg) => reply({ errcode, errmsg });
const refuse = (errmsg) => err(FAIL, errmsg);

export function findApp(config, appKey) {
  return config.u8.apps.find((a) => a.appKey === appKey);
}

function checkToken(ledger, q, now) {
  const t = ledger.u8Tokens[q.token ?? ''];
  if (!t || t.appKey !== q.app_key) return refuse('token无效');
  if (now() >= t.expiresAt) return refuse('token已过期');
  return null;
}

export function token(config, ledger, q, now) {
  const app = findApp(config, q.app_key);
  if (!app || q.app_secret !== app.appSecret || q.from_account !== app.fromAccount)
    return refuse('app_key或app_secret错误');
  if (!app.online) return err('30021', '此应用未上线');
  const id = randomHex(16);
  const ttl = config.u8.tokenTtlSeconds ?? 7200;
  ledger.u8Tokens[id] = { appKey: app.appKey, expiresAt: now() + ttl * 1000 };
  ledger.save();
  return reply({ errcode: '0', errmsg: '成功', token: { appKey: app.appKey, expiresIn: ttl, id } });
}

export function tradeid(config, ledger, q, now) {
  const app = findApp(config, q.app_key);
  if (!app) return refuse('app_key或app_secret错误');
  const bad = checkToken(ledger, q, now);
  if (bad) return bad;
  return reply({ errcode: '0', trade: { id: ledger.nextId('T') } });
}

/** POST /api/points/change: validates every record first, then applies them all. */
export function pointsChange(config, ledger, q, bodyText, now) {
  const app = findApp(config, q.app_key);
  if (!app) return refuse('app_key或app_secret错误');
  if (!app.online) return err('30021', '此应用未上线');
  const bad = checkToken(ledger, q, now);
  if (bad) return bad;
  if (q.to_account !== app.toAccount) return refuse('企业未授权此应用');
  let records;
  try {
    records = JSON.parse(bodyText);
  } catch {
    records = null;
  }
  if (!Array.isArray(records) || records.length === 0) return refuse('请求体必须是非空 JSON 数组');
  const plan = [];
  const balances = new Map();
  for (const [i, r] of records.entries()) {
    for (const f of REQUIRED) if (r?.[f] === undefined || r[f] === '') return refuse(`第${i + 1}条缺少必填字段 ${f}`);
    const action = Number(r.action_type);
    if (!ACTIONS[action]) return refuse(`第${i + 1}条 action_type ${r.action_type} 无效`);
    if ((action === 16 || action === 17) && !r.source1) return refuse(`第${i + 1}条退货缺少原订单 source1`);
    for (const f of ['ori_money', 'calc_money'])
      if (!/^\d+(\.\d{1,2})?$/.test(String(r[f]))) return refuse(`第${i + 1}条 ${f} 不是金额`);
    const points = Number(r.ori_points);
    if (!Number.isSafeInteger(points) || points < 0) return refuse(`第${i + 1}条 ori_points 不是非负整数`);
    const member = ledger.findByMid(r.mid);
    if (!member) return refuse(`会员 ${r.mid} 不存在`);
    const key = `${r.mid}|${action}|${r.source_code}`;
    const first = ledger.u8Applied[key];
    // Assumed (the document is silent): a repeated source_code replays its first result when
    // the record is the same, and is refused when the points differ, as TOP does a request_id.
    const content = [r.ori_points, r.multiple ?? '', r.extra_points ?? ''].map(String).join('|');
    if (first && first.content !== content) return refuse(`第${i + 1}条来源依据 ${r.source_code} 已用于内容不同的记录`);
    if (first) {
      plan.push({ replay: first.row });
      continue;
    }
    const multiple = Number(r.multiple ?? 1) || 1;
    const calc = {
      5: Math.round(points * multiple) + Number(r.extra_points ?? 0),
      51: -points,
      16: -points,
      17: points,
      200: points,
    }[action];
    const before = balances.get(member) ?? member.u8.points;
    if (before + calc < 0) return refuse(`会员 ${r.mid} 积分不足：当前 ${before}，需扣 ${-calc}`);
    balances.set(member, before + calc);
    plan.push({ key, content, member, record: r, action, before, calc });
  }
  const data = plan.map((step) => {
    if (step.replay) return step.replay;
    const { key, content, member, record: r, action, before, calc } = step;
    member.u8.points = before + calc;
    const row = {
      id: Number(ledger.nextId('')),
      mid: String(r.mid),
      action_type: String(action),
      ori_money: Number(r.ori_money),
      calc_money: String(r.calc_money),
      before_points: before,
      calc_points: calc,
      // U8 mixes numbers and strings: after_points comes as a string.
      after_points: String(before + calc),
      source_code: r.source_code,
      source1: r.source1,
      source2: r.source2,
    };
    ledger.u8Applied[key] = { content, row };
    ledger.record({
      kind: `u8.points.${ACTIONS[action]}`,
      api: 'points/change',
      order: r.source_code,
      customer_id: member.customer_id,
      mid: member.u8.mid,
      points: calc,
    });
    return row;
  });
  ledger.save();
  return reply({ errcode: 0, errmsg: '', data });
}
