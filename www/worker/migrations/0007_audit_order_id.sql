-- The trail filtered by order (`order_id`): an index ending in id, like the other filters, so a
-- page walks back from its cursor without sorting.
CREATE INDEX audit_order_id ON audit (order_id, id);
