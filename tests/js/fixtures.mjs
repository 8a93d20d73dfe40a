// What the JS tests share about the demo: its customers, the operators' tokens and headers,
// request bodies, the sandbox's ledger and journal (the judge of every money path), and
// startStack(): the sandbox, the proxy on it in workerd, and optionally the console in Chromium.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../../www/sandbox/server.mjs';
import { startWorker, demoVars } from '../../www/worker/local.mjs';
import { buildConsole } from '../../www/console/build.mjs';
import { launch } from './chromium.mjs';

/** The demo's customers (src/js/testing/customers.js): 张三 (13800000001) and 李四 (13800000002). */
export const CUSTOMER = '7027365982937563912722';
export const OTHER_CUSTOMER = '7027365982937563912723';

export const MANAGER_TOKEN = 'demo-manager-token';
export const CASHIER_TOKEN = 'demo-cashier-token';
/** The headers of a JSON call to the proxy signed in with `token`. */
export const signedIn = (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
export const MANAGER = signedIn(MANAGER_TOKEN);
export const CASHIER = signedIn(CASHIER_TOKEN);

/** The console tests' proxy: no upstream retries and a short timeout, so a lost or slow reply is the test's to make. */
export const CONSOLE_UPSTREAM = { UPSTREAM_TIMEOUT_MS: '1000', UPSTREAM_RETRIES: '0' };

const hash = (t) => createHash('sha256').update(t).digest('hex');

/**
 * The demo's operators and extra ones, each signed in with `token-<name>`:
 * `{ name: { role, scope } }`, scope by default shop 20001 of brand 10001.
 */
export function tokensWith(extra) {
  const all = JSON.parse(demoVars().CONSOLE_TOKENS);
  for (const [name, { role, scope }] of Object.entries(extra))
    all[hash(`token-${name}`)] = { operator: `op-${name}`, role, scope: scope ?? { 10001: ['20001'] } };
  return JSON.stringify(all);
}

/** The demo roles with others added or replaced. */
export function rolesWith(extra) {
  return JSON.stringify({ ...JSON.parse(demoVars().ROLES), ...extra });
}

/** Headers of an extra operator of tokensWith(). */
export const as = (name) => signedIn(`token-${name}`);

/** The proxy's paths of the ALSC methods the tests call most. */
export const CONSUME = '/v1/top/alibaba.alsc.crm.point.extra.consume';
export const REFUND = '/v1/top/alibaba.alsc.crm.open.assert.refund';
export const DEDUT = '/v1/top/alibaba.alsc.crm.recharge.dedut.update';
export const UNDEDUT = '/v1/top/alibaba.alsc.crm.recharge.undedut.update';
export const VOUCHER = '/v1/top/alibaba.alsc.crm.voucher.status.change';
export const VERIFY = '/v1/top/alibaba.alsc.crm.open.assert.verify';
export const REVERSEPOINT = '/v1/top/alibaba.alsc.crm.point.reversepoint';
export const EXTRACHARGE = '/v1/top/alibaba.alsc.crm.point.extracharge';

/** A points deduction (alibaba.alsc.crm.point.extra.consume) from the demo customer at shop 20001. */
export const deduct = (points, extra = {}) => ({
  biz_channel: 'CS',
  brand_id: '10001',
  shop_id: '20001',
  change_point: points,
  customer_id: CUSTOMER,
  out_biz_id: `O-${Math.random()}`,
  reason: '补扣',
  ...extra,
});

/** A stored-value payment (alibaba.alsc.crm.recharge.dedut.update) of `value` 分 by the demo customer at shop 20001. */
export const payment = (value, extra = {}) => ({
  biz_channel: 'CS',
  brand_id: '10001',
  shop_id: '20001',
  customer_id: CUSTOMER,
  value,
  ...extra,
});

/** The platform documentation's sample deduction, its reason in every awkward encoding. */
export const SAMPLE_DEDUCTION = {
  biz_channel: 'CS',
  brand_id: '32132',
  shop_id: '3332312',
  change_point: 323,
  customer_id: CUSTOMER,
  operator_id: '33322123',
  out_biz_id: '3231231312312',
  reason: '积分补扣 a+b&c=d 😀',
  request_id: 'req-0001',
};

/**
 * The TOP signature of a prepared request (`{ url, body }`) worked out here with node:crypto,
 * independently of the package: `md5`, `hmac` (HMAC-MD5) or `hmac-sha256`.
 */
export function expectedSign(request, secret, method) {
  const url = new URL(request.url);
  const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(request.body)) };
  delete params.sign;
  const s = Object.keys(params)
    .filter((k) => params[k] !== '')
    .sort()
    .map((k) => k + params[k])
    .join('');
  if (method === 'md5')
    return createHash('md5')
      .update(secret + s + secret, 'utf8')
      .digest('hex')
      .toUpperCase();
  return createHmac(method === 'hmac' ? 'md5' : 'sha256', secret)
    .update(s, 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** A U8 points record (points/change) of member 10000001. */
export const record = (extra = {}) => ({
  mid: '10000001',
  action_type: 5,
  ori_money: '1',
  calc_money: '1',
  ori_points: 10,
  source_code: `S-${Math.random()}`,
  ...extra,
});

/**
 * A write by another channel's POS (biz_channel KRY), for the sandbox's `__sandbox/channel`:
 * a points deduction with `points` or a stored-value payment with `value`.
 */
export function posWrite({ shop = '20001', points, value, order, operator = 'pos', requestId = order }) {
  const at = { biz_channel: 'KRY', brand_id: '10001', shop_id: shop, customer_id: CUSTOMER };
  return points === undefined
    ? {
        method: 'alibaba.alsc.crm.recharge.dedut.update',
        params: { ...at, value, outer_order_id: order, operator_id: operator, request_id: requestId },
      }
    : {
        method: 'alibaba.alsc.crm.point.extra.consume',
        params: { ...at, change_point: points, out_biz_id: order, operator_id: operator, request_id: requestId },
      };
}

/** Random trouble on every upstream call: lost replies either side, 503s, stalls, rate limits. */
export const CHAOS = [
  { kind: 'drop-after', probability: 0.08 },
  { kind: 'drop-before', probability: 0.05 },
  { kind: 'http-503', probability: 0.05 },
  { kind: 'latency', ms: 450, probability: 0.04 },
  { kind: 'rate-limit', seconds: 0, probability: 0.03 },
];

/**
 * Fills the console's U8 award form (points/change) for member 10000001: 100 points for a
 * 100.00 元 purchase, `multiple` times when given. The caller submits it.
 */
export async function fillU8Award(page, multiple) {
  await page.click('[data-method="points/change"]');
  if (await page.isEnabled('#f-mid')) await page.fill('#f-mid', '10000001');
  await page.selectOption('#f-action_type', '5');
  await page.fill('#f-ori_money', '100.00');
  await page.fill('#f-calc_money', '100.00');
  await page.fill('#f-ori_points', '100');
  if (multiple === undefined) return;
  await openMoreFields(page);
  await page.fill('#f-multiple', String(multiple));
}

/** Opens the action form's folded fields ("more fields"), as an operator does to change one. */
export async function openMoreFields(page) {
  await page.$eval('#more-fields', (d) => {
    d.open = true;
  });
}

/** Chooses the channel of the form on screen: prefilled from the shop, so folded away. */
export async function chooseChannel(page, channel) {
  if (!(await page.isVisible('#f-biz_channel'))) await openMoreFields(page);
  await page.selectOption('#f-biz_channel', channel);
}

/**
 * A console page of its own (its own browser context and storage) at `width` in `lang`, signed
 * in at `url` with `token`; `find`: with the demo customer found. Its uncaught errors collect in
 * `page.errors`; `page.done()` closes it.
 */
export async function openDesk(browser, url, token, { width = 1280, lang = 'zh', timezoneId, find = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, timezoneId });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await context.addInitScript((l) => sessionStorage.setItem('lang', l), lang);
  await signIn(page, url, token);
  if (find) await findCustomer(page);
  page.done = () => context.close();
  return page;
}

