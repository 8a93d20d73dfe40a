// The platforms, as the package's clients reach them: one TopClient and one U8Client per
// isolate and configuration, a U8 token from the fleet's one holder, and every answer read only
// up to a cap (a Worker has 128 MB; an upstream that sends 50 MB gets a clear 502 instead).
import { TopClient, U8Client, SdkError } from 'loyalty-sdk';
import { readLimited } from './body.js';
import { ProxyError } from './errors.js';

let clients = null;

/** Errors that stopped a call before it was sent: the U8 token could not be had. */
export const UNSENT = new WeakSet();

/** The TOP client of this configuration, made once per isolate. */
export function clientsFor(config) {
  if (clients?.config !== config) {
    clients = { config, top: new TopClient(config.top) };
  }
  return clients;
}

/**
 * A U8 client for one call, whose token comes from the fleet's `U8_TOKEN` holder (a stub is
 * tied to the request that made it); `prefetched` is a token the caller already holds.
 */
export function u8Client(config, env, prefetched) {
  const holder = () => env.U8_TOKEN.get(env.U8_TOKEN.idFromName('fleet'));
  const token = async (stale) => {
    if (stale === undefined && prefetched) return prefetched;
    const got = await holder().token(stale);
    if (got.error) {
      const e = new SdkError(got.error);
      UNSENT.add(e);
      throw e;
    }
    return got.token;
  };
  return new U8Client({ ...config.u8, tokens: { get: () => token(), renew: (stale) => token(stale) } });
}

/**
 * A `fetch` for one call that reads each answer up to `limit` bytes. Past it the call's own
 * signal is aborted (so the client does not retry) and `state.tooLarge` is set; the caller
 * turns that into UPSTREAM_TOO_LARGE.
 */
export function cappedFetch(limit, state) {
  return async (url, init) => {
    const res = await fetch(url, init);
    const declared = res.headers.get('content-length');
    if (declared !== null && Number(declared) <= limit) return res;
    let bytes;
    try {
      bytes = await readLimited(res.body, declared, limit, () => new Error('too large'));
    } catch (e) {
      if (e?.message !== 'too large') throw e;
      state.tooLarge = true;
      res.body?.cancel().catch(() => {});
      state.abort();
      throw new Error(`the answer is over ${limit} bytes`, { cause: e });
    }
    // What the client reads of an answer: its status and its text.
    return { status: res.status, headers: res.headers, text: async () => new TextDecoder().decode(bytes) };
  };
}

/** The error a capped answer becomes: the outcome of a write is then unknown. */
export const tooLarge = (limit, writes, keyName) =>
  new ProxyError(
    'UPSTREAM_TOO_LARGE',
    writes
      ? `the platform's answer is over ${limit} bytes, so it was not read: the call may have been applied; retry with the same ${keyName}`
      : `the platform's answer is over ${limit} bytes, so it was not read`,
    { retriable: writes },
  );
