-- The proxy's audit trail: one row per call, written even when the call fails. The proxy
-- only inserts and reads; nothing it does updates or deletes a row.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,              -- ISO time the call arrived (UTC)
  day TEXT NOT NULL,             -- its day in the shop's zone, GMT+8 (yyyy-MM-dd)
  operator TEXT,
  role TEXT,
  operation TEXT,                -- TOP method, or u8:<api>
  request_id TEXT,
  order_id TEXT,
  points TEXT,                   -- what the call moves, as exact integers
  value TEXT,
  customer TEXT,                 -- masked: never a full mobile number
  outcome TEXT NOT NULL,         -- ok, replayed, or the error code
  status INTEGER NOT NULL,
  platform_code TEXT,
  upstream_ms INTEGER
);
CREATE INDEX audit_day ON audit (day, id);
CREATE INDEX audit_operator ON audit (operator, day, id);
