// POST /v1/u8/{resource}/{action}: a U8 call, its body as U8 takes it (points/change: records).
import { ProxyError } from '../errors.js';
import { readJson } from '../body.js';
import { perform } from '../call.js';
import { BY_NAME } from '../catalog.js';
import { keepU8Balances } from '../u8balances.js';

export const U8_PATH = /^\/v1\/u8\/([a-z0-9_]{1,40}\/[a-z0-9_]{1,40})$/;

export async function u8Route(c) {
  const api = U8_PATH.exec(c.url.pathname)[1];
  c.row.operation = `u8:${api}`;
  const meta = BY_NAME.get(api);
  if (!meta || meta.platform !== 'u8') throw new ProxyError('NOT_FOUND', `no U8 operation ${api}`);
  if (!c.role.methods.has(`u8:${api}`)) throw new ProxyError('FORBIDDEN', `role ${c.role.name} may not call U8 ${api}`);
  c.meta = meta;
  const answer = await perform(c, await readJson(c.request, c.config.maxBodyBytes));
  // The balance U8 answered is kept for the console to show.
  if (api === 'points/change') await keepU8Balances(c.env.AUDIT_DB, answer);
  return answer;
}
