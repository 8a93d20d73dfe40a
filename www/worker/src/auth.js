// Who is calling: a Cloudflare Access identity (checked first: a JWT that is there must be
// valid), or a bearer token stored only as its SHA-256 hash and compared in constant time.
import { accessOperator } from './access.js';
import { ProxyError } from './errors.js';

const encoder = new TextEncoder();

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

// Token hashes as bytes, once per configuration; and the tokens already signed in with, per
// configuration (at most KNOWN of them): a known token skips the hash and the comparisons.
const hashed = new WeakMap();
const known = new WeakMap();
const KNOWN = 256;

/** The operator behind an `Authorization: Bearer` header, or null. Every hash is compared. */
export async function tokenOperator(request, tokens) {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S{1,512})$/i.exec(header);
  if (!match) return null;
  const seen = known.get(tokens);
  const hit = seen?.get(match[1]);
  if (hit) return hit;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(match[1])));
  if (!hashed.has(tokens))
    hashed.set(
      tokens,
      tokens.map((t) => hexBytes(t.hash)),
    );
  let found = null;
  hashed.get(tokens).forEach((bytes, i) => {
    if (same(digest, bytes) && !found) found = tokens[i];
  });
  if (found) {
    if (!known.has(tokens)) known.set(tokens, new Map());
    const map = known.get(tokens);
    if (map.size >= KNOWN) map.clear();
    map.set(match[1], found);
  }
  return found;
}

/** The signed-in operator `{ operator, role, scope }`, or throws UNAUTHORIZED. */
export async function signIn(request, config) {
  const who = (await accessOperator(request, config.access)) ?? (await tokenOperator(request, config.tokens));
  if (!who)
    throw new ProxyError(
      'UNAUTHORIZED',
      'sign in with Cloudflare Access or a valid operator token (Authorization: Bearer ...)',
    );
  return who;
}
