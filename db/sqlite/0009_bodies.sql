CREATE TABLE bodies (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('forum', 'codeOfConduct', 'codeOfPractice', 'alliance', 'principles', 'other')),
    convener_id TEXT    NULL REFERENCES organisations (id),
    website     TEXT    NULL,
    description TEXT    NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE UNIQUE INDEX ux_bodies_live_name ON bodies (name_key) WHERE archived = 0;
CREATE INDEX ix_bodies_name ON bodies (name_key, id);
CREATE INDEX ix_bodies_kind ON bodies (kind, name_key, id);
CREATE INDEX ix_bodies_convener ON bodies (convener_id);
