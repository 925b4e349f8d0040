CREATE TABLE topics (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    parent_id   TEXT    NULL REFERENCES topics (id),
    description TEXT    NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE UNIQUE INDEX ux_topics_live_name ON topics (name_key) WHERE archived = 0;
CREATE INDEX ix_topics_name ON topics (name_key, id);
CREATE INDEX ix_topics_parent ON topics (parent_id, name_key, id);
