CREATE TABLE topics (
    row_number  bigint IDENTITY(1, 1) NOT NULL,
    id          uniqueidentifier NOT NULL CONSTRAINT pk_topics PRIMARY KEY NONCLUSTERED,
    name        nvarchar(400)    NOT NULL,
    name_key    nvarchar(400)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    parent_id   uniqueidentifier NULL CONSTRAINT fk_topics_parent REFERENCES topics (id),
    description nvarchar(max)    NULL,
    version     int              NOT NULL,
    created_at  datetimeoffset(7) NOT NULL,
    updated_at  datetimeoffset(7) NOT NULL,
    archived    bit              NOT NULL CONSTRAINT df_topics_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_topics ON topics (row_number);
CREATE UNIQUE INDEX ux_topics_live_name ON topics (name_key) WHERE archived = 0;
CREATE INDEX ix_topics_name ON topics (name_key, id);
CREATE INDEX ix_topics_parent ON topics (parent_id, name_key, id);
