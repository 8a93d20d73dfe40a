-- Bulk jobs: one operation over the rows of a CSV file (the file itself, and the results file,
-- in R2). Audit rows of a job's calls name the job.
ALTER TABLE audit ADD COLUMN job TEXT;

-- One row per job (a Workflow instance of the same id once started).
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  operator TEXT NOT NULL,
  role TEXT NOT NULL,
  scope TEXT NOT NULL,             -- JSON: the operator's scope when the file was uploaded
  brands TEXT NOT NULL,            -- JSON list: the brands its rows name (who else may read it)
  operation TEXT NOT NULL,         -- TOP method, or u8:<api>
  platform TEXT NOT NULL,          -- top or u8: whose pace it keeps
  status TEXT NOT NULL,            -- ready, running, done, failed, cancelled
  cancel INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL,
  effect TEXT NOT NULL,            -- JSON {points, value, vouchers}: exact integers as text
  day TEXT,                        -- the GMT+8 day its effect was reserved against
  created_at TEXT NOT NULL,        -- ISO, UTC
  started_at TEXT,
  finished_at TEXT,
  error TEXT
);
CREATE INDEX jobs_operator ON jobs (operator, created_at);
CREATE INDEX jobs_status ON jobs (status, platform);

-- One row per row of a job's file: what is sent, and once it ends, what became of it.
CREATE TABLE job_rows (
  job TEXT NOT NULL,
  row INTEGER NOT NULL,            -- the file's line number of the row (the header is line 1)
  params TEXT NOT NULL,            -- JSON: the business parameters, its request id included
  request_id TEXT NOT NULL,        -- derived from the job and the row: the same on every retry
  effect TEXT NOT NULL,            -- JSON {points, value, vouchers}
  outcome TEXT,                    -- null until it ends: applied, refused, unknown
  code TEXT,                       -- the platform's code (or the proxy's refusal)
  message TEXT,
  tries INTEGER NOT NULL DEFAULT 0,-- attempts whose outcome was unknown or transient
  not_before INTEGER,              -- epoch ms: a row backing off is not sent before this
  PRIMARY KEY (job, row)
);
CREATE INDEX job_rows_open ON job_rows (job, outcome, row);
