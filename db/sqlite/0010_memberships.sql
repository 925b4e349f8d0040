CREATE TABLE memberships (
    id                   TEXT    NOT NULL PRIMARY KEY,
    organisation_id      TEXT    NOT NULL REFERENCES organisations (id),
    body_id              TEXT    NOT NULL REFERENCES bodies (id),
    status               TEXT    NOT NULL CHECK (status IN ('interested', 'applied', 'member', 'signatory', 'observer', 'suspended', 'withdrawn')),
    since                TEXT    NULL,
    until                TEXT    NULL,
    source_engagement_id TEXT    NULL REFERENCES engagements (id),
    notes                TEXT    NULL,
    version              INTEGER NOT NULL,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE UNIQUE INDEX ux_memberships_live_pair ON memberships (organisation_id, body_id) WHERE archived = 0;
CREATE INDEX ix_memberships_organisation ON memberships (organisation_id, id);
CREATE INDEX ix_memberships_body ON memberships (body_id, id);
CREATE INDEX ix_memberships_status ON memberships (status, id);
CREATE INDEX ix_memberships_engagement ON memberships (source_engagement_id);

-- Every status a membership has had and the day it took effect; effective_at is that day at 00:00 UTC for the timeline.
CREATE TABLE membership_history (
    id            TEXT    NOT NULL PRIMARY KEY,
    membership_id TEXT    NOT NULL REFERENCES memberships (id),
    sequence      INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    effective_on  TEXT    NOT NULL,
    effective_at  TEXT    NOT NULL,
    note          TEXT    NULL,
    actor         TEXT    NOT NULL,
    occurred_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_membership_history_sequence ON membership_history (membership_id, sequence);
CREATE INDEX ix_membership_history_effective ON membership_history (membership_id, effective_on);
