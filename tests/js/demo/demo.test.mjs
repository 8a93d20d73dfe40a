// The demo script brings the whole system up, serves a console that signs in, and stops
// cleanly on Ctrl-C (SIGINT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { launch } from '../chromium.mjs';

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

test('the demo starts, its console signs in, and Ctrl-C stops everything', async () => {
  const [demoPort, sandboxPort] = [await freePort(), await freePort()];
  const demo = spawn(process.execPath, [fileURLToPath(new URL('../../../www/demo.mjs', import.meta.url))], {
    env: { ...process.env, DEMO_PORT: String(demoPort), SANDBOX_PORT: String(sandboxPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  demo.stdout.on('data', (c) => {
    out += c;
  });
  const exited = new Promise((resolve) => demo.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 30_000;
    while (!out.includes('Ctrl-C stops everything') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const url = /Console:\s+(\S+)/.exec(out)?.[1];
    assert.equal(url, `http://127.0.0.1:${demoPort}/`, out);
    assert.match(out, /demo-manager-token/);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.fill('#token', 'demo-cashier-token');
      await page.press('#token', 'Enter');
      await page.waitForSelector('#workspace:not([hidden])');
      assert.match(await page.textContent('#who'), /op-cashier-01/);
    } finally {
      await browser.close();
    }
  } finally {
    demo.kill('SIGINT');
  }
  // Miniflare's own SIGINT hook may end the process first (exit 130, as for any Ctrl-C).
  assert.ok([0, 130].includes(await exited));
  for (const port of [demoPort, sandboxPort]) {
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), `port ${port} is closed`);
  }
});
