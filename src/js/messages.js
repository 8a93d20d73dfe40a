// The SDK's messages, in Chinese and English, built from the rule and the field's metadata
// (its label from spec/labels.json, its choices' labels, whether it counts points or money),
// never by translating text. The core writes English for its Rust users; here every message a
// JS caller sees is written again, in the language asked for, from the same facts.
import OPERATIONS, { VOCABULARY } from './operations.js';

const BY_METHOD = new Map(OPERATIONS.map((o) => [o.method, o]));
const CODE = Object.fromEntries(VOCABULARY.errors.map((e) => [e.code, e]));
const MAX_SAFE = '9007199254740991';

/** The field at a path (`order_info.item_list[0].price`, U8 `[0].mid`) in an operation's metadata. */
function fieldAt(meta, path) {
  let fields = meta?.fields ?? [];
  let found = null;
  for (const part of plain(path).split('.').filter(Boolean)) {
    found = fields.find((f) => f.name === part) ?? null;
    if (!found) return null;
    fields = found.fields ?? [];
  }
  return found;
}

/** A path without its list positions: `[0].ori_points` -> `ori_points`. */
const plain = (path) => String(path ?? '').replace(/\[\d+\]/g, '');

/** `points` or `value` when the field at `path` moves points or stored value (the overlay's amounts). */
function amountKind(meta, path) {
  const p = plain(path).replace(/^\./, '');
  if (meta?.amounts?.points?.includes(p)) return 'points';
  if (meta?.amounts?.value?.includes(p)) return 'value';
  return null;
}

/** `change_point（变更积分数）` / `change_point (points to change)`: the path and its label. */
function named(meta, path, lang) {
  const label = fieldAt(meta, path)?.label?.[lang];
  if (!label) return String(path);
  return lang === 'zh' ? `${path}（${label}）` : `${path} (${label})`;
}

