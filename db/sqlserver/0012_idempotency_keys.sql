-- Idempotency-Key records: the key per caller, a hash of the request and the response to replay, until expires_at.
CREATE TABLE idempotency_keys (
    caller          nvarchar(100)    NOT NULL,
    idempotency_key nvarchar(255)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    request_hash    char(64)         NOT NULL,
    status_code     int              NOT NULL,
    location        nvarchar(2048)   NULL,
    etag            nvarchar(100)    NULL,
    body            nvarchar(max)    NOT NULL,
    created_at      datetimeoffset(7) NOT NULL,
    expires_at      datetimeoffset(7) NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
