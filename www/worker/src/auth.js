// Console operators: bearer tokens, stored only as SHA-256 hashes, compared in constant time.

const encoder = new TextEncoder();

async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Equal-length byte arrays compared without an early exit. */
function same(a, b) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ (b[i] ?? 0);
  return diff === 0;
}

/** The operator behind an `Authorization: Bearer` header, or null. Every hash is compared. */
export async function authenticate(request, tokens) {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return null;
  const digest = await sha256(match[1]);
  let found = null;
  for (const t of tokens) {
    if (same(digest, hexBytes(t.hash)) && !found) found = t;
  }
  return found;
}
