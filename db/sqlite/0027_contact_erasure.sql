-- Issue 21: an erased contact keeps its row under a pseudonym, marked so that it is erased only once; the change feed
-- gets an 'erased' operation. SQLite cannot change a CHECK constraint, so changes is rebuilt under the same sequences.
ALTER TABLE contacts ADD erased_at TEXT NULL;

CREATE TABLE changes_copy AS SELECT * FROM changes;
DROP TABLE changes;

CREATE TABLE changes (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    operation   TEXT    NOT NULL CHECK (operation IN ('created', 'updated', 'archived', 'restored', 'erased')),
    version     INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    occurred_at TEXT    NOT NULL,
    data        TEXT    NOT NULL
);

INSERT INTO changes (sequence, entity_type, entity_id, operation, version, actor, occurred_at, data)
SELECT sequence, entity_type, entity_id, operation, version, actor, occurred_at, data FROM changes_copy;
DROP TABLE changes_copy;

CREATE INDEX ix_changes_entity ON changes (entity_type, entity_id, sequence);
CREATE INDEX ix_changes_type_sequence ON changes (entity_type, sequence);
