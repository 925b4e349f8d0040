-- One row per entity touched by a command: the audit trail and the base of the change feed.
CREATE TABLE changes (
    sequence    bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_changes PRIMARY KEY CLUSTERED,
    entity_type nvarchar(50)     NOT NULL,
    entity_id   uniqueidentifier NOT NULL,
    operation   nvarchar(20)     NOT NULL CONSTRAINT ck_changes_operation CHECK (operation IN (N'created', N'updated', N'archived', N'restored')),
    version     int              NOT NULL,
    actor       nvarchar(200)    NOT NULL,
    occurred_at datetimeoffset(7) NOT NULL,
    data        nvarchar(max)    NOT NULL
);

CREATE INDEX ix_changes_entity ON changes (entity_type, entity_id, sequence);
