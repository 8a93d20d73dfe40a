// One error type for what the proxy itself refuses, and the one mapping of every failure (the
// proxy's, the SDK's) to an HTTP status and the error object of an answer.
import { SdkError, vocabulary } from 'loyalty-sdk';

export class ProxyError extends Error {
  /** @type {string} */ code;
  /** @type {boolean} */ retriable;
  /** @type {string | undefined} */ field;
  /** @type {string | undefined} */ limit;
  /** @type {object[] | undefined} */ details;
  /** @type {string | undefined} */ setting;
  /** @type {number | undefined} */ retryAfterMs;

  /**
   * `code` is stable; `extra`: field, limit, details, retriable, retryAfterMs, setting.
   * @param {string} code
   * @param {string} message
   * @param {Record<string, unknown>} [extra]
   */
  constructor(code, message, extra = {}) {
    super(message);
    Object.assign(this, { code, retriable: false, ...extra });
  }
}

// The SDK's codes answer with the status its vocabulary declares for them; then the proxy's own.
const STATUS = {
  ...Object.fromEntries(vocabulary().errors.map((e) => [e.code, e.status])),
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  LIMIT_EXCEEDED: 403,
  NOT_FOUND: 404,
  REQUEST_ID_CONFLICT: 409,
  RUN_IN_PROGRESS: 409,
  JOB_NOT_READY: 409,
  JOB_EXISTS: 409,
  LINK_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UPSTREAM_TOO_LARGE: 502,
  AUDIT_UNAVAILABLE: 503,
  CONFIG_ERROR: 500,
};

/** `[status, error]` for any failure: the answer's `error` object, before scrubbing. */
export function failure(e) {
  if (e instanceof SdkError) {
    // What the call's outcome made of the error (call.js).
    const judged = /** @type {{ final?: boolean, unknownOutcome?: boolean }} */ (e);
    // U8 business refusals are refusals, as TOP's are.
    const code = e.code === 'U8_ERROR' && e.subCode === 'rejected' && judged.final ? 'BIZ_ERROR' : e.code;
    const status = judged.unknownOutcome ? (e.code === 'TIMEOUT' ? 504 : 502) : (STATUS[code] ?? 502);
    return [
      status,
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
        retriable: Boolean(e.retriable),
        retry_after_ms: e.retryAfterMs,
      },
    ];
  }
  if (e instanceof ProxyError) {
    return [
      STATUS[e.code] ?? 500,
      {
        code: e.code,
        message: e.message,
        field: e.field,
        limit: e.limit,
        details: e.details,
        setting: e.setting,
        retriable: Boolean(e.retriable),
        retry_after_ms: e.retryAfterMs,
      },
    ];
  }
  return [500, { code: 'INTERNAL', message: 'the proxy failed unexpectedly', retriable: false }];
}
