// The JS layer of loyalty-sdk: what belongs in JS (fetch, deadlines, retries, Error objects).
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
  inputMemory,
} from './wasm/loyalty_sdk.js';
import OPERATIONS, { VOCABULARY, CHOICES } from './operations.js';
import { errorInfo, fieldErrors } from './messages.js';

export * from './meaning.js';

// The core names codes and rules by their place in the vocabulary, which operations.js lists
// in the same order (both are generated from src/vocabulary.rs).
const CODE_NAMES = VOCABULARY.errors.map((e) => e.code);
const RULE_NAMES = VOCABULARY.rules.map((r) => r.name);

const deepFreeze = (v) => {
  if (v && typeof v === 'object') for (const x of Object.values(Object.freeze(v))) deepFreeze(x);
  return v;
};

/** Every `SdkError.code`, in the order the core declares them. */
export const ERROR_CODES = Object.freeze([...CODE_NAMES]);
/** `ErrorCode.RATE_LIMITED === 'RATE_LIMITED'`: the codes as constants. */
export const ErrorCode = Object.freeze(Object.fromEntries(CODE_NAMES.map((c) => [c, c])));
/** `Rule.ANY_OF === 'any_of'`: every rule name a `FieldError` can carry. */
export const Rule = Object.freeze(Object.fromEntries(RULE_NAMES.map((r) => [r.toUpperCase(), r])));
/** The documented enumerations, `Choices.BIZ_CHANNEL.CS === 'CS'`, from the overlay. */
export const Choices = deepFreeze(structuredClone(CHOICES));

/**
 * Every error code (with the HTTP status a relaying service answers, what a write that failed
 * so did, and labels) and every rule name (with labels), as the core declares them.
 */
export function vocabulary() {
  return structuredClone(VOCABULARY);
}

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

/** An error in the caller's language, from its facts (`code`, the fields its message needs). */
const sdkError = (info, ctx = {}) => new SdkError(errorInfo(info, ctx.lang, ctx.method));

/** A core error with its code and rules by name. */
function fromCore(e) {
  const rule = (r) => (r === undefined ? undefined : (RULE_NAMES[r] ?? String(r)));
  return {
    ...e,
    code: CODE_NAMES[e.code] ?? 'INTERNAL',
    rule: rule(e.rule),
    details: e.details?.map((d) => ({ ...d, rule: rule(d.rule) })),
  };
}

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
  if (e instanceof WebAssembly.RuntimeError)
    return sdkError({ code: 'INTERNAL', message: `the SDK core failed: ${e.message}`, cause: e }, ctx);
  if (typeof e === 'string' && e.startsWith('{"ok":false')) return sdkError(fromCore(JSON.parse(e).error), ctx);
  return e;
}

/** The core's answer: its value (and trace id), or its error as an `SdkError`. */
function answerOf(answer, ctx) {
  const a = JSON.parse(answer);
  if (a.ok) return a;
  throw sdkError(fromCore(a.error), ctx);
}
const unwrap = (answer, ctx) => answerOf(answer, ctx).value;

/**
 * A signed TOP request from the core's lines (method, url, body, sign, content type, then the
 * string-to-sign), or its error when the answer is JSON. Lines, not JSON: `prepare` runs on
 * every call and parsing its answer was a fifth of its time.
 */
