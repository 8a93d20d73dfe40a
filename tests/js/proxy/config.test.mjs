// The proxy's settings reader (config.js) as the pure function it is: the demo's settings read
// whole with their defaults, and every bad setting refused by name and rule without its content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readConfig, ConfigError } from '../../../www/worker/src/config.js';
import { demoVars } from '../../../www/worker/local.mjs';
import { tokensWith, rolesWith } from '../fixtures.mjs';

/** The error readConfig throws for these settings on top of the demo's. */
function refusal(vars) {
  try {
    readConfig({ ...demoVars(), ...vars });
  } catch (e) {
    assert.ok(e instanceof ConfigError, e.stack);
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(vars)}`);
}

test("config: the demo's settings, read whole, with the defaults of what they leave out", () => {
  const c = readConfig(demoVars());
  assert.deepEqual(
    [c.top.appKey, c.top.signMethod, c.top.gateway, c.top.session],
    ['12345678', 'hmac-sha256', 'http://127.0.0.1:8788/router/rest', undefined],
  );
  assert.deepEqual([c.u8.appKey, c.u8.baseUrl], ['opa-sandbox', 'http://127.0.0.1:8788']);
  assert.deepEqual(c.secrets, ['sandbox-top-secret', 'sandbox-u8-secret']);
  assert.deepEqual([c.timeoutMs, c.retries, c.maxBodyBytes, c.logCalls], [5000, 2, 64 * 1024, 'errors']);
  assert.equal(c.idempotencyMs, 72 * 3600_000);
  assert.deepEqual(c.books, { lagMs: 1_800_000, callsPerSecond: 20, pageSize: 100 });
  assert.equal(c.access, null, 'no Access without its settings');
  assert.deepEqual(c.origins, ['http://127.0.0.1:8787', 'http://localhost:8787']);
  const cashier = c.tokens.find((t) => t.operator === 'op-cashier-01');
  assert.equal(cashier.role, 'cashier');
  assert.deepEqual([...cashier.scope.get('10001')], ['20001']);
  assert.equal(c.tokens.find((t) => t.operator === 'op-manager-01').scope.get('10001'), '*');
  assert.deepEqual([...c.operators.get('op-cashier-01')], ['10001']);
  assert.equal(c.shops.shopBrand.get('20001'), '10001');
  assert.ok(c.roles.get('cashier').methods.has('alibaba.alsc.crm.point.extra.consume'));
});

test('config: numbers are whole and in range; the reconciliation page is capped at 100', () => {
  const c = readConfig({ ...demoVars(), UPSTREAM_RETRIES: '0', RECONCILE_PAGE_SIZE: '500', IDEMPOTENCY_HOURS: '1' });
  assert.deepEqual([c.retries, c.books.pageSize, c.idempotencyMs], [0, 100, 3600_000]);
  for (const bad of ['0', '-1', '1.5', '1e3', ' 12x', '9999999999999'])
    assert.equal(refusal({ UPSTREAM_TIMEOUT_MS: bad }).setting, 'UPSTREAM_TIMEOUT_MS', bad);
  assert.match(refusal({ UPSTREAM_TIMEOUT_MS: '0' }).message, /whole number of at least 1/);
});

test('config: every bad setting is named with its rule, never quoted in the message', () => {
  for (const [vars, setting, rule] of [
    [{ TOP_APP_KEY: '' }, 'TOP_APP_KEY', /is missing/],
    [{ TOP_APP_SECRET: '   ' }, 'TOP_APP_SECRET', /is missing/],
    [{ TOP_SIGN_METHOD: 'sha1' }, 'TOP_SIGN_METHOD', /md5, hmac or hmac-sha256/],
    [{ TOP_GATEWAY: 'ftp://secret-fragment-XYZ' }, 'TOP_GATEWAY', /http\(s\) URL/],
    [{ U8_BASE_URL: undefined }, 'U8_BASE_URL', /is missing/],
    [{ ROLES: '{"cashier": {"methods": ["secret-fragment-XYZ"' }, 'ROLES', /not valid JSON/],
    [{ ROLES: '[]' }, 'ROLES', /object of roles/],
    [{ ROLES: rolesWith({ x: { methods: 'all' } }) }, 'ROLES', /role x needs a "methods" list/],
    [{ ROLES: rolesWith({ x: { methods: [], limits: { 'secret-fragment-XYZ': 1 } } }) }, 'ROLES', /does not know/],
    [{ ROLES: rolesWith({ x: { methods: [], limits: { points: 1.5 } } }) }, 'ROLES', /non-negative integer/],
    [{ ROLES: rolesWith({ x: { methods: [], audit: 'some' } }) }, 'ROLES', /"audit"/],
    [{ ROLES: rolesWith({ x: { methods: [], fullMobile: 'yes' } }) }, 'ROLES', /"fullMobile"/],
    [{ CONSOLE_TOKENS: '{"secret-fragment-XYZ":{"operator":"x","role":"manager"}}' }, 'CONSOLE_TOKENS', /SHA-256/],
    [{ CONSOLE_TOKENS: tokensWith({ x: { role: 'nobody' } }) }, 'CONSOLE_TOKENS', /role that is not in ROLES/],
    [{ CONSOLE_TOKENS: tokensWith({ x: { role: 'constructor' } }) }, 'CONSOLE_TOKENS', /role that is not in ROLES/],
    [{ CONSOLE_TOKENS: tokensWith({ x: { role: 'cashier', scope: { 99: '*' } } }) }, 'CONSOLE_TOKENS', /brand/],
    [
      { CONSOLE_TOKENS: tokensWith({ x: { role: 'cashier', scope: { 10001: ['29999'] } } }) },
      'CONSOLE_TOKENS',
      /shop that is not one of its brand/,
    ],
    [{ SHOPS: '{"10001": {"name": "x"}}' }, 'SHOPS', /"name" and "shops"/],
    [{ SHOPS: '{"secret-fragment-XYZ": {"name": "x"}}' }, 'SHOPS', /"name" and "shops"/],
    [{ LOG_CALLS: 'some' }, 'LOG_CALLS', /"errors" or "all"/],
    [{ ACCESS_TEAM_DOMAIN: 'team.cloudflareaccess.com' }, 'ACCESS_AUD', /needs both/],
    [{ ACCESS_AUD: 'aud' }, 'ACCESS_TEAM_DOMAIN', /needs both/],
    [{ ACCESS_TEAM_DOMAIN: 'http://evil.example', ACCESS_AUD: 'a' }, 'ACCESS_TEAM_DOMAIN', /host name/],
    [
      { ACCESS_TEAM_DOMAIN: 't.example', ACCESS_AUD: 'a', ACCESS_OPERATORS: '{"users": {}}' },
      'ACCESS_OPERATORS',
      /emails/,
    ],
  ]) {
    const e = refusal(vars);
    const label = JSON.stringify(vars);
    assert.equal(e.setting, setting, label);
    assert.match(e.message, rule, label);
    assert.ok(e.message.startsWith(`setting ${setting} `), label);
    assert.ok(!e.message.includes('secret-fragment-XYZ'), `${label}: the content stays out of the message`);
  }
});

test('config: outside names are only names (a role called __proto__), Access emails in lower case', () => {
  const c = readConfig({
    ...demoVars(),
    ROLES: rolesWith(JSON.parse('{"__proto__": {"methods": ["alibaba.alsc.crm.open.customer.get"]}}')),
    ACCESS_TEAM_DOMAIN: 'team.cloudflareaccess.com',
    ACCESS_AUD: 'aud-1',
    ACCESS_OPERATORS: JSON.stringify({
      emails: { 'Alice@Shop.Example': { operator: 'op-alice', role: '__proto__', scope: { 10001: '*' } } },
    }),
  });
  assert.ok(c.roles.get('__proto__').methods.has('alibaba.alsc.crm.open.customer.get'));
  assert.equal(c.roles.get('constructor'), undefined);
  assert.equal(c.access.issuer, 'https://team.cloudflareaccess.com');
  assert.equal(c.access.emails.get('alice@shop.example').operator, 'op-alice');
  assert.equal(c.access.maxAgeS, 24 * 3600);
});
