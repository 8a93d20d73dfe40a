// Renders answers the way the TOP gateway writes them: JSON plain (`<name>_response`, lists
// wrapped in their item element) or simplified (plain arrays), and XML. Values may be BigInt:
// they are written as bare digits, as the platform writes 64-bit numbers.

const ITEM = Symbol('item element name');

/** An array that plain JSON and XML wrap as `{ name_list: { itemName: [...] } }`. */
export function list(itemName, items) {
  const a = [...items];
  a[ITEM] = itemName;
  return a;
}

/** The item element name of a `list()`, if it is one. */
export const itemName = (a) => a[ITEM];

function wrapLists(v) {
  if (Array.isArray(v)) {
    const items = v.map(wrapLists);
    return { [v[ITEM] ?? 'string']: items };
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wrapLists(x)]));
  return v;
}

export function toJson(v) {
  if (typeof v === 'bigint') return v.toString();
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

const escapeXml = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xml(name, v) {
  if (v === undefined) return '';
  if (Array.isArray(v)) return `<${name}>${v.map((x) => xml(v[ITEM] ?? 'string', x)).join('')}</${name}>`;
  if (v && typeof v === 'object')
    return `<${name}>${Object.entries(v)
      .map(([k, x]) => xml(k, x))
      .join('')}</${name}>`;
  return `<${name}>${v === null ? '' : escapeXml(v)}</${name}>`;
}

/** `alibaba.alsc.crm.point.extra.consume` -> `alibaba_alsc_crm_point_extra_consume_response`. */
export const responseName = (method) => `${method.replace(/^taobao\./, '').replace(/\./g, '_')}_response`;

/** A successful answer's body and content type. */
export function renderSuccess(method, content, { format, simplify }) {
  if (format === 'xml') {
    return {
      type: 'text/xml;charset=UTF-8',
      body: `<?xml version="1.0" encoding="utf-8" ?>${xml(responseName(method), content)}<!--top-sandbox.local-->`,
    };
  }
  const body = simplify ? toJson(content) : toJson({ [responseName(method)]: wrapLists(content) });
  return { type: 'application/json;charset=UTF-8', body };
}

/** An `error_response` in the asked format. */
export function renderError(error, { format }) {
  if (format === 'xml') {
    return {
      type: 'text/xml;charset=UTF-8',
      body: `<?xml version="1.0" encoding="utf-8" ?>${xml('error_response', error)}<!--top-sandbox.local-->`,
    };
  }
  return { type: 'application/json;charset=UTF-8', body: toJson({ error_response: error }) };
}
