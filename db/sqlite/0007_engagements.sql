CREATE TABLE engagements (
    id              TEXT    NOT NULL PRIMARY KEY,
    title           TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('meeting', 'call', 'videoConference', 'visit', 'workshop', 'conference', 'correspondence', 'other')),
    status          TEXT    NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    starts_at       TEXT    NOT NULL,
    ends_at         TEXT    NULL,
    location        TEXT    NULL,
    purpose         TEXT    NULL,
    summary         TEXT    NULL,
    author_id       TEXT    NULL REFERENCES contacts (id),
    confidentiality TEXT    NOT NULL CHECK (confidentiality IN ('public', 'internal', 'sensitive')),
    version         INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE INDEX ix_engagements_starts ON engagements (starts_at, id);
CREATE INDEX ix_engagements_updated ON engagements (updated_at, id);
CREATE INDEX ix_engagements_kind ON engagements (kind, starts_at, id);
CREATE INDEX ix_engagements_status ON engagements (status, starts_at, id);
CREATE INDEX ix_engagements_confidentiality ON engagements (confidentiality, starts_at, id);
CREATE INDEX ix_engagements_author ON engagements (author_id);

CREATE TABLE engagement_organisations (
    engagement_id   TEXT    NOT NULL REFERENCES engagements (id),
    position        INTEGER NOT NULL,
    organisation_id TEXT    NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (engagement_id, organisation_id)
);
CREATE INDEX ix_engagement_organisations_organisation ON engagement_organisations (organisation_id, engagement_id);

CREATE TABLE engagement_participants (
    engagement_id   TEXT    NOT NULL REFERENCES engagements (id),
    position        INTEGER NOT NULL,
    contact_id      TEXT    NOT NULL REFERENCES contacts (id),
    side            TEXT    NOT NULL CHECK (side IN ('internal', 'external')),
    role            TEXT    NULL,
    attended        INTEGER NOT NULL CHECK (attended IN (0, 1)),
    title           TEXT    NULL,
    organisation_id TEXT    NULL REFERENCES organisations (id),
    PRIMARY KEY (engagement_id, contact_id)
);
CREATE INDEX ix_engagement_participants_contact ON engagement_participants (contact_id, engagement_id);
CREATE INDEX ix_engagement_participants_organisation ON engagement_participants (organisation_id);

CREATE TABLE engagement_topics (
    engagement_id TEXT    NOT NULL REFERENCES engagements (id),
    position      INTEGER NOT NULL,
    topic_id      TEXT    NOT NULL REFERENCES topics (id),
    PRIMARY KEY (engagement_id, topic_id)
);
CREATE INDEX ix_engagement_topics_topic ON engagement_topics (topic_id, engagement_id);

CREATE TABLE engagement_key_points (
    engagement_id TEXT    NOT NULL REFERENCES engagements (id),
    position      INTEGER NOT NULL,
    section       TEXT    NOT NULL CHECK (section IN ('keyPoint', 'detail', 'position', 'conclusion')),
    text          TEXT    NOT NULL,
    PRIMARY KEY (engagement_id, position)
);

CREATE TABLE engagement_links (
    engagement_id TEXT    NOT NULL REFERENCES engagements (id),
    position      INTEGER NOT NULL,
    url           TEXT    NOT NULL,
    title         TEXT    NULL,
    PRIMARY KEY (engagement_id, position)
);

CREATE TABLE engagement_distribution (
    engagement_id TEXT    NOT NULL REFERENCES engagements (id),
    position      INTEGER NOT NULL,
    contact_id    TEXT    NOT NULL REFERENCES contacts (id),
    kind          TEXT    NOT NULL CHECK (kind IN ('to', 'cc')),
    PRIMARY KEY (engagement_id, contact_id)
);
CREATE INDEX ix_engagement_distribution_contact ON engagement_distribution (contact_id, engagement_id);

-- Distinct words of the title, purpose, summary and key points, searched by prefix range for q.
CREATE TABLE engagement_words (
    word          TEXT NOT NULL,
    engagement_id TEXT NOT NULL REFERENCES engagements (id),
    PRIMARY KEY (word, engagement_id)
);
CREATE INDEX ix_engagement_words_engagement ON engagement_words (engagement_id);
