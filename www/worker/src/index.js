// The edge proxy: console operators call it, it keeps the app secrets, checks who may do what,
// validates with the same rules as the console, signs, forwards, and answers plain JSON.
//
//   POST /v1/top/{method}            business parameters as JSON
//   POST /v1/u8/{resource}/{action}  a U8 body (points/change: a list of records)
//   GET  /v1/operations              what this operator may call, with form metadata
//   GET  /healthz
import { TopClient, U8Client, validate, operations, newRequestId, SdkError } from 'loyalty-sdk';
import { readConfig, ConfigError } from './config.js';
import { authenticate } from './auth.js';
import { amountsOf } from './amounts.js';

// Operation metadata, read once per isolate (operations() hands out a fresh copy each call).
const OPERATIONS = operations();
const BY_NAME = new Map(OPERATIONS.map((o) => [o.method, o]));

// Clients live per isolate: the U8 token is cached and renewed across requests.
let clients = null;

function clientsFor(config) {
  const key = JSON.stringify([config.top, config.u8]);
  if (clients?.key !== key) {
    clients = { key, top: new TopClient(config.top), u8: new U8Client(config.u8) };
  }
  return clients;
}

const STATUS = {
  INVALID_PARAM: 400, BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, LIMIT_EXCEEDED: 403, NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, BIZ_ERROR: 409, TIMEOUT: 504, CONFIG_ERROR: 500, INTERNAL: 500,
};

class ProxyError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    Object.assign(this, { code, ...extra });
  }
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
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', ...headers } });
}

/** `{ok:false, error}` for any failure, with a fitting status. */
function failure(e) {
  if (e instanceof SdkError) {
    const status = STATUS[e.code] ?? 502;
    return [status, {
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
    }];
  }
  if (e instanceof ProxyError) {
    return [STATUS[e.code] ?? 500, { code: e.code, message: e.message, field: e.field, limit: e.limit, details: e.details, retriable: false }];
  }
  return [500, { code: 'INTERNAL', message: 'the proxy failed unexpectedly', retriable: false }];
}

