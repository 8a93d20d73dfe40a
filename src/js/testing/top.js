// The TOP `router/rest` gateway: system parameters, the checks the real gateway makes (each
// with its real error code), signature verification in md5 / hmac / hmac-sha256 written here
// (not the SDK's), formats, idempotency as the documents describe it, and dispatch to the ALSC
// handlers. What each choice rests on: PROTOCOL.md in this folder.
import { compareUtf8, hmacMd5Hex, hmacSha256Hex, md5Hex, randomHex } from './hash.js';
import { Ledger } from './ledger.js';
import { METHODS, GatewayError } from './alsc.js';
import { itemName, list, renderError, renderSuccess } from './render.js';
import { parseChinaTime, brandOf, shopOf } from './common.js';

export { parseChinaTime };

const SKEW_MS = 10 * 60 * 1000;

// Parameters whose value is empty or whitespace only are not signed (the official PHP SDK's
// checkEmpty trims; the Java SDK drops them before signing); nor are files.
export function stringToSign(params) {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && typeof params[k] === 'string' && params[k].trim() !== '')
    .sort(compareUtf8)
    .map((k) => k + params[k])
    .join('');
}

export function sign(params, secret, method) {
  const s = stringToSign(params);
  if (method === 'md5') return md5Hex(secret + s + secret).toUpperCase();
  if (method === 'hmac') return hmacMd5Hex(secret, s).toUpperCase();
  if (method === 'hmac-sha256') return hmacSha256Hex(secret, s).toUpperCase();
  return null;
}

const requestId = () => randomHex(7).replace(/^0+/, '').slice(0, 13);

// The gateway's own refusals: code and msg as the platform's error code list names them; a
// sub code only where the platform sends one (27: invalid-sessionkey). PROTOCOL.md.
const ERRORS = {
  11: 'Insufficient isv permissions',
  21: 'Missing method',
  22: 'Invalid method',
  23: 'Invalid format',
  24: 'Missing signature',
  25: 'Invalid signature',
  27: 'Invalid session',
  28: 'Missing app key',
  29: 'Invalid app Key',
  30: 'Missing timestamp',
  31: 'Invalid timestamp',
  32: 'Missing version',
  33: 'Invalid version',
  34: 'Unsupported version',
};
const fault = (code, subCode) => new GatewayError(code, ERRORS[code], subCode);

/** A top-level parameter missing (40) or unusable (41): the only parameters the gateway names. */
const missingArgument = (name) => new GatewayError(40, `Missing required arguments:${name}`);
const invalidArgument = (name) => new GatewayError(41, `Invalid arguments:${name}`);

/** Checks the system parameters of a call; returns the app, or throws a GatewayError. */
export function checkCall(config, p, now) {
  if (!p.method) throw fault(21);
  if (!p.app_key) throw fault(28);
  const app = config.top.apps.find((a) => a.appKey === p.app_key);
  if (!app) throw fault(29);
  if (!p.sign) throw fault(24);
  if (!p.timestamp) throw fault(30);
  const ts = parseChinaTime(p.timestamp);
  if (Number.isNaN(ts) || Math.abs(ts - now) > SKEW_MS) throw fault(31);
  if (!p.v) throw fault(32);
  if (!/^\d+(\.\d+)*$/.test(p.v)) throw fault(33);
  if (p.v !== '2.0') throw fault(34);
  const method = p.sign_method || 'md5';
  if (!['md5', 'hmac', 'hmac-sha256'].includes(method) || !app.signMethods.includes(method)) throw fault(25);
  const expected = sign(p, app.secret, method);
  if (expected !== String(p.sign).toUpperCase()) throw fault(25);
  if (p.session && !(app.sessions ?? []).includes(p.session)) throw fault(27, 'invalid-sessionkey');
  if (!METHODS[p.method]) throw fault(22);
  if (Array.isArray(app.apis) && !app.apis.includes(p.method)) throw fault(11);
  return app;
}

/** The format the answer is written in; TOP answers XML unless asked for JSON. */
export function answerFormat(p) {
  const format = p.format === 'json' ? 'json' : 'xml';
  return { format, simplify: format === 'json' && p.simplify === 'true' };
}

const SYSTEM = new Set([
  'method',
  'app_key',
  'timestamp',
  'v',
  'sign_method',
  'sign',
  'format',
  'simplify',
  'session',
  'partner_id',
  'target_app_key',
]);

/** The business object of a call: its one wrapper parameter's JSON, or its own parameters. */
function businessOf(spec, p) {
  if (!spec.param) {
    const flat = Object.fromEntries(Object.entries(p).filter(([k]) => !SYSTEM.has(k)));
    for (const name of spec.topLevel ?? [])
      if (flat[name] === undefined || String(flat[name]).trim() === '') throw missingArgument(name);
    return flat;
  }
  const raw = p[spec.param];
  if (raw === undefined || String(raw).trim() === '') throw missingArgument(spec.param);
  let business;
  try {
    business = JSON.parse(raw);
  } catch {
    business = null;
  }
  if (!business || typeof business !== 'object' || Array.isArray(business)) throw invalidArgument(spec.param);
  return business;
}

