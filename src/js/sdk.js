// The JS layer of loyalty-sdk: what belongs in JS (fetch, timeouts, retries, Error objects).
// Everything else — validation, signing, encoding, decoding — happens in the wasm core, which
// answers every call with one JSON string: {"ok":true,"value":...} or {"ok":false,"error":{...}}.
import {
  TopCore,
  U8Core,
  validate as coreValidate,
  signTop as coreSignTop,
  stringToSign as coreStringToSign,
  newRequestId as coreNewRequestId,
} from './wasm/loyalty_sdk.js';
import OPERATIONS from './operations.js';

/** Every `SdkError.code`. */
export const ERROR_CODES = Object.freeze([
  'INVALID_PARAM', 'INVALID_CONFIG', 'TOP_ERROR', 'BIZ_ERROR', 'U8_ERROR', 'HTTP_ERROR',
  'DECODE_ERROR', 'NETWORK_ERROR', 'TIMEOUT', 'ABORTED', 'INTERNAL',
]);

export class SdkError extends Error {
  constructor(info) {
    super(info.message ?? info.code, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = 'SdkError';
    this.code = info.code;
    this.retriable = Boolean(info.retriable);
    for (const key of ['field', 'rule', 'platformCode', 'platformMsg', 'subCode', 'subMsg', 'requestId', 'resultView', 'retryAfterMs']) {
      if (info[key] !== undefined) this[key] = info[key];
    }
    this.details = info.details ?? [];
  }
}

// A trap in the core (a bug: nothing there should panic) must not escape as a bare
// RuntimeError: it becomes SdkError INTERNAL.
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SdkError) throw e;
    if (e instanceof WebAssembly.RuntimeError) {
      throw new SdkError({ code: 'INTERNAL', message: `the SDK core failed: ${e.message}`, cause: e });
    }
    if (typeof e === 'string' && e.startsWith('{"ok":false')) throw new SdkError(JSON.parse(e).error);
    throw e;
  }
}

function unwrap(answer) {
  const a = JSON.parse(answer);
  if (a.ok) return a.value;
  throw new SdkError(a.error);
}

function core(fn) {
  return guard(() => unwrap(fn()));
}

function toMillis(t) {
  if (t === undefined || t === null) return Date.now();
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t;
  throw new SdkError({ code: 'INVALID_PARAM', field: 'timestamp', rule: 'type', message: 'timestamp must be a number (epoch ms) or a Date' });
}

function json(value, field) {
  try {
    return JSON.stringify(value ?? {});
  } catch (e) {
    throw new SdkError({ code: 'INVALID_PARAM', field, rule: 'type', message: `${field} cannot be sent as JSON: ${e.message}` });
  }
}

/** `[]` when the parameters may be sent, else every broken rule `{ field, rule, message }`. */
export function validate(method, params) {
  return core(() => coreValidate(String(method), json(params, 'params')));
}

/**
 * Metadata of every known operation: fields, types, required, choices, titles. Generated from
 * the same table the core validates with, at build time (it needs no wasm at run time).
 */
export function operations() {
  return structuredClone(OPERATIONS);
}

/** The TOP signature of a parameter set (a debugging aid; keep secrets off browsers). */
export function signTop(params, secret, signMethod = 'hmac-sha256') {
  return core(() => coreSignTop(json(params, 'params'), String(secret), String(signMethod)));
}

/** The string TOP signs: non-empty parameters sorted by name, `name1value1name2value2...`. */
export function stringToSign(params) {
  return core(() => coreStringToSign(json(params, 'params')));
}

/** A random idempotency id (UUID v4) from the host's `crypto.getRandomValues`. */
export function newRequestId() {
  return core(() => coreNewRequestId());
}

