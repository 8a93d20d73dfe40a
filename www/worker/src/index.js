// The edge proxy: console operators call it, it keeps the app secrets, checks who may do what,
// validates with the same rules as the console, signs, forwards, and answers plain JSON. What
// must hold across the fleet lives in Cloudflare's primitives: a Durable Object per operator
// (cumulative limits, idempotency), one for the U8 token, and D1 for the audit trail.
//
//   POST /v1/top/{method}            business parameters as JSON
//   POST /v1/u8/{resource}/{action}  a U8 body (points/change: a list of records)
//   GET  /v1/operations              what this operator may call, limits and today's usage
//   GET  /v1/audit                   the audit trail (paged, filtered; ?format=csv)
//   GET  /healthz
import { TopClient, U8Client, validate, operations, vocabulary, newRequestId, SdkError } from 'loyalty-sdk';
import { readConfig, ConfigError } from './config.js';
import { authenticate } from './auth.js';
import { accessOperator } from './access.js';
import { amountsOf } from './amounts.js';
import { readJson, BodyError } from './body.js';
import { writeAudit, auditQuery, readAudit, toCsv } from './audit.js';
import { scrubber } from './scrub.js';

export { OperatorLedger } from './ledger.js';
export { U8TokenHolder } from './u8token.js';

// Operation metadata, read once per isolate (operations() hands out a fresh copy each call).
const OPERATIONS = operations();
const BY_NAME = new Map(OPERATIONS.map((o) => [o.method, o]));

// The SDK's codes answer with the status its vocabulary declares for them; then the proxy's own.
const STATUS = {
  ...Object.fromEntries(vocabulary().errors.map((e) => [e.code, e.status])),
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  LIMIT_EXCEEDED: 403,
  NOT_FOUND: 404,
  REQUEST_ID_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  CONFIG_ERROR: 500,
};

class ProxyError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    Object.assign(this, { code, retriable: false, ...extra });
  }
}

/** Time in the shop's zone (GMT+8): the day limits and audit filters count in. */
function shopClock(ms = Date.now()) {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { day: iso.slice(0, 10), minute: iso.slice(0, 16) };
}

// Clients live per isolate; the U8 token comes from the fleet's one holder.
let clients = null;

function clientsFor(config, env) {
  const key = JSON.stringify([config.top, config.u8]);
  if (clients?.key !== key) {
    // A stub is tied to the request that made it: each call makes its own.
    const token = async (stale) => {
      const got = await env.U8_TOKEN.get(env.U8_TOKEN.idFromName('fleet')).token(stale);
      if (got.error) throw new SdkError(got.error);
      return got.token;
    };
    const tokens = { get: () => token(), renew: (stale) => token(stale) };
    clients = { key, top: new TopClient(config.top), u8: new U8Client({ ...config.u8, tokens }) };
  }
  return clients;
}

function cors(request, config) {
  const origin = request.headers.get('origin');
  if (!origin || !config?.origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

function reply(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', ...headers },
  });
}

/** `[status, error]` for any failure. */
function failure(e) {
  if (e instanceof SdkError) {
    // U8 business refusals are refusals, as TOP's are.
    const code = e.code === 'U8_ERROR' && e.subCode === 'rejected' ? 'BIZ_ERROR' : e.code;
    return [
      STATUS[code] ?? 502,
      {
        code: e.code,
        // ALSC's result_view is the message meant for display.
        message: e.resultView ?? e.message,
        field: e.field,
        rule: e.rule,
        details: e.details?.length ? e.details : undefined,
        platform_code: e.platformCode,
        sub_code: e.subCode,
        sub_msg: e.subMsg,
        retriable: e.retriable,
        retry_after_ms: e.retryAfterMs,
      },
    ];
  }
  if (e instanceof ProxyError || e instanceof BodyError) {
    return [
      STATUS[e.code] ?? 500,
      {
        code: e.code,
        message: e.message,
        field: e.field,
        limit: e.limit,
        details: e.details,
        retriable: Boolean(e.retriable),
        retry_after_ms: e.retryAfterMs,
      },
    ];
  }
  return [500, { code: 'INTERNAL', message: 'the proxy failed unexpectedly', retriable: false }];
}

/** Whether a failed call's outcome is known: a definite refusal applied nothing. */
function refused(e) {
  return e instanceof SdkError && !e.retriable;
}

