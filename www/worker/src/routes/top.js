// POST /v1/top/{method}: a TOP method of the ALSC CRM family, its business parameters as JSON.
import { ProxyError } from '../errors.js';
import { readJson } from '../body.js';
import { perform } from '../call.js';
import { BY_NAME } from '../catalog.js';

export async function topRoute(c) {
  let method;
  try {
    method = decodeURIComponent(c.url.pathname.slice('/v1/top/'.length));
  } catch {
    throw new ProxyError('BAD_REQUEST', 'the method in the path is not valid percent-encoding', { field: 'path' });
  }
  c.row.operation = method.slice(0, 120);
  const meta = BY_NAME.get(method);
  if (!meta || meta.platform !== 'top') throw new ProxyError('NOT_FOUND', `no operation ${method.slice(0, 120)}`);
  if (!c.role.methods.has(method)) throw new ProxyError('FORBIDDEN', `role ${c.role.name} may not call ${method}`);
  c.meta = meta;
  return perform(c, await readJson(c.request, c.config.maxBodyBytes));
}
