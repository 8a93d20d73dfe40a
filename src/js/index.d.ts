// loyalty-sdk: typed, validated, correctly signed calls to Taobao Open Platform ALSC CRM and
// Yonyou U8 loyalty APIs. Per-operation types are generated in ./operations.d.ts.
import type {
  AlscMethod,
  OperationParams,
  OperationResults,
  OperationWrappers,
  PointsChangeRecord,
  U8OperationResults,
} from './operations.js';
export type * from './operations.js';
export * from './meaning.js';

export type SdkErrorCode =
  | 'INVALID_PARAM'
  | 'INVALID_CONFIG'
  | 'TOP_ERROR'
  | 'BIZ_ERROR'
  | 'U8_ERROR'
  | 'HTTP_ERROR'
  | 'DECODE_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INTERNAL';

export const ERROR_CODES: readonly SdkErrorCode[];

/** One broken rule of one field. */
export interface FieldError {
  /** Path of the field: `change_point`, `order_info.item_list[0].price`, `[0].ori_money`. */
  field: string;
  /** Stable rule name: required, type, range, date, one_of, any_of, positive, required_when, unknown, decimal, ... */
  rule: string;
  message: string;
}

export class SdkError extends Error {
  readonly name: 'SdkError';
  readonly code: SdkErrorCode;
  /** Whether retrying the same call (same request_id) can help. */
  readonly retriable: boolean;
  readonly field?: string;
  readonly rule?: string;
  /** TOP `code`, ALSC `result_code`, U8 `errcode`, or the HTTP status. */
  readonly platformCode?: string;
  readonly platformMsg?: string;
  readonly subCode?: string;
  readonly subMsg?: string;
  readonly requestId?: string;
  /** ALSC `result_view`: the platform's message meant for display. */
  readonly resultView?: string;
  /** Wait at least this long before retrying (TOP rate-limit ban). */
  readonly retryAfterMs?: number;
  /** Every broken rule, for INVALID_PARAM. */
  readonly details: FieldError[];
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

export interface TopClientOptions extends Hooks {
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
  session?: string;
  partnerId?: string;
  targetAppKey?: string;
}

export interface CallOptions extends Hooks {
  /** Default `globalThis.fetch`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** The caller's cancel signal; aborting throws `SdkError` `ABORTED`. */
  signal?: AbortSignal;
  /** Per-attempt timeout (default 10 000 ms); timing out throws `TIMEOUT` (retriable). */
  timeoutMs?: number;
  /** Retries of retriable failures (default 3). */
  retries?: number;
  /** First backoff (default 200 ms), doubled each retry, with jitter. */
  backoffMs?: number;
  /** The host clock, epoch ms (default `Date.now`): each attempt is signed at `now()`. */
  now?: () => number;
}

/** What the hooks are told about a call; never a secret, a signature or the body. */
export interface CallEvent {
  /** TOP method or U8 api. */
  method: string;
  /** The call's idempotency key (`request_id`; U8 `source_code`s), when it has one. */
  requestId?: string;
  /** 1 for the first attempt. */
  attempt: number;
}

export interface Hooks {
  /** Before each attempt: the URL without its query (signatures and tokens travel there). */
  onRequest?: (e: CallEvent & { url: string; httpMethod: string }) => void;
  /** After each attempt: the HTTP status (null when none came) and the time taken. */
  onResponse?: (
    e: CallEvent & { url: string; status: number | null; ms: number; error?: { code: SdkErrorCode; message: string } },
  ) => void;
  /** Before a retry: why, and how long it waits. */
  onRetry?: (
    e: CallEvent & { delayMs: number; error: { code: SdkErrorCode; subCode?: string; message: string } },
  ) => void;
}

/** The fields themselves, or wrapped in the operation's one parameter as the documentation shows. */
type WrappedOrPlain<M extends AlscMethod> =
  | OperationParams[M]
  | (M extends keyof OperationWrappers ? { [K in OperationWrappers[M]]: OperationParams[M] } : never);
type OtherApi<A extends string> = A extends 'points/change' ? never : A;

/**
 * The parameters of `M`: typed for a declared method, any object for a method outside the
 * family. One signature, not overloads, so a misspelled or missing key is reported at that key.
 */
export type ParamsOf<M extends string> = M extends AlscMethod ? WrappedOrPlain<M> : Record<string, unknown>;
/** The decoded result of `M`: typed for a declared method. */
export type ResultOf<M extends string> = M extends AlscMethod ? OperationResults[M] : unknown;

export class TopClient {
  constructor(options: TopClientOptions);
  prepare<M extends string>(method: M, params: ParamsOf<M>, opts?: { timestamp?: number | Date }): SignedTopRequest;
  parse<M extends string>(method: M, status: number, bodyText: string): ResultOf<M>;
  /** prepare + fetch + parse with safe retries: the same params (request_id included), re-signed each attempt. */
  call<M extends string>(method: M, params: ParamsOf<M>, opts?: CallOptions): Promise<ResultOf<M>>;
  /** Every page of a paged operation, in order, until the last. */
  pages<M extends string>(
    method: M,
    params: ParamsOf<M>,
    opts?: CallOptions,
  ): AsyncGenerator<ResultOf<M>, void, unknown>;
}

export interface U8ClientOptions extends Hooks {
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
export type U8ActionType = PointsChangeRecord['action_type'];
/** The decoded answer of `points/change`. */
export type PointsChangeResult = U8OperationResults['points/change'];

export interface U8Token {
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms: renew from here on (5 minutes before expiry). */
  renewAt: number;
}

export class U8Client {
  constructor(options: U8ClientOptions);
  prepareToken(): PreparedRequest;
  parseToken(status: number, bodyText: string, opts?: { timestamp?: number | Date }): U8Token;
  prepareTradeid(token: string): PreparedRequest;
  parseTradeid(status: number, bodyText: string): string;
  prepare(api: 'points/change', body: PointsChangeRecord[], opts: { token: string }): PreparedRequest;
  prepare<A extends string>(api: OtherApi<A>, body: unknown, opts: { token: string }): PreparedRequest;
  parse(api: 'points/change', status: number, bodyText: string): PointsChangeResult;
  parse<A extends string>(api: OtherApi<A>, status: number, bodyText: string): unknown;
  /** A new token from U8, with the options' retries. */
  fetchToken(opts?: CallOptions): Promise<U8Token>;
  /** A valid token: obtained once, cached, renewed before expiry. */
  token(opts?: CallOptions): Promise<string>;
  dropToken(): void;
  /** prepare + fetch + parse; gets and renews the token itself, and renews once when U8 says it is invalid. */
  call(api: 'points/change', body: PointsChangeRecord[], opts?: CallOptions): Promise<PointsChangeResult>;
  call<A extends string>(api: OtherApi<A>, body: unknown, opts?: CallOptions): Promise<unknown>;
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
  choices?: Choice[];
  positive?: boolean;
  fields?: FieldMeta[];
}

export interface OperationMeta {
  method: string;
  platform: 'top' | 'u8';
  titleZh: string;
  titleEn: string;
  docId?: number;
  writes: boolean;
  paged: boolean;
  /** The one business parameter that wraps the fields, if any. */
  param: string | null;
  /** U8 bodies are lists of records. */
  list?: boolean;
  maxRecords?: number;
  fields: FieldMeta[];
  rules: Array<
    { kind: 'any_of'; fields: string[] } | { kind: 'required_when'; field: string; when: string; equals: string }
  >;
}

/** `[]` when the parameters may be sent, else every broken rule. Needs no secret: use it in forms. */
export function validate<M extends string>(
  method: M,
  params: M extends 'points/change' ? PointsChangeRecord[] : ParamsOf<M>,
  opts?: { lang?: 'zh' | 'en' },
): FieldError[];
/** Metadata of every known operation, to build forms. */
export function operations(): OperationMeta[];
export function signTop(
  params: Record<string, string>,
  secret: string,
  signMethod?: 'md5' | 'hmac' | 'hmac-sha256',
): string;
export function stringToSign(params: Record<string, string>): string;
/** A random idempotency id (UUID v4). */
export function newRequestId(): string;
