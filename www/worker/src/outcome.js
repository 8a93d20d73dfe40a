// What a failed write tells about the platform's ledger. Only the refusals the platforms
// document are final: the call was not applied, and the same key gives the same refusal. A call
// stopped before it was sent applied nothing and may be sent again. Anything else (an HTML
// page, a status without a platform body, a code no document lists, a cut or lost answer)
// says nothing: the key stays open and the reservation held, and a retry with the same key is
// safe because the platform's own idempotency holds. A call is judged by every attempt it
// made (the SDK's `earlier`), not its last: an attempt whose answer was lost may have been
// applied, and a retry that then meets a ban or a busy U8 does not undo it.
import { SdkError } from 'loyalty-sdk';
import { UNSENT } from './upstream.js';

// TOP's gateway codes that mean the call itself was refused before any business ran
// (permissions, parameters, signature, session, app key, method, format, version): 9, 11,
// 12, 21-34, 40-43. Code 15 (remote service error) and any `isp.*` sub-code are platform
// faults, and code 7 (app call limited, which the SDK raises as RATE_LIMITED) a ban before
// the call: the first two unknown, the last unsent.
const TOP_REFUSALS = new Set([9, 11, 12, ...Array.from({ length: 14 }, (_, i) => 21 + i), 40, 41, 42, 43]);
// U8 documents two failure replies for points/change: 30021 (此应用未上线) and 2001 (fail).
const U8_REFUSALS = new Set(['2001', '30021']);

/**
 * `'refused'` (final, not applied), `'unsent'` (not sent: nothing applied, the key may be sent
 * again) or `'unknown'`, for an error a write ended with: unknown when any of its attempts'
 * outcome is, else what the last one says.
 */
export function outcomeOf(e) {
  const last = attemptOutcome(e);
  if (last === 'unknown') return last;
  return (e?.earlier ?? []).some((a) => attemptOutcome(a) === 'unknown') ? 'unknown' : last;
}

/** What one attempt's error says on its own. */
function attemptOutcome(e) {
  if (!(e instanceof SdkError)) return 'unknown';
  if (UNSENT.has(e)) return 'unsent';
  switch (e.code) {
    case 'INVALID_PARAM':
    case 'INVALID_CONFIG':
    case 'RATE_LIMITED':
      return 'unsent';
    case 'BIZ_ERROR':
      return 'refused';
    case 'TOP_ERROR': {
      const code = Number(e.platformCode);
      if (String(e.subCode ?? '').startsWith('isp.')) return 'unknown';
      if (code === 7) return 'unsent';
      return TOP_REFUSALS.has(code) ? 'refused' : 'unknown';
    }
    case 'U8_ERROR':
      // A documented failure that says to try again later (busy, too many calls) applied
      // nothing, and the same records may go again.
      if (!U8_REFUSALS.has(String(e.platformCode))) return 'unknown';
      return e.retriable ? 'unsent' : 'refused';
    default:
      return 'unknown';
  }
}