const list = (items, lang) => items.join(lang === 'zh' ? '、' : ', ');
const or = (items, lang) => (lang === 'zh' ? items.join('、') : items.join(' or '));
const hint = (english) => /did you mean `([^`]+)`/.exec(english ?? '')?.[1];

/** A field's type as a reason, by its declared kind and what it counts. */
function typeReason(meta, e, lang) {
  const field = fieldAt(meta, e.field);
  const zh = lang === 'zh';
  if (e.field === 'body') return zh ? '须为记录数组' : 'must be an array of records';
  switch (field?.type) {
    case 'String':
      return zh
        ? '须为字符串（ID 按字符串传递：超过 2^53 的数字会丢失精度）'
        : 'must be a string (ids travel as strings: numbers above 2^53 lose digits)';
    case 'Number': {
      const kind = amountKind(meta, e.field);
      if (kind === 'points') return zh ? '须为整数（积分数）' : 'must be a whole number of points';
      if (kind === 'value') return zh ? '须为整数（金额以分为单位）' : 'must be a whole number of fen (1/100 yuan)';
      return zh ? '须为整数' : 'must be a whole number';
    }
    case 'Money':
    case 'Decimal':
      return zh ? '须为不超过两位小数的字符串，如 "12.50"' : 'must be a decimal string like "12.50"';
    case 'Boolean':
      return zh ? '须为 true 或 false' : 'must be true or false';
    case 'String[]':
      return zh ? '须为字符串数组' : 'must be a list of strings';
    case 'Date':
      return zh ? '须为 yyyy-MM-dd HH:mm:ss 格式的时间' : 'must be a date-time written yyyy-MM-dd HH:mm:ss';
    case undefined:
      return zh ? '的类型不对' : 'has the wrong type';
    default:
      return field.fields
        ? zh
          ? '须为对象（列表则为对象数组）'
          : 'must be an object (a list: of objects)'
        : zh
          ? '的类型不对'
          : 'has the wrong type';
  }
}

/** One broken rule `{ field, rule, message }` of `method`, in `lang`. */
function fieldMessage(meta, method, e, lang) {
  const zh = lang === 'zh';
  const f = named(meta, e.field, lang);
  const field = fieldAt(meta, e.field);
  const near = hint(e.message);
  const last = plain(e.field).split('.').pop();
  switch (e.rule) {
    case 'required':
      if (meta?.idempotencyKey === last)
        return zh
          ? `${f}为必填项：它是幂等键，重试时保持不变`
          : `${f} is required: it is the idempotency key a retry keeps`;
      return zh ? `${f}为必填项` : `${f} is required`;
    case 'required_when': {
      const rule = meta?.rules?.find((r) => r.kind === 'required_when' && r.field === last);
      if (!rule) return zh ? `${f}在此情况下为必填项` : `${f} is required here`;
      const when = named(meta, rule.when, lang);
      return zh
        ? `${when}为 ${or(rule.values, lang)} 时，${f}为必填项`
        : `${f} is required when ${when} is ${or(rule.values, lang)}`;
    }
    case 'any_of': {
      const rule = meta?.rules?.find((r) => r.kind === 'any_of' && r.fields.includes(last));
      const names = rule ? rule.fields.map((n) => named(meta, n, lang)) : [f];
      return zh ? `${list(names, lang)}不能同时为空，至少填写一项` : `give at least one of ${list(names, lang)}`;
    }
    case 'type':
      return `${f}${zh ? '' : ' '}${typeReason(meta, e, lang)}`;
    case 'range':
      return zh ? `${f}超出范围（绝对值不能超过 ${MAX_SAFE}）` : `${f} is out of range (at most ±${MAX_SAFE})`;
    case 'positive':
      return zh ? `${f}须大于 0` : `${f} must be above zero`;
    case 'non_negative':
      return zh ? `${f}不能为负数` : `${f} cannot be negative`;
    case 'integer':
      return zh ? `${f}须为整数` : `${f} must be a whole number`;
    case 'decimal':
      return zh
        ? `${f}须为不超过两位小数的字符串，如 "12.50"（不要用浮点数）`
        : `${f} must be a decimal string like "12.50", not a floating-point number`;
    case 'date':
      return zh ? `${f}须为 yyyy-MM-dd HH:mm:ss 格式的时间` : `${f} must be a date-time written yyyy-MM-dd HH:mm:ss`;
    case 'one_of': {
      const choices = field?.choices?.map((c) => (zh ? `${c.value}（${c.zh}）` : `${c.value} (${c.en})`));
      if (!choices) return zh ? `${f}不是允许的取值` : `${f} is not an allowed value`;
      return zh ? `${f}只能是：${list(choices, lang)}` : `${f} must be one of: ${list(choices, lang)}`;
    }
    case 'non_empty':
      return zh ? `${method} 至少需要一条记录` : `${method} needs at least one record`;
    case 'max_length': {
      const most = field?.maxLength ?? /at most (\d+)/.exec(e.message ?? '')?.[1] ?? '';
      return zh ? `${f}最多 ${most} 个字符` : `${f} must be at most ${most} characters long`;
    }
    case 'max_records':
      return zh
        ? `${method} 每次最多 ${meta?.maxRecords ?? ''} 条记录，请分批提交`
        : `${method} takes at most ${meta?.maxRecords ?? ''} records per call: split the batch`;
    case 'format': {
      const given = /`([^`]*)`/.exec(e.message ?? '')?.[1];
      if (e.field === 'api')
        return zh
          ? `U8 接口名${given === undefined ? '' : ` ${given}`} 须为 resource/action 形式，如 points/change`
          : `the U8 api${given === undefined ? '' : ` ${given}`} must be resource/action, like points/change`;
      return zh ? `${f}的格式不对` : `${f} is not in the required form`;
    }
    case 'url':
      return zh ? `${f}须为 http(s) 地址` : `${f} must be an http(s) URL`;
    case 'reserved':
      return zh
        ? `${e.field} 是系统参数名，不能用作业务参数`
        : `${e.field} is a system parameter; it cannot be a business parameter`;
    case 'unknown':
      if (e.field === 'method') {
        const name = /`([^`]+)`/.exec(e.message ?? '')?.[1] ?? method;
        return zh
          ? `${name} 不是已声明的接口${near ? `，是否想调用 ${near}？` : ''}（未声明的接口用 untyped 调用）`
          : `${name} is not a declared operation${near ? `; did you mean ${near}?` : ''} (call an undeclared one through untyped)`;
      }
      if (/more fields/.test(e.message ?? '')) {
        const n = /^(\d+)/.exec(e.message)?.[1] ?? '';
        return zh ? `还有 ${n} 个 ${method} 没有的字段` : `${n} more fields that ${method} does not have`;
      }
      return zh
        ? `${e.field} 不是 ${method} 的字段${near ? `，是否想写 ${near}？` : ''}`
        : `${e.field} is not a field of ${method}${near ? `; did you mean ${near}?` : ''}`;
    default:
      return e.message;
  }
}

/** Every broken rule of a call, its message in `lang` (`'en'` or `'zh'`). */
export function fieldErrors(method, errors, lang = 'en') {
  const meta = BY_METHOD.get(method);
  return errors.map((e) => ({ ...e, message: fieldMessage(meta, method, e, lang) ?? e.message }));
}

// What the gateway's codes mean, in Chinese: its own `msg` is English.
const TOP_CODES_ZH = {
  3: '上传失败',
  7: '应用调用次数超限',
  9: '不允许的 HTTP 方法',
  10: '服务不可用',
  11: '开发者权限不足',
  12: '用户权限不足',
  15: '远程服务出错',
  21: '缺少方法名参数',
  22: '不存在的方法名',
  23: '非法数据格式',
  24: '缺少签名参数',
  25: '签名无效',
  26: '缺少 session 参数',
  27: '无效的 session',
  28: '缺少 app_key 参数',
  29: '无效的 app_key',
  30: '缺少时间戳参数',
  31: '非法的时间戳参数',
  32: '缺少版本参数',
  33: '非法的版本参数',
  34: '不支持的版本号',
  40: '缺少必选参数',
  41: '非法的参数',
  42: '请求被禁止',
  43: '参数错误',
  50: '远程服务出错',
};

// What a U8 refusal class means for the operator.
const U8_CLASSES = {
  token_invalid: ['令牌无效或已过期', 'the token is invalid or expired'],
  app_not_online: [
    '应用未上线：需企业管理员在 U8 开放平台上线此应用',
    'the app is not online: the enterprise admin must bring it online',
  ],
  not_authorized: ['企业未授权此应用：需企业管理员授权', 'the enterprise has not authorized this app: its admin must'],
  client_offline: [
    '企业的 U8 客户端离线：请企业检查 U8 服务',
    "the enterprise's U8 client is offline: it must check its U8 service",
  ],
  transient: ['U8 暂时繁忙，可以重试', 'U8 is busy for now: retry'],
  rejected: ['U8 拒绝了记录', 'U8 refused the records'],
};

// A client option's allowed values, for one_of messages (the option is the JS API's own).
const OPTION_VALUES = {
  signMethod: 'md5、hmac、hmac-sha256',
  format: 'json、xml',
  lang: 'zh、en',
};

// What an option must be, from the English reason (the core's or the JS layer's).
/** @type {Array<[RegExp, string]>} */
const EXPECTED = [
  [/non-negative integer|whole number/, '非负整数'],
  [/true or false/, 'true 或 false'],
  [/function/, '函数'],
  [/string/, '字符串'],
  [/number/, '数字'],
  [/object/, '对象'],
];

/** The excerpt the core quotes in an HTTP or decode error's message: `...`. */
const quoted = (message) => /`([^`]*)`\s*$/.exec(message ?? '')?.[1];

const seconds = (ms) => Math.max(1, Math.ceil(Number(ms ?? 0) / 1000));

function configMessage(e, lang) {
  if (lang !== 'zh') return e.message;
  const opt = e.field ?? '';
  // The value at fault, as the core quotes it: `sha1`.
  const given = /`([^`]*)`/.exec(e.message ?? '')?.[1];
  switch (e.rule) {
    case 'required':
      return `客户端选项 ${opt} 不能为空`;
    case 'type':
    case 'integer': {
      const wanted = EXPECTED.find(([pattern]) => pattern.test(e.message ?? ''));
      return `客户端选项 ${opt} 须为${wanted?.[1] ?? '文档所写的类型'}`;
    }
    case 'one_of':
      return `客户端选项 ${opt}${given === undefined ? '' : ` 的值 ${given}`} 不是允许的取值，只能是 ${OPTION_VALUES[opt] ?? '文档列出的取值'}`;
    case 'url':
      return `客户端选项 ${opt}${given === undefined ? '' : `（${given}）`}须为 http(s) 地址`;
    case 'unknown':
      return `${opt} 不是 ${e.owner ?? '客户端'} 的选项${e.near ? `，是否想写 ${e.near}？` : ''}`;
    default:
      return `客户端配置有误（${opt}）：${e.message}`;
  }
}

/** The message of an error of `code`, in `lang`, from its fields. */
function codeMessage(e, lang, method) {
  const zh = lang === 'zh';
  const what = (e.subMsg ?? e.platformMsg) ? `：${e.subMsg ?? e.platformMsg}` : '';
  const codes = `${e.platformCode ?? ''}${e.subCode ? ` ${e.subCode}` : ''}`;
  switch (e.code) {
    case 'INVALID_PARAM': {
      const details = fieldErrors(method, e.details?.length ? e.details : [e], lang);
      const more =
        details.length > 1 ? (zh ? `（另有 ${details.length - 1} 处）` : ` (and ${details.length - 1} more)`) : '';
      return {
        message: `${details[0]?.message ?? e.message}${more}`,
        details: e.details?.length ? details : e.details,
      };
    }
    case 'INVALID_CONFIG':
      return { message: configMessage(e, lang) };
    case 'TOP_ERROR': {
      const name = TOP_CODES_ZH[e.platformCode];
      if (zh)
        return {
          message: e.retriable
            ? `开放平台暂时故障（${codes}${name ? ` ${name}` : ''}）${what}：可用同一请求ID重试`
            : `开放平台网关拒绝了请求（${codes}${name ? ` ${name}` : ''}）${e.subMsg ? `：${e.subMsg}` : ''}`,
        };
      return {
        message: e.retriable
          ? `the platform failed for now (${codes}${e.platformMsg ? ` ${e.platformMsg}` : ''})${e.subMsg ? `: ${e.subMsg}` : ''}; retry with the same request_id`
          : `the gateway refused the call (${codes}${e.platformMsg ? ` ${e.platformMsg}` : ''})${e.subMsg ? `: ${e.subMsg}` : ''}`,
      };
    }
    case 'RATE_LIMITED': {
      const s = seconds(e.retryAfterMs);
      return {
        message: zh
          ? `开放平台限制了本应用的调用频率（${codes}）：约 ${s} 秒后再试`
          : `the platform limits this app's calls (${codes}): try again in about ${s} s`,
      };
    }
    case 'BIZ_ERROR':
      return {
        message: zh
          ? (e.resultView ?? `业务被拒绝（${e.platformCode ?? ''}）${e.subMsg ? `：${e.subMsg}` : ''}`)
          : `refused by the business layer (${e.platformCode ?? ''}): ${e.resultView ?? e.subMsg ?? 'no reason given'}`,
      };
    case 'U8_ERROR': {
      const [cz, ce] = U8_CLASSES[e.subCode] ?? [];
      return {
        message: zh
          ? `U8 拒绝了请求（${e.platformCode ?? ''}）${e.platformMsg ? `：${e.platformMsg}` : ''}${cz ? `；${cz}` : ''}`
          : `U8 refused the call (${e.platformCode ?? ''})${e.platformMsg ? `: ${e.platformMsg}` : ''}${ce ? `; ${ce}` : ''}`,
      };
    }
    case 'HTTP_ERROR': {
      const body = quoted(e.message);
      return {
        message: zh
          ? `平台返回 HTTP ${e.platformCode ?? ''}，没有应答内容${body ? `（${body}）` : ''}${e.retriable ? '：可用同一请求ID重试' : ''}`
          : `HTTP ${e.platformCode ?? ''} with no platform answer${body ? ` (${body})` : ''}${e.retriable ? '; retry with the same request_id' : ''}`,
      };
    }
    case 'DECODE_ERROR':
      return {
        message: zh
          ? `平台的应答无法读取：${e.message}（写操作的结果未知：重发前先查询）`
          : `${e.message} (a write's outcome is unknown: look it up before sending it anew)`,
      };
    case 'NETWORK_ERROR':
      return {
        message: zh
          ? `网络错误（${e.why ?? e.subCode ?? ''}）：请求可能未送达，用同一请求ID重试是安全的`
          : `network error: ${e.why ?? e.subCode ?? ''}; the call may not have arrived: retrying with the same request_id is safe`,
      };
    case 'TIMEOUT':
      return {
        message: e.deadline
          ? zh
            ? `调用在 ${e.ms} 毫秒的期限内没有完成：用同一请求ID重试是安全的`
            : `no answer within the call's deadline of ${e.ms} ms; retrying with the same request_id is safe`
          : zh
            ? `平台在 ${e.ms} 毫秒内没有应答：用同一请求ID重试是安全的`
            : `no answer within ${e.ms} ms; retrying with the same request_id is safe`,
      };
    case 'ABORTED':
      return { message: zh ? '调用已被调用方取消' : 'the call was aborted by the caller' };
    case 'INTERNAL':
      return { message: zh ? `SDK 内部错误：${e.message}` : e.message };
    default:
      return { message: e.message ?? CODE[e.code]?.[lang] ?? String(e.code) };
  }
}

/** An error's fields with its message (and its details') in `lang`. */
export function errorInfo(info, lang = 'en', method) {
  return { ...info, ...codeMessage(info, lang, method) };
}