/** Keys sorted, so the same content always hashes the same. */
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A mobile number as `138****0001`; never the whole number. */
const maskMobile = (m) => (typeof m === 'string' && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : undefined);

/** Who the call is about, however the body names them (customer, mobile, card; U8 member). */
function customerOf(params) {
  // The documented wrapped form: `{"param_...": {...}}`.
  const values = params && typeof params === 'object' && !Array.isArray(params) ? Object.values(params) : [];
  const inner = values.length === 1 && values[0] && typeof values[0] === 'object' ? values[0] : params;
  const records = Array.isArray(inner) ? inner : [inner];
  const one = (p) => {
    if (!p || typeof p !== 'object') return undefined;
    const id = p.customer_id ?? p.mid;
    if (id !== undefined && id !== '') return String(id);
    const mobile = maskMobile(p.mobile) ?? maskMobile(p.phone);
    if (mobile) return mobile;
    const card = p.card_id ?? p.physical_card_id;
    return card ? `card:${card}` : undefined;
  };
  const all = [...new Set(records.map(one).filter(Boolean))];
  return all.length ? all.join(',').slice(0, 500) : undefined;
}

/** Every value at a metadata path (`outer_order_id`), joined: the order an operator refunds by. */
function orderOf(meta, params) {
  if (!meta?.orderId) return undefined;
  const records = Array.isArray(params) ? params : [params];
  const ids = records.map((r) => r?.[meta.orderId]).filter((v) => v !== undefined && v !== '');
  return ids.length ? [...new Set(ids.map(String))].join(',').slice(0, 500) : undefined;
}

/** Validation, then the per-call limits; nothing invalid is signed. */
function check(name, meta, role, params) {
  let errors;
  try {
    errors = validate(name, params);
  } catch (e) {
    // The body could not be handed to the core: nesting too deep, a lone surrogate.
    throw new ProxyError('BAD_REQUEST', `the body cannot be read: ${e.message}`, { field: 'body' });
  }
  if (errors.length)
    throw new ProxyError('INVALID_PARAM', errors[0].message, { field: errors[0].field, details: errors });
  const limited = ['points', 'value', 'pointsPerDay', 'valuePerDay'].some((k) => role.limits?.[k] !== undefined);
  const moved = amountsOf(meta, params);
  if (moved === null && limited)
    throw new ProxyError('LIMIT_EXCEEDED', 'this role has limits, and how much this call moves cannot be computed', {
      limit: 'amount',
    });
  for (const kind of ['points', 'value']) {
    const limit = role.limits?.[kind];
    if (limit !== undefined && moved[kind] > BigInt(limit)) {
      throw new ProxyError(
        'LIMIT_EXCEEDED',
        `this role may move at most ${limit} ${kind === 'points' ? 'points' : '分 of stored value'} in one call (asked ${moved[kind]})`,
        { limit: `${kind}:${limit}` },
      );
    }
  }
  return moved ?? { points: 0n, value: 0n };
}

/** The call, reserved in the operator's ledger, sent, and its outcome recorded. */
async function perform({ platform, name, params, key, who, role, config, env, audit }) {
  const meta = BY_NAME.get(name);
  Object.assign(audit, { order_id: orderOf(meta, params), customer: customerOf(params) });
  const moved = check(name, meta, role, params);
  Object.assign(audit, { points: String(moved.points), value: String(moved.value) });
  const ledger = env.OPERATORS.get(env.OPERATORS.idFromName(who.operator));
  const { day, minute } = shopClock();
  const clamp = (n) => Number(n > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : n);
  const content = key ? await sha256(canonical([name, params])) : '';
  const admitted = await ledger.begin({
    key,
    content,
    day,
    minute,
    points: clamp(moved.points),
    value: clamp(moved.value),
    limits: role.limits ?? {},
  });
  if (admitted.verdict === 'conflict')
    throw new ProxyError(
      'REQUEST_ID_CONFLICT',
      `${platform === 'u8' ? 'source_code' : 'request_id'} ${key} was already used for a different request: send a new one`,
      { field: platform === 'u8' ? 'source_code' : 'request_id' },
    );
  if (admitted.verdict === 'replay') return { replay: admitted.answer };
  if (admitted.verdict === 'limit') {
    if (admitted.limit.startsWith('callsPerMinute'))
      throw new ProxyError('RATE_LIMITED', 'too many calls this minute for this operator', {
        limit: admitted.limit,
        retriable: true,
        retryAfterMs: admitted.retryAfterMs,
      });
    throw new ProxyError(
      'LIMIT_EXCEEDED',
      `this operator may move at most ${admitted.limit.split(':')[1]} ${admitted.limit.startsWith('points') ? 'points' : '分 of stored value'} a day (${admitted.used} used, ${admitted.asked} asked)`,
      { limit: admitted.limit },
    );
  }
  const client = clientsFor(config, env)[platform];
  const started = Date.now();
  try {
    const data = await client.call(name, params, { timeoutMs: config.timeoutMs, retries: config.retries });
    if (key)
      await ledger.finish({
        key,
        state: 'applied',
        answer: { status: 200, body: { ok: true, data, request_id: audit.request_id } },
      });
    return { data };
  } catch (e) {
    const writes = Boolean(meta?.writes);
    if (writes && e instanceof SdkError && e.code === 'DECODE_ERROR') {
      // An answer that is not one (an HTML page, cut JSON) says nothing about a write: it may
      // have been applied. The same id makes the retry safe.
      e.retriable = true;
      e.message = `the platform's answer could not be read, so the call may have been applied: retry with the same ${platform === 'u8' ? 'source_code' : 'request_id'} (${e.message})`;
    }
    if (key && refused(e)) {
      const [status, error] = failure(e);
      await ledger.finish({
        key,
        state: 'refused',
        answer: { status, body: { ok: false, error: config.scrub(error), request_id: audit.request_id } },
      });
    }
    throw e;
  } finally {
    audit.upstream_ms = Date.now() - started;
  }
}

