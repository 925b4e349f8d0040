-- The EU Transparency Register as last imported (issue 20): one row per identification code, kept when it leaves the
-- register (listed = 0 from delisted_on). content_hash covers the fields kept, so an import rewrites only what changed.
CREATE TABLE register_entries (
    identification_code TEXT    NOT NULL PRIMARY KEY,
    name                TEXT    NOT NULL,
    name_key            TEXT    NOT NULL,
    acronym             TEXT    NULL,
    category            TEXT    NULL,
    country             TEXT    NULL,
    website             TEXT    NULL,
    registered_on       TEXT    NULL,
    listed              INTEGER NOT NULL CHECK (listed IN (0, 1)),
    delisted_on         TEXT    NULL,
    content_hash        TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);

CREATE INDEX ix_register_entries_name ON register_entries (name_key, identification_code);

-- Word-suffixes of an entry's name and acronym, searched by prefix range for q (as search_terms, keyed by code).
CREATE TABLE register_entry_terms (
    term                TEXT NOT NULL,
    identification_code TEXT NOT NULL REFERENCES register_entries (identification_code),
    PRIMARY KEY (term, identification_code)
);

CREATE INDEX ix_register_entry_terms_entry ON register_entry_terms (identification_code);

-- One row per import: who, when, the file's date and what it changed.
CREATE TABLE register_imports (
    id               TEXT    NOT NULL PRIMARY KEY,
    imported_at      TEXT    NOT NULL,
    imported_by      TEXT    NOT NULL,
    file_date        TEXT    NULL,
    effective_on     TEXT    NOT NULL,
    entries          INTEGER NOT NULL,
    added            INTEGER NOT NULL,
    changed          INTEGER NOT NULL,
    unchanged        INTEGER NOT NULL,
    no_longer_listed INTEGER NOT NULL
);
