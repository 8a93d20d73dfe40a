-- An order is looked up by its id across days and operators (GET /v1/orders/{order_id}): its
-- audited writes are read by this index in id order, never by a scan of the trail.
CREATE INDEX audit_order_id ON audit (order_id, id);
