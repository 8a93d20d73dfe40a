// The proxy's settings, read from the Worker environment and checked whole: a missing or
// malformed setting fails every request with a 500 that names it, never a half-working proxy.

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

/**
 * Role limits: per call (`points`, `value` in 分), per operator per day in GMT+8
 * (`pointsPerDay`, `valuePerDay`), and `callsPerMinute`.
 */
export const LIMITS = ['points', 'value', 'pointsPerDay', 'valuePerDay', 'callsPerMinute'];

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

function integer(env, name, fallback) {
  const v = optional(env, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new ConfigError(name, 'must be a whole number');
  return Number(v);
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
  const roles = jsonSetting(env, 'ROLES');
  if (!roles || typeof roles !== 'object' || Array.isArray(roles))
    throw new ConfigError('ROLES', 'must be an object of roles');
  for (const [name, role] of Object.entries(roles)) {
    if (!Array.isArray(role?.methods) || !role.methods.every((m) => typeof m === 'string'))
      throw new ConfigError('ROLES', `role ${name} needs a "methods" list`);
    for (const key of LIMITS) {
      const limit = role.limits?.[key];
      if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0))
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
  }
  const tokens = jsonSetting(env, 'CONSOLE_TOKENS');
  if (!tokens || typeof tokens !== 'object' || Array.isArray(tokens))
    throw new ConfigError('CONSOLE_TOKENS', 'must be an object keyed by SHA-256 hex');
  const entries = Object.entries(tokens).map(([hash, who]) => {
    if (!HEX64.test(hash))
      throw new ConfigError('CONSOLE_TOKENS', 'keys must be SHA-256 hashes in lower-case hex (never raw tokens)');
    if (typeof who?.operator !== 'string' || !who.operator)
      throw new ConfigError('CONSOLE_TOKENS', 'each token needs an "operator"');
    if (!roles[who.role])
      throw new ConfigError('CONSOLE_TOKENS', 'names a role that is not in ROLES', `role ${who.role}`);
    return { hash, operator: who.operator, role: who.role };
  });
  const access = readAccess(env, roles);
  const origins = (optional(env, 'ALLOWED_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    top,
    u8,
    roles,
    tokens: entries,
    access,
    origins,
    timeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 8000),
    retries: integer(env, 'UPSTREAM_RETRIES', 2),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 64 * 1024),
  };
}

/**
 * Cloudflare Access, when `ACCESS_TEAM_DOMAIN` and `ACCESS_AUD` are both set: the team's
 * domain (`myteam.cloudflareaccess.com`, or a full URL), the application's audience tag, and
 * `ACCESS_OPERATORS`, JSON mapping an email, or a group with `group:` in front, to
 * `{"operator", "role"}`.
 */
function readAccess(env, roles) {
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
  const operators = jsonSetting(env, 'ACCESS_OPERATORS');
  if (!operators || typeof operators !== 'object' || Array.isArray(operators))
    throw new ConfigError('ACCESS_OPERATORS', 'must be an object keyed by email or group:<name>');
  for (const [who, to] of Object.entries(operators)) {
    if (typeof to?.operator !== 'string' || !to.operator || !roles[to.role])
      throw new ConfigError('ACCESS_OPERATORS', 'needs an "operator" and a role from ROLES for each entry', who);
  }
  return { issuer, aud, operators };
}
