// One Durable Object holds the fleet's U8 token: every isolate asks it, it fetches a new token
// once (concurrent askers share the one request) before the old one expires, or when a caller
// reports the token it was given as invalid.
import { DurableObject } from 'cloudflare:workers';
import { U8Client } from 'loyalty-sdk';
import { readConfig } from './config.js';

export class U8TokenHolder extends DurableObject {
  #renewal = null;

  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS token (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, renew_at INTEGER NOT NULL, issued INTEGER NOT NULL)',
    );
  }

  #stored() {
    return this.sql.exec('SELECT token, renew_at AS renewAt, issued FROM token').toArray()[0] ?? null;
  }

  /**
   * `{ token }`, valid; or `{ error }` (the SDK error's fields: an Error would cross the RPC
   * boundary without its code). `stale`: a token the caller found invalid, renewed unless
   * already replaced.
   */
  async token(stale) {
    const held = this.#stored();
    if (held && Date.now() < held.renewAt && held.token !== stale) return { token: held.token };
    this.#renewal ??= this.#renew().finally(() => {
      this.#renewal = null;
    });
    try {
      return { token: await this.#renewal };
    } catch (e) {
      const { code = 'INTERNAL', message, retriable = false, subCode, platformCode, retryAfterMs } = e;
      return { error: { code, message: String(message), retriable, subCode, platformCode, retryAfterMs } };
    }
  }

  /** How many tokens this holder has fetched: one fleet, one token at a time. */
  issued() {
    return this.#stored()?.issued ?? 0;
  }

  async #renew() {
    const config = readConfig(this.env);
    const { token, renewAt } = await new U8Client(config.u8).fetchToken({
      timeoutMs: config.timeoutMs,
      retries: config.retries,
    });
    const issued = this.issued() + 1;
    this.sql.exec(
      'INSERT INTO token (id, token, renew_at, issued) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET token = excluded.token, renew_at = excluded.renew_at, issued = excluded.issued',
      token,
      renewAt,
      issued,
    );
    return token;
  }
}
