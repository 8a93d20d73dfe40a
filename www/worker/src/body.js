// Reading a request body without trusting it: at most the limit is read, whatever
// Content-Length says (a chunked body has none), then reading stops with 413.
export class BodyError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The body as text, refusing it once it passes `limit` bytes. */
export async function readLimited(request, limit) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw new BodyError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyError('PAYLOAD_TOO_LARGE', `the body is over ${limit} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(all);
}

/** The body as JSON: `application/json`, within the limit, parseable. */
export async function readJson(request, limit) {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json'))
    throw new BodyError('UNSUPPORTED_MEDIA_TYPE', 'send the parameters as application/json');
  const text = await readLimited(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError('BAD_REQUEST', 'the body is not valid JSON');
  }
}
