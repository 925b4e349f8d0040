-- Idempotency-Key records: the key per caller, a hash of the request and the response to replay, until expires_at.
CREATE TABLE idempotency_keys (
    caller          TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    status_code     INTEGER NOT NULL,
    location        TEXT    NULL,
    etag            TEXT    NULL,
    body            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
