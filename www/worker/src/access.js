// Operators signed in by Cloudflare Access: the `Cf-Access-Jwt-Assertion` JWT is verified with
// jose against the team's key set (signature, issuer, audience, expiry), then its email, or one
// of its groups, is mapped to an operator and a role from ACCESS_OPERATORS.
import { createRemoteJWKSet, jwtVerify } from 'jose';

// One key set per issuer and isolate: jose caches the keys and refetches on an unknown `kid`.
const keySets = new Map();

function keySet(issuer) {
  if (!keySets.has(issuer)) keySets.set(issuer, createRemoteJWKSet(new URL(`${issuer}/cdn-cgi/access/certs`)));
  return keySets.get(issuer);
}

/** The operator behind a valid Access JWT, or null when the request carries none or a bad one. */
export async function accessOperator(request, access) {
  const jwt = request.headers.get('cf-access-jwt-assertion');
  if (!access || !jwt) return null;
  let payload;
  try {
    ({ payload } = await jwtVerify(jwt, keySet(access.issuer), { issuer: access.issuer, audience: access.aud }));
  } catch {
    return null;
  }
  const groups = Array.isArray(payload.groups)
    ? payload.groups.map((g) => `group:${typeof g === 'string' ? g : g?.name}`)
    : [];
  const match = [payload.email, ...groups].map((k) => access.operators[k]).find(Boolean);
  return match ? { operator: match.operator, role: match.role } : null;
}
