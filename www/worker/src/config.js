// The proxy's settings, read from the Worker environment and checked whole: a missing or
// malformed setting fails every request with a 500 that names it, never a half-working proxy.
// Everything looked up by a name from outside (roles, operators, brands, shops) is a Map, so a
// name like `__proto__` is only ever a name.
import { isLimit } from './limits.js';

/**
 * A bad setting. `message` names the setting and the rule, never the setting's content (it
 * reaches unauthenticated callers); `detail` may quote it and goes to the log only.
 */
export class ConfigError extends Error {
  constructor(setting, why, detail) {
    super(`setting ${setting} ${why}`);
    this.setting = setting;
    this.detail = detail;
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function required(env, name) {
  const v = env[name];
  if (typeof v !== 'string' || v.trim() === '') throw new ConfigError(name, 'is missing');
  return v.trim();
}

function optional(env, name) {
  const v = env[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function jsonSetting(env, name) {
  try {
    return JSON.parse(required(env, name));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(name, 'is not valid JSON', e.message);
  }
}

function url(env, name) {
  const v = required(env, name);
  if (!/^https?:\/\//.test(v)) throw new ConfigError(name, 'must be an http(s) URL');
  return v;
}

function integer(env, name, fallback, min = 0) {
  const v = optional(env, name);
  if (v === undefined) return fallback;
  if (!/^\d{1,12}$/.test(v) || Number(v) < min)
    throw new ConfigError(name, `must be a whole number of at least ${min}`);
  return Number(v);
}

/**
 * `SHOPS`: `{"<brand_id>": {"name", "out_brand_id"?, "shops": {"<shop_id>": {"name",
 * "out_shop_id"?, "biz_channel"?}}}}`. Answers brands by id, with each brand's shops, and the
 * outer ids of both mapped to the platform's.
 */
function readShops(env) {
  const raw = jsonSetting(env, 'SHOPS');
  if (!isObject(raw)) throw new ConfigError('SHOPS', 'must be an object of brands by brand_id');
  const brands = new Map();
  const outBrands = new Map();
  const outShops = new Map();
  const shopBrand = new Map();
  for (const [brandId, b] of Object.entries(raw)) {
    if (!ID.test(brandId) || !isObject(b) || typeof b.name !== 'string' || !isObject(b.shops))
      throw new ConfigError('SHOPS', 'needs, for each brand id, a "name" and "shops"', brandId);
    const shops = new Map();
    for (const [shopId, s] of Object.entries(b.shops)) {
      if (!ID.test(shopId) || !isObject(s) || typeof s.name !== 'string')
        throw new ConfigError('SHOPS', 'needs, for each shop id, a "name"', `${brandId}/${shopId}`);
      if (shopBrand.has(shopId)) throw new ConfigError('SHOPS', 'lists a shop under two brands', shopId);
      for (const k of ['out_shop_id', 'biz_channel'])
        if (s[k] !== undefined && typeof s[k] !== 'string')
          throw new ConfigError('SHOPS', `has a shop whose ${k} is not a string`, shopId);
      shops.set(shopId, { shop_id: shopId, name: s.name, out_shop_id: s.out_shop_id, biz_channel: s.biz_channel });
      shopBrand.set(shopId, brandId);
      if (s.out_shop_id) outShops.set(s.out_shop_id, shopId);
    }
    if (b.out_brand_id !== undefined && typeof b.out_brand_id !== 'string')
      throw new ConfigError('SHOPS', 'has a brand whose out_brand_id is not a string', brandId);
    brands.set(brandId, { brand_id: brandId, name: b.name, out_brand_id: b.out_brand_id, shops });
    if (b.out_brand_id) outBrands.set(b.out_brand_id, brandId);
  }
  return { brands, outBrands, outShops, shopBrand };
}

/**
 * An operator's scope: `{"<brand_id>": ["<shop_id>", ...]}` or `{"<brand_id>": "*"}` (every
 * shop of the brand). Answers a Map from brand id to a Set of shop ids, or `'*'`.
 */
function readScope(setting, who, scope, shops) {
  if (!isObject(scope) || !Object.keys(scope).length)
    throw new ConfigError(setting, 'needs a "scope" for each operator: {"<brand_id>": ["<shop_id>"] or "*"}', who);
  const out = new Map();
  for (const [brandId, list] of Object.entries(scope)) {
    const brand = shops.brands.get(brandId);
    if (!brand) throw new ConfigError(setting, 'names a brand that is not in SHOPS', `${who}: ${brandId}`);
    if (list === '*') {
      out.set(brandId, '*');
      continue;
    }
    if (!Array.isArray(list) || !list.length || !list.every((s) => brand.shops.has(s)))
      throw new ConfigError(setting, 'names a shop that is not one of its brand in SHOPS', `${who}: ${brandId}`);
    out.set(brandId, new Set(list));
  }
  return out;
}

/** An operator entry of CONSOLE_TOKENS or ACCESS_OPERATORS. */
function readOperator(setting, key, entry, roles, shops) {
  if (!isObject(entry) || typeof entry.operator !== 'string' || !ID.test(entry.operator))
    throw new ConfigError(setting, 'needs an "operator" (letters, digits, _ . : -, at most 64) for each entry', key);
  if (!roles.has(entry.role)) throw new ConfigError(setting, 'names a role that is not in ROLES', key);
  return {
    operator: entry.operator,
    role: entry.role,
    scope: readScope(setting, entry.operator, entry.scope, shops),
  };
}

function readRoles(env) {
  const raw = jsonSetting(env, 'ROLES');
  if (!isObject(raw)) throw new ConfigError('ROLES', 'must be an object of roles');
  const roles = new Map();
  for (const [name, role] of Object.entries(raw)) {
    if (!Array.isArray(role?.methods) || !role.methods.every((m) => typeof m === 'string'))
      throw new ConfigError('ROLES', `role ${name} needs a "methods" list`);
    const limits = role.limits ?? {};
    if (!isObject(limits)) throw new ConfigError('ROLES', 'has "limits" that are not an object', `role ${name}`);
    for (const [key, limit] of Object.entries(limits)) {
      if (!isLimit(key))
        throw new ConfigError('ROLES', 'has a limit the proxy does not know', `role ${name} limit ${key}`);
      if (!(Number.isSafeInteger(limit) && limit >= 0))
        throw new ConfigError('ROLES', `has a limit that is not a non-negative integer`, `role ${name} limit ${key}`);
    }
    for (const key of ['points', 'value']) {
      const at = role.confirm?.[key];
      if (at !== undefined && !(Number.isSafeInteger(at) && at >= 0))
        throw new ConfigError(
          'ROLES',
          'has a "confirm" threshold that is not a non-negative integer',
          `role ${name} confirm ${key}`,
        );
    }
    if (role.audit !== undefined && !['all', 'own'].includes(role.audit))
      throw new ConfigError('ROLES', 'has an "audit" that is neither "all" nor "own"', `role ${name}`);
    if (role.reverse !== undefined && !['own', 'shops'].includes(role.reverse))
      throw new ConfigError('ROLES', 'has a "reverse" that is neither "own" nor "shops"', `role ${name}`);
    if (role.books !== undefined && !['none', 'own', 'shops'].includes(role.books))
      throw new ConfigError('ROLES', 'has a "books" that is not "none", "own" or "shops"', `role ${name}`);
    const jobs = readJobsOfRole(name, role.jobs);
    if (role.fullMobile !== undefined && typeof role.fullMobile !== 'boolean')
      throw new ConfigError('ROLES', 'has a "fullMobile" that is not true or false', `role ${name}`);
    roles.set(name, {
      name,
      methods: new Set(role.methods),
      limits: { ...limits },
      confirm: role.confirm ?? {},
      audit: role.audit ?? 'own',
      reverse: role.reverse ?? 'own',
      fullMobile: role.fullMobile === true,
      books: role.books ?? 'own',
      jobs,
    });
  }
  return roles;
}

const JOB_AMOUNTS = ['points', 'value', 'vouchers'];

/**
 * A role's `jobs` (absent: it may not run jobs): `limits`, the most one job's total effect may
 * move (`points`, `value` in 分, `vouchers`), and `day`: `reserve` (the default: a job's
 * effect is reserved against the operator's day limits when it starts) or `exempt`.
 */
function readJobsOfRole(name, jobs) {
  if (jobs === undefined) return null;
  if (!isObject(jobs)) throw new ConfigError('ROLES', 'has "jobs" that are not an object', `role ${name}`);
  const limits = jobs.limits ?? {};
  if (!isObject(limits)) throw new ConfigError('ROLES', 'has "jobs.limits" that are not an object', `role ${name}`);
  for (const [key, limit] of Object.entries(limits)) {
    if (!JOB_AMOUNTS.includes(key))
      throw new ConfigError(
        'ROLES',
        `has a job limit that is not ${JOB_AMOUNTS.join(', ')}`,
        `role ${name} jobs ${key}`,
      );
    if (!(Number.isSafeInteger(limit) && limit >= 0))
      throw new ConfigError('ROLES', 'has a job limit that is not a non-negative integer', `role ${name} jobs ${key}`);
  }
  const day = jobs.day ?? 'reserve';
  if (!['reserve', 'exempt'].includes(day))
    throw new ConfigError('ROLES', 'has a "jobs.day" that is neither "reserve" nor "exempt"', `role ${name}`);
  return { limits: { ...limits }, day };
}

/** `JOB_CALLS_PER_SECOND`: JSON `{"top": n, "u8": n}`, what jobs together send each platform. */
function jobRates(env) {
  const raw = optional(env, 'JOB_CALLS_PER_SECOND');
  const rates = { top: 20, u8: 5 };
  if (raw === undefined) return rates;
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('JOB_CALLS_PER_SECOND', 'must be JSON: {"top": 20, "u8": 5}');
  }
  if (!isObject(parsed)) throw new ConfigError('JOB_CALLS_PER_SECOND', 'must be an object of platforms');
  for (const [k, v] of Object.entries(parsed)) {
    if (!(k in rates)) throw new ConfigError('JOB_CALLS_PER_SECOND', `names ${k.slice(0, 20)}, not top or u8`);
    if (!(Number.isSafeInteger(v) && v >= 1 && v <= 1000))
      throw new ConfigError('JOB_CALLS_PER_SECOND', `${k} must be a whole number of calls from 1 to 1000`);
    rates[k] = v;
  }
  return rates;
}

/** Reads and checks every setting; throws ConfigError naming the first bad one. */
export function readConfig(env) {
  const signMethod = optional(env, 'TOP_SIGN_METHOD') ?? 'hmac-sha256';
  if (!['md5', 'hmac', 'hmac-sha256'].includes(signMethod))
    throw new ConfigError('TOP_SIGN_METHOD', 'must be md5, hmac or hmac-sha256');
  const top = {
    appKey: required(env, 'TOP_APP_KEY'),
    appSecret: required(env, 'TOP_APP_SECRET'),
    signMethod,
    gateway: url(env, 'TOP_GATEWAY'),
    session: optional(env, 'TOP_SESSION'),
  };
  const u8 = {
    fromAccount: required(env, 'U8_FROM_ACCOUNT'),
    toAccount: required(env, 'U8_TO_ACCOUNT'),
    appKey: required(env, 'U8_APP_KEY'),
    appSecret: required(env, 'U8_APP_SECRET'),
    baseUrl: url(env, 'U8_BASE_URL'),
  };
  const roles = readRoles(env);
  const shops = readShops(env);
  const rawTokens = jsonSetting(env, 'CONSOLE_TOKENS');
  if (!isObject(rawTokens)) throw new ConfigError('CONSOLE_TOKENS', 'must be an object keyed by SHA-256 hex');
  const tokens = Object.entries(rawTokens).map(([hash, entry]) => {
    if (!HEX64.test(hash))
      throw new ConfigError('CONSOLE_TOKENS', 'keys must be SHA-256 hashes in lower-case hex (never raw tokens)');
    return { hash, ...readOperator('CONSOLE_TOKENS', `token ${hash.slice(0, 8)}`, entry, roles, shops) };
  });
  const access = readAccess(env, roles, shops);
  const origins = (optional(env, 'ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  // Every operator the settings name, with the brands of all their entries: whose writes
  // without a shop (U8) a manager of those brands sees.
  const operators = new Map();
  const entries = [...tokens, ...(access ? [...access.emails.values(), ...access.groups.values()] : [])];
  for (const e of entries) {
    if (!operators.has(e.operator)) operators.set(e.operator, new Set());
    for (const b of e.scope.keys()) operators.get(e.operator).add(b);
  }
  return {
    top,
    u8,
    roles,
    operators,
    shops,
    tokens,
    access,
    origins,
    secrets: [top.appSecret, u8.appSecret, top.session].filter((s) => typeof s === 'string' && s.length >= 4),
    timeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 8000, 1),
    retries: integer(env, 'UPSTREAM_RETRIES', 2),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 64 * 1024, 1),
    maxAnswerBytes: integer(env, 'UPSTREAM_MAX_BYTES', 1 << 20, 1),
    auditBacklog: integer(env, 'AUDIT_BACKLOG_MAX', 1000, 1),
    idempotencyMs: integer(env, 'IDEMPOTENCY_HOURS', 72, 1) * 3600_000,
    logCalls: logCalls(env),
    books: {
      lagMs: integer(env, 'RECONCILE_LAG_SECONDS', 1800) * 1000,
      callsPerSecond: integer(env, 'RECONCILE_CALLS_PER_SECOND', 20, 1),
      pageSize: Math.min(integer(env, 'RECONCILE_PAGE_SIZE', 100, 1), 100),
    },
    jobs: {
      callsPerSecond: jobRates(env),
      maxRows: integer(env, 'JOB_MAX_ROWS', 10_000, 1),
      maxBytes: integer(env, 'JOB_MAX_BYTES', 2 * 1024 * 1024, 1),
    },
  };
}

/** `LOG_CALLS`: `errors` (default: a log line for each call that did not succeed) or `all`. */
function logCalls(env) {
  const v = optional(env, 'LOG_CALLS') ?? 'errors';
  if (v !== 'errors' && v !== 'all') throw new ConfigError('LOG_CALLS', 'must be "errors" or "all"');
  return v;
}

/**
 * Cloudflare Access, when `ACCESS_TEAM_DOMAIN` and `ACCESS_AUD` are both set: the team's
 * domain (`myteam.cloudflareaccess.com`, or a full URL), the application's audience tag, and
 * `ACCESS_OPERATORS`: `{"emails": {"<email>": {operator, role, scope}}, "groups": {"<group>":
 * {...}}}`. Emails and groups are separate tables: a JWT's email is only ever looked up among
 * emails, its groups claim among groups.
 */
function readAccess(env, roles, shops) {
  const domain = optional(env, 'ACCESS_TEAM_DOMAIN');
  const aud = optional(env, 'ACCESS_AUD');
  if (!domain && !aud) return null;
  if (!domain || !aud)
    throw new ConfigError(
      domain ? 'ACCESS_AUD' : 'ACCESS_TEAM_DOMAIN',
      'is missing (Access needs both ACCESS_TEAM_DOMAIN and ACCESS_AUD)',
    );
  const issuer = /^https?:\/\//.test(domain) ? domain.replace(/\/$/, '') : `https://${domain}`;
  if (!/^https:\/\/[a-z0-9.-]+$/i.test(issuer) && !/^http:\/\/127\.0\.0\.1:\d+$/.test(issuer)) {
    throw new ConfigError('ACCESS_TEAM_DOMAIN', 'must be a host name like myteam.cloudflareaccess.com');
  }
  const raw = jsonSetting(env, 'ACCESS_OPERATORS');
  if (!isObject(raw) || Object.keys(raw).some((k) => k !== 'emails' && k !== 'groups'))
    throw new ConfigError('ACCESS_OPERATORS', 'must be {"emails": {...}, "groups": {...}}');
  const table = (kind) => {
    const out = new Map();
    const entries = raw[kind] ?? {};
    if (!isObject(entries)) throw new ConfigError('ACCESS_OPERATORS', `"${kind}" must be an object`);
    for (const [key, entry] of Object.entries(entries)) {
      const name = kind === 'emails' ? key.toLowerCase() : key;
      out.set(name, readOperator('ACCESS_OPERATORS', `${kind} ${key}`, entry, roles, shops));
    }
    return out;
  };
  // A session lasts at most this long after Access issued its token, whatever its exp says.
  const maxAgeS = integer(env, 'ACCESS_MAX_AGE_HOURS', 24, 1) * 3600;
  return { issuer, aud, maxAgeS, emails: table('emails'), groups: table('groups') };
}
