-- Issue 22: webhooks. Subscriptions, the messages fanned out from the change log (the transactional outbox), one
-- delivery per message and subscription, each attempt at it, and how far the change log has been fanned out.
CREATE TABLE webhook_subscriptions (
    id                         TEXT    NOT NULL PRIMARY KEY,
    url                        TEXT    NOT NULL,
    event_types                TEXT    NOT NULL,
    description                TEXT    NULL,
    cleared                    INTEGER NOT NULL,
    active                     INTEGER NOT NULL,
    secret_protected           TEXT    NOT NULL,
    previous_secret_protected  TEXT    NULL,
    previous_secret_expires_at TEXT    NULL,
    disabled_reason            TEXT    NULL,
    disabled_at                TEXT    NULL,
    version                    INTEGER NOT NULL,
    created_at                 TEXT    NOT NULL,
    updated_at                 TEXT    NOT NULL
);

-- The fan-out reads the active subscriptions at every round.
CREATE INDEX ix_webhook_subscriptions_active ON webhook_subscriptions (active);

CREATE TABLE webhook_messages (
    sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    entity_type TEXT    NULL,
    entity_id   TEXT    NULL,
    payload     TEXT    NOT NULL,
    sensitive   INTEGER NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE UNIQUE INDEX ux_webhook_messages_id ON webhook_messages (id);

CREATE TABLE webhook_deliveries (
    id               TEXT    NOT NULL PRIMARY KEY,
    subscription_id  TEXT    NOT NULL REFERENCES webhook_subscriptions (id),
    message_sequence INTEGER NOT NULL REFERENCES webhook_messages (sequence),
    entity_key       TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'abandoned')),
    attempts         INTEGER NOT NULL,
    started_at       TEXT    NOT NULL,
    next_attempt_at  TEXT    NULL,
    lease_until      TEXT    NULL,
    last_status      INTEGER NULL,
    last_error       TEXT    NULL,
    delivered_at     TEXT    NULL,
    created_at       TEXT    NOT NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
-- A delivery waits for an earlier pending one about the same record (order per entity).
CREATE INDEX ix_webhook_deliveries_entity ON webhook_deliveries (subscription_id, entity_key, status, message_sequence);
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, message_sequence);
CREATE INDEX ix_webhook_deliveries_message ON webhook_deliveries (message_sequence);

CREATE TABLE webhook_attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id  TEXT    NOT NULL REFERENCES webhook_deliveries (id),
    attempted_at TEXT    NOT NULL,
    status_code  INTEGER NULL,
    duration_ms  INTEGER NOT NULL,
    error        TEXT    NULL
);

CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- One row: the position in the change feed up to which changes have become messages. The first fan-out writes it at
-- the present position, so an installation (or a database transferred from another provider) does not fan out its history.
CREATE TABLE webhook_fanout (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    last_position INTEGER NOT NULL
);
