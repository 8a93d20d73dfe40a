// Hashes and randomness that run wherever the fake gateway does (Node, browsers, Workers):
// @noble/hashes for MD5 (not in WebCrypto), HMAC and SHA-256, and crypto.getRandomValues.
// The SDK signs in its Rust core; this is an independent implementation that checks it.
import { md5 } from '@noble/hashes/legacy.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const md5Hex = (text) => bytesToHex(md5(utf8ToBytes(text)));
export const hmacMd5Hex = (key, text) => bytesToHex(hmac(md5, utf8ToBytes(key), utf8ToBytes(text)));
export const hmacSha256Hex = (key, text) => bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(text)));
export const sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/** `n` random bytes as hex. */
export function randomHex(n) {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

/** Byte-wise comparison of two strings' UTF-8, as TOP sorts parameter names. */
export function compareUtf8(a, b) {
  const x = utf8ToBytes(a);
  const y = utf8ToBytes(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
