-- Issue 22: the reminders emitted, one per record, occasion and date, so that each is sent once whatever the restarts;
-- with several instances the primary key lets only one of them emit it.
CREATE TABLE webhook_reminders (
    entity_id  uniqueidentifier  NOT NULL,
    occasion   nvarchar(30)      NOT NULL
        CONSTRAINT ck_webhook_reminders_occasion CHECK (occasion IN (N'commitment.dueSoon', N'commitment.overdue', N'publication.due', N'publication.overdue')),
    due_on     date              NOT NULL,
    emitted_at datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_webhook_reminders PRIMARY KEY (entity_id, occasion, due_on)
);