/** Signs `page` in to the console served at `url` with `token`, and waits for the workspace. */
export async function signIn(page, url, token) {
  await page.goto(`${url}/`);
  await page.fill('#token', token);
  await page.press('#token', 'Enter');
  await page.waitForSelector('#workspace:not([hidden])');
}

/** Looks the demo customer up in the console by mobile and waits for their balances. */
export async function findCustomer(page) {
  await page.fill('#find-value', '13800000001');
  await page.click('#find-form button[type=submit]');
  await page.waitForSelector('#points-available');
}

/** A stored-value payment of 15.00 元 through the console's form (channel KRY), applied. */
export async function payByForm(page) {
  await page.click('[data-method="alibaba.alsc.crm.recharge.dedut.update"]');
  await chooseChannel(page, 'KRY');
  await page.fill('#f-value', '15');
  await page.click('#submit');
  await page.waitForSelector('#outcome.ok');
}

/**
 * Every axe-core violation on `page` as it is, of any impact: `id (impact): first targets`.
 * axe-core comes from www/'s tools, injected into the page.
 */
export async function axeViolations(page) {
  await page.addScriptTag({
    path: fileURLToPath(new URL('../../www/node_modules/axe-core/axe.min.js', import.meta.url)),
  });
  return page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  );
}

/** The sandbox at `url` as the tests read and steer it: its ledger, journal, faults, reset. */
export function sandboxAt(url) {
  const sandbox = async () => (await fetch(`${url}/__sandbox/ledger`)).json();
  return {
    /** The whole ledger view: customers, tokens issued. */
    sandbox,
    /** One customer's row in the ledger (balances, vouchers). */
    customer: async (id = CUSTOMER) => (await sandbox()).customers.find((c) => c.customer_id === id),
    /** Every write the platform applied, oldest first. */
    journal: async () => (await (await fetch(`${url}/__sandbox/journal`)).json()).journal,
    reset: () => fetch(`${url}/__sandbox/reset`, { method: 'POST' }),
    faults: (app, list) =>
      fetch(`${url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ app, faults: list }) }),
    /** Applies a write of another channel (posWrite()) as the platform would. */
    channel: (write) => fetch(`${url}/__sandbox/channel`, { method: 'POST', body: JSON.stringify(write) }),
  };
}

/**
 * The sandbox and the proxy on it: the demo's settings with the gateway pointed at the sandbox
 * (or at `upstream`, a relay or a scripted gateway) and `vars` added or replacing them;
 * `isolates` copies of the Worker sharing the Durable Objects and D1; `persist` a folder that
 * keeps the proxy's state across restart(). With `console` the proxy serves the freshly built
 * console and `browser` is Debian's Chromium. close() stops whatever came up.
 */
export async function startStack({ vars = {}, isolates = 1, console = false, upstream, persist } = {}) {
  if (console) buildConsole();
  const stack = {};
  stack.close = async () => {
    await stack.browser?.close();
    await stack.proxy?.close();
    await stack.sb?.close();
  };
  try {
    stack.sb = await startSandbox({ port: 0 });
    Object.assign(stack, sandboxAt(stack.sb.url));
    const gateway = upstream ?? stack.sb.url;
    /** The stack's settings with `extra` on top, for another proxy beside this one. */
    stack.vars = (extra = {}) => ({
      ...demoVars(),
      TOP_GATEWAY: `${gateway}/router/rest`,
      U8_BASE_URL: gateway,
      ...vars,
      ...extra,
    });
    /** Another proxy on the same sandbox (its own Durable Objects and D1); the caller closes it. */
    stack.startProxy = (extra = {}, options = {}) =>
      startWorker({ vars: stack.vars(extra), ...(console ? {} : { assetsDir: '/nonexistent' }), ...options });
    stack.proxy = await stack.startProxy({}, { isolates, persist });
    /** Stops the proxy and starts it again on the state kept in `persist`. */
    stack.restart = async () => {
      await stack.proxy.close();
      stack.proxy = await stack.startProxy({}, { isolates, persist });
      return stack.proxy;
    };
    if (console) stack.browser = await launch();
  } catch (e) {
    await stack.close();
    throw e;
  }
  stack.post = (i, path, body, headers = MANAGER) =>
    stack.proxy.fetchVia(i, path, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  stack.get = (i, path, headers = MANAGER) => stack.proxy.fetchVia(i, path, { headers });
  /** A write through the proxy that the test needs answered ok: its answer. */
  stack.write = async (path, body, headers = MANAGER) => {
    const r = await (await stack.post(0, path, body, headers)).json();
    assert.equal(r.ok, true, JSON.stringify(r.error));
    return r;
  };
  /** An operator's Durable Object, called directly. */
  stack.ledger = async (operator) => {
    const ns = await stack.proxy.mf.getDurableObjectNamespace('OPERATORS');
    return ns.get(ns.idFromName(operator));
  };
  /** Waits until these operators' outboxes are drained (every answered call's row is in D1). */
  stack.settled = async (...operators) => {
    const ns = await stack.proxy.mf.getDurableObjectNamespace('OPERATORS');
    for (const op of operators) {
      for (let i = 0; ; i++) {
        const stats = await ns.get(ns.idFromName(op)).stats();
        if ((await stats.queued) === 0) break;
        if (i > 800) throw new Error(`the audit rows of ${op} were not written (${await stats.queued} queued)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  };
  /** Every audit row, read straight from D1, oldest first. */
  stack.rows = async () =>
    (await (await stack.proxy.mf.getD1Database('AUDIT_DB')).prepare('SELECT * FROM audit ORDER BY id').all()).results;
  return stack;
}
