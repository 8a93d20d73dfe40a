// loyalty-sdk: typed, validated, correctly signed calls to Taobao Open Platform ALSC CRM and
// Yonyou U8 loyalty APIs. Per-operation types, the vocabulary and the enumerations are
// generated in ./operations.d.ts.
import type {
  AlscMethod,
  ChoiceConstants,
  ErrorCodeConstants,
  OperationParams,
  OperationResults,
  OperationWrappers,
  RuleConstants,
  RuleName,
  SdkErrorCode,
  U8Api,
  U8OperationParams,
  U8OperationResults,
} from './operations.js';
export type * from './operations.js';
export * from './meaning.js';

/** Every `SdkError.code`, in the order the core declares them. */
export const ERROR_CODES: readonly SdkErrorCode[];
/** The codes as constants: `ErrorCode.RATE_LIMITED`. */
export const ErrorCode: ErrorCodeConstants;
/** The rule names as constants: `Rule.ANY_OF === 'any_of'`. */
export const Rule: RuleConstants;
/** The documented enumerations as constants: `Choices.BIZ_CHANNEL.CS`, `Choices.POINT_OPERATE_TYPE.CHARGE === 1`. */
export const Choices: ChoiceConstants;

/** One broken rule of one field. */
export interface FieldError {
  /** Path of the field: `change_point`, `order_info.item_list[0].price`, `[0].ori_money`; `method` for an undeclared method. */
  field: string;
  rule: RuleName;
  /** In the client's (or `validate`'s) language, built from the field's label. */
  message: string;
}

export class SdkError extends Error {
  constructor(
    info: { code: SdkErrorCode; message?: string; retriable?: boolean; cause?: unknown } & Record<string, unknown>,
  );
  readonly name: 'SdkError';
  readonly code: SdkErrorCode;
  /** Whether retrying the same call (same request_id) can help. */
  readonly retriable: boolean;
  /** The field (INVALID_PARAM) or option (INVALID_CONFIG) at fault. */
  readonly field?: string;
  readonly rule?: RuleName;
  /** TOP `code`, ALSC `result_code`, U8 `errcode`, or the HTTP status. */
  readonly platformCode?: string;
  readonly platformMsg?: string;
  readonly subCode?: string;
  readonly subMsg?: string;
  /** The platform's trace id (TOP `request_id`), when it sent one. Not the call's idempotency key. */
  readonly requestId?: string;
  /** ALSC `result_view`: the platform's message meant for display. */
  readonly resultView?: string;
  /** Wait at least this long before retrying (RATE_LIMITED: the platform's ban). */
  readonly retryAfterMs?: number;
  /** Every broken rule, for INVALID_PARAM. */
  readonly details: FieldError[];
  /** ABORTED: the last platform error, when there was one, else the signal's reason. */
  readonly cause?: unknown;
  /**
   * `call()`: the errors of the attempts before the one this error ended the call with, oldest
   * first (not enumerable; absent when there was one attempt). A write whose earlier attempt's
   * outcome was unknown (a lost or unreadable answer) may have been applied, whatever this
   * error says.
   */
  readonly earlier?: readonly SdkError[];
}

/** A request for the host's fetch, exactly as signed. */
export interface PreparedRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface SignedTopRequest extends PreparedRequest {
  /** What was signed (never contains the secret). */
  stringToSign: string;
  sign: string;
}

/** What every call takes; a client takes them as the defaults of its calls (`signal` excepted). */
export interface CallDefaults extends Hooks {
  /** Default `globalThis.fetch`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Each attempt's timeout (default 5 000 ms). */
  timeoutMs?: number;
  /** The whole call's, retries and waits included (default 10 000 ms); past it: `TIMEOUT` (retriable). */
  deadlineMs?: number;
  /** Retries of retriable failures (default 3). */
  retries?: number;
  /** First backoff (default 200 ms), doubled each retry, with jitter. */
  backoffMs?: number;
  /** The longest wait before a retry (default 2 000 ms): a longer ban ends the call at once (`RATE_LIMITED`). */
  maxRetryDelayMs?: number;
  /** The host clock, epoch ms (default `Date.now`): each attempt is signed at `now()`. */
  now?: () => number;
}

export interface CallOptions extends CallDefaults {
  /** The caller's cancel signal; aborting throws `SdkError` `ABORTED`. */
  signal?: AbortSignal;
}

export interface TopCallOptions extends CallOptions {
  /** The user's authorization for this call, instead of the client's `session`. */
  session?: string;
}