async function readJson(request, config) {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) throw new ProxyError('UNSUPPORTED_MEDIA_TYPE', 'send the parameters as application/json');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > config.maxBodyBytes) throw new ProxyError('PAYLOAD_TOO_LARGE', `the body is over ${config.maxBodyBytes} bytes`);
  const text = await request.text();
  if (new TextEncoder().encode(text).length > config.maxBodyBytes) throw new ProxyError('PAYLOAD_TOO_LARGE', `the body is over ${config.maxBodyBytes} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ProxyError('BAD_REQUEST', 'the body is not valid JSON');
  }
}

/** What the call moves, summed (see amounts.js), against the role's per-call limits. */
function checkLimits(name, role, body) {
  const limited = ['points', 'value'].filter((kind) => role.limits?.[kind] !== undefined);
  if (!limited.length) return;
  const moved = amountsOf(BY_NAME.get(name), body);
  if (moved === null) {
    throw new ProxyError('LIMIT_EXCEEDED', 'this role has limits, and how much this call moves cannot be computed', { limit: limited.join(',') });
  }
  for (const kind of limited) {
    const limit = role.limits[kind];
    if (moved[kind] > BigInt(limit)) {
      throw new ProxyError('LIMIT_EXCEEDED', `this role may move at most ${limit} ${kind === 'points' ? 'points' : '分 of stored value'} in one call (asked ${moved[kind]})`, { limit: `${kind}:${limit}` });
    }
  }
}

/** The last 4 digits of a mobile number, for the audit log. */
const maskMobile = (m) => (typeof m === 'string' && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : undefined);

/** The same validate() the console runs, then role limits; nothing invalid is signed. */
function checkCall(name, role, body) {
  const errors = validate(name, body);
  if (errors.length) throw new ProxyError('INVALID_PARAM', errors[0].message, { field: errors[0].field, details: errors });
  checkLimits(name, role, body);
}

/** Forwards with the package's call() (timeout, safe retries) and times the upstream. */
async function forward(client, name, body, config, audit) {
  const started = Date.now();
  try {
    return { data: await client.call(name, body, { timeoutMs: config.timeoutMs, retries: config.retries }), request_id: audit.request_id };
  } finally {
    audit.upstream_ms = Date.now() - started;
  }
}

async function handleTop(method, body, who, role, config, audit) {
  const meta = BY_NAME.get(method);
  if (!role.methods.includes(method)) throw new ProxyError('FORBIDDEN', `role ${who.role} may not call ${method}`);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ProxyError('BAD_REQUEST', 'the body must be a JSON object of business parameters');
  const params = { ...body };
  if (meta?.fields.some((f) => f.name === 'operator_id')) params.operator_id = who.operator;
  if (meta?.writes && !params.request_id) params.request_id = newRequestId();
  audit.request_id = params.request_id;
  audit.customer = maskMobile(params.mobile) ?? params.customer_id;
  checkCall(method, role, params);
  return forward(clientsFor(config).top, method, params, config, audit);
}

async function handleU8(api, body, who, role, config, audit) {
  if (!role.methods.includes(`u8:${api}`)) throw new ProxyError('FORBIDDEN', `role ${who.role} may not call U8 ${api}`);
  checkCall(api, role, body);
  audit.request_id = newRequestId();
  audit.customer = Array.isArray(body) ? body.map((r) => r?.mid).join(',') : undefined;
  return forward(clientsFor(config).u8, api, body, config, audit);
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
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return reply(500, { ok: false, error: { code: 'CONFIG_ERROR', message: `the proxy is misconfigured: ${e.message}`, setting: e.setting, retriable: false } });
    }
    const corsHeaders = cors(request, config);
    if (request.method === 'OPTIONS') {
      return corsHeaders['access-control-allow-origin'] ? new Response(null, { status: 204, headers: corsHeaders }) : new Response(null, { status: 403 });
    }
    if (path === '/healthz') return reply(200, { ok: true }, corsHeaders);

    const audit = { at: new Date().toISOString(), method: `${request.method} ${path}` };
    try {
      const who = await authenticate(request, config.tokens);
      if (!who) throw new ProxyError('UNAUTHORIZED', 'sign in with a valid operator token (Authorization: Bearer ...)');
      const role = config.roles[who.role];
      Object.assign(audit, { operator: who.operator, role: who.role });
      let result;
      if (path === '/v1/operations' && request.method === 'GET') {
        const allowed = OPERATIONS.filter((o) => role.methods.includes(o.platform === 'u8' ? `u8:${o.method}` : o.method));
        result = { data: { operator: who.operator, role: who.role, limits: role.limits ?? {}, operations: allowed }, request_id: null };
      } else if (path.startsWith('/v1/top/') && request.method === 'POST') {
        const method = decodeURIComponent(path.slice('/v1/top/'.length));
        audit.operation = method;
        result = await handleTop(method, await readJson(request, config), who, role, config, audit);
      } else if (/^\/v1\/u8\/[a-z0-9_]+\/[a-z0-9_]+$/.test(path) && request.method === 'POST') {
        const u8api = path.slice('/v1/u8/'.length);
        audit.operation = `u8:${u8api}`;
        result = await handleU8(u8api, await readJson(request, config), who, role, config, audit);
      } else {
        throw new ProxyError('NOT_FOUND', `no route ${request.method} ${path}`);
      }
      audit.outcome = 'ok';
      audit.status = 200;
      return reply(200, { ok: true, ...result }, corsHeaders);
    } catch (e) {
      const [status, error] = failure(e);
      Object.assign(audit, { outcome: error.code, status, platform_code: error.platform_code });
      return reply(status, { ok: false, error, request_id: audit.request_id ?? null }, corsHeaders);
    } finally {
      console.log(JSON.stringify(audit));
    }
  },
};
