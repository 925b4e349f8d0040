-- Keys compared and sorted in code-point order, as SQLite does, so both databases page identically.
CREATE TABLE organisations (
    row_number               bigint IDENTITY(1, 1) NOT NULL,
    id                       uniqueidentifier NOT NULL CONSTRAINT pk_organisations PRIMARY KEY NONCLUSTERED,
    name                     nvarchar(400)    NOT NULL,
    name_key                 nvarchar(400)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind                     nvarchar(20)     NOT NULL CONSTRAINT ck_organisations_kind
        CHECK (kind IN (N'company', N'ngo', N'association', N'publicAuthority', N'euInstitution', N'academic', N'other')),
    internal                 bit              NOT NULL,
    transparency_register_id nvarchar(20)     NULL,
    country                  nchar(2)         NULL,
    website                  nvarchar(2048)   NULL,
    aliases                  nvarchar(max)    NOT NULL,
    parent_id                uniqueidentifier NULL CONSTRAINT fk_organisations_parent REFERENCES organisations (id),
    tags                     nvarchar(max)    NOT NULL,
    notes                    nvarchar(max)    NULL,
    version                  int              NOT NULL,
    created_at               datetimeoffset(7) NOT NULL,
    updated_at               datetimeoffset(7) NOT NULL,
    archived                 bit              NOT NULL CONSTRAINT df_organisations_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_organisations ON organisations (row_number);
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
    tag_key         nvarchar(200)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    organisation_id uniqueidentifier NOT NULL CONSTRAINT fk_organisation_tags_organisation REFERENCES organisations (id),
    CONSTRAINT pk_organisation_tags PRIMARY KEY (tag_key, organisation_id)
);
CREATE INDEX ix_organisation_tags_organisation ON organisation_tags (organisation_id);
