// The SDK's messages in Chinese, built from the rule and the field's metadata (its documented
// description, its choices' labels), not by translating English text. English is what the
// core writes; `lang: 'zh'` rewrites each message here.
import OPERATIONS from './operations.js';

const BY_METHOD = new Map(OPERATIONS.map((o) => [o.method, o]));

/** The field at a path (`order_info.item_list[0].price`, U8 `[0].mid`) in an operation's metadata. */
function fieldAt(meta, path) {
  let fields = meta?.fields ?? [];
  let found = null;
  for (const part of String(path)
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter(Boolean)) {
    found = fields.find((f) => f.name === part) ?? null;
    if (!found) return null;
    fields = found.fields ?? [];
  }
  return found;
}

/** `change_point（变更积分数）`: the field's name and the start of its documented description. */
function label(meta, path) {
  const f = fieldAt(meta, path);
  const short = (f?.description ?? '').split(/[，,（(：:；;。]/)[0].trim();
  return short && short !== f?.name ? `${path}（${short}）` : String(path);
}

const hint = (english) => /did you mean `([^`]+)`/.exec(english ?? '')?.[1];

/** One broken rule `{ field, rule, message }` in Chinese. */
function fieldError(meta, method, e) {
  const f = label(meta, e.field);
  const field = fieldAt(meta, e.field);
  const near = hint(e.message);
  switch (e.rule) {
    case 'required':
      return `${f}为必填项`;
    case 'required_when':
      return `${f}在此情况下为必填项`;
    case 'any_of': {
      const rule = meta?.rules?.find((r) => r.kind === 'any_of' && r.fields.includes(String(e.field).split('.').pop()));
      return rule
        ? `${rule.fields.map((n) => label(meta, n)).join('、')}不能同时为空，至少填写一项`
        : `${f}等字段至少填写一项`;
    }
    case 'type':
      if (field?.type === 'String') return `${f}须为字符串（ID 按字符串传递：超过 2^53 的数字会丢失精度）`;
      if (field?.type === 'Number') return `${f}须为整数（金额以分为单位）`;
      if (field?.type === 'Boolean') return `${f}须为 true 或 false`;
      if (field?.type === 'String[]') return `${f}须为字符串数组`;
      return e.field === 'body' ? `${method} 的请求体须为记录数组` : `${f}的类型不对`;
    case 'range':
      return `${f}超出范围（绝对值不能超过 9007199254740991）`;
    case 'positive':
      return `${f}须大于 0`;
    case 'non_negative':
      return `${f}不能为负数`;
    case 'integer':
      return `${f}须为整数`;
    case 'decimal':
      return `${f}须为不超过两位小数的金额字符串，如 "12.50"（不要用浮点数）`;
    case 'date':
      return `${f}须为 yyyy-MM-dd HH:mm:ss 格式的时间`;
    case 'one_of': {
      const choices = field?.choices?.map((c) => `${c.value}（${c.zh}）`).join('、');
      return choices ? `${f}只能是：${choices}` : `${f}不是允许的取值`;
    }
    case 'non_empty':
      return `${method} 至少需要一条记录`;
    case 'max_records':
      return `${method} 每次最多 ${meta?.maxRecords ?? ''} 条记录，请分批提交`;
    case 'unknown':
      if (e.field === 'method')
        return `${e.message.match(/`([^`]+)`/)?.[1] ?? method} 不是 ALSC CRM 接口${near ? `，是否想调用 ${near}？` : ''}`;
      return /more fields/.test(e.message)
        ? `还有更多 ${method} 没有的字段`
        : `${e.field} 不是 ${method} 的字段${near ? `，是否想写 ${near}？` : ''}`;
    default:
      return e.message;
  }
}

/** Every broken rule of a call, in `lang`. */
export function fieldErrors(method, errors, lang) {
  if (lang !== 'zh') return errors;
  const meta = BY_METHOD.get(method);
  return errors.map((e) => ({ ...e, message: fieldError(meta, method, e) }));
}

const BY_CODE = {
  INVALID_CONFIG: (e) => `客户端配置有误${e.field ? `：${e.field}` : ''}`,
  TOP_ERROR: (e) =>
    `开放平台网关拒绝了请求（${e.platformCode ?? ''}${e.subCode ? ` ${e.subCode}` : ''}）${(e.subMsg ?? e.platformMsg) ? `：${e.subMsg ?? e.platformMsg}` : ''}`,
  BIZ_ERROR: (e) => e.resultView ?? `业务被拒绝（${e.platformCode ?? ''}）${e.subMsg ? `：${e.subMsg}` : ''}`,
  U8_ERROR: (e) => `U8 拒绝了请求（${e.platformCode ?? ''}）${e.platformMsg ? `：${e.platformMsg}` : ''}`,
  HTTP_ERROR: (e) => `平台返回 HTTP ${e.platformCode ?? ''}，没有应答内容${e.retriable ? '，可以重试' : ''}`,
  DECODE_ERROR: () => '平台的应答无法读取',
  NETWORK_ERROR: (e) => `网络错误${e.subCode ? `（${e.subCode}）` : ''}：请求可能未送达，用同一请求ID重试是安全的`,
  TIMEOUT: () => '平台在时限内没有应答：用同一请求ID重试是安全的',
  ABORTED: () => '调用已被取消',
  INTERNAL: () => 'SDK 内部错误',
};

/** An error's fields with its message (and its details') in `lang`. */
export function errorInfo(info, lang, method) {
  if (lang !== 'zh') return info;
  if (info.code === 'INVALID_PARAM') {
    const details = fieldErrors(
      method,
      info.details ?? [{ field: info.field, rule: info.rule, message: info.message }],
      lang,
    );
    const more = details.length > 1 ? `（另有 ${details.length - 1} 处）` : '';
    return {
      ...info,
      details: info.details ? details : info.details,
      message: `${details[0]?.message ?? info.message}${more}`,
    };
  }
  const zh = BY_CODE[info.code];
  return zh ? { ...info, message: zh(info) } : info;
}
