// The proxy's settings, read from the Worker environment and checked whole: a missing or
// malformed setting fails every request with a 500 that names it, never a half-working proxy.

export class ConfigError extends Error {
  constructor(setting, why) {
    super(`setting ${setting} ${why}`);
    this.setting = setting;
  }
}

const HEX64 = /^[0-9a-f]{64}$/;

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
    throw new ConfigError(name, `is not valid JSON (${e.message})`);
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
  if (!['md5', 'hmac', 'hmac-sha256'].includes(signMethod)) throw new ConfigError('TOP_SIGN_METHOD', 'must be md5, hmac or hmac-sha256');
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
  if (!roles || typeof roles !== 'object' || Array.isArray(roles)) throw new ConfigError('ROLES', 'must be an object of roles');
  for (const [name, role] of Object.entries(roles)) {
    if (!Array.isArray(role?.methods) || !role.methods.every((m) => typeof m === 'string')) throw new ConfigError('ROLES', `role ${name} needs a "methods" list`);
    for (const key of ['points', 'value']) {
      const limit = role.limits?.[key];
      if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) throw new ConfigError('ROLES', `role ${name} limit ${key} must be a non-negative integer`);
    }
  }
  const tokens = jsonSetting(env, 'CONSOLE_TOKENS');
  if (!tokens || typeof tokens !== 'object' || Array.isArray(tokens)) throw new ConfigError('CONSOLE_TOKENS', 'must be an object keyed by SHA-256 hex');
  const entries = Object.entries(tokens).map(([hash, who]) => {
    if (!HEX64.test(hash)) throw new ConfigError('CONSOLE_TOKENS', 'keys must be SHA-256 hashes in lower-case hex (never raw tokens)');
    if (typeof who?.operator !== 'string' || !who.operator) throw new ConfigError('CONSOLE_TOKENS', 'each token needs an "operator"');
    if (!roles[who.role]) throw new ConfigError('CONSOLE_TOKENS', `token role ${who.role} is not in ROLES`);
    return { hash, operator: who.operator, role: who.role };
  });
  const origins = (optional(env, 'ALLOWED_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return {
    top,
    u8,
    roles,
    tokens: entries,
    origins,
    timeoutMs: integer(env, 'UPSTREAM_TIMEOUT_MS', 8000),
    retries: integer(env, 'UPSTREAM_RETRIES', 2),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 64 * 1024),
  };
}
