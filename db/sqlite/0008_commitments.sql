CREATE TABLE commitments (
    id                    TEXT    NOT NULL PRIMARY KEY,
    title                 TEXT    NOT NULL,
    description           TEXT    NULL,
    direction             TEXT    NOT NULL CHECK (direction IN ('theirs', 'ours')),
    organisation_id       TEXT    NOT NULL REFERENCES organisations (id),
    made_in_engagement_id TEXT    NULL REFERENCES engagements (id),
    committed_by_id       TEXT    NULL REFERENCES contacts (id),
    owner_id              TEXT    NULL REFERENCES contacts (id),
    category              TEXT    NOT NULL CHECK (category IN ('membership', 'presentation', 'visit', 'workshop', 'report', 'policyChange', 'dataSharing', 'other')),
    due_date              TEXT    NULL,
    due_sort              TEXT    NOT NULL,
    target_event          TEXT    NULL,
    topic_ids             TEXT    NOT NULL,
    status                TEXT    NOT NULL CHECK (status IN ('proposed', 'open', 'inProgress', 'fulfilled', 'withdrawn', 'lapsed')),
    version               INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    archived              INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE INDEX ix_commitments_due ON commitments (due_sort, id);
CREATE INDEX ix_commitments_updated ON commitments (updated_at, id);
CREATE INDEX ix_commitments_organisation ON commitments (organisation_id, due_sort, id);
CREATE INDEX ix_commitments_status ON commitments (status, due_sort, id);
CREATE INDEX ix_commitments_owner ON commitments (owner_id, due_sort, id);
CREATE INDEX ix_commitments_engagement ON commitments (made_in_engagement_id);
CREATE INDEX ix_commitments_committed_by ON commitments (committed_by_id);
CREATE INDEX ix_commitments_direction ON commitments (direction, due_sort, id);

CREATE TABLE commitment_topics (
    commitment_id TEXT    NOT NULL REFERENCES commitments (id),
    position      INTEGER NOT NULL,
    topic_id      TEXT    NOT NULL REFERENCES topics (id),
    PRIMARY KEY (commitment_id, topic_id)
);
CREATE INDEX ix_commitment_topics_topic ON commitment_topics (topic_id, commitment_id);

-- Every status a commitment has had: who moved it, when, why, and the evidence.
CREATE TABLE commitment_transitions (
    id                     TEXT    NOT NULL PRIMARY KEY,
    commitment_id          TEXT    NOT NULL REFERENCES commitments (id),
    sequence               INTEGER NOT NULL,
    from_status            TEXT    NULL,
    to_status              TEXT    NOT NULL,
    note                   TEXT    NULL,
    evidence_engagement_id TEXT    NULL REFERENCES engagements (id),
    evidence_url           TEXT    NULL,
    evidence_note          TEXT    NULL,
    actor                  TEXT    NOT NULL,
    occurred_at            TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_commitment_transitions_sequence ON commitment_transitions (commitment_id, sequence);
CREATE INDEX ix_commitment_transitions_evidence ON commitment_transitions (evidence_engagement_id);
