// A mobile number as a desk types it: `138 0000 0001`, `138-0000-0001`, `138.0000.0001`,
// `+86 138…`, `+8613800000001`, `0086…`, `(+86)…`, full-width `１３８…` (the notations the proxy's
// scrubber knows, package meaning.js), read as its eleven digits. Pure: node:test checks it.

// Full-width digits and plus, and every separator a desk or a pasted number uses.
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0B]/g;
const SEPARATORS = /[\s\u00A0\u3000\-\u2010-\u2015\uFF0D.()（）]/g;
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * `{ mobile }` (eleven digits) for a mobile in any common notation, or `{ error }` with the
 * rule it breaks: `required`, `chars` (something that is not a digit, a separator or a leading
 * +86 / 0086), `length` (not eleven digits after the country code), `prefix` (not 13x–19x).
 */
export function readMobile(text) {
  const ascii = String(text ?? '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(SEPARATORS, '');
  if (!ascii) return { error: 'required' };
  const national = ascii.replace(/^(?:\+|00)86/, '').replace(/^86(?=1\d{10}$)/, '');
  if (!/^\d+$/.test(national)) return { error: 'chars' };
  if (national.length !== 11) return { error: 'length' };
  if (!MOBILE.test(national)) return { error: 'prefix' };
  return { mobile: national };
}
