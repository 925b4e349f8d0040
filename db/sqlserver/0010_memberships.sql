CREATE TABLE memberships (
    row_number           bigint IDENTITY(1, 1) NOT NULL,
    id                   uniqueidentifier NOT NULL CONSTRAINT pk_memberships PRIMARY KEY NONCLUSTERED,
    organisation_id      uniqueidentifier NOT NULL CONSTRAINT fk_memberships_organisation REFERENCES organisations (id),
    body_id              uniqueidentifier NOT NULL CONSTRAINT fk_memberships_body REFERENCES bodies (id),
    status               nvarchar(20)     NOT NULL CONSTRAINT ck_memberships_status
        CHECK (status IN (N'interested', N'applied', N'member', N'signatory', N'observer', N'suspended', N'withdrawn')),
    since                date             NULL,
    until                date             NULL,
    source_engagement_id uniqueidentifier NULL CONSTRAINT fk_memberships_engagement REFERENCES engagements (id),
    notes                nvarchar(max)    NULL,
    version              int              NOT NULL,
    created_at           datetimeoffset(7) NOT NULL,
    updated_at           datetimeoffset(7) NOT NULL,
    archived             bit              NOT NULL CONSTRAINT df_memberships_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_memberships ON memberships (row_number);
CREATE UNIQUE INDEX ux_memberships_live_pair ON memberships (organisation_id, body_id) WHERE archived = 0;
CREATE INDEX ix_memberships_organisation ON memberships (organisation_id, id);
CREATE INDEX ix_memberships_body ON memberships (body_id, id);
CREATE INDEX ix_memberships_status ON memberships (status, id);
CREATE INDEX ix_memberships_engagement ON memberships (source_engagement_id);

-- Every status a membership has had and the day it took effect; effective_at is that day at 00:00 UTC for the timeline.
CREATE TABLE membership_history (
    id            uniqueidentifier NOT NULL CONSTRAINT pk_membership_history PRIMARY KEY NONCLUSTERED,
    membership_id uniqueidentifier NOT NULL CONSTRAINT fk_membership_history_membership REFERENCES memberships (id),
    sequence      int              NOT NULL,
    status        nvarchar(20)     NOT NULL,
    effective_on  date             NOT NULL,
    effective_at  datetimeoffset(7) NOT NULL,
    note          nvarchar(max)    NULL,
    actor         nvarchar(200)    NOT NULL,
    occurred_at   datetimeoffset(7) NOT NULL
);
CREATE UNIQUE CLUSTERED INDEX ux_membership_history_sequence ON membership_history (membership_id, sequence);
CREATE INDEX ix_membership_history_effective ON membership_history (membership_id, effective_on);
