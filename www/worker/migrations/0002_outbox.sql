-- Rows now come from each operator's Durable Object (its outbox): `entry` names the queued row,
-- so a row written twice after a failure is kept once. What a call moved in vouchers, and the
-- brand and shop it was made at. Refused sign-ins are counted, one row per client and minute,
-- never one per attempt.
ALTER TABLE audit ADD COLUMN entry TEXT;
ALTER TABLE audit ADD COLUMN vouchers TEXT;
ALTER TABLE audit ADD COLUMN brand TEXT;
ALTER TABLE audit ADD COLUMN shop TEXT;
CREATE UNIQUE INDEX audit_entry ON audit (entry);
CREATE TABLE refused_signins (
  minute TEXT NOT NULL,          -- GMT+8, yyyy-MM-ddTHH:mm
  client TEXT NOT NULL,          -- the client's address as Cloudflare gives it, or '*' past the cap
  count INTEGER NOT NULL,
  PRIMARY KEY (minute, client)
);
