CREATE TABLE organisations (
    id                       TEXT    NOT NULL PRIMARY KEY,
    name                     TEXT    NOT NULL,
    name_key                 TEXT    NOT NULL,
    kind                     TEXT    NOT NULL CHECK (kind IN ('company', 'ngo', 'association', 'publicAuthority', 'euInstitution', 'academic', 'other')),
    internal                 INTEGER NOT NULL CHECK (internal IN (0, 1)),
    transparency_register_id TEXT    NULL,
    country                  TEXT    NULL,
    website                  TEXT    NULL,
    aliases                  TEXT    NOT NULL,
    parent_id                TEXT    NULL REFERENCES organisations (id),
    tags                     TEXT    NOT NULL,
    notes                    TEXT    NULL,
    version                  INTEGER NOT NULL,
    created_at               TEXT    NOT NULL,
    updated_at               TEXT    NOT NULL,
    archived                 INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE UNIQUE INDEX ux_organisations_live_name ON organisations (name_key) WHERE archived = 0;
CREATE UNIQUE INDEX ux_organisations_live_register_id ON organisations (transparency_register_id)
    WHERE archived = 0 AND transparency_register_id IS NOT NULL;
CREATE INDEX ix_organisations_name ON organisations (name_key, id);
CREATE INDEX ix_organisations_created ON organisations (created_at, id);
CREATE INDEX ix_organisations_updated ON organisations (updated_at, id);
CREATE INDEX ix_organisations_kind ON organisations (kind, name_key, id);
CREATE INDEX ix_organisations_internal ON organisations (internal, name_key, id);
CREATE INDEX ix_organisations_country ON organisations (country, name_key, id);
CREATE INDEX ix_organisations_parent ON organisations (parent_id, name_key, id);

CREATE TABLE organisation_tags (
    tag_key         TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (tag_key, organisation_id)
);
CREATE INDEX ix_organisation_tags_organisation ON organisation_tags (organisation_id);
