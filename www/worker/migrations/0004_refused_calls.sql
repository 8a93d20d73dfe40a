-- Refused calls past the first few an operator makes in a minute (over a limit, out of scope,
-- forbidden, invalid): counted, one row per operator, minute and outcome, never one per call.
CREATE TABLE refused_calls (
  minute TEXT NOT NULL,          -- GMT+8, yyyy-MM-ddTHH:mm
  operator TEXT NOT NULL,
  outcome TEXT NOT NULL,         -- the error code the calls were refused with
  count INTEGER NOT NULL,
  PRIMARY KEY (minute, operator, outcome)
);
