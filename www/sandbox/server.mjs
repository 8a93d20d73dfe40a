#!/usr/bin/env node
// The sandbox gateway: the fake gateway of `loyalty-sdk/testing` (Taobao Open Platform
// `/router/rest` and Yonyou U8 OpenAPI, real signature checks, a ledger, idempotency, faults)
// served over node:http on 127.0.0.1, with its ledger optionally kept in a JSON file.
//
//   node www/sandbox/server.mjs [--port 8788] [--config file.json] [--state ledger.json]
//
// From tests: `const sb = await startSandbox({ port: 0 }); ...; await sb.close();`
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGateway } from 'loyalty-sdk/testing';

const MAX_BODY = 1 << 20;

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

/** The ledger in a JSON file, rewritten whole after every change. */
const fileStore = (path) => ({
  load: () => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null),
  save(state) {
    writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 1));
    renameSync(`${path}.tmp`, path);
  },
});

export async function startSandbox({
  port = 0,
  host = '127.0.0.1',
  config,
  configPath,
  statePath,
  now = Date.now,
} = {}) {
  const gateway = createGateway({
    config: config ?? (configPath ? JSON.parse(readFileSync(configPath, 'utf8')) : undefined),
    now,
    store: statePath ? fileStore(statePath) : undefined,
  });
  const server = createServer(async (req, res) => {
    try {
      const body = req.method === 'POST' ? await readBody(req) : '';
      const answer = await gateway.handle({ method: req.method, url: req.url, headers: req.headers, body });
      if (answer.fault === 'drop') return req.socket.destroy();
      if (answer.fault === 'truncate') {
        // The full length is promised and half is sent: the client sees the connection cut.
        const { status, type, body: full } = answer.answer;
        res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(full) });
        res.write(full.slice(0, Math.floor(full.length / 2)));
        return setImmediate(() => req.socket.destroy());
      }
      return send(res, answer);
    } catch (e) {
      return send(res, {
        status: e.message === 'body too large' ? 413 : 500,
        type: 'application/json',
        body: JSON.stringify({ error: e.message }),
      });
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
    ledger: gateway.ledger,
    config: gateway.config,
    close: () =>
      new Promise((r) => {
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
  const sb = await startSandbox({
    port: Number(arg('port', 8788)),
    configPath: arg('config'),
    statePath: arg('state'),
  });
  console.log(
    `sandbox gateway on ${sb.url}  (TOP ${sb.url}/router/rest, U8 ${sb.url}/system/token, inspect ${sb.url}/__sandbox/ledger)`,
  );
  const stop = async () => {
    await sb.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
