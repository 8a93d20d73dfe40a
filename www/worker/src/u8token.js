// One Durable Object for the fleet's U8 connection: the token, fetched once (concurrent askers
// share the one request) before the old one expires or when a caller reports it invalid; and
// which operator first sent each U8 source_code (U8's idempotency key is the order number,
// shared by every operator), so another operator's source code is refused, never replayed.
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
    // code: a source_code; operator and brands: who first sent it, and where they work.
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, operator TEXT NOT NULL, brands TEXT NOT NULL, expires INTEGER NOT NULL)',
    );
    this.sql.exec('CREATE INDEX IF NOT EXISTS codes_expires ON codes (expires)');
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

  /**
   * Who holds source codes, before a call is admitted (nothing is claimed): `{ taken: [codes
   * another operator sent], originals: [{ code, operator, brands }] }` for `codes`, `operator`
   * and `originals` (source1 of returns; unknown ones left out).
   */
  owners({ codes, operator, originals }) {
    const now = Date.now();
    const owner = (code) =>
      this.sql.exec('SELECT operator, brands FROM codes WHERE code = ? AND expires >= ?', code, now).toArray()[0];
    const taken = codes.filter((c) => {
      const o = owner(c);
      return o && o.operator !== operator;
    });
    const found = originals
      .map((code) => ({ code, row: owner(code) }))
      .filter((x) => x.row)
      .map(({ code, row }) => ({ code, operator: row.operator, brands: JSON.parse(row.brands) }));
    return { taken, originals: found };
  }

  /**
   * Claims source codes for an operator once the call is admitted, in one step with the token.
   * In: `codes`, `operator`, `brands` (theirs), `expires`. Answers `{ taken, token | error }`:
   * codes another operator holds (one that got there first since `owners`) are not claimed;
   * nothing is claimed when any is taken.
   */
  async claim({ codes, operator, brands, expires }) {
    const now = Date.now();
    const { taken } = this.owners({ codes, operator, originals: [] });
    if (!taken.length)
      for (const c of codes)
        this.sql.exec(
          'INSERT INTO codes (code, operator, brands, expires) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET expires = max(codes.expires, excluded.expires)',
          c,
          operator,
          JSON.stringify(brands),
          expires,
        );
    if (Math.random() < 0.01) this.sql.exec('DELETE FROM codes WHERE expires < ?', now);
    return { taken, ...(await this.token()) };
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
