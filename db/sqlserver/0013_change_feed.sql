-- Concurrent writers commit out of identity order, so the feed reads in rowversion order and only below
-- MIN_ACTIVE_ROWVERSION(): a transaction still open can never commit behind a position a reader has passed.
ALTER TABLE changes ADD commit_order rowversion NOT NULL;
GO
CREATE UNIQUE INDEX ux_changes_commit_order ON changes (commit_order);
CREATE INDEX ix_changes_type_commit_order ON changes (entity_type, commit_order);