/** The TOP method named by the path, or null for other paths. */
function topMethod(path) {
  if (!path.startsWith('/v1/top/')) return null;
  try {
    return decodeURIComponent(path.slice('/v1/top/'.length));
  } catch {
    throw new ProxyError('BAD_REQUEST', 'the method in the path is not valid percent-encoding', { field: 'path' });
  }
}

const U8_PATH = /^\/v1\/u8\/([a-z0-9_]+\/[a-z0-9_]+)$/;

async function handleTop(method, body, who, role, config, env, audit) {
  const meta = BY_NAME.get(method);
  if (!role.methods.includes(method)) throw new ProxyError('FORBIDDEN', `role ${who.role} may not call ${method}`);
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new ProxyError('BAD_REQUEST', 'the body must be a JSON object of business parameters', { field: 'body' });
  // The documented wrapped form (`{"param_...": {...}}`) and the plain one are the same call.
  const inner =
    meta?.param && Object.keys(body).length === 1 && body[meta.param] && typeof body[meta.param] === 'object'
      ? body[meta.param]
      : body;
  const params = { ...inner };
  if (meta?.fields.some((f) => f.name === 'operator_id')) params.operator_id = who.operator;
  if (meta?.writes && !params.request_id) params.request_id = newRequestId();
  audit.request_id = typeof params.request_id === 'string' ? params.request_id : undefined;
  const key = meta?.writes ? String(params.request_id) : null;
  return perform({ platform: 'top', name: method, params, key, who, role, config, env, audit });
}

async function handleU8(api, body, who, role, config, env, audit) {
  if (!role.methods.includes(`u8:${api}`)) throw new ProxyError('FORBIDDEN', `role ${who.role} may not call U8 ${api}`);
  const meta = BY_NAME.get(api);
  // U8 has no request id: the records' source codes (their orders) are what a retry repeats.
  const codes = Array.isArray(body) ? body.map((r) => r?.source_code).filter((c) => c !== undefined && c !== '') : [];
  const key = meta?.writes && codes.length ? `u8:${api}:${codes.map(String).sort().join(',')}` : null;
  audit.request_id = key ?? newRequestId();
  return perform({ platform: 'u8', name: api, params: body, key, who, role, config, env, audit });
}

async function handleAudit(url, who, role, env) {
  const csv = url.searchParams.get('format') === 'csv';
  let q;
  try {
    q = auditQuery(url.searchParams, role.audit === 'all' ? null : who.operator);
  } catch (e) {
    throw new ProxyError('BAD_REQUEST', e.message, { field: e.field });
  }
  if (csv && !url.searchParams.has('page_size')) q.pageSize = 500;
  const page = await readAudit(env.AUDIT_DB, q);
  if (csv) {
    return new Response(toCsv(page.rows), {
      status: 200,
      headers: {
        'content-type': 'text/csv;charset=UTF-8',
        'content-disposition': 'attachment; filename="audit.csv"',
        'cache-control': 'no-store',
      },
    });
  }
  return reply(200, { ok: true, data: page, request_id: null });
}

