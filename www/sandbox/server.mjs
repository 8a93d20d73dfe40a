#!/usr/bin/env node
// The sandbox gateway: Taobao Open Platform `/router/rest` and Yonyou U8 OpenAPI on 127.0.0.1,
// with real signature checks, a ledger, idempotency and fault injection. Node standard library
// only, and independent of the SDK: its job is to catch the SDK's mistakes.
//
//   node www/sandbox/server.mjs [--port 8788] [--config file.json] [--state ledger.json]
//
// From tests: `const sb = await startSandbox({ port: 0 }); ...; await sb.close();`
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ledger } from './ledger.mjs';
import { handleTop, answerFormat } from './top.mjs';
import { renderError } from './render.mjs';
import * as u8 from './u8.mjs';
import { HTML_PAGE, parseHeader, pick } from './faults.mjs';

const MAX_BODY = 1 << 20;
export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('./config.json', import.meta.url));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readBody(req) {
  let size = 0;
  const chunks = [];
  for await (const c of req) {
    size += c.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, { status, type, body }) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const json = (res, status, value) => send(res, { status, type: 'application/json;charset=UTF-8', body: JSON.stringify(value, null, 1) });

/** What a fault answers instead of the real thing (null: answer normally). */
function faultAnswer(fault, platform, params, req) {
  switch (fault.kind) {
    case 'echo': return { status: 502, type: 'text/plain', body: `upstream refused: ${req.method} ${req.url} HTTP/1.1` };
    case 'http-502': return { status: 502, type: 'text/plain', body: 'Bad Gateway' };
    case 'http-503': return { status: 503, type: 'text/plain', body: 'Service Unavailable' };
    case 'html': return { status: 502, type: 'text/html', body: HTML_PAGE };
    case 'rate-limit':
      return platform === 'top'
        ? { status: 200, ...renderError({ code: 7, msg: 'App Call Limited', sub_code: 'accesscontrol.limited-by-app-access-count', sub_msg: `This ban will last for ${fault.seconds ?? 1} more seconds` }, answerFormat(params)) }
        : u8.reply({ errcode: '50003', errmsg: '调用太频繁，请稍后再试' });
    case 'isp':
      return platform === 'top'
        ? { status: 200, ...renderError({ code: 15, msg: 'Remote service error', sub_code: 'isp.remote-service-unavailable', sub_msg: '服务暂不可用，请稍后重试' }, answerFormat(params)) }
        : u8.reply({ errcode: '50001', errmsg: '服务繁忙，请稍后再试' });
    default: return null;
  }
}

export async function startSandbox({ port = 0, host = '127.0.0.1', config, configPath = DEFAULT_CONFIG_PATH, statePath, now = Date.now } = {}) {
  const cfg = config ?? JSON.parse(readFileSync(configPath, 'utf8'));
  const ledger = new Ledger(cfg, statePath);
  const faultsFor = (appKey) => [...(cfg.top.apps ?? []), ...(cfg.u8.apps ?? [])].find((a) => a.appKey === appKey)?.faults ?? [];

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, `http://${host}`);
      const query = Object.fromEntries(url.searchParams);
      const body = req.method === 'POST' ? await readBody(req) : '';
      const path = url.pathname;

      if (path === '/healthz') return json(res, 200, { ok: true });
      if (path === '/__sandbox/ledger') return json(res, 200, { customers: ledger.view(), orders: ledger.orders, u8_tokens_issued: Object.keys(ledger.u8Tokens).length });
      if (path === '/__sandbox/journal') return json(res, 200, { journal: ledger.journal });
      if (path === '/__sandbox/reset' && req.method === 'POST') {
        ledger.reset();
        return json(res, 200, { ok: true });
      }
      if (path === '/__sandbox/faults' && req.method === 'POST') {
        const { app, faults } = JSON.parse(body || '{}');
        const target = [...cfg.top.apps, ...cfg.u8.apps].find((a) => a.appKey === app);
        if (!target) return json(res, 404, { error: `no app ${app}` });
        target.faults = Array.isArray(faults) ? faults : [];
        return json(res, 200, { ok: true });
      }

      let platform;
      let params = query;
      let run;
      if (path === '/router/rest') {
        platform = 'top';
        const type = req.headers['content-type'] ?? '';
        if (body && type.includes('application/x-www-form-urlencoded')) params = { ...query, ...Object.fromEntries(new URLSearchParams(body)) };
        run = () => handleTop({ config: cfg, ledger, params, now });
      } else if (path === '/system/token' && req.method === 'GET') {
        platform = 'u8';
        run = () => u8.token(cfg, ledger, query, now);
      } else if (path === '/system/tradeid' && req.method === 'GET') {
        platform = 'u8';
        run = () => u8.tradeid(cfg, ledger, query, now);
      } else if (path === '/api/points/change' && req.method === 'POST') {
        platform = 'u8';
        run = () => u8.pointsChange(cfg, ledger, query, body, now);
      } else {
        return json(res, 404, { error: `no route ${req.method} ${path}` });
      }

      const appKey = params.app_key ?? query.app_key;
      const fault = parseHeader(req.headers['x-sandbox-fault']) ?? pick(faultsFor(appKey), params.method ?? path);
      if (fault?.kind === 'latency') await sleep(fault.ms ?? 1000);
      if (fault?.kind === 'drop-before') return req.socket.destroy();
      const instead = fault && faultAnswer(fault, platform, params, req);
      if (instead) return send(res, instead);

      const answer = run();
      if (fault?.kind === 'drop-after') return req.socket.destroy();
      if (fault?.kind === 'applied-html') return send(res, { status: 200, type: 'text/html', body: HTML_PAGE });
      if (fault?.kind === 'truncated') {
        // The full length is promised and half is sent: the client sees the connection cut.
        res.writeHead(answer.status, { 'content-type': answer.type, 'content-length': Buffer.byteLength(answer.body) });
        res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
        return setImmediate(() => req.socket.destroy());
      }
      return send(res, answer);
    } catch (e) {
      return json(res, e.message === 'body too large' ? 413 : 500, { error: e.message });
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    ledger,
    config: cfg,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const sb = await startSandbox({ port: Number(arg('port', 8788)), configPath: arg('config', DEFAULT_CONFIG_PATH), statePath: arg('state') });
  console.log(`sandbox gateway on ${sb.url}  (TOP ${sb.url}/router/rest, U8 ${sb.url}/system/token, inspect ${sb.url}/__sandbox/ledger)`);
  const stop = async () => {
    await sb.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
