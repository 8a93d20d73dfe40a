#!/usr/bin/env node
// The demo: the sandbox gateway (both platforms, offline), the edge proxy Worker in workerd,
// and the console it serves, on 127.0.0.1. No credentials or internet needed. Ctrl-C stops all.
//
//   DEMO_PORT (default 8787): the console and proxy;  SANDBOX_PORT (default 8788): the gateway.
import { startSandbox } from './sandbox/server.mjs';
import { startWorker, demoVars } from './worker/local.mjs';
import { buildConsole } from './console/build.mjs';

const demoPort = Number(process.env.DEMO_PORT ?? 8787);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8788);

buildConsole();
const sb = await startSandbox({ port: sandboxPort });
const worker = await startWorker({
  port: demoPort,
  vars: {
    ...demoVars(),
    TOP_GATEWAY: `${sb.url}/router/rest`,
    U8_BASE_URL: sb.url,
    ALLOWED_ORIGINS: `http://127.0.0.1:${demoPort},http://localhost:${demoPort}`,
  },
});

console.log(`
loyalty-sdk demo is running.

  Console:  ${worker.url}/
  Sign in with  demo-manager-token  (manager: every action)
            or  demo-cashier-token  (cashier: small deductions only)
  Demo customer: mobile 13800000001 (5000 points, 230.00 yuan stored value, U8 member 10000001)

  Sandbox gateway: ${sb.url}  (ledger ${sb.url}/__sandbox/ledger, journal ${sb.url}/__sandbox/journal)

Ctrl-C stops everything.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.close();
  await sb.close();
  console.log('demo stopped');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
