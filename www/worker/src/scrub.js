// No configured secret, token or full mobile number leaves the proxy, whatever an upstream sends
// back: every error and audit row passes through here before it is answered, logged or stored.

const PATTERNS = [
  // Query parameters that carry credentials (U8's token request carries app_secret).
  [/\b(app_secret|appSecret|secret|token|access_token|sign)=([^&\s"'<>]+)/gi, '$1=[REDACTED]'],
  // Mainland mobile numbers: keep the first three and last four digits.
  [/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2'],
];

/** A function that scrubs strings, deep inside objects and arrays too. */
export function scrubber(config) {
  const secrets = [config.top.appSecret, config.u8.appSecret].filter((s) => typeof s === 'string' && s.length >= 4);
  const text = (s) => {
    let out = s;
    for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
    for (const [re, to] of PATTERNS) out = out.replace(re, to);
    return out;
  };
  const scrub = (v) => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(scrub);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
    return v;
  };
  return scrub;
}
