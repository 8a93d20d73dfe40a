// No configured secret, credential or full mobile number leaves the proxy, whatever an upstream
// sends back: every answer (success and error alike), log line and audit row passes through
// here. Secrets are found in every encoding an upstream page may write them in, a character at
// a time (raw, %XX, %25XX, &#NN;, &#xHH;, \uHHHH, \xHH), and as base64 or hex of the whole;
// credentials by their names in query, form, JSON, XML and header notation; mobiles in every
// common notation (the package's maskMobilesIn); and whatever an excerpt's cut leaves of either.
import { maskMobilesIn } from 'loyalty-sdk';

const REDACTED = '[REDACTED]';
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const hex2 = (b) => b.toString(16).padStart(2, '0');
const hexAnyCase = (h) => [...h].map((c) => (/[a-f]/.test(c) ? `[${c}${c.toUpperCase()}]` : c)).join('');

/** Every way one character may be written in an echoed page. */
function charPattern(ch) {
  const cp = ch.codePointAt(0);
  const bytes = [...new TextEncoder().encode(ch)];
  const ways = [escapeRe(ch)];
  const pct = (prefix) => bytes.map((b) => `${prefix}${hexAnyCase(hex2(b))}`).join('');
  ways.push(pct('%'), pct('%25'));
  ways.push(`&#0*${cp};?`, `&#[xX]0*${hexAnyCase(cp.toString(16))};?`);
  if (cp < 0x10000) ways.push(`\\\\+u0*${hexAnyCase(cp.toString(16).padStart(4, '0'))}`);
  ways.push(`\\\\+u\\{0*${hexAnyCase(cp.toString(16))}\\}`);
  if (cp < 0x100) ways.push(`\\\\+x${hexAnyCase(hex2(cp))}`);
  if (ch === ' ') ways.push('\\+');
  const named = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[ch];
  if (named) ways.push(`&${named};`);
  return `(?:${ways.join('|')})`;
}

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const toUrl = (s) => s.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * Base64 of the secret at each of the three alignments it may fall at inside a longer encoded
 * text: the characters that depend only on the secret's own bytes.
 */
function base64Cores(secret) {
  const bytes = [...new TextEncoder().encode(secret)];
  const cores = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = [...Array(offset).fill(0), ...bytes];
    const text = b64(padded).replace(/=+$/, '');
    const start = offset === 0 ? 0 : Math.ceil((offset * 4) / 3);
    const usable = Math.floor((padded.length * 4) / 3);
    const core = text.slice(start, usable - (padded.length % 3 === 0 ? 0 : 1));
    if (core.length >= 8) cores.push(core, toUrl(core));
  }
  return [...new Set(cores)];
}

// Credential names, as query or form fields, JSON keys, XML elements, attributes and headers.
const NAMES =
  '(?:app_?secret|client_?secret|secret(?:_?key)?|access_?token|refresh_?token|id_?token|token|top_?session|session(?:_?key)?|sessionid|sign(?:ature)?|password|passwd|pwd|api_?key|authorization)';
const CREDENTIALS = [
  // name=value, name%3Dvalue (once or twice encoded), up to the next separator.
  new RegExp(`(?<![A-Za-z0-9_])(${NAMES})((?:=|%3[dD]|%253[dD])\\s*)(?:(?!&|%26|%2526)[^\\s"'<>&,;])+`, 'gi'),
  // "name": "value", 'name':'value', \"name\":\"value\" (JSON, escaped or not).
  new RegExp(`((?:\\\\*["'])${NAMES}(?:\\\\*["'])\\s*:\\s*)(\\\\*["'])(?:(?!\\2)[^])*?\\2`, 'gi'),
  // <name>value</name>, <name attr="x">value</name>.
  new RegExp(`(<\\s*(${NAMES})\\b[^>]*>)[^<]*(<\\s*/\\s*\\2\\s*>)`, 'gi'),
  // name="value" (an attribute).
  new RegExp(`((?<![A-Za-z0-9_])${NAMES}\\s*=\\s*)(["'])(?:(?!\\2)[^])*?\\2`, 'gi'),
  // Authorization: Bearer ..., token: ... (header notation).
  new RegExp(`(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]{8,}`, 'gi'),
  new RegExp(`((?<![A-Za-z0-9_])${NAMES}\\s*:\\s*)(?!["'\\\\])[^\\s,;<>"']{6,}`, 'gi'),
];
const CREDENTIAL_REPLACEMENTS = [
  (m, name, eq) => `${name}${eq}${REDACTED}`,
  (m, head, q) => `${head}${q}${REDACTED}${q}`,
  (m, open, name, close) => `${open}${REDACTED}${close}`,
  (m, head, q) => `${head}${q}${REDACTED}${q}`,
  (m, head) => `${head}${REDACTED}`,
  (m, head) => `${head}${REDACTED}`,
];

