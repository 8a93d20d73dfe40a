// The fake gateway, host-neutral: Taobao Open Platform `/router/rest` and Yonyou U8 OpenAPI
// with real signature and timestamp checks, a ledger, idempotency, fault injection, and the
// inspection routes. `handle()` takes a plain request and gives a plain answer, or a fault the
// host acts out (a dropped connection, a cut body): `fakeGateway()` as a `fetch` function, and
// the sandbox server over node:http, are two faces of this one implementation.
import DEFAULT_CONFIG from './config.js';
import { Ledger } from './ledger.js';
import { handleTop, answerFormat, applyBusiness } from './top.js';
import { METHODS, GatewayError } from './alsc.js';
import { renderError } from './render.js';
import * as u8 from './u8.js';
import { HTML_PAGE, parseHeader, pick } from './faults.js';

/** @typedef {{ status: number, type: string, body: any }} Answer An answer to send as it is. */

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const json = (status, value) => ({
  status,
  type: 'application/json;charset=UTF-8',
  body: JSON.stringify(value, null, 1),
});

/** What a fault answers instead of the real thing (null: answer normally). */
function faultAnswer(fault, platform, params, request) {
  switch (fault.kind) {
    case 'echo':
      return { status: 502, type: 'text/plain', body: `upstream refused: ${request.method} ${request.path} HTTP/1.1` };
    case 'http-502':
      return { status: 502, type: 'text/plain', body: 'Bad Gateway' };
    case 'http-503':
      return { status: 503, type: 'text/plain', body: 'Service Unavailable' };
    case 'html':
      return { status: 502, type: 'text/html', body: HTML_PAGE };
    case 'rate-limit':
      return platform === 'top'
        ? {
            status: 200,
            ...renderError(
              {
                code: 7,
                msg: 'App Call Limited',
                sub_code: 'accesscontrol.limited-by-app-access-count',
                sub_msg: `This ban will last for ${fault.seconds ?? 1} more seconds`,
              },
              answerFormat(params),
            ),
          }
        : u8.reply({ errcode: '2001', errmsg: '调用太频繁，请稍后再试' });
    case 'isp':
      return platform === 'top'
        ? {
            status: 200,
            ...renderError(
              {
                code: 15,
                msg: 'Remote service error',
                sub_code: 'isp.remote-service-unavailable',
                sub_msg: '服务暂不可用，请稍后重试',
              },
              answerFormat(params),
            ),
          }
        : u8.reply({ errcode: '2001', errmsg: '服务繁忙，请稍后再试' });
    default:
      return null;
  }
}

/**
 * The fields of a TOP request body: `application/x-www-form-urlencoded` (the Java, PHP and
 * Python SDKs) or `multipart/form-data` (the official Node SDK), read by the host's own parser;
 * file parts are neither fields nor signed. Anything else carries no parameters.
 */
async function formFields(type = '', body = '') {
  if (!body) return {};
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body));
  if (type.includes('multipart/form-data')) {
    let form;
    try {
      form = await new Response(body, { headers: { 'content-type': type } }).formData();
    } catch {
      return {};
    }
    const fields = {};
    for (const [k, v] of form) if (typeof v === 'string') fields[k] = v;
    return fields;
  }
  return {};
}

/**
 * A gateway over `config` (default: the demo's world), at the host's clock `now`, its ledger
 * kept by `store` ({ load, save }) when given.
 * @param {{ config?: any, now?: () => number, store?: { load(): any, save(state: any): void } }} [options]
 */
