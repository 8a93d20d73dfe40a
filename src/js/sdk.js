// The JS layer of loyalty-sdk: what belongs in JS (fetch, timeouts, retries, Error objects).
// Everything else — validation, signing, encoding, decoding — happens in the wasm core, which
// answers every call with one JSON string: {"ok":true,"value":...} or {"ok":false,"error":{...}};
// on the hot paths a signed request comes as lines and a typed answer as edits (see below).
import {
  TopCore,
  U8Core,
  validate as coreValidate,
  signTop as coreSignTop,
  stringToSign as coreStringToSign,
  newRequestId as coreNewRequestId,
} from './wasm/loyalty_sdk.js';
import OPERATIONS from './operations.js';
import { errorInfo, fieldErrors } from './messages.js';

export * from './meaning.js';

/** Every `SdkError.code`. */
export const ERROR_CODES = Object.freeze([
  'INVALID_PARAM',
  'INVALID_CONFIG',
  'TOP_ERROR',
  'BIZ_ERROR',
  'U8_ERROR',
  'HTTP_ERROR',
  'DECODE_ERROR',
  'NETWORK_ERROR',
  'TIMEOUT',
  'ABORTED',
  'INTERNAL',
]);

// One class for the whole process: the ESM and the CommonJS builds each run this file, and
// both must throw errors that `instanceof SdkError` recognizes, whichever was imported.
// eslint-disable-next-line no-shadow -- the class keeps its own name for stack traces and logs
export const SdkError = (globalThis[Symbol.for('loyalty-sdk.SdkError')] ??= class SdkError extends Error {
  constructor(info) {
    super(info.message ?? info.code, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = 'SdkError';
    this.code = info.code;
    this.retriable = Boolean(info.retriable);
    for (const key of [
      'field',
      'rule',
      'platformCode',
      'platformMsg',
      'subCode',
      'subMsg',
      'requestId',
      'resultView',
      'retryAfterMs',
    ]) {
      if (info[key] !== undefined) this[key] = info[key];
    }
    this.details = info.details ?? [];
  }
});

// A trap in the core (a bug: nothing there should panic) must not escape as a bare
// RuntimeError: it becomes SdkError INTERNAL.
function guard(fn, ctx = {}) {
  try {
    return fn();
  } catch (e) {
    throw failure(e, ctx);
  }
}

/** What a caller sees of something thrown inside a core call. */
function failure(e, ctx) {
  if (e instanceof SdkError) return e;
  if (e instanceof WebAssembly.RuntimeError) {
    return new SdkError(
      errorInfo({ code: 'INTERNAL', message: `the SDK core failed: ${e.message}`, cause: e }, ctx.lang, ctx.method),
    );
  }
  if (typeof e === 'string' && e.startsWith('{"ok":false'))
    return new SdkError(errorInfo(JSON.parse(e).error, ctx.lang, ctx.method));
  return e;
}

/** The value of a core answer, or its error as an `SdkError` in the caller's language. */
function unwrap(answer, ctx) {
  const a = JSON.parse(answer);
  if (a.ok) return a.value;
  throw new SdkError(errorInfo(a.error, ctx.lang, ctx.method));
}

/**
 * A signed TOP request from the core's lines (method, url, body, sign, content type, then the
 * string-to-sign), or its error when the answer is JSON. Lines, not JSON: `prepare` runs on
 * every call and parsing its answer was a fifth of its time.
 */
function signedRequest(lines, lang, method) {
  if (lines.charCodeAt(0) === 123) return unwrap(lines, { lang, method });
  const part = [];
  let from = 0;
  for (let n = 0; n < 5; n++) {
    const to = lines.indexOf('\n', from);
    part.push(lines.slice(from, to));
    from = to + 1;
  }
  return {
    method: part[0],
    url: part[1],
    headers: { 'content-type': part[4] },
    body: part[2],
    stringToSign: lines.slice(from),
    sign: part[3],
  };
}

/**
 * The typed result of an answer the core typed in place: its `result` span with the core's
 * edits applied (`[from, to, (from, to, n, n char codes)...]` in UTF-16 units), for the host's
 * native `JSON.parse` to build. Building the objects in the wasm and sending them back as JSON
 * made `parse()` six times slower than `JSON.parse`.
 */
function typedInPlace(body, edits) {
  let text = '';
  let at = edits[0];
  for (let k = 2; k < edits.length; k += 3 + edits[k + 2]) {
    text += body.slice(at, edits[k]);
    for (let c = k + 3; c < k + 3 + edits[k + 2]; c++) text += String.fromCharCode(edits[c]);
    at = edits[k + 1];
  }
  return JSON.parse(text + body.slice(at, edits[1]));
}

/** Runs a core call; `ctx` ({ lang, method }) says how its errors read. */
function core(fn, ctx = {}) {
  return guard(() => unwrap(fn(), ctx), ctx);
}

/** `'zh'` or `'en'` (the default), checked. */
function language(lang) {
  if (lang === undefined || lang === 'en' || lang === 'zh') return lang ?? 'en';
  throw new SdkError({ code: 'INVALID_CONFIG', field: 'lang', rule: 'one_of', message: "lang must be 'zh' or 'en'" });
}

function toMillis(t) {
  if (t === undefined || t === null) return Date.now();
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t;
  throw new SdkError({
    code: 'INVALID_PARAM',
    field: 'timestamp',
    rule: 'type',
    message: 'timestamp must be a number (epoch ms) or a Date',
  });
}

// Parameters and answers cross into the wasm as UTF-8 the host encodes at once, into a 64 KB
// buffer kept between calls (larger texts get their own): passed as strings, the glue copied
// them a character at a time in JS up to the first non-ASCII one, then grew its copy twice
// (issue 14: a twentieth of prepare(); an all-ASCII 45 KB answer took as long as parsing it).
// Callers fill it last, after every conversion that can run the caller's code (a getter, a
// valueOf, a toJSON), so the core reads the bytes before anything can encode into it again.
const encoder = new TextEncoder();
const scratch = new Uint8Array(65536);
function utf8(text) {
  const { read, written } = encoder.encodeInto(text, scratch);
  return read === text.length ? scratch.subarray(0, written) : encoder.encode(text);
}

function json(value, field) {
  let text;
  try {
    text = JSON.stringify(value ?? {});
  } catch (e) {
    throw new SdkError({
      code: 'INVALID_PARAM',
      field,
      rule: 'type',
      message: `${field} cannot be sent as JSON: ${e.message}`,
    });
  }
  // A function or a symbol has no JSON at all.
  if (text === undefined)
    throw new SdkError({ code: 'INVALID_PARAM', field, rule: 'type', message: `${field} cannot be sent as JSON` });
  return text;
}

/**
 * `[]` when the parameters may be sent, else every broken rule `{ field, rule, message }`;
 * `opts.lang` `'zh'` writes the messages in Chinese (default English).
 */
export function validate(method, params, opts = {}) {
  const lang = language(opts.lang);
  return fieldErrors(
    String(method),
    core(() => coreValidate(String(method), json(params, 'params')), { lang }),
    lang,
  );
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

function aborted(signal, lang) {
  return new SdkError(
    errorInfo({ code: 'ABORTED', message: 'the call was aborted by the caller', cause: signal?.reason }, lang),
  );
}

// One HTTP exchange with a per-attempt timeout joined to the caller's signal.
async function exchange(request, { fetch: fetchImpl = globalThis.fetch, signal, timeoutMs = 10_000, lang }) {
  if (signal?.aborted) throw aborted(signal, lang);
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
    if (signal?.aborted) throw aborted(signal, lang);
    if (timedOut)
      throw new SdkError(
        errorInfo({ code: 'TIMEOUT', message: `no answer within ${timeoutMs} ms`, retriable: true, cause: e }, lang),
      );
    // `fetch failed` says nothing: the cause (ECONNREFUSED, ENOTFOUND, a TLS error) does. A
    // retry is safe: writes carry their idempotency key.
    const root = e?.cause ?? e;
    const why = [
      root?.code,
      root?.name && root.name !== 'Error' && root.name !== 'TypeError' ? root.name : null,
      root?.message ?? String(root),
    ]
      .filter(Boolean)
      .join(' ');
    throw new SdkError(
      errorInfo(
        {
          code: 'NETWORK_ERROR',
          subCode: root?.code,
          message: `network error: ${why}${root !== e && e?.message ? ` (${e.message})` : ''}`,
          retriable: true,
          cause: e,
        },
        lang,
      ),
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

// Retries only what the core or the network calls retriable, with exponential backoff and
// jitter, never sooner than the platform's ban (`retryAfterMs`). `attempt` re-signs each time.
// `event` names the call for the `onRetry` hook.
async function withRetries(attempt, opts, event = {}) {
  const retries = opts.retries ?? 3;
  const backoffMs = opts.backoffMs ?? 200;
  for (let i = 0; ; i += 1) {
    try {
      return await attempt(i);
    } catch (e) {
      if (!(e instanceof SdkError) || !e.retriable || i >= retries || opts.signal?.aborted) throw e;
      const delayMs = Math.max(backoffMs * 2 ** i * (0.5 + Math.random() / 2), e.retryAfterMs ?? 0);
      hook(opts.onRetry, {
        ...event,
        attempt: i + 1,
        delayMs,
        error: { code: e.code, subCode: e.subCode, message: e.message },
      });
      await sleep(delayMs, opts.signal);
    }
  }
}

/** Calls a logging hook; a hook that throws never breaks the call. */
function hook(fn, info) {
  if (typeof fn !== 'function') return;
  try {
    fn(info);
  } catch {
    // The caller's logging failed; the call goes on.
  }
}

/**
 * One exchange, told to the hooks: `onRequest` and `onResponse` get the method, the request id,
 * the attempt, the URL without its query (where signatures and tokens travel), the status and
 * the time taken; never a secret, a signature or the body.
 */
async function observed(request, opts, event) {
  const url = request.url.split('?')[0];
  hook(opts.onRequest, { ...event, url, httpMethod: request.method });
  const started = Date.now();
  try {
    const answer = await exchange(request, opts);
    hook(opts.onResponse, { ...event, url, status: answer.status, ms: Date.now() - started });
    return answer;
  } catch (e) {
    hook(opts.onResponse, {
      ...event,
      url,
      status: null,
      ms: Date.now() - started,
      error: { code: e.code, message: e.message },
    });
    throw e;
  }
}

/** The client's hooks, then the call's own. */
const withHooks = (defaults, opts) => ({ ...defaults, ...opts });
const HOOKS = ['onRequest', 'onResponse', 'onRetry'];
const hooksOf = (options) =>
  Object.fromEntries(HOOKS.filter((h) => typeof options?.[h] === 'function').map((h) => [h, options[h]]));
const withoutHooks = (options) => Object.fromEntries(Object.entries(options ?? {}).filter(([k]) => !HOOKS.includes(k)));

const now = (opts) => (typeof opts.now === 'function' ? opts.now() : toMillis(opts.timestamp));

/**
 * A Taobao Open Platform client. It holds the app secret inside the wasm core: use it on a
 * server or a Worker, never in a browser.
 */
export class TopClient {
  #core;
  #hooks;
  #lang;

  /**
   * `options`: the app (see the README), optional `onRequest`, `onResponse`, `onRetry` hooks,
   * and `lang` (`'zh'` or `'en'`), the language of every message this client's errors carry.
   */
  constructor(options = {}) {
    const { lang, ...rest } = options ?? {};
    this.#lang = language(lang);
    this.#hooks = { ...hooksOf(rest), lang: this.#lang };
    this.#core = guard(() => new TopCore(json(withoutHooks(rest), 'options')), { lang: this.#lang });
  }

  /** Validates, encodes and signs: `{ method, url, headers, body, stringToSign, sign }`. */
  prepare(method, params, opts = {}) {
    const name = String(method);
    const lang = this.#lang;
    try {
      // The caller's code (getters, toJSON) runs before the shared buffer is filled.
      const ms = toMillis(opts.timestamp);
      const call = `${json(params, 'params')}\n${name}`;
      return signedRequest(this.#core.prepare(utf8(call), ms), lang, name);
    } catch (e) {
      // The context is only built for an error: prepare() runs on every call.
      throw failure(e, { lang, method: name });
    }
  }

  /** The typed result envelope, or throws `SdkError`. */
  parse(method, status, bodyText) {
    const ctx = { lang: this.#lang, method: String(method) };
    const body = String(bodyText);
    // A number now: converting it inside the core call would run the caller's valueOf while
    // the shared buffer holds this body.
    const code = Number(status);
    return guard(() => {
      const bytes = utf8(body);
      const edits = this.#core.parseEdits(ctx.method, code, bytes);
      return edits ? typedInPlace(body, edits) : unwrap(this.#core.parse(ctx.method, code, bytes), ctx);
    }, ctx);
  }

  /**
   * prepare + fetch + parse, retrying retriable failures. Each attempt is signed afresh with
   * a new timestamp; the parameters — the `request_id` idempotency key and order ids
   * included — stay the same, so a retry never applies a write twice.
   */
  async call(method, params, opts = {}) {
    const o = withHooks(this.#hooks, opts);
    const event = { method: String(method), requestId: requestIdOf(params) };
    return withRetries(
      async (attempt) => {
        const request = this.prepare(method, params, { timestamp: now(o) });
        const { status, text } = await observed(request, o, { ...event, attempt: attempt + 1 });
        return this.parse(method, status, text);
      },
      o,
      event,
    );
  }

  /**
   * Every page of a paged operation, in order, as an async iterator: `page_no` counts up from
   * the one given (or 1) and the iteration stops after the last page (`has_next_page` false,
   * an empty or short page, or `total_size` reached). Each page is one `call()`, retried alike.
   */
  async *pages(method, params = {}, opts = {}) {
    const wrapper = paramName(method);
    const inner = wrapper && params[wrapper] && typeof params[wrapper] === 'object' ? params[wrapper] : params;
    let page = Number(inner.page_no ?? 1);
    for (let seen = 0; seen < 100_000; seen += 1) {
      const asked = { ...inner, page_no: page };
      const result = await this.call(method, wrapper && inner !== params ? { [wrapper]: asked } : asked, opts);
      yield result;
      const list = Array.isArray(result?.result_list) ? result.result_list : [];
      const size = Number(result?.page_size ?? inner.page_size ?? list.length);
      const total = result?.total_size === undefined ? null : Number(result.total_size);
      const more =
        result?.has_next_page ?? (total === null ? list.length >= size && list.length > 0 : page * size < total);
      if (!more || list.length === 0) return;
      page += 1;
    }
  }
}

/** A call's idempotency key, for hooks: TOP `request_id` (wrapped or not), U8 `source_code`. */
function requestIdOf(params) {
  if (Array.isArray(params))
    return (
      params
        .map((r) => r?.source_code)
        .filter(Boolean)
        .join(',') || undefined
    );
  if (!params || typeof params !== 'object') return undefined;
  if (params.request_id !== undefined) return String(params.request_id);
  const inner = Object.values(params).find((v) => v && typeof v === 'object' && v.request_id !== undefined);
  return inner ? String(inner.request_id) : undefined;
}

/** The wrapper parameter of a declared TOP method (`param_...`), from the metadata. */
const paramName = (method) => OPERATIONS.find((o) => o.method === method)?.param ?? null;

/** A Yonyou U8 OpenAPI client; it obtains, caches and renews its token in `call()`. */
export class U8Client {
  #core;
  #token = null;
  #pending = null;
  #tokens = null;
  #hooks;
  #lang;

  /**
   * `options.tokens`, optional: where `call()` gets its token instead of its own cache,
   * `{ get(): Promise<string>, renew(stale: string): Promise<string> }` (a Worker's fleet-wide
   * holder, say).
   */
  constructor(options = {}) {
    const { tokens, lang, ...config } = options ?? {};
    this.#tokens = tokens ?? null;
    this.#lang = language(lang);
    this.#hooks = { ...hooksOf(config), lang: this.#lang };
    this.#core = guard(() => new U8Core(json(withoutHooks(config), 'options')), { lang: this.#lang });
  }

  prepareToken() {
    return core(() => this.#core.prepareToken(), { lang: this.#lang });
  }

  /** `{ token, expiresAt, renewAt }` (epoch ms), from the reply and the host time. */
  parseToken(status, bodyText, opts = {}) {
    return core(() => this.#core.parseToken(status, String(bodyText), toMillis(opts.timestamp)), { lang: this.#lang });
  }

  prepareTradeid(token) {
    return core(() => this.#core.prepareTradeid(String(token)), { lang: this.#lang });
  }

  parseTradeid(status, bodyText) {
    return core(() => this.#core.parseTradeid(status, String(bodyText)), { lang: this.#lang });
  }

  prepare(api, body, opts = {}) {
    return core(() => this.#core.prepare(String(api), json(body, 'body'), String(opts.token ?? '')), {
      lang: this.#lang,
      method: String(api),
    });
  }

  parse(api, status, bodyText) {
    return core(() => this.#core.parse(String(api), status, String(bodyText)), {
      lang: this.#lang,
      method: String(api),
    });
  }

  /** A new token from U8, `{ token, expiresAt, renewAt }`, with the call options' retries. */
  fetchToken(opts = {}) {
    const o = withHooks(this.#hooks, opts);
    const event = { method: 'system/token' };
    return withRetries(
      async (attempt) => {
        const { status, text } = await observed(this.prepareToken(), o, { ...event, attempt: attempt + 1 });
        return this.parseToken(status, text, { timestamp: now(o) });
      },
      o,
      event,
    );
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
    const o = withHooks(this.#hooks, opts);
    const event = { method: String(api), requestId: requestIdOf(body) };
    const once = async (token) =>
      withRetries(
        async (attempt) => {
          const { status, text } = await observed(this.prepare(api, body, { token }), o, {
            ...event,
            attempt: attempt + 1,
          });
          return this.parse(api, status, text);
        },
        o,
        event,
      );
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
