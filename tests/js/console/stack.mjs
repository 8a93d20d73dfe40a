// What every console test drives: the sandbox gateway, the proxy serving the freshly built
// console in workerd, and Debian's Chromium. Upstream retries are off and the timeout short, so
// a lost or slow reply is the test's to make.
import { startSandbox } from '../../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../../www/worker/local.mjs';
import { buildConsole } from '../../../www/console/build.mjs';
import { launch } from '../chromium.mjs';

/**
 * `{ sb, worker, browser, close }`; `close()` stops all three, whichever came up. `vars` adds
 * to the Worker's settings (the books' tests shorten the reconciliation lag).
 */
export async function startConsoleStack({ vars = {} } = {}) {
  buildConsole();
  const stack = {};
  stack.close = async () => {
    await stack.browser?.close();
    await stack.worker?.close();
    await stack.sb?.close();
  };
  stack.sb = await startSandbox({ port: 0 });
  stack.worker = await startWorker({
    vars: {
      ...demoVars(),
      TOP_GATEWAY: `${stack.sb.url}/router/rest`,
      U8_BASE_URL: stack.sb.url,
      UPSTREAM_TIMEOUT_MS: '1000',
      UPSTREAM_RETRIES: '0',
      ...vars,
    },
  });
  stack.browser = await launch();
  return stack;
}