// Order ids the documents call unique within the ISV (外部调用方保证在isv内部是唯一): a second
// request_id for the same id is refused; a refund's order id is also its idempotency key
// (作为退款幂等号): a second request for it answers the first. PROTOCOL.md.
const UNIQUE_ORDER_IDS = {
  'alibaba.alsc.crm.recharge.charge.update': { field: 'outer_order_id' },
  'alibaba.alsc.crm.recharge.dedut.update': { field: 'outer_order_id' },
  'alibaba.alsc.crm.recharge.undedut.update': { field: 'new_outer_order_id' },
  'alibaba.alsc.crm.recharge.uncharge.update': { field: 'outer_order_id', idempotent: true },
};

/**
 * Applies a write's (or answers a read's) business object for `appKey`, with idempotency as
 * the documents give it; journal entries it adds are stamped with the brand and shop it named
 * and `stamp` (the channel). Returns `{ content, applied }`.
 */
export function applyBusiness({ ledger, appKey, method, business, now, stamp = {} }) {
  const spec = METHODS[method];
  const key = spec.writes && business.request_id ? `${appKey}|${method}|${business.request_id}` : null;
  const digest = key ? Ledger.digest(business) : null;
  const seen = key ? ledger.idempotency[key] : null;
  const unique = UNIQUE_ORDER_IDS[method];
  const orderKey = unique && business[unique.field] ? `${appKey}|${method}|${business[unique.field]}` : null;
  const firstForOrder = orderKey && !seen ? ledger.orderKeys[orderKey] : null;
  if (seen && seen.digest === digest) return { content: reviveBig(seen.content), applied: false };
  // Assumed (the documents say only that request_id makes a call idempotent): the same key
  // with other content is refused, never applied and never answered with the first.
  if (seen)
    return {
      content: fail('REQUEST_ID_CONFLICT', '幂等冲突', `request_id ${business.request_id} 已用于内容不同的请求`),
      applied: false,
    };
  if (firstForOrder && unique.idempotent)
    return { content: reviveBig(ledger.idempotency[firstForOrder].content), applied: false };
  if (firstForOrder)
    return {
      content: fail('ORDER_DUPLICATE', '订单号重复', `${unique.field} ${business[unique.field]} 已被其他请求使用`),
      applied: false,
    };
  const before = ledger.journal.length;
  const content = spec.handle(ledger, business, { method, now });
  const applied = ledger.journal.length > before;
  if (applied) {
    const brand = business.brand_id || business.out_brand_id ? brandOf(ledger, business) : null;
    const shop = business.shop_id || business.out_shop_id ? shopOf(ledger, business) : null;
    for (const j of ledger.journal.slice(before))
      Object.assign(j, { brand_id: brand?.brand_id, shop_id: shop?.shop_id, ...stamp });
  }
  if (key) ledger.idempotency[key] = { digest, content: storeBig(content) };
  if (orderKey && key && content.biz_success) ledger.orderKeys[orderKey] = key;
  ledger.save();
  return { content, applied };
}

/**
 * Runs one call. Returns `{ status, type, body, applied }` (applied: a write changed the ledger),
 * or throws nothing: every failure becomes an answer.
 */
export function handleTop({ config, ledger, params: p, now }) {
  const fmt = answerFormat(p);
  const rid = requestId();
  if (p.format && !['json', 'xml'].includes(p.format)) {
    return { status: 200, ...renderError({ code: 23, msg: ERRORS[23], request_id: rid }, fmt) };
  }
  try {
    const app = checkCall(config, p, now());
    const business = businessOf(METHODS[p.method], p);
    const { content, applied } = applyBusiness({
      ledger,
      appKey: app.appKey,
      method: p.method,
      business,
      now,
      stamp: { channel: app.appKey },
    });
    return { status: 200, applied, ...renderSuccess(p.method, { result: content, request_id: rid }, fmt) };
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    return { status: 200, ...renderError({ ...e.top, request_id: rid }, fmt) };
  }
}

const fail = (code, desc, view) => ({ biz_success: false, result_code: code, result_desc: desc, result_view: view });

// The idempotency store is JSON (it may be persisted): BigInt ids and list element names are
// kept in a form that survives, then restored for the replay.
function storeBig(v) {
  if (typeof v === 'bigint') return { $big: v.toString() };
  if (Array.isArray(v)) return { $list: itemName(v) ?? null, items: v.map(storeBig) };
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, storeBig(x)]));
  return v;
}

function reviveBig(v) {
  if (v && typeof v === 'object' && '$big' in v) return BigInt(v.$big);
  if (v && typeof v === 'object' && 'items' in v && '$list' in v) {
    const items = v.items.map(reviveBig);
    return v.$list ? list(v.$list, items) : items;
  }
  if (Array.isArray(v)) return v.map(reviveBig);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveBig(x)]));
  return v;
}
