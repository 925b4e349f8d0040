CREATE TABLE api_keys (
    row_number  bigint IDENTITY(1, 1) NOT NULL,
    id          uniqueidentifier NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY NONCLUSTERED,
    name        nvarchar(100)    NOT NULL,
    role        nvarchar(10)     NOT NULL CONSTRAINT ck_api_keys_role CHECK (role IN (N'reader', N'editor', N'admin')),
    secret_hash char(64)         NOT NULL,
    created_at  datetimeoffset(7) NOT NULL,
    created_by  nvarchar(200)    NOT NULL,
    revoked_at  datetimeoffset(7) NULL
);

CREATE UNIQUE CLUSTERED INDEX cx_api_keys ON api_keys (row_number);
CREATE UNIQUE INDEX ux_api_keys_secret_hash ON api_keys (secret_hash);
CREATE UNIQUE INDEX ux_api_keys_live_name ON api_keys (name) WHERE revoked_at IS NULL;