export function createGateway({ config, now = Date.now, store } = {}) {
  const cfg = structuredClone(config ?? DEFAULT_CONFIG);
  const ledger = new Ledger(cfg, store, now);
  const apps = () => [...(cfg.top.apps ?? []), ...(cfg.u8.apps ?? [])];
  const faultsFor = (appKey) => apps().find((a) => a.appKey === appKey)?.faults ?? [];

  /** Faults for an app from now on (`[]` clears them). */
  function setFaults(app, faults) {
    const target = apps().find((a) => a.appKey === app);
    if (!target) return false;
    target.faults = Array.isArray(faults) ? structuredClone(faults) : [];
    return true;
  }

  /**
   * One request `{ method, url, headers, body }` (headers with lower-case names) to one answer
   * `{ status, type, body }`, or `{ fault: 'drop' }` (close without answering) or
   * `{ fault: 'truncate', answer }` (promise the answer, send half, close).
   * @returns {Promise<Partial<Answer> & { fault?: 'drop' | 'truncate', answer?: Answer }>}
   */
  async function handle(request) {
    const url = new URL(request.url, 'http://gateway.invalid');
    const query = Object.fromEntries(url.searchParams);
    const body = request.body ?? '';
    const path = url.pathname;
    const headers = request.headers ?? {};

    if (path === '/healthz') return json(200, { ok: true });
    if (path === '/__sandbox/ledger')
      return json(200, {
        customers: ledger.view(),
        orders: ledger.orders,
        u8_tokens_issued: Object.keys(ledger.u8Tokens).length,
      });
    if (path === '/__sandbox/journal') return json(200, { journal: ledger.journal });
    if (path === '/__sandbox/reset' && request.method === 'POST') {
      ledger.reset();
      return json(200, { ok: true });
    }
    if (path === '/__sandbox/faults' && request.method === 'POST') {
      const { app, faults } = JSON.parse(body || '{}');
      return setFaults(app, faults) ? json(200, { ok: true }) : json(404, { error: `no app ${app}` });
    }
    if (path === '/__sandbox/channel' && request.method === 'POST') return otherChannel(body);
    if (path === '/__sandbox/amend' && request.method === 'POST') return amend(body);

    let platform;
    let params = query;
    let run;
    if (path === '/router/rest') {
      platform = 'top';
      params = { ...query, ...(await formFields(headers['content-type'], body)) };
      run = () => handleTop({ config: cfg, ledger, params, now });
    } else if (path === '/system/token' && request.method === 'GET') {
      platform = 'u8';
      run = () => u8.token(cfg, ledger, query, now);
    } else if (path === '/system/tradeid' && request.method === 'GET') {
      platform = 'u8';
      run = () => u8.tradeid(cfg, ledger, query, now);
    } else if (path === '/api/points/change' && request.method === 'POST') {
      platform = 'u8';
      run = () => u8.pointsChange(cfg, ledger, query, body, now);
    } else {
      return json(404, { error: `no route ${request.method} ${path}` });
    }

    const appKey = params.app_key ?? query.app_key;
    const fault = parseHeader(headers['x-sandbox-fault']) ?? pick(faultsFor(appKey), params.method ?? path);
    if (fault?.kind === 'latency') await sleep(fault.ms ?? 1000);
    if (fault?.kind === 'drop-before') return { fault: 'drop' };
    const instead =
      fault && faultAnswer(fault, platform, params, { method: request.method, path: `${url.pathname}${url.search}` });
    if (instead) return instead;

    const before = ledger.journal.length;
    const answer = run();
    // The platform's data lagging: what this call applied shows in its flows only later.
    const late = fault?.kind === 'late' ? (fault.ms ?? 1000) : fault?.late_ms;
    if (late) {
      for (const j of ledger.journal.slice(before)) j.visible_at = now() + late;
      ledger.save();
    }
    if (fault?.kind === 'drop-after') return { fault: 'drop' };
    if (fault?.kind === 'applied-html') return { status: 200, type: 'text/html', body: HTML_PAGE };
    if (fault?.kind === 'truncated') return { fault: 'truncate', answer };
    return answer;
  }

  /**
   * A write applied as if from another POS (not through this app): `{ method, params }`,
   * the business object as the API takes it. Journalled with `channel: 'other'`; answers the
   * business result.
   */
  function otherChannel(text) {
    let asked;
    try {
      asked = JSON.parse(text || '{}');
    } catch {
      return json(400, { error: 'the body must be JSON: {"method", "params"}' });
    }
    const { method, params } = asked ?? {};
    if (!METHODS[method]?.writes)
      return json(400, { error: `method must be a write of the ALSC family, not ${method}` });
    if (!params || typeof params !== 'object' || Array.isArray(params))
      return json(400, { error: 'params must be the business object' });
    try {
      const { content } = applyBusiness({
        ledger,
        appKey: 'other-channel',
        method,
        business: params,
        now,
        stamp: { channel: 'other' },
      });
      return json(200, {
        result: JSON.parse(JSON.stringify(content, (_, v) => (typeof v === 'bigint' ? String(v) : v))),
      });
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
      return json(400, { error: e.top });
    }
  }

  /**
   * A planted error in the platform's books: `{ seq, points?, value? }` changes the amount a
   * journal entry (and so its flow) shows; balances stay as they are.
   */
  function amend(text) {
    const { seq, points, value } = JSON.parse(text || '{}');
    const entry = ledger.journal.find((j) => j.seq === seq);
    if (!entry) return json(404, { error: `no journal entry ${seq}` });
    if (Number.isSafeInteger(points)) entry.points = points;
    if (Number.isSafeInteger(value)) entry.value = value;
    ledger.save();
    return json(200, { entry });
  }

  return { handle, ledger, config: cfg, setFaults };
}
