CREATE TABLE bodies (
    row_number  bigint IDENTITY(1, 1) NOT NULL,
    id          uniqueidentifier NOT NULL CONSTRAINT pk_bodies PRIMARY KEY NONCLUSTERED,
    name        nvarchar(400)    NOT NULL,
    name_key    nvarchar(400)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    kind        nvarchar(20)     NOT NULL CONSTRAINT ck_bodies_kind
        CHECK (kind IN (N'forum', N'codeOfConduct', N'codeOfPractice', N'alliance', N'principles', N'other')),
    convener_id uniqueidentifier NULL CONSTRAINT fk_bodies_convener REFERENCES organisations (id),
    website     nvarchar(2048)   NULL,
    description nvarchar(max)    NULL,
    version     int              NOT NULL,
    created_at  datetimeoffset(7) NOT NULL,
    updated_at  datetimeoffset(7) NOT NULL,
    archived    bit              NOT NULL CONSTRAINT df_bodies_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_bodies ON bodies (row_number);
CREATE UNIQUE INDEX ux_bodies_live_name ON bodies (name_key) WHERE archived = 0;
CREATE INDEX ix_bodies_name ON bodies (name_key, id);
CREATE INDEX ix_bodies_kind ON bodies (kind, name_key, id);
CREATE INDEX ix_bodies_convener ON bodies (convener_id);
