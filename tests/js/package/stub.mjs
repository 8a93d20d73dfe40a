// A scripted HTTP stub on 127.0.0.1: each request gets the next scripted answer.
import { createServer } from 'node:http';

export async function stub(script) {
  const seen = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url, 'http://127.0.0.1');
    const entry = {
      method: req.method,
      url,
      query: Object.fromEntries(url.searchParams),
      body,
      form: Object.fromEntries(new URLSearchParams(body)),
      headers: req.headers,
    };
    seen.push(entry);
    const step = script[Math.min(seen.length - 1, script.length - 1)];
    const answer = typeof step === 'function' ? await step(entry) : step;
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (answer.destroy) return req.socket.destroy();
    res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'application/json;charset=UTF-8' });
    res.end(answer.body ?? '');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(r);
      }),
  };
}
