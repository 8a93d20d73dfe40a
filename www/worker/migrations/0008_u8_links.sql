-- The link between a brand's customer and their U8 member: no API joins the two platforms'
-- members, so an operator sets it once and the proxy keeps it for every desk of the brand.
-- One member per customer and one customer per member, within a brand; only a role with the
-- `u8:link:replace` permission replaces a link (the row then names the member it replaced).
CREATE TABLE u8_links (
  brand TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  u8_member_id TEXT NOT NULL,
  linked_by TEXT NOT NULL,          -- the operator who set it
  linked_at TEXT NOT NULL,          -- ISO, UTC
  replaces TEXT,                    -- the member id it replaced, when a replacement
  entry TEXT NOT NULL UNIQUE,       -- the audit row's entry written with it
  PRIMARY KEY (brand, customer_id)
);
CREATE UNIQUE INDEX u8_links_member ON u8_links (brand, u8_member_id);

-- A U8 member's points as U8 last answered them through this proxy (`after_points` of an applied
-- points/change): U8 has no balance query, so this is the balance the console can show.
CREATE TABLE u8_balances (
  u8_member_id TEXT PRIMARY KEY,
  points TEXT NOT NULL,             -- an exact integer
  at TEXT NOT NULL                  -- ISO, UTC: when U8 answered it
);