const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(aborted(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function aborted(signal) {
  return new SdkError({ code: 'ABORTED', message: 'the call was aborted by the caller', cause: signal?.reason });
}

// One HTTP exchange with a per-attempt timeout joined to the caller's signal.
async function exchange(request, { fetch: fetchImpl = globalThis.fetch, signal, timeoutMs = 10_000 }) {
  if (signal?.aborted) throw aborted(signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      signal: controller.signal,
    });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    if (signal?.aborted) throw aborted(signal);
    if (timedOut) throw new SdkError({ code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms`, retriable: true, cause: e });
    throw new SdkError({ code: 'NETWORK_ERROR', message: `network error: ${e?.message ?? e}`, retriable: true, cause: e });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

// Retries only what the core or the network calls retriable, with exponential backoff and
// jitter, never sooner than the platform's ban (`retryAfterMs`). `attempt` re-signs each time.
async function withRetries(attempt, opts) {
  const retries = opts.retries ?? 3;
  const backoffMs = opts.backoffMs ?? 200;
  for (let i = 0; ; i += 1) {
    try {
      return await attempt(i);
    } catch (e) {
      if (!(e instanceof SdkError) || !e.retriable || i >= retries || opts.signal?.aborted) throw e;
      const backoff = backoffMs * 2 ** i * (0.5 + Math.random() / 2);
      await sleep(Math.max(backoff, e.retryAfterMs ?? 0), opts.signal);
    }
  }
}

const now = (opts) => (typeof opts.now === 'function' ? opts.now() : toMillis(opts.timestamp));

/**
 * A Taobao Open Platform client. It holds the app secret inside the wasm core: use it on a
 * server or a Worker, never in a browser.
 */
export class TopClient {
  #core;

  constructor(options = {}) {
    this.#core = guard(() => new TopCore(json(options, 'options')));
  }

  /** Validates, encodes and signs: `{ method, url, headers, body, stringToSign, sign }`. */
  prepare(method, params, opts = {}) {
    return core(() => this.#core.prepare(String(method), json(params, 'params'), toMillis(opts.timestamp)));
  }

  /** The typed result envelope, or throws `SdkError`. */
  parse(method, status, bodyText) {
    return core(() => this.#core.parse(String(method), status, String(bodyText)));
  }

  /**
   * prepare + fetch + parse, retrying retriable failures. Each attempt is signed afresh with
   * a new timestamp; the parameters — the `request_id` idempotency key and order ids
   * included — stay the same, so a retry never applies a write twice.
   */
  async call(method, params, opts = {}) {
    return withRetries(async () => {
      const request = this.prepare(method, params, { timestamp: now(opts) });
      const { status, text } = await exchange(request, opts);
      return this.parse(method, status, text);
    }, opts);
  }
}

/** A Yonyou U8 OpenAPI client; it obtains, caches and renews its token in `call()`. */
export class U8Client {
  #core;
  #token = null;
  #pending = null;
  #tokens = null;

  /**
   * `options.tokens`, optional: where `call()` gets its token instead of its own cache,
   * `{ get(): Promise<string>, renew(stale: string): Promise<string> }` (a Worker's fleet-wide
   * holder, say).
   */
  constructor(options = {}) {
    const { tokens, ...config } = options ?? {};
    this.#tokens = tokens ?? null;
    this.#core = guard(() => new U8Core(json(config, 'options')));
  }

  prepareToken() {
    return core(() => this.#core.prepareToken());
  }

  /** `{ token, expiresAt, renewAt }` (epoch ms), from the reply and the host time. */
  parseToken(status, bodyText, opts = {}) {
    return core(() => this.#core.parseToken(status, String(bodyText), toMillis(opts.timestamp)));
  }

  prepareTradeid(token) {
    return core(() => this.#core.prepareTradeid(String(token)));
  }

  parseTradeid(status, bodyText) {
    return core(() => this.#core.parseTradeid(status, String(bodyText)));
  }

  prepare(api, body, opts = {}) {
    return core(() => this.#core.prepare(String(api), json(body, 'body'), String(opts.token ?? '')));
  }

  parse(api, status, bodyText) {
    return core(() => this.#core.parse(String(api), status, String(bodyText)));
  }

  /** A new token from U8, `{ token, expiresAt, renewAt }`, with the call options' retries. */
  fetchToken(opts = {}) {
    return withRetries(async () => {
      const { status, text } = await exchange(this.prepareToken(), opts);
      return this.parseToken(status, text, { timestamp: now(opts) });
    }, opts);
  }

  /** A valid token, fetched once and shared by concurrent calls, renewed before expiry. */
  async token(opts = {}) {
    if (this.#tokens) return this.#tokens.get();
    if (this.#token && now(opts) < this.#token.renewAt) return this.#token.token;
    this.#pending ??= this.fetchToken(opts).finally(() => {
      this.#pending = null;
    });
    this.#token = await this.#pending;
    return this.#token.token;
  }

  /** Forgets the cached token (the next call gets a new one). */
  dropToken() {
    this.#token = null;
  }

  async call(api, body, opts = {}) {
    const once = async (token) =>
      withRetries(async () => {
        const { status, text } = await exchange(this.prepare(api, body, { token }), opts);
        return this.parse(api, status, text);
      }, opts);
    const token = await this.token(opts);
    try {
      return await once(token);
    } catch (e) {
      if (!(e instanceof SdkError) || e.subCode !== 'token_invalid') throw e;
      if (this.#tokens) return once(await this.#tokens.renew(token));
      this.dropToken();
      return once(await this.token(opts));
    }
  }
}
