-- The change feed filtered by entity type reads in sequence order; one writer at a time makes that the commit order.
CREATE INDEX ix_changes_type_sequence ON changes (entity_type, sequence);