export interface TopClientOptions extends CallDefaults {
  /** The language of every message the client's errors carry (default `'en'`). */
  lang?: 'zh' | 'en';
  appKey: string;
  appSecret: string;
  /** Default `hmac-sha256`. */
  signMethod?: 'md5' | 'hmac' | 'hmac-sha256';
  /** Default the production HTTPS gateway. */
  gateway?: string;
  /** Default `json`. */
  format?: 'json' | 'xml';
  /** Default `true` (JSON only). */
  simplify?: boolean;
  /** The default user authorization (a call's `session` overrides it). */
  session?: string;
  partnerId?: string;
  targetAppKey?: string;
}

/** What the hooks are told about a call; never a secret, a signature or the body. */
export interface CallEvent {
  /** TOP method or U8 api. */
  method: string;
  /** The call's idempotency key (`request_id`; U8 `source_code`s), when it has one. */
  idempotencyKey?: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface Hooks {
  /** Before each attempt: the URL without its query (signatures and tokens travel there). */
  onRequest?: (e: CallEvent & { url: string; httpMethod: string }) => void;
  /** After each attempt: the HTTP status (null when none came), the time taken, the platform's trace id. */
  onResponse?: (
    e: CallEvent & {
      url: string;
      status: number | null;
      ms: number;
      requestId?: string;
      error?: { code: SdkErrorCode; message: string };
    },
  ) => void;
  /** Before a retry: why, and how long it waits. */
  onRetry?: (
    e: CallEvent & {
      delayMs: number;
      error: { code: SdkErrorCode; subCode?: string; message: string; requestId?: string };
    },
  ) => void;
}

/** A result with the platform's trace id (TOP `request_id`); not enumerable, so not in its JSON. */
export type Traced<T> = T & { readonly requestId?: string };

/** The fields themselves, or wrapped in the operation's one parameter as the documentation shows. */
export type ParamsOf<M extends AlscMethod> =
  | OperationParams[M]
  | (M extends keyof OperationWrappers ? { [K in OperationWrappers[M]]: OperationParams[M] } : never);
/** The decoded result of `M`. */
export type ResultOf<M extends AlscMethod> = Traced<OperationResults[M]>;

/**
 * The escape hatch for a method the SDK does not declare (a new API of the family, another
 * family): parameters sent as given, checked only against the system parameters; the answer
 * as the platform sent it, big numbers as exact strings.
 */
export interface UntypedTopCalls {
  prepare(
    method: string,
    params: Record<string, unknown>,
    opts?: { timestamp?: number | Date; session?: string },
  ): SignedTopRequest;
  parse(method: string, status: number, bodyText: string): Traced<Record<string, unknown>>;
  call(
    method: string,
    params: Record<string, unknown>,
    opts?: TopCallOptions,
  ): Promise<Traced<Record<string, unknown>>>;
}

/** Where reading a paged answer goes on: the next `page_no`, and the rows of the pages read. */
export interface PagePlace {
  page: number;
  seen: number;
}
/**
 * The place after a page (`{ page, seen }` of the page just read, `seen` counting the rows
 * before it), or null after the last: on while `has_next_page` says so, else until
 * `total_size` rows have come, else until an empty page; an empty page ends it.
 */
export function nextPage(answer: unknown, at: { page: number; seen?: number }): PagePlace | null;

export class TopClient {
  constructor(options: TopClientOptions);
  /** Declared methods only (a misspelled one does not compile); others through `untyped`. */
  prepare<M extends AlscMethod>(
    method: M,
    params: ParamsOf<M>,
    opts?: { timestamp?: number | Date; session?: string },
  ): SignedTopRequest;
  parse<M extends AlscMethod>(method: M, status: number, bodyText: string): ResultOf<M>;
  /** prepare + fetch + parse with safe retries within the deadline: the same params (request_id included), re-signed each attempt. */
  call<M extends AlscMethod>(method: M, params: ParamsOf<M>, opts?: TopCallOptions): Promise<ResultOf<M>>;
  /** Every page of a paged operation, in order, until the last as `nextPage` reads it. */
  pages<M extends AlscMethod>(
    method: M,
    params: ParamsOf<M>,
    opts?: TopCallOptions,
  ): AsyncGenerator<ResultOf<M>, void, unknown>;
  readonly untyped: UntypedTopCalls;
}

export interface U8ClientOptions extends CallDefaults {
  /** The language of every message the client's errors carry (default `'en'`). */
  lang?: 'zh' | 'en';
  fromAccount: string;
  toAccount: string;
  appKey: string;
  appSecret: string;
  dsSequence?: number;
  /** Default `https://api.yonyouup.com`. */
  baseUrl?: string;
  /** Where `call()` gets its token instead of its own cache (a fleet-wide holder, say). */
  tokens?: U8TokenSource;
}

export interface U8TokenSource {
  /** A valid token. */
  get(): Promise<string>;
  /** A new token: `stale` is the one U8 called invalid. */
  renew(stale: string): Promise<string>;
}

/** 积分计算业务类型: 5 商城送积分, 51 商城抵现, 16 退货扣积分, 17 退货返还抵扣积分, 200 积分结转. */
export type U8ActionType = U8OperationParams['points/change'][number]['action_type'];
/** The decoded answer of `points/change`. */
export type PointsChangeResult = U8OperationResults['points/change'];

export interface U8Token {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms: renew from here on (5 minutes before expiry). */
  renewAt: number;
}

/** The escape hatch for a U8 api the SDK does not declare: the body sent as given, the reply untyped. */
export interface UntypedU8Calls {
  prepare(api: string, body: unknown, opts: { token: string }): PreparedRequest;
  parse(api: string, status: number, bodyText: string): unknown;
  call(api: string, body: unknown, opts?: CallOptions): Promise<unknown>;
}

export class U8Client {
  constructor(options: U8ClientOptions);
  prepareToken(): PreparedRequest;
  parseToken(status: number, bodyText: string, opts?: { timestamp?: number | Date }): U8Token;
  prepareTradeid(token: string): PreparedRequest;
  parseTradeid(status: number, bodyText: string): string;
  prepare<A extends U8Api>(api: A, body: U8OperationParams[A], opts: { token: string }): PreparedRequest;
  parse<A extends U8Api>(api: A, status: number, bodyText: string): U8OperationResults[A];
  /** A new token from U8, with the options' retries. */
  fetchToken(opts?: CallOptions): Promise<U8Token>;
  /** A valid token: obtained once, cached, renewed before expiry. */
  token(opts?: CallOptions): Promise<string>;
  dropToken(): void;
  /** prepare + fetch + parse; gets and renews the token itself, and renews once when U8 says it is invalid. */
  call<A extends U8Api>(api: A, body: U8OperationParams[A], opts?: CallOptions): Promise<U8OperationResults[A]>;
  readonly untyped: UntypedU8Calls;
}

export interface Choice {
  value: string;
  zh: string;
  en: string;
}

export interface FieldMeta {
  name: string;
  type: string;
  required: boolean;
  description: string;
  /** The field's name for people (spec/labels.json). */
  label: { zh: string; en: string };
  choices?: Choice[];
  positive?: boolean;
  fields?: FieldMeta[];
}

export interface OperationMeta {
  method: string;
  platform: 'top' | 'u8';
  titleZh: string;
  titleEn: string;
  description: string;
  docId?: number;
  writes: boolean;
  /** The field a retry must repeat (`request_id`; U8 `source_code`), or null for reads. */
  idempotencyKey: string | null;
  paged: boolean;
  /** The one business parameter that wraps the fields, if any. */
  param: string | null;
  /** U8 bodies are lists of records. */
  list?: boolean;
  maxRecords?: number;
  fields: FieldMeta[];
  rules: Array<
    { kind: 'any_of'; fields: string[] } | { kind: 'required_when'; field: string; when: string; values: string[] }
  >;
  /** The fields that move points or stored value (paths inside the business object or each record). */
  amounts: { points: string[]; value: string[]; scale: Record<string, string> };
  /** The field an operator finds and refunds the order by. */
  orderId: string | null;
}

/** The core's vocabulary: every code and rule, with labels. */
export interface Vocabulary {
  errors: Array<{
    code: SdkErrorCode;
    /** The HTTP status a service relaying this error answers with. */
    status: number;
    /** What a write that failed so did: nothing sent, refused (nothing applied), or unknown. */
    outcome: 'not_sent' | 'refused' | 'unknown';
    zh: string;
    en: string;
  }>;
  rules: Array<{ name: RuleName; zh: string; en: string }>;
}

/** The parameters `validate` checks for a declared TOP method or U8 api. */
export type ValidateParams<M extends AlscMethod | U8Api> = M extends AlscMethod
  ? ParamsOf<M>
  : M extends U8Api
    ? U8OperationParams[M]
    : never;

/** `[]` when the parameters may be sent, else every broken rule. Needs no secret: use it in forms. */
export function validate<M extends AlscMethod | U8Api>(
  method: M,
  params: ValidateParams<M>,
  opts?: { lang?: 'zh' | 'en' },
): FieldError[];
/** Metadata of every declared operation, to build forms. */
export function operations(): OperationMeta[];
/** Every error code and rule name the core declares, with labels. */
export function vocabulary(): Vocabulary;
/** The TOP signature of a parameter set (a debugging aid; keep secrets off browsers). */
export function signTop(
  params: Record<string, string>,
  secret: string,
  signMethod?: 'md5' | 'hmac' | 'hmac-sha256',
): string;
/** The string TOP signs: parameters that are not blank, sorted by name, `name1value1...`. */
export function stringToSign(params: Record<string, string>): string;
/** A random idempotency id (UUID v4). */
export function newRequestId(): string;
