// Operators signed in by Cloudflare Access: the `Cf-Access-Jwt-Assertion` JWT is verified with
// jose against the team's key set (signature, issuer, audience, an expiry that must be there
// and not past, an issue time no older than ACCESS_MAX_AGE_HOURS), then its email is looked up among the configured emails, and its groups claim
// among the configured groups: the two never share a table.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { ProxyError } from './errors.js';

// One key set per issuer and isolate: jose caches the keys and refetches on an unknown `kid`.
const keySets = new Map();

function keySet(issuer) {
  if (!keySets.has(issuer)) keySets.set(issuer, createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`)));
  return keySets.get(issuer);
}

// A plain address: one @, no spaces, quotes, brackets or control characters, at most 254.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/;

const refused = (why) =>
  new ProxyError('UNAUTHORIZED', `the Cloudflare Access token is not valid (${why}): sign in again`);

/**
 * The operator behind the request's Access JWT; null when the request carries none (or Access
 * is not configured). A JWT that is there and not valid is refused (401), whatever else the
 * request carries: it never falls back to a bearer token.
 */
export async function accessOperator(request, access) {
  const jwt = request.headers.get('cf-access-jwt-assertion');
  if (!access || !jwt) return null;
  let payload;
  try {
    ({ payload } = await jwtVerify(jwt, keySet(access.issuer), {
      issuer: access.issuer,
      audience: access.aud,
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: access.maxAgeS,
    }));
  } catch (e) {
    throw refused(e?.code ?? 'bad token');
  }
  const email =
    typeof payload.email === 'string' && payload.email.length <= 254 && EMAIL.test(payload.email)
      ? payload.email.toLowerCase()
      : null;
  const byEmail = email ? access.emails.get(email) : undefined;
  if (byEmail) return byEmail;
  const groups = Array.isArray(payload.groups) ? payload.groups.slice(0, 100) : [];
  for (const g of groups) {
    const name = typeof g === 'string' ? g : typeof g?.name === 'string' ? g.name : null;
    const match = name === null ? undefined : access.groups.get(name);
    if (match) return match;
  }
  throw new ProxyError('UNAUTHORIZED', 'this Cloudflare Access identity is not an operator of this proxy');
}
