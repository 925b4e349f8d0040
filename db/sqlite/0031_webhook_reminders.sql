-- Issue 22: the reminders emitted, one per record, occasion and date, so that each is sent once whatever the restarts;
-- with several instances the primary key lets only one of them emit it.
CREATE TABLE webhook_reminders (
    entity_id  TEXT NOT NULL,
    occasion   TEXT NOT NULL CHECK (occasion IN ('commitment.dueSoon', 'commitment.overdue', 'publication.due', 'publication.overdue')),
    due_on     TEXT NOT NULL,
    emitted_at TEXT NOT NULL,
    PRIMARY KEY (entity_id, occasion, due_on)
);
