// The TOP `router/rest` gateway: system parameters, the checks the real gateway makes (each
// with its real error code), signature verification in md5 / hmac / hmac-sha256 written here
// (not the SDK's), formats, idempotency, and dispatch to the ALSC handlers.
import { compareUtf8, hmacMd5Hex, hmacSha256Hex, md5Hex, randomHex } from './hash.js';
import { Ledger } from './ledger.js';
import { METHODS, GatewayError } from './alsc.js';
import { itemName, list, renderError, renderSuccess } from './render.js';

const SKEW_MS = 10 * 60 * 1000;

export function stringToSign(params) {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== '')
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

/** `yyyy-MM-dd HH:mm:ss` in GMT+8 to epoch ms, or NaN. */
export function parseChinaTime(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text ?? '');
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  const back = new Date(ms + 8 * 3600_000);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? ms : NaN;
}

const requestId = () => randomHex(7).replace(/^0+/, '').slice(0, 13);

const ERRORS = {
  21: 'Missing Method',
  22: 'Invalid Method',
  23: 'Invalid Format',
  24: 'Missing Signature',
  25: 'Invalid Signature',
  27: 'Invalid Session',
  28: 'Missing App Key',
  29: 'Invalid App Key',
  30: 'Missing Timestamp',
  31: 'Invalid Timestamp',
  32: 'Missing Version',
  34: 'Unsupported Version',
};
const fault = (code, subCode, subMsg) => new GatewayError(code, ERRORS[code], subCode, subMsg);

/** Checks the system parameters of a call; returns the app, or throws a GatewayError. */
export function checkCall(config, p, now) {
  if (!p.method) throw fault(21);
  if (!p.app_key) throw fault(28);
  const app = config.top.apps.find((a) => a.appKey === p.app_key);
  if (!app) throw fault(29, 'isv.appkey-not-exists', `app_key ${p.app_key} 不存在`);
  if (!p.sign) throw fault(24);
  if (!p.timestamp) throw fault(30);
  const ts = parseChinaTime(p.timestamp);
  if (Number.isNaN(ts)) throw fault(31, 'isv.invalid-timestamp', 'timestamp 格式应为 yyyy-MM-dd HH:mm:ss (GMT+8)');
  if (Math.abs(ts - now) > SKEW_MS)
    throw fault(31, 'isv.invalid-timestamp', `timestamp ${p.timestamp} 与服务器时间相差超过 10 分钟`);
  if (!p.v) throw fault(32);
  if (p.v !== '2.0') throw fault(34, 'isv.unsupported-version', `v=${p.v} 不受支持，请用 2.0`);
  const method = p.sign_method || 'md5';
  if (!['md5', 'hmac', 'hmac-sha256'].includes(method) || !app.signMethods.includes(method)) {
    throw fault(25, 'isv.invalid-sign-method', `sign_method ${method} 不可用`);
  }
  const expected = sign(p, app.secret, method);
  if (expected !== String(p.sign).toUpperCase()) throw fault(25, 'isv.invalid-signature', '签名错误');
  if (p.session && !(app.sessions ?? []).includes(p.session)) throw fault(27, 'isv.invalid-session', 'session 无效');
  if (!METHODS[p.method]) throw fault(22, 'isv.method-not-exists', `${p.method} 不存在（沙箱未实现）`);
  return app;
}

/** The format the answer is written in; TOP answers XML unless asked for JSON. */
export function answerFormat(p) {
  const format = p.format === 'json' ? 'json' : 'xml';
  return { format, simplify: format === 'json' && p.simplify === 'true' };
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
    const spec = METHODS[p.method];
    const raw = p[spec.param];
    if (raw === undefined || raw === '')
      throw new GatewayError(
        40,
        `Missing required arguments:${spec.param}`,
        `isv.missing-parameter:${spec.param}`,
        `缺少必选参数 ${spec.param}`,
      );
    let business;
    try {
      business = JSON.parse(raw);
    } catch {
      business = null;
    }
    if (!business || typeof business !== 'object' || Array.isArray(business)) {
      throw new GatewayError(
        41,
        `Invalid arguments:${spec.param}`,
        `isv.invalid-parameter:${spec.param}`,
        `${spec.param} 必须是 JSON 对象`,
      );
    }
    let content;
    let applied = false;
    const key = spec.writes && business.request_id ? `${app.appKey}|${p.method}|${business.request_id}` : null;
    const digest = key ? Ledger.digest(business) : null;
    const seen = key ? ledger.idempotency[key] : null;
    if (seen && seen.digest === digest) {
      content = reviveBig(seen.content);
    } else if (seen) {
      content = {
        biz_success: false,
        result_code: 'REQUEST_ID_CONFLICT',
        result_desc: '幂等冲突',
        result_view: `request_id ${business.request_id} 已用于内容不同的请求`,
      };
    } else {
      const before = ledger.journal.length;
      content = spec.handle(ledger, business, { method: p.method, now });
      applied = ledger.journal.length > before;
      if (key) ledger.idempotency[key] = { digest, content: storeBig(content) };
      ledger.save();
    }
    return { status: 200, applied, ...renderSuccess(p.method, { result: content, request_id: rid }, fmt) };
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    return { status: 200, ...renderError({ ...e.top, request_id: rid }, fmt) };
  }
}

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
