// Reading a request body without trusting it: at most the limit is read, whatever
// Content-Length says (a chunked body has none), then reading stops with 413; JSON nested
// deeper than any operation's parameters is refused before anything walks it.
import { ProxyError } from './errors.js';

/** No declared operation nests deeper than 4; the body's wrapper and lists add a few. */
export const MAX_DEPTH = 12;

/** The body as bytes, refusing it once it passes `limit` bytes. */
export async function readLimited(stream, declaredLength, limit, tooLarge) {
  if (Number(declaredLength ?? 0) > limit) throw tooLarge();
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/** The depth of a parsed JSON value, walked without recursion, stopping past `most`. */
export function deeperThan(value, most) {
  const stack = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (depth > most) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The body as JSON: `application/json`, within the limit, parseable, not too deep. */
export async function readJson(request, limit) {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json'))
    throw new ProxyError('UNSUPPORTED_MEDIA_TYPE', 'send the parameters as application/json');
  // A declared length within the limit is the body's length (HTTP framing): read it at once.
  const declared = request.headers.get('content-length');
  const tooLarge = () => new ProxyError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`);
  const bytes =
    declared !== null && Number(declared) <= limit
      ? new Uint8Array(await request.arrayBuffer())
      : await readLimited(request.body, declared, limit, tooLarge);
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new ProxyError('BAD_REQUEST', 'the body is not valid UTF-8 JSON', { field: 'body' });
  }
  if (deeperThan(value, MAX_DEPTH))
    throw new ProxyError('BAD_REQUEST', `the body nests deeper than ${MAX_DEPTH} levels: no operation takes that`, {
      field: 'body',
    });
  return value;
}
