CREATE TABLE commitments (
    row_number            bigint IDENTITY(1, 1) NOT NULL,
    id                    uniqueidentifier NOT NULL CONSTRAINT pk_commitments PRIMARY KEY NONCLUSTERED,
    title                 nvarchar(600)    NOT NULL,
    description           nvarchar(max)    NULL,
    direction             nvarchar(10)     NOT NULL CONSTRAINT ck_commitments_direction CHECK (direction IN (N'theirs', N'ours')),
    organisation_id       uniqueidentifier NOT NULL CONSTRAINT fk_commitments_organisation REFERENCES organisations (id),
    made_in_engagement_id uniqueidentifier NULL CONSTRAINT fk_commitments_engagement REFERENCES engagements (id),
    committed_by_id       uniqueidentifier NULL CONSTRAINT fk_commitments_committed_by REFERENCES contacts (id),
    owner_id              uniqueidentifier NULL CONSTRAINT fk_commitments_owner REFERENCES contacts (id),
    category              nvarchar(20)     NOT NULL CONSTRAINT ck_commitments_category
        CHECK (category IN (N'membership', N'presentation', N'visit', N'workshop', N'report', N'policyChange', N'dataSharing', N'other')),
    due_date              date             NULL,
    due_sort              date             NOT NULL,
    target_event          nvarchar(600)    NULL,
    topic_ids             nvarchar(max)    NOT NULL,
    status                nvarchar(20)     NOT NULL CONSTRAINT ck_commitments_status
        CHECK (status IN (N'proposed', N'open', N'inProgress', N'fulfilled', N'withdrawn', N'lapsed')),
    version               int              NOT NULL,
    created_at            datetimeoffset(7) NOT NULL,
    updated_at            datetimeoffset(7) NOT NULL,
    archived              bit              NOT NULL CONSTRAINT df_commitments_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_commitments ON commitments (row_number);
CREATE INDEX ix_commitments_due ON commitments (due_sort, id);
CREATE INDEX ix_commitments_updated ON commitments (updated_at, id);
CREATE INDEX ix_commitments_organisation ON commitments (organisation_id, due_sort, id);
CREATE INDEX ix_commitments_status ON commitments (status, due_sort, id);
CREATE INDEX ix_commitments_owner ON commitments (owner_id, due_sort, id);
CREATE INDEX ix_commitments_engagement ON commitments (made_in_engagement_id);
CREATE INDEX ix_commitments_committed_by ON commitments (committed_by_id);
CREATE INDEX ix_commitments_direction ON commitments (direction, due_sort, id);

CREATE TABLE commitment_topics (
    commitment_id uniqueidentifier NOT NULL CONSTRAINT fk_commitment_topics_commitment REFERENCES commitments (id),
    position      int              NOT NULL,
    topic_id      uniqueidentifier NOT NULL CONSTRAINT fk_commitment_topics_topic REFERENCES topics (id),
    CONSTRAINT pk_commitment_topics PRIMARY KEY (commitment_id, topic_id)
);
CREATE INDEX ix_commitment_topics_topic ON commitment_topics (topic_id, commitment_id);

-- Every status a commitment has had: who moved it, when, why, and the evidence.
CREATE TABLE commitment_transitions (
    id                     uniqueidentifier NOT NULL CONSTRAINT pk_commitment_transitions PRIMARY KEY NONCLUSTERED,
    commitment_id          uniqueidentifier NOT NULL CONSTRAINT fk_commitment_transitions_commitment REFERENCES commitments (id),
    sequence               int              NOT NULL,
    from_status            nvarchar(20)     NULL,
    to_status              nvarchar(20)     NOT NULL,
    note                   nvarchar(max)    NULL,
    evidence_engagement_id uniqueidentifier NULL CONSTRAINT fk_commitment_transitions_evidence REFERENCES engagements (id),
    evidence_url           nvarchar(2048)   NULL,
    evidence_note          nvarchar(max)    NULL,
    actor                  nvarchar(200)    NOT NULL,
    occurred_at            datetimeoffset(7) NOT NULL
);
CREATE UNIQUE CLUSTERED INDEX ux_commitment_transitions_sequence ON commitment_transitions (commitment_id, sequence);
CREATE INDEX ix_commitment_transitions_evidence ON commitment_transitions (evidence_engagement_id);