async function signedIn(request, config) {
  return (await accessOperator(request, config.access)) ?? (await authenticate(request, config.tokens));
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const path = url.pathname;
    const api = path.startsWith('/v1/') || path === '/healthz';
    if (!api) {
      if (env.ASSETS) return env.ASSETS.fetch(request);
      return reply(404, { ok: false, error: { code: 'NOT_FOUND', message: `no route ${path}`, retriable: false } });
    }
    let config;
    try {
      config = readConfig(env);
      config.scrub = scrubber(config);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      // The setting's content (a fragment of ROLES, say) goes to the log, never to a caller.
      console.error(JSON.stringify({ config_error: e.setting, detail: e.detail }));
      return reply(500, {
        ok: false,
        error: {
          code: 'CONFIG_ERROR',
          message: `the proxy is misconfigured: ${e.message}`,
          setting: e.setting,
          retriable: false,
        },
      });
    }
    const corsHeaders = cors(request, config);
    if (request.method === 'OPTIONS') {
      return corsHeaders['access-control-allow-origin']
        ? new Response(null, { status: 204, headers: corsHeaders })
        : new Response(null, { status: 403 });
    }
    if (path === '/healthz') return reply(200, { ok: true }, corsHeaders);

    const { day } = shopClock();
    const audit = { at: new Date().toISOString(), day };
    let status = 500;
    try {
      const method = request.method === 'POST' ? topMethod(path) : null;
      const u8api = request.method === 'POST' ? U8_PATH.exec(path)?.[1] : undefined;
      // Every call gets its row, a refused sign-in included.
      audit.operation = method ?? (u8api ? `u8:${u8api}` : undefined);
      const who = await signedIn(request, config);
      if (!who)
        throw new ProxyError(
          'UNAUTHORIZED',
          'sign in with Cloudflare Access or a valid operator token (Authorization: Bearer ...)',
        );
      const role = config.roles[who.role];
      Object.assign(audit, { operator: who.operator, role: who.role });
      let result;
      if (path === '/v1/operations' && request.method === 'GET') {
        const allowed = OPERATIONS.filter((o) =>
          role.methods.includes(o.platform === 'u8' ? `u8:${o.method}` : o.method),
        );
        const usage = await env.OPERATORS.get(env.OPERATORS.idFromName(who.operator)).usage({ day });
        result = {
          data: {
            operator: who.operator,
            role: who.role,
            limits: role.limits ?? {},
            confirm: role.confirm ?? {},
            usage: { day, ...usage },
            audit: role.audit ?? 'own',
            operations: allowed,
          },
          request_id: null,
        };
      } else if (path === '/v1/audit' && request.method === 'GET') {
        const r = await handleAudit(url, who, role, env);
        status = r.status;
        return r;
      } else if (method !== null) {
        result = await handleTop(method, await readJson(request, config.maxBodyBytes), who, role, config, env, audit);
      } else if (u8api) {
        result = await handleU8(u8api, await readJson(request, config.maxBodyBytes), who, role, config, env, audit);
      } else {
        throw new ProxyError('NOT_FOUND', `no route ${request.method} ${path}`);
      }
      if (result.replay) {
        status = result.replay.status;
        audit.outcome = 'replayed';
        return reply(status, { ...result.replay.body, replayed: true }, corsHeaders);
      }
      audit.outcome = 'ok';
      status = 200;
      return reply(
        200,
        { ok: true, data: result.data, request_id: result.request_id ?? audit.request_id ?? null },
        corsHeaders,
      );
    } catch (e) {
      const [code, error] = failure(e);
      status = code;
      Object.assign(audit, { outcome: error.code, platform_code: error.platform_code });
      if (code === 500) console.error(config.scrub(String(e?.stack ?? e)));
      return reply(code, { ok: false, error: config.scrub(error), request_id: audit.request_id ?? null }, corsHeaders);
    } finally {
      audit.status = status;
      audit.outcome ??= 'ok';
      if (audit.operation !== undefined) {
        const row = config.scrub(audit);
        console.log(JSON.stringify(row));
        try {
          await writeAudit(env.AUDIT_DB, row);
        } catch (err) {
          console.error(JSON.stringify({ audit_write_failed: String(err?.message ?? err) }));
        }
      }
    }
  },
};
