-- The trail is read newest first by a cursor (the rows before an id), never by OFFSET: each
-- filter has an index ending in id, so a page walks back from its cursor in id order and never
-- sorts. (operator, day, id) made SQLite sort an operator's days by id; (operator, id) replaces
-- it, the day range filtered on the way.
DROP INDEX IF EXISTS audit_operator;
CREATE INDEX audit_operator_id ON audit (operator, id);
CREATE INDEX audit_customer_id ON audit (customer, id);
CREATE INDEX audit_operation_id ON audit (operation, id);
