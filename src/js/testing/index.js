// `loyalty-sdk/testing`: a fake gateway for both platforms as a `fetch` function, so code that
// uses `call()` is tested unchanged, with no network: `new TopClient({ ..., gateway:
// 'https://fake/router/rest' })` and `call(method, params, { fetch: gateway.fetch })`. It checks
// signatures and timestamps as the platforms do, keeps a small ledger, and injects faults
// (lost replies, 5xx, stalls, rate limits). The sandbox server is this same gateway over HTTP.
import { createGateway } from './gateway.js';

export { createGateway };
export { default as DEFAULT_CONFIG } from './config.js';

/** A fake gateway: `{ fetch, ledger, config, setFaults(app, faults), reset() }`. */
export function fakeGateway(options = {}) {
  const gateway = createGateway(options);
  async function fakeFetch(input, init = {}) {
    const request = new Request(input, init);
    const headers = Object.fromEntries([...request.headers].map(([k, v]) => [k.toLowerCase(), v]));
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    if (request.signal?.aborted) throw request.signal.reason ?? new DOMException('aborted', 'AbortError');
    const answer = await gateway.handle({ method: request.method, url: request.url, headers, body });
    if (request.signal?.aborted) throw request.signal.reason ?? new DOMException('aborted', 'AbortError');
    // A dropped or cut connection is what a real fetch reports: a network failure.
    if (answer.fault)
      throw new TypeError('fetch failed', {
        cause: Object.assign(
          new Error(`the fake gateway ${answer.fault === 'drop' ? 'closed the connection' : 'cut the answer'}`),
          { code: 'ECONNRESET' },
        ),
      });
    return new Response(answer.body, { status: answer.status, headers: { 'content-type': answer.type } });
  }
  return {
    fetch: fakeFetch,
    ledger: gateway.ledger,
    config: gateway.config,
    setFaults: gateway.setFaults,
    reset: () => gateway.ledger.reset(),
  };
}
