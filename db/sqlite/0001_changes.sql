-- One row per entity touched by a command: the audit trail and the base of the change feed.
CREATE TABLE changes (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    entity_type TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    operation   TEXT    NOT NULL CHECK (operation IN ('created', 'updated', 'archived', 'restored')),
    version     INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    occurred_at TEXT    NOT NULL,
    data        TEXT    NOT NULL
);

CREATE INDEX ix_changes_entity ON changes (entity_type, entity_id, sequence);
