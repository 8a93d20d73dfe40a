// The console's calls to the edge proxy, and what a failed one means: the proxy not reached
// at all (down, or this device offline: never the platform's fault), the platform not reached
// by the proxy, or another answer. Every answer comes back as `{ status, ok, data | error }`;
// nothing throws.
import { isUnknown } from './operation.js';

/**
 * A caller with the operator's token. `unreachable()` is the message for a proxy that never
 * answered; `onUnauthorized()` runs when the proxy says the session is over (401).
 */
export function createApi({ token, onUnauthorized, unreachable }) {
  /** GET `path`, or POST `body` (JSON, or as it is with `type`: a CSV file). */
  const api = (path, body, type) => send(body === undefined ? 'GET' : 'POST', path, body, type);
  /** PUT `body` (JSON) at `path`: what sets a thing once (a U8 member link). */
  api.put = (path, body) => send('PUT', path, body);

  async function send(method, path, body, type) {
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: {
          authorization: `Bearer ${token()}`,
          ...(body === undefined ? {} : { 'content-type': type ?? 'application/json' }),
        },
        body: body === undefined ? undefined : type ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
    } catch {
      return { status: 0, ok: false, error: { code: 'PROXY_UNREACHABLE', message: unreachable(), retriable: true } };
    }
    const answer = await res.json().catch(() => ({
      ok: false,
      error: { code: 'BAD_ANSWER', message: `HTTP ${res.status}`, retriable: res.status >= 500 },
    }));
    if (res.status === 401) onUnauthorized();
    return { status: res.status, ...answer };
  }
  /** A file the proxy answers (a CSV export): `{ ok, status, text }`, or the error it sent instead. */
  api.file = async (path) => {
    let res;
    let text;
    try {
      res = await fetch(path, { headers: { authorization: `Bearer ${token()}` }, signal: AbortSignal.timeout(20_000) });
      text = await res.text();
    } catch {
      return { status: 0, ok: false, error: { code: 'PROXY_UNREACHABLE', message: unreachable(), retriable: true } };
    }
    if (res.status === 401) onUnauthorized();
    if (res.ok) return { status: res.status, ok: true, text };
    try {
      return { status: res.status, ...JSON.parse(text) };
    } catch {
      return { status: res.status, ok: false, error: { code: 'BAD_ANSWER', message: `HTTP ${res.status}` } };
    }
  };
  return api;
}

/**
 * Why a failed call failed, as the operator is told it: `invalid` (a field broke a rule),
 * `proxy_unreachable`, `platform_unreachable` (the proxy could not reach the platform, outcome
 * unknown), or `other` (the error's own message says it).
 */
export function failureKind(answer) {
  if (answer.error?.code === 'INVALID_PARAM') return 'invalid';
  if (answer.error?.code === 'PROXY_UNREACHABLE') return 'proxy_unreachable';
  if (isUnknown(answer) && answer.error?.code === 'NETWORK_ERROR') return 'platform_unreachable';
  return 'other';
}
