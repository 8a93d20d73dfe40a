// The one way a request is answered: settings, CORS, the route, sign-in, and then one
// envelope for every outcome: `{ ok: true, data, request_id }` or `{ ok: false, error,
// request_id }`, scrubbed, with a log line per failed call to a platform and its audit row queued in
// the operator's Durable Object (refusals included; refused sign-ins are only counted).
import { readConfig, ConfigError } from './config.js';
import { scrubber } from './scrub.js';
import { signIn } from './auth.js';
import { refusedSignIn } from './signins.js';
import { failure, ProxyError } from './errors.js';
import { recordRefusal } from './call.js';
import { shopClock } from './clock.js';
import { ROUTES } from './routes.js';
import { reply } from './reply.js';

// Settings are read and checked once per isolate and environment.
const configs = new WeakMap();

function configFor(env) {
  if (!configs.has(env)) {
    try {
      const config = readConfig(env);
      configs.set(env, { config, scrub: scrubber(config) });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      configs.set(env, { error: e });
    }
  }
  return configs.get(env);
}

function cors(request, config) {
  const origin = request.headers.get('origin');
  if (!origin || !config.origins.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-headers': 'authorization, content-type',
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

const notFound = (path) =>
  reply(404, { ok: false, error: { code: 'NOT_FOUND', message: `no route ${path.slice(0, 200)}`, retriable: false } });

export async function handle(request, env, ctx) {
  const url = new URL(request.url);
  const path = url.pathname;
  if (!path.startsWith('/v1/') && path !== '/healthz') return env.ASSETS ? env.ASSETS.fetch(request) : notFound(path);
  const settings = configFor(env);
  if (settings.error) {
    // The setting's content (a fragment of ROLES, say) goes to the log, never to a caller.
    console.error(JSON.stringify({ config_error: settings.error.setting, detail: settings.error.detail }));
    const { message, setting } = settings.error;
    return reply(500, {
      ok: false,
      error: { code: 'CONFIG_ERROR', message: `the proxy is misconfigured: ${message}`, setting, retriable: false },
    });
  }
  const { config, scrub } = settings;
  const headers = cors(request, config);
  if (request.method === 'OPTIONS')
    return headers['access-control-allow-origin']
      ? new Response(null, { status: 204, headers })
      : new Response(null, { status: 403 });
  const route = ROUTES.find((r) => r.method === request.method && r.match(path));
  if (!route) return notFound(`${request.method} ${path}`);
  if (!route.signIn) return route.run({ config, headers });

  const clock = shopClock();
  const c = { request, url, env, config, scrub, clock, row: { at: new Date(clock.ms).toISOString(), day: clock.day } };
  try {
    c.who = await signIn(request, config);
  } catch (e) {
    if (!(e instanceof ProxyError)) throw e;
    refusedSignIn(request, env, ctx);
    const [status, error] = failure(e);
    return reply(status, { ok: false, error, request_id: null }, headers);
  }
  c.role = config.roles.get(c.who.role);
  Object.assign(c.row, { operator: c.who.operator, role: c.who.role });
  try {
    const result = await route.run(c);
    if (result instanceof Response) return result;
    c.row.outcome ??= result.replayed ? 'replayed' : 'ok';
    c.row.status ??= result.status;
    return reply(result.status, result.body, headers);
  } catch (caught) {
    let e = caught;
    if (route.calls && !c.recorded && !e.recorded) e = await recordRefusal(c, e);
    const [status, error] = failure(e);
    // A write turned away before it was sent applied nothing.
    if (route.calls && c.meta?.writes) error.outcome = 'not_applied';
    Object.assign(c.row, { outcome: error.code, status, platform_code: error.platform_code });
    if (status === 500) console.error(scrub.text(String(e?.stack ?? e)));
    return reply(status, { ok: false, error: scrub.value(error), request_id: c.row.request_id ?? null }, headers);
  } finally {
    if (c.finish)
      ctx.waitUntil(
        c.finish.catch((e) => console.error(JSON.stringify({ finish_failed: String(e?.message ?? e).slice(0, 200) }))),
      );
    // Every call's row goes to D1 from the operator's Durable Object; the log has the failures
    // (or every call, with LOG_CALLS=all): a log line costs more CPU than the rest of a row.
    if (route.calls && (config.logCalls === 'all' || c.row.status !== 200))
      console.log(JSON.stringify(scrub.value(c.row)));
  }
}