// Where an excerpt was cut (the core quotes an upstream body's first characters and marks the
// cut with `…`): the word the cut ends, in any encoding (a secret's first characters, its
// base64, its %XX or &#NN; form), and the digits, spaces and dashes before it (a mobile cut
// before it can be recognised and masked) are dropped. Everything else is scrubbed as usual.
const CUT = '…';
const WORD_END = /[\s"'`<>]/;
const NUMERIC = /[\d\s+\-.()\u3000\uFF10-\uFF19]/;

/** `s` without the fragment before each cut mark; linear: each character is looked at once. */
function dropCutFragments(s) {
  let out = '';
  let from = 0;
  for (let i = s.indexOf(CUT); i !== -1; i = s.indexOf(CUT, i + 1)) {
    let j = i;
    while (j > from && !WORD_END.test(s[j - 1])) j--;
    while (j > from && NUMERIC.test(s[j - 1])) j--;
    out += s.slice(from, j) + CUT;
    from = i + 1;
  }
  return out + s.slice(from);
}

// A whole number that is a mobile (an upstream may send one as a JSON number).
const MOBILE_NUMBER = /^1[3-9]\d{9}$/;

// What a credential looks like where it can be at all: most strings hold none of these.
const CREDENTIAL_HINT = /secret|token|session|sign|pass|pwd|key|auth|bearer|basic/i;
// An object key that names a credential: its value goes, whatever it is.
const CREDENTIAL_KEY = new RegExp(`^${NAMES}$`, 'i');

/**
 * Scrubbers for one configuration: `text(s)`, and `value(v, { mobiles })` deep inside objects
 * and arrays (keys too, and the value of a key that names a credential). `mobiles: false`
 * leaves mobile numbers whole (only roles allowed full mobiles; logs and audit rows always
 * mask them).
 */
export function scrubber({ secrets }) {
  const sources = [];
  for (const secret of secrets) {
    sources.push([...secret].map(charPattern).join(''));
    sources.push(hexAnyCase([...new TextEncoder().encode(secret)].map(hex2).join('')));
    for (const core of base64Cores(secret)) sources.push(escapeRe(core));
  }
  // One pass for every secret in every encoding; strings shorter than any secret skip it.
  const secretRe = sources.length ? new RegExp(sources.join('|'), 'g') : null;
  const shortest = Math.min(...secrets.map((s) => s.length), 8);
  const text = (s, mobiles = true) => {
    let out = s.includes(CUT) ? dropCutFragments(s) : s;
    if (secretRe && out.length >= shortest) out = out.replace(secretRe, REDACTED);
    if (CREDENTIAL_HINT.test(out))
      for (const [i, re] of CREDENTIALS.entries()) out = out.replace(re, CREDENTIAL_REPLACEMENTS[i]);
    return mobiles && out.length >= 11 ? maskMobilesIn(out) : out;
  };
  const scalar = (x, mobiles) => {
    if (typeof x === 'string') return text(x, mobiles);
    if (typeof x === 'number' && mobiles && MOBILE_NUMBER.test(String(x))) return text(String(x));
    return x;
  };
  /** Iterative, so no answer can be deep enough to overflow the stack. */
  const value = (v, { mobiles = true } = {}) => {
    if (v === null || typeof v !== 'object') return scalar(v, mobiles);
    const out = Array.isArray(v) ? [] : {};
    const stack = [[v, out]];
    while (stack.length) {
      const [src, dst] = stack.pop();
      const list = Array.isArray(src);
      for (const k of Object.keys(src)) {
        const x = src[k];
        const key = list ? Number(k) : text(k, mobiles);
        if (!list && CREDENTIAL_KEY.test(k) && x !== null && x !== '' && typeof x !== 'boolean') dst[key] = REDACTED;
        else if (x !== null && typeof x === 'object') {
          const child = Array.isArray(x) ? [] : {};
          dst[key] = child;
          stack.push([x, child]);
        } else dst[key] = scalar(x, mobiles);
      }
    }
    return out;
  };
  return { text, value };
}
