-- Issue 20: the kinds the Commission's rules on interest representatives distinguish, an override of whether an
-- organisation is one (with its reason), and the function a participant held on the engagement's date.
-- SQLite cannot change a CHECK constraint, so the table is rebuilt. Foreign keys cannot be switched off inside the
-- migration's transaction; deferred, they hold again once the rows are back under the same ids.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE organisations_copy AS SELECT * FROM organisations;
DROP TABLE organisations;

CREATE TABLE organisations (
    id                       TEXT    NOT NULL PRIMARY KEY,
    name                     TEXT    NOT NULL,
    name_key                 TEXT    NOT NULL,
    kind                     TEXT    NOT NULL CHECK (kind IN ('company', 'ngo', 'association', 'publicAuthority', 'euInstitution', 'academic', 'other', 'consultancy', 'thinkTank', 'tradeUnion', 'religiousOrganisation', 'politicalParty', 'internationalOrganisation', 'thirdCountryAuthority', 'individual')),
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
    archived                 INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    external_ids             TEXT    NOT NULL DEFAULT '[]',
    interest_representative_override INTEGER NULL CHECK (interest_representative_override IN (0, 1)),
    interest_representative_reason   TEXT    NULL,
    CHECK ((interest_representative_override IS NULL) = (interest_representative_reason IS NULL))
);

INSERT INTO organisations (id, name, name_key, kind, internal, transparency_register_id, country, website, aliases,
    parent_id, tags, notes, version, created_at, updated_at, archived, external_ids)
SELECT id, name, name_key, kind, internal, transparency_register_id, country, website, aliases,
    parent_id, tags, notes, version, created_at, updated_at, archived, external_ids
FROM organisations_copy;
DROP TABLE organisations_copy;

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

ALTER TABLE engagement_participants ADD COLUMN staff_function TEXT NULL CHECK (staff_function IN ('member', 'cabinetMember',
    'secretaryGeneral', 'deputySecretaryGeneral', 'directorGeneral', 'deputyDirectorGeneral', 'director', 'headOfUnit', 'staff'));
