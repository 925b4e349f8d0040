-- The EU Transparency Register as last imported (issue 20): one row per identification code, kept when it leaves the
-- register (listed = 0 from delisted_on). content_hash covers the fields kept, so an import rewrites only what changed.
CREATE TABLE register_entries (
    identification_code nvarchar(20)      NOT NULL CONSTRAINT pk_register_entries PRIMARY KEY,
    name                nvarchar(1000)    NOT NULL,
    name_key            nvarchar(400)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    acronym             nvarchar(400)     NULL,
    category            nvarchar(400)     NULL,
    country             nvarchar(200)     NULL,
    website             nvarchar(2048)    NULL,
    registered_on       date              NULL,
    listed              bit               NOT NULL,
    delisted_on         date              NULL,
    content_hash        nchar(64)         NOT NULL,
    updated_at          datetimeoffset(7) NOT NULL
);

CREATE INDEX ix_register_entries_name ON register_entries (name_key, identification_code);

-- Word-suffixes of an entry's name and acronym, searched by prefix range for q (as search_terms, keyed by code).
CREATE TABLE register_entry_terms (
    term                nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL,
    identification_code nvarchar(20)  NOT NULL
        CONSTRAINT fk_register_entry_terms_entry REFERENCES register_entries (identification_code),
    CONSTRAINT pk_register_entry_terms PRIMARY KEY (term, identification_code)
);

CREATE INDEX ix_register_entry_terms_entry ON register_entry_terms (identification_code);

-- One row per import: who, when, the file's date and what it changed.
CREATE TABLE register_imports (
    id               uniqueidentifier  NOT NULL CONSTRAINT pk_register_imports PRIMARY KEY,
    imported_at      datetimeoffset(7) NOT NULL,
    imported_by      nvarchar(200)     NOT NULL,
    file_date        date              NULL,
    effective_on     date              NOT NULL,
    entries          int               NOT NULL,
    added            int               NOT NULL,
    changed          int               NOT NULL,
    unchanged        int               NOT NULL,
    no_longer_listed int               NOT NULL
);