function signedRequest(lines, ctx) {
  if (lines.charCodeAt(0) === 123) return unwrap(lines, ctx);
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
 * edits applied (`[from, to, trace from, trace to, (from, to, n, n char codes)...]` in UTF-16
 * units), for the host's native `JSON.parse` to build, and the trace id. Building the objects
 * in the wasm and sending them back as JSON made `parse()` six times slower than `JSON.parse`.
 */
function typedInPlace(body, edits) {
  let text = '';
  let at = edits[0];
  for (let k = 4; k < edits.length; k += 3 + edits[k + 2]) {
    text += body.slice(at, edits[k]);
    for (let c = k + 3; c < k + 3 + edits[k + 2]; c++) text += String.fromCharCode(edits[c]);
    at = edits[k + 1];
  }
  return traced(
    JSON.parse(text + body.slice(at, edits[1])),
    edits[3] > edits[2] ? body.slice(edits[2], edits[3]) : undefined,
  );
}

/**
 * A result with the platform's trace id (TOP `request_id`) as `requestId`: not enumerable, so
 * the result's own fields, its JSON and its spread copies stay what the platform sent.
 */
function traced(result, requestId) {
  if (requestId !== undefined && result && typeof result === 'object')
    Object.defineProperty(result, 'requestId', { value: requestId, enumerable: false, configurable: true });
  return result;
}

/** Runs a core call; `ctx` ({ lang, method }) says how its errors read. */
function core(fn, ctx = {}) {
  return guard(() => unwrap(fn(), ctx), ctx);
}

/** `'zh'` or `'en'` (the default), checked. */
function language(lang) {
  if (lang === undefined || lang === 'en' || lang === 'zh') return lang ?? 'en';
  throw sdkError({
    code: 'INVALID_CONFIG',
    field: 'lang',
    rule: 'one_of',
    message: `lang \`${String(lang)}\` is not 'zh' or 'en'`,
  });
}

function toMillis(t, lang) {
  if (t === undefined || t === null) return Date.now();
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'number') return t;
  throw sdkError(
    {
      code: 'INVALID_PARAM',
      field: 'timestamp',
      rule: 'type',
      message: 'timestamp must be a number (epoch ms) or a Date',
    },
    { lang },
  );
}

// Parameters and answers cross into the wasm as UTF-8 the host encodes straight into the
// core's input buffer (src/input.rs): passed as strings, the glue copied them a character at
// a time in JS up to the first non-ASCII one, then grew its copy twice; passed as bytes, they
// were encoded here, then copied into a fresh allocation in the core, and past a 64 KB
// buffer of ours encoded into a new array first (parse() per byte 2.5 times slower there).
// Callers fill it last, after every conversion that can run the caller's code (a getter, a
// valueOf, a toJSON), so the core reads the bytes before anything can encode into it again.
const encoder = new TextEncoder();
/** The most a client's input keeps between calls (`input::KEPT`). */
const KEPT = 65536;
let memory;

/** A client's input buffer in the core (src/input.rs), as the host writes it. */
class CoreInput {
  #core;
  #view = new Uint8Array(0);

  constructor(topCore) {
    this.#core = topCore;
  }

  /** A view of the input with room for `len` bytes from its start. */
  #room(len) {
    const at = this.#core.inputRoom(len);
    memory ??= inputMemory();
    // Growing the memory detaches every view of it; a larger text moves the buffer.
    const view = this.#view;
    if (view.byteOffset !== at || view.buffer !== memory.buffer || view.length < len)
      this.#view = new Uint8Array(memory.buffer, at, len);
    return this.#view;
  }

  /** Writes `text` as UTF-8 from byte `at`; where it ends. */
  put(text, at) {
    // A short text gets room for its worst case (three bytes a unit) at once; a long one an
    // eighth more than its length, which holds a page whose non-ASCII text is short (names,
    // remarks), and a larger room would raise the memory's high-water mark by as much.
    const worst = at + 3 * text.length;
    const view = this.#room(worst <= KEPT ? worst : at + text.length + (text.length >> 3));
    const { read, written: first } = encoder.encodeInto(text, at === 0 ? view : view.subarray(at));
    let written = first;
    if (read < text.length) {
      const rest = this.#room(at + written + 3 * (text.length - read)).subarray(at + written);
      written += encoder.encodeInto(text.slice(read), rest).written;
    }
    return at + written;
  }
}

function json(value, field, lang) {
  let text;
  try {
    text = JSON.stringify(value ?? {});
  } catch (e) {
    throw sdkError(
      { code: 'INVALID_PARAM', field, rule: 'type', message: `${field} cannot be sent as JSON: ${e.message}` },
      { lang },
    );
  }
  // A function or a symbol has no JSON at all.
  if (text === undefined)
    throw sdkError(
      { code: 'INVALID_PARAM', field, rule: 'type', message: `${field} cannot be sent as JSON` },
      { lang },
    );
  return text;
}

// ---- Options: every one has a name, a kind and a default; anything else is refused by name.

