-- The books. Audit rows written from now on say what a write's answer told of the platform's
-- ledger (`result`: applied, refused, unsent or unknown; null for reads and for calls the proxy
-- refused before sending) and what it moves, by category and signed (`moves`, JSON): the close
-- adds them up and a reconciliation run compares them with the platforms' flows. Rows are still
-- only inserted: a run's findings go to its own tables.
ALTER TABLE audit ADD COLUMN result TEXT;
ALTER TABLE audit ADD COLUMN moves TEXT;

-- One row per reconciliation run of a GMT+8 day (a Workflow instance of the same id).
CREATE TABLE recon_runs (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,               -- yyyy-MM-dd, GMT+8
  status TEXT NOT NULL,            -- running, done, failed
  started_by TEXT NOT NULL,        -- the operator, or "cron"
  scope TEXT NOT NULL,             -- JSON {"<brand_id>": ["<shop_id>"] or "*"}: what it reconciles
  created_at TEXT NOT NULL,        -- ISO, UTC
  finished_at TEXT,
  phase TEXT NOT NULL,             -- planning, reading, matching, settling, done
  calls_done INTEGER NOT NULL DEFAULT 0,   -- platform calls made so far
  calls_planned INTEGER NOT NULL DEFAULT 0,-- known so far (pages are learned as they come)
  summary TEXT,                    -- JSON counts by kind, once matched
  error TEXT
);
CREATE INDEX recon_runs_day ON recon_runs (day, created_at);

-- What the platform showed a run, page by page, until the run is done (its working set).
CREATE TABLE recon_flows (
  run_id TEXT NOT NULL,
  source TEXT NOT NULL,            -- points, value, account, voucher, u8
  flow_id TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (run_id, source, flow_id)
);

-- Which of a run's reads succeeded: what the platform's data covers.
CREATE TABLE recon_reads (
  run_id TEXT NOT NULL,
  task TEXT NOT NULL,              -- e.g. value|<shop>, points|<customer>|<shop>
  status TEXT NOT NULL,            -- done, failed
  detail TEXT,
  PRIMARY KEY (run_id, task)
);

-- What a run found: one item per audited write and per platform flow.
CREATE TABLE recon_items (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,              -- matched, settled_applied, settled_not_applied, not_in_audit, mismatched, unresolved
  rank INTEGER NOT NULL,           -- what to look at first: mismatched 0, not_in_audit 1, unresolved 2, settled 3, matched 4
  operation TEXT,
  order_id TEXT,
  request_id TEXT,
  customer TEXT,
  operator TEXT,
  brand TEXT,
  shop TEXT,
  at TEXT,                         -- ISO time of the write, or of the flow
  audit TEXT,                      -- JSON: what the audit recorded
  platform TEXT,                   -- JSON: what the platform showed
  note TEXT,
  PRIMARY KEY (run_id, seq)
);
CREATE INDEX recon_items_rank ON recon_items (run_id, rank, seq);
CREATE INDEX recon_items_key ON recon_items (operator, request_id);
