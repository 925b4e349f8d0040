-- Issue 21: an erased contact keeps its row under a pseudonym, marked so that it is erased only once; the change feed
-- gets an 'erased' operation.
ALTER TABLE contacts ADD erased_at datetimeoffset(7) NULL;
ALTER TABLE changes DROP CONSTRAINT ck_changes_operation;
ALTER TABLE changes ADD CONSTRAINT ck_changes_operation CHECK (operation IN (N'created', N'updated', N'archived', N'restored', N'erased'));