/** What a call takes, and what a client takes as the default of its calls. */
const CALL_OPTIONS = {
  fetch: 'function',
  timeoutMs: 'duration',
  deadlineMs: 'duration',
  retries: 'count',
  backoffMs: 'duration',
  maxRetryDelayMs: 'duration',
  now: 'function',
  onRequest: 'function',
  onResponse: 'function',
  onRetry: 'function',
};
const TOP_CALL_OPTIONS = { ...CALL_OPTIONS, signal: 'signal', session: 'string' };
const U8_CALL_OPTIONS = { ...CALL_OPTIONS, signal: 'signal' };
const PREPARE_OPTIONS = { timestamp: 'any', session: 'string' };
const DEFAULTS = { timeoutMs: 5_000, deadlineMs: 10_000, retries: 3, backoffMs: 200, maxRetryDelayMs: 2_000 };
const TOP_OPTIONS = [
  'appKey',
  'appSecret',
  'signMethod',
  'gateway',
  'format',
  'simplify',
  'session',
  'partnerId',
  'targetAppKey',
];
const U8_OPTIONS = ['fromAccount', 'toAccount', 'appKey', 'appSecret', 'dsSequence', 'baseUrl', 'tokens'];

/** The nearest of `names` to a misspelled option: the same in another case, a prefix, or the fewest edits (two at most). */
function nearest(name, names) {
  const lower = String(name).toLowerCase();
  const exact = names.find((n) => n.toLowerCase() === lower);
  if (exact) return exact;
  const prefix = names.find((n) => lower.length >= 3 && n.toLowerCase().startsWith(lower));
  if (prefix) return prefix;
  const distance = (a, b) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const here = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = here;
      }
    }
    return row[b.length];
  };
  let best;
  let bestDistance = 3;
  for (const n of names) {
    const d = distance(lower, n.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return best;
}

/**
 * `options` checked against what `owner` takes (`allowed`: name -> kind): an unknown name is
 * refused with the nearest known one, and each value must be of its kind.
 */
function checkOptions(options, allowed, owner, lang, extra = {}) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object')
    throw sdkError(
      { code: 'INVALID_CONFIG', field: 'options', rule: 'type', message: `${owner} options must be an object` },
      { lang },
    );
  for (const [name, value] of Object.entries(options)) {
    const kind = allowed[name];
    if (kind === undefined) {
      const why = extra[name];
      const near = why ? undefined : nearest(name, Object.keys(allowed));
      throw sdkError(
        {
          code: 'INVALID_CONFIG',
          field: name,
          rule: 'unknown',
          owner,
          near,
          message: why ?? `\`${name}\` is not an option of ${owner}${near ? `; did you mean \`${near}\`?` : ''}`,
        },
        { lang },
      );
    }
    if (value === undefined) continue;
    const wrong =
      (kind === 'function' && typeof value !== 'function') ||
      (kind === 'duration' && !(typeof value === 'number' && value >= 0 && Number.isFinite(value))) ||
      (kind === 'count' && !(Number.isSafeInteger(value) && value >= 0)) ||
      (kind === 'string' && typeof value !== 'string') ||
      (kind === 'signal' && !(value && typeof value.aborted === 'boolean'));
    if (wrong) {
      const what = {
        function: 'a function',
        duration: 'a non-negative number of ms',
        count: 'a non-negative whole number',
        string: 'a string',
        signal: 'an AbortSignal',
      }[kind];
      throw sdkError(
        { code: 'INVALID_CONFIG', field: name, rule: 'type', message: `option ${name} of ${owner} must be ${what}` },
        { lang },
      );
    }
  }
  return options;
}

/** `options` split into the core's part and the JS layer's (client defaults and hooks). */
function split(options, coreNames) {
  const coreOptions = {};
  const defaults = {};
  for (const [k, v] of Object.entries(options)) {
    if (coreNames.includes(k)) coreOptions[k] = v;
    else if (k in CALL_OPTIONS) defaults[k] = v;
  }
  return [coreOptions, defaults];
}

/** The SDK's defaults under a client's: the options of its calls that bring none. */
const callDefaults = (defaults) => Object.freeze({ ...DEFAULTS, ...defaults });

/**
 * A call's options (checked against `allowed`) over its client's `base`: `base` itself when
 * the call brings none, as most do (a copy per call was a tenth of a stubbed call()).
 */
function callOptions(base, opts, allowed, lang) {
  checkOptions(opts, allowed, 'call()', lang);
  let o = base;
  for (const k in opts)
    if (k !== 'session' && opts[k] !== undefined && Object.hasOwn(opts, k)) {
      if (o === base) o = { ...base };
      o[k] = opts[k];
    }
  return o;
}

/** Whether a call tells hooks anything: their events are built only then. */
const hooked = (o) => o.onRequest !== undefined || o.onResponse !== undefined || o.onRetry !== undefined;

/**
 * `[]` when the parameters may be sent, else every broken rule `{ field, rule, message }`;
 * `opts.lang` `'zh'` writes the messages in Chinese (default English). A method that is not
 * declared is one broken rule: `method` `unknown`.
 */
export function validate(method, params, opts = {}) {
  const lang = language(opts?.lang);
  const name = String(method);
  const errors = core(() => coreValidate(name, json(params, 'params', lang)), { lang });
  return fieldErrors(
    name,
    errors.map((e) => ({ ...e, rule: RULE_NAMES[e.rule] ?? String(e.rule) })),
    lang,
  );
}

/**
 * Metadata of every known operation: fields (with labels), types, required, choices, titles,
 * amounts, order ids. Generated from the same table the core validates with, at build time
 * (it needs no wasm at run time).
 */
export function operations() {
  return structuredClone(OPERATIONS);
}

/** The TOP signature of a parameter set (a debugging aid; keep secrets off browsers). */
export function signTop(params, secret, signMethod = 'hmac-sha256') {
  return core(() => coreSignTop(json(params, 'params'), String(secret), String(signMethod)));
}

/** The string TOP signs: parameters that are not blank, sorted by name, `name1value1...`. */
export function stringToSign(params) {
  return core(() => coreStringToSign(json(params, 'params')));
}

/** A random idempotency id (UUID v4) from the host's `crypto.getRandomValues`. */
export function newRequestId() {
  return core(() => coreNewRequestId());
}

// ---- Calls: attempts within a deadline, retried when a retry can help.

const clockMs = () => (globalThis.performance?.now ? globalThis.performance.now() : Date.now());

function sleep(ms, signal, onAbort) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const abort = () => {
      clearTimeout(t);
      reject(onAbort());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The caller's abort: the last platform error, when there was one, is its `cause`. */
const aborted = (signal, last, lang) => sdkError({ code: 'ABORTED', cause: last ?? signal?.reason }, { lang });

/**
 * One HTTP exchange within `ms`, joined to the caller's signal. The fetch's signal is made
 * when the fetch reads it: an `AbortSignal` takes V8 off its fast path as it is built (3.5 µs
 * in Node 20, a fifth of a stubbed call), and a fetch that never reads it (a test double, a
 * cache in front) needs none.
 */
async function exchange(request, o, ms, deadline, last) {
  const { signal, lang } = o;
  if (signal?.aborted) throw aborted(signal, last, lang);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const onAbort = signal && (() => controller.abort());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // Called bare, not as a method of the options: workerd's fetch refuses another `this`.
    const fetchImpl = o.fetch ?? globalThis.fetch;
    const res = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === 'GET' ? undefined : request.body,
      get signal() {
        return controller.signal;
      },
    });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    if (signal?.aborted) throw aborted(signal, last, lang);
    if (timedOut)
      throw sdkError(
        { code: 'TIMEOUT', retriable: true, ms: deadline ? o.deadlineMs : ms, deadline, cause: e },
        { lang },
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
    throw sdkError(
      {
        code: 'NETWORK_ERROR',
        subCode: root?.code,
        why: `${why}${root !== e && e?.message ? ` (${e.message})` : ''}`,
        retriable: true,
        cause: e,
      },
      { lang },
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
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
 * Attempts until one succeeds, within the call's deadline. Only what the core or the network
 * calls retriable is retried, after exponential backoff with jitter, never sooner than the
 * platform's ban (`retryAfterMs`); a wait longer than `maxRetryDelayMs` or than what is left of
 * the deadline ends the call at once with the last error (a ban: `RATE_LIMITED`, retriable,
 * with `retryAfterMs`). `attempt(i, ms, deadline, last)` runs one attempt in `ms`. `event` is
 * what hooks are told (null when the call has none).
 *
 * The error a call ends with carries `earlier`: the errors of the attempts before it, oldest
 * first. A write's outcome is the worst of them all: an earlier attempt whose answer was lost
 * may have been applied, whatever the last one says. `earlier` starts with what the call saw
 * before these attempts (U8: the attempts made with a token it then found invalid).
 */
async function attempts(attempt, o, event, earlier = []) {
  const start = clockMs();
  let last;
  const ended = (e) => withEarlier(e, e === last ? earlier.slice(0, -1) : earlier);
  for (let i = 0; ; i += 1) {
    const left = o.deadlineMs - (clockMs() - start);
    if (left <= 0)
      throw ended(last ?? sdkError({ code: 'TIMEOUT', retriable: true, ms: o.deadlineMs, deadline: true }, o));
    const ms = Math.min(o.timeoutMs, left);
    try {
      return await attempt(i, ms, ms < o.timeoutMs, last);
    } catch (e) {
      if (!(e instanceof SdkError) || !e.retriable || i >= o.retries || o.signal?.aborted) throw ended(e);
      const backoff = Math.min(o.backoffMs * 2 ** i * (0.5 + Math.random() / 2), o.maxRetryDelayMs);
      const delayMs = Math.max(backoff, e.retryAfterMs ?? 0);
      if (delayMs > o.maxRetryDelayMs || delayMs >= o.deadlineMs - (clockMs() - start)) throw ended(e);
      last = e;
      earlier.push(e);
      if (event)
        hook(o.onRetry, {
          ...event,
          attempt: i + 1,
          delayMs,
          error: { code: e.code, subCode: e.subCode, message: e.message, requestId: e.requestId },
        });
      await sleep(delayMs, o.signal, () => ended(aborted(o.signal, last, o.lang)));
    }
  }
}

/**
 * `e` with the errors of the call's attempts before it (`earlier`, not enumerable), ahead of
 * any it already carries (a token fetch's own attempts, made after them).
 */
function withEarlier(e, earlier) {
  if (!(e instanceof SdkError) || !earlier.length) return e;
  const all = Object.freeze([...earlier, ...(e.earlier ?? [])]);
  Object.defineProperty(e, 'earlier', { value: all, enumerable: false, configurable: true });
  return e;
}

/**
 * One exchange and its reading, told to the hooks: `onRequest` and `onResponse` get the method,
 * the idempotency key, the attempt, the URL without its query (where signatures and tokens
 * travel), the status, the time taken and the platform's trace id; never a secret, a signature
 * or the body. `event` is null when the call has no hooks.
 */
async function observed(request, o, event, attempt, ms, deadline, last, read) {
  if (!event || (o.onRequest === undefined && o.onResponse === undefined))
    return read(await exchange(request, o, ms, deadline, last));
  const url = request.url.split('?')[0];
  const told = { ...event, attempt };
  hook(o.onRequest, { ...told, url, httpMethod: request.method });
  const started = Date.now();
  let status = null;
  try {
    const answer = await exchange(request, o, ms, deadline, last);
    status = answer.status;
    const result = read(answer);
    hook(o.onResponse, { ...told, url, status, ms: Date.now() - started, requestId: result?.requestId });
    return result;
  } catch (e) {
    hook(o.onResponse, {
      ...told,
      url,
      status,
      ms: Date.now() - started,
      requestId: e?.requestId,
      error: { code: e.code, message: e.message },
    });
    throw e;
  }
}

const now = (o) => (typeof o.now === 'function' ? o.now() : Date.now());

/** A call's idempotency key, for hooks: TOP `request_id` (wrapped or not), U8 `source_code`s. */
function idempotencyKeyOf(params) {
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

const BY_METHOD = new Map(OPERATIONS.map((o) => [o.method, o]));
/** The wrapper parameter of a declared TOP method (`param_...`), from the metadata. */
const paramName = (method) => BY_METHOD.get(method)?.param ?? null;

/**
 * A Taobao Open Platform client. It holds the app secret inside the wasm core: use it on a
 * server or a Worker, never in a browser.
 */
export class TopClient {
  #core;
  #input;
  #base;
  #lang;

  /**
   * `options`: the app (`appKey`, `appSecret`, `signMethod`, `gateway`, `format`, `simplify`,
   * `session`, `partnerId`, `targetAppKey`), `lang` (`'zh'` or `'en'`: the language of every
   * message its errors carry), and the defaults of its calls (`fetch`, `timeoutMs`,
   * `deadlineMs`, `retries`, `backoffMs`, `maxRetryDelayMs`, `now`, and the `onRequest`,
   * `onResponse`, `onRetry` hooks). Anything else is refused by name.
   */
  constructor(options = {}) {
    this.#lang = language(options?.lang);
    const allowed = { ...CALL_OPTIONS, lang: 'string' };
    for (const k of TOP_OPTIONS) allowed[k] = 'any';
    checkOptions(options, allowed, 'TopClient', this.#lang, {
      signal: 'signal is per call: pass it to call(), not to the TopClient',
    });
    const [coreOptions, defaults] = split(options ?? {}, TOP_OPTIONS);
    this.#base = callDefaults({ ...defaults, lang: this.#lang });
    this.#core = guard(() => new TopCore(json(coreOptions, 'options', this.#lang)), { lang: this.#lang });
    this.#input = new CoreInput(this.#core);
    const self = this;
    /**
     * The escape hatch for a method the SDK does not declare (a new API of the family, another
     * family): the same prepare, parse and call, with the parameters sent as given (checked
     * only against the system parameters) and the answer untyped (big numbers as strings).
     */
    Object.defineProperty(this, 'untyped', {
      value: Object.freeze({
        prepare: (method, params, opts) => self.#prepare(method, params, opts, true),
        parse: (method, status, bodyText) => self.#parse(method, status, bodyText, true),
        call: (method, params, opts) => self.#call(method, params, opts, true),
      }),
      enumerable: false,
    });
  }

  /**
   * Validates, encodes and signs a call of a declared operation: `{ method, url, headers,
   * body, stringToSign, sign }`. `opts`: `timestamp` (epoch ms or a Date), `session` (this
   * call's instead of the client's).
   */
  prepare(method, params, opts = {}) {
    return this.#prepare(method, params, opts, false);
  }

  #prepare(method, params, opts, untyped) {
    try {
      checkOptions(opts, PREPARE_OPTIONS, 'prepare()', this.#lang);
    } catch (e) {
      throw failure(e, { lang: this.#lang, method: String(method) });
    }
    return this.#sign(method, params, opts?.timestamp, opts?.session ?? '', untyped);
  }

  /**
   * The signed request of prepare() and of each attempt of call(), whose options are checked;
   * `bare`: without the string-to-sign, which an attempt does not read.
   */
  #sign(method, params, timestamp, session, untyped, bare = false) {
    const name = String(method);
    const lang = this.#lang;
    try {
      if (session.includes('\n'))
        throw sdkError(
          { code: 'INVALID_PARAM', field: 'session', rule: 'type', message: 'session has a line break' },
          { lang },
        );
      // The caller's code (getters, toJSON) runs before the shared buffer is filled.
      const ms = toMillis(timestamp, lang);
      const call = `${json(params, 'params', lang)}\n${session}\n${name}`;
      return signedRequest(this.#core.prepare(this.#input.put(call, 0), ms, untyped, bare), { lang, method: name });
    } catch (e) {
      // The context is only built for an error: prepare() runs on every call.
      throw failure(e, { lang, method: name });
    }
  }

  /**
   * The typed result envelope of a declared operation, or throws `SdkError`. The platform's
   * trace id is its `requestId` (not enumerable).
   */
  parse(method, status, bodyText) {
    return this.#parse(method, status, bodyText, false);
  }

  #parse(method, status, bodyText, untyped) {
    const ctx = { lang: this.#lang, method: String(method) };
    const body = String(bodyText);
    // A number now: converting it inside the core call would run the caller's valueOf while
    // the shared buffer holds this body.
    const code = Number(status);
    return guard(() => {
      let len = this.#input.put(body, 0);
      // An XML answer (`<`) has no edits.
      const edits = untyped || body.charCodeAt(0) === 60 ? null : this.#core.parseEdits(ctx.method, len, code);
      if (edits) return typedInPlace(body, edits);
      // A reading past the kept room gave it back: a large answer is written again.
      if (edits !== null && len > KEPT) len = this.#input.put(body, 0);
      const { value, trace } = answerOf(this.#core.parse(ctx.method, len, code, untyped), ctx);
      return traced(value, trace);
    }, ctx);
  }

  /**
   * prepare + fetch + parse, retrying retriable failures within the deadline. Each attempt is
   * signed afresh with a new timestamp; the parameters — the `request_id` idempotency key and
   * order ids included — stay the same, so a retry never applies a write twice.
   */
  call(method, params, opts = {}) {
    return this.#call(method, params, opts, false);
  }

  #call(method, params, opts, untyped) {
    let o;
    try {
      o = callOptions(this.#base, opts, TOP_CALL_OPTIONS, this.#lang);
    } catch (e) {
      return Promise.reject(e);
    }
    const session = opts?.session ?? '';
    const event = hooked(o) ? { method: String(method), idempotencyKey: idempotencyKeyOf(params) } : null;
    const read = ({ status, text }) => this.#parse(method, status, text, untyped);
    return attempts(
      (i, ms, deadline, last) =>
        observed(this.#sign(method, params, now(o), session, untyped, true), o, event, i + 1, ms, deadline, last, read),
      o,
      event,
    );
  }

  /**
   * Every page of a paged operation, in order, as an async iterator: `page_no` counts up from
   * the one given (or 1), and the iteration stops after the last page as `nextPage` reads it.
   * Each page is one `call()`, retried alike.
   */
  async *pages(method, params = {}, opts = {}) {
    const wrapper = paramName(method);
    const inner = wrapper && params[wrapper] && typeof params[wrapper] === 'object' ? params[wrapper] : params;
    let at = { page: Number(inner.page_no ?? 1), seen: 0 };
    for (let n = 0; n < 100_000 && at; n += 1) {
      const asked = { ...inner, page_no: at.page };
      const result = await this.call(method, wrapper && inner !== params ? { [wrapper]: asked } : asked, opts);
      yield result;
      at = nextPage(result, at);
    }
  }
}

const given = (v) => v !== undefined && v !== null && v !== '';

/**
 * The place after a page of a paged answer, `{ page, seen }` (`seen`: the rows of the pages
 * before), or null after the last. A reader that must not miss a row (a bound, a ledger) reads
 * on while the answer leaves any doubt: while `has_next_page` says so; else, when `total_size`
 * is given, until that many rows have come (counted as they came, not by `page_size`, which
 * the platform echoes as asked even when it sends fewer); else, when neither is given, until
 * an empty page. An empty page always ends it.
 */
export function nextPage(answer, { page, seen = 0 }) {
  const rows = Array.isArray(answer?.result_list) ? answer.result_list.length : 0;
  if (!rows) return null;
  const next = { page: page + 1, seen: seen + rows };
  const more = answer?.has_next_page;
  if (more === true || more === 'true') return next;
  if (given(answer?.total_size)) {
    const total = Number(answer.total_size);
    return Number.isFinite(total) && next.seen < total ? next : null;
  }
  return more === false || more === 'false' ? null : next;
}

const U8_APIS = new Set(OPERATIONS.filter((o) => o.platform === 'u8').map((o) => o.method));

/** A Yonyou U8 OpenAPI client; it obtains, caches and renews its token in `call()`. */
export class U8Client {
  #core;
  #token = null;
  #pending = null;
  #tokens = null;
  #base;
  #lang;

  /**
   * `options`: the U8 connection (`fromAccount`, `toAccount`, `appKey`, `appSecret`,
   * `dsSequence`, `baseUrl`), `tokens` (optional: where `call()` gets its token instead of its
   * own cache, `{ get(): Promise<string>, renew(stale: string): Promise<string> }`, a Worker's
   * fleet-wide holder, say), `lang`, and the defaults of its calls, as `TopClient` takes them.
   */
  constructor(options = {}) {
    this.#lang = language(options?.lang);
    const allowed = { ...CALL_OPTIONS, lang: 'string' };
    for (const k of U8_OPTIONS) allowed[k] = 'any';
    checkOptions(options, allowed, 'U8Client', this.#lang, {
      signal: 'signal is per call: pass it to call(), not to the U8Client',
    });
    const { tokens, ...rest } = options ?? {};
    this.#tokens = tokens ?? null;
    const [coreOptions, defaults] = split(rest, U8_OPTIONS);
    this.#base = callDefaults({ ...defaults, lang: this.#lang });
    this.#core = guard(() => new U8Core(json(coreOptions, 'options', this.#lang)), { lang: this.#lang });
    const self = this;
    /** The escape hatch for a U8 api the SDK does not declare: body sent as given, reply untyped. */
    Object.defineProperty(this, 'untyped', {
      value: Object.freeze({
        prepare: (api, body, opts) => self.#prepare(api, body, opts, true),
        parse: (api, status, bodyText) => self.#parse(api, status, bodyText, true),
        call: (api, body, opts) => self.#call(api, body, opts, true),
      }),
      enumerable: false,
    });
  }

  #ctx(method) {
    return { lang: this.#lang, method };
  }

  prepareToken() {
    return core(() => this.#core.prepareToken(), this.#ctx());
  }

  /** `{ token, expiresAt, renewAt }` (epoch ms), from the reply and the host time. */
  parseToken(status, bodyText, opts = {}) {
    return core(
      () => this.#core.parseToken(status, String(bodyText), toMillis(opts?.timestamp, this.#lang)),
      this.#ctx(),
    );
  }

  prepareTradeid(token) {
    return core(() => this.#core.prepareTradeid(String(token)), this.#ctx());
  }

  parseTradeid(status, bodyText) {
    return core(() => this.#core.parseTradeid(status, String(bodyText)), this.#ctx());
  }

  /** The request of a declared api (`points/change`) with `opts.token`. */
  prepare(api, body, opts = {}) {
    return this.#prepare(api, body, opts, false);
  }

  #declared(api, untyped) {
    if (untyped || U8_APIS.has(api)) return;
    throw sdkError(
      {
        code: 'INVALID_PARAM',
        field: 'method',
        rule: 'unknown',
        message: `\`${api}\` is not a declared operation (call an undeclared one through untyped)`,
      },
      this.#ctx(api),
    );
  }

  #prepare(api, body, opts, untyped) {
    const name = String(api);
    this.#declared(name, untyped);
    checkOptions(opts, { token: 'string' }, 'prepare()', this.#lang);
    return core(
      () => this.#core.prepare(name, json(body, 'body', this.#lang), String(opts?.token ?? '')),
      this.#ctx(name),
    );
  }

  parse(api, status, bodyText) {
    return this.#parse(api, status, bodyText, false);
  }

  #parse(api, status, bodyText, untyped) {
    const name = String(api);
    this.#declared(name, untyped);
    return core(() => this.#core.parse(name, status, String(bodyText)), this.#ctx(name));
  }

  #options(opts) {
    return callOptions(this.#base, opts, U8_CALL_OPTIONS, this.#lang);
  }

  /** A new token from U8, `{ token, expiresAt, renewAt }`, with the call options' retries. */
  fetchToken(opts = {}) {
    const o = this.#options(opts);
    const event = hooked(o) ? { method: 'system/token' } : null;
    const read = ({ status, text }) => this.parseToken(status, text, { timestamp: now(o) });
    return attempts(
      (i, ms, deadline, last) => observed(this.prepareToken(), o, event, i + 1, ms, deadline, last, read),
      o,
      event,
    );
  }

  /** A valid token, fetched once and shared by concurrent calls, renewed before expiry. */
  async token(opts = {}) {
    if (this.#tokens) return this.#tokens.get();
    if (this.#token && now({ now: opts?.now ?? this.#base.now }) < this.#token.renewAt) return this.#token.token;
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

  /** prepare + fetch + parse; gets and renews the token itself, and renews once when U8 says it is invalid. */
  call(api, body, opts = {}) {
    return this.#call(api, body, opts, false);
  }

  async #call(api, body, opts, untyped) {
    this.#declared(String(api), untyped);
    const o = this.#options(opts);
    const event = hooked(o) ? { method: String(api), idempotencyKey: idempotencyKeyOf(body) } : null;
    const read = ({ status, text }) => this.#parse(api, status, text, untyped);
    const once = (token, earlier) =>
      attempts(
        (i, ms, deadline, last) =>
          observed(this.#prepare(api, body, { token }, untyped), o, event, i + 1, ms, deadline, last, read),
        o,
        event,
        earlier,
      );
    const token = await this.token(opts);
    try {
      return await once(token);
    } catch (e) {
      if (!(e instanceof SdkError) || e.subCode !== 'token_invalid') throw e;
      // The attempts with the invalid token, and its refusal, stay part of the call's story:
      // one of them may have been applied before the token ran out.
      const earlier = [...(e.earlier ?? []), e];
      let renewed;
      try {
        if (this.#tokens) renewed = await this.#tokens.renew(token);
        else {
          this.dropToken();
          renewed = await this.token(opts);
        }
      } catch (failed) {
        throw withEarlier(failed, earlier);
      }
      return once(renewed, earlier);
    }
  }
}
