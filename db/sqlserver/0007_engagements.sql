CREATE TABLE engagements (
    row_number      bigint IDENTITY(1, 1) NOT NULL,
    id              uniqueidentifier NOT NULL CONSTRAINT pk_engagements PRIMARY KEY NONCLUSTERED,
    title           nvarchar(600)    NOT NULL,
    kind            nvarchar(20)     NOT NULL CONSTRAINT ck_engagements_kind
        CHECK (kind IN (N'meeting', N'call', N'videoConference', N'visit', N'workshop', N'conference', N'correspondence', N'other')),
    status          nvarchar(10)     NOT NULL CONSTRAINT ck_engagements_status CHECK (status IN (N'planned', N'held', N'cancelled')),
    starts_at       datetimeoffset(7) NOT NULL,
    ends_at         datetimeoffset(7) NULL,
    location        nvarchar(400)    NULL,
    purpose         nvarchar(max)    NULL,
    summary         nvarchar(max)    NULL,
    author_id       uniqueidentifier NULL CONSTRAINT fk_engagements_author REFERENCES contacts (id),
    confidentiality nvarchar(10)     NOT NULL CONSTRAINT ck_engagements_confidentiality CHECK (confidentiality IN (N'public', N'internal', N'sensitive')),
    version         int              NOT NULL,
    created_at      datetimeoffset(7) NOT NULL,
    updated_at      datetimeoffset(7) NOT NULL,
    archived        bit              NOT NULL CONSTRAINT df_engagements_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_engagements ON engagements (row_number);
CREATE INDEX ix_engagements_starts ON engagements (starts_at, id);
CREATE INDEX ix_engagements_updated ON engagements (updated_at, id);
CREATE INDEX ix_engagements_kind ON engagements (kind, starts_at, id);
CREATE INDEX ix_engagements_status ON engagements (status, starts_at, id);
CREATE INDEX ix_engagements_confidentiality ON engagements (confidentiality, starts_at, id);
CREATE INDEX ix_engagements_author ON engagements (author_id);

CREATE TABLE engagement_organisations (
    engagement_id   uniqueidentifier NOT NULL CONSTRAINT fk_engagement_organisations_engagement REFERENCES engagements (id),
    position        int              NOT NULL,
    organisation_id uniqueidentifier NOT NULL CONSTRAINT fk_engagement_organisations_organisation REFERENCES organisations (id),
    CONSTRAINT pk_engagement_organisations PRIMARY KEY (engagement_id, organisation_id)
);
CREATE INDEX ix_engagement_organisations_organisation ON engagement_organisations (organisation_id, engagement_id);

CREATE TABLE engagement_participants (
    engagement_id   uniqueidentifier NOT NULL CONSTRAINT fk_engagement_participants_engagement REFERENCES engagements (id),
    position        int              NOT NULL,
    contact_id      uniqueidentifier NOT NULL CONSTRAINT fk_engagement_participants_contact REFERENCES contacts (id),
    side            nvarchar(10)     NOT NULL CONSTRAINT ck_engagement_participants_side CHECK (side IN (N'internal', N'external')),
    role            nvarchar(200)    NULL,
    attended        bit              NOT NULL,
    title           nvarchar(400)    NULL,
    organisation_id uniqueidentifier NULL CONSTRAINT fk_engagement_participants_organisation REFERENCES organisations (id),
    CONSTRAINT pk_engagement_participants PRIMARY KEY (engagement_id, contact_id)
);
CREATE INDEX ix_engagement_participants_contact ON engagement_participants (contact_id, engagement_id);
CREATE INDEX ix_engagement_participants_organisation ON engagement_participants (organisation_id);

CREATE TABLE engagement_topics (
    engagement_id uniqueidentifier NOT NULL CONSTRAINT fk_engagement_topics_engagement REFERENCES engagements (id),
    position      int              NOT NULL,
    topic_id      uniqueidentifier NOT NULL CONSTRAINT fk_engagement_topics_topic REFERENCES topics (id),
    CONSTRAINT pk_engagement_topics PRIMARY KEY (engagement_id, topic_id)
);
CREATE INDEX ix_engagement_topics_topic ON engagement_topics (topic_id, engagement_id);

CREATE TABLE engagement_key_points (
    engagement_id uniqueidentifier NOT NULL CONSTRAINT fk_engagement_key_points_engagement REFERENCES engagements (id),
    position      int              NOT NULL,
    section       nvarchar(20)     NOT NULL CONSTRAINT ck_engagement_key_points_section CHECK (section IN (N'keyPoint', N'detail', N'position', N'conclusion')),
    text          nvarchar(max)    NOT NULL,
    CONSTRAINT pk_engagement_key_points PRIMARY KEY (engagement_id, position)
);

CREATE TABLE engagement_links (
    engagement_id uniqueidentifier NOT NULL CONSTRAINT fk_engagement_links_engagement REFERENCES engagements (id),
    position      int              NOT NULL,
    url           nvarchar(2048)   NOT NULL,
    title         nvarchar(600)    NULL,
    CONSTRAINT pk_engagement_links PRIMARY KEY (engagement_id, position)
);

CREATE TABLE engagement_distribution (
    engagement_id uniqueidentifier NOT NULL CONSTRAINT fk_engagement_distribution_engagement REFERENCES engagements (id),
    position      int              NOT NULL,
    contact_id    uniqueidentifier NOT NULL CONSTRAINT fk_engagement_distribution_contact REFERENCES contacts (id),
    kind          nvarchar(2)      NOT NULL CONSTRAINT ck_engagement_distribution_kind CHECK (kind IN (N'to', N'cc')),
    CONSTRAINT pk_engagement_distribution PRIMARY KEY (engagement_id, contact_id)
);
CREATE INDEX ix_engagement_distribution_contact ON engagement_distribution (contact_id, engagement_id);

-- Distinct words of the title, purpose, summary and key points, searched by prefix range for q.
CREATE TABLE engagement_words (
    word          nvarchar(100)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    engagement_id uniqueidentifier NOT NULL CONSTRAINT fk_engagement_words_engagement REFERENCES engagements (id),
    CONSTRAINT pk_engagement_words PRIMARY KEY (word, engagement_id)
);
CREATE INDEX ix_engagement_words_engagement ON engagement_words (engagement_id);
