CREATE TABLE api_keys (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    secret_hash TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT NULL
);

CREATE UNIQUE INDEX ux_api_keys_secret_hash ON api_keys (secret_hash);
CREATE UNIQUE INDEX ux_api_keys_live_name ON api_keys (name) WHERE revoked_at IS NULL;
