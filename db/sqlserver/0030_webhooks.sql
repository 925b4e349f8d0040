-- Issue 22: webhooks. Subscriptions, the messages fanned out from the change log (the transactional outbox), one
-- delivery per message and subscription, each attempt at it, and how far the change log has been fanned out.
CREATE TABLE webhook_subscriptions (
    id                         uniqueidentifier  NOT NULL CONSTRAINT pk_webhook_subscriptions PRIMARY KEY,
    url                        nvarchar(2000)    NOT NULL,
    event_types                nvarchar(max)     NOT NULL,
    description                nvarchar(1000)    NULL,
    cleared                    bit               NOT NULL,
    active                     bit               NOT NULL,
    secret_protected           nvarchar(1000)    NOT NULL,
    previous_secret_protected  nvarchar(1000)    NULL,
    previous_secret_expires_at datetimeoffset(7) NULL,
    disabled_reason            nvarchar(1000)    NULL,
    disabled_at                datetimeoffset(7) NULL,
    version                    int               NOT NULL,
    created_at                 datetimeoffset(7) NOT NULL,
    updated_at                 datetimeoffset(7) NOT NULL
);

-- The fan-out reads the active subscriptions at every round.
CREATE INDEX ix_webhook_subscriptions_active ON webhook_subscriptions (active);

CREATE TABLE webhook_messages (
    sequence    bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_webhook_messages PRIMARY KEY CLUSTERED,
    id          nvarchar(40)      NOT NULL,
    type        nvarchar(100)     NOT NULL,
    entity_type nvarchar(50)      NULL,
    entity_id   uniqueidentifier  NULL,
    payload     nvarchar(max)     NOT NULL,
    sensitive   bit               NOT NULL,
    created_at  datetimeoffset(7) NOT NULL
);

CREATE UNIQUE INDEX ux_webhook_messages_id ON webhook_messages (id);

CREATE TABLE webhook_deliveries (
    id               uniqueidentifier  NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
    subscription_id  uniqueidentifier  NOT NULL CONSTRAINT fk_webhook_deliveries_subscription REFERENCES webhook_subscriptions (id),
    message_sequence bigint            NOT NULL CONSTRAINT fk_webhook_deliveries_message REFERENCES webhook_messages (sequence),
    entity_key       nvarchar(100)     NOT NULL,
    status           nvarchar(20)      NOT NULL
        CONSTRAINT ck_webhook_deliveries_status CHECK (status IN (N'pending', N'delivered', N'failed', N'abandoned')),
    attempts         int               NOT NULL,
    started_at       datetimeoffset(7) NOT NULL,
    next_attempt_at  datetimeoffset(7) NULL,
    lease_until      datetimeoffset(7) NULL,
    last_status      int               NULL,
    last_error       nvarchar(1000)    NULL,
    delivered_at     datetimeoffset(7) NULL,
    created_at       datetimeoffset(7) NOT NULL
);

CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
-- A delivery waits for an earlier pending one about the same record (order per entity).
CREATE INDEX ix_webhook_deliveries_entity ON webhook_deliveries (subscription_id, entity_key, status, message_sequence);
CREATE INDEX ix_webhook_deliveries_subscription ON webhook_deliveries (subscription_id, message_sequence);
CREATE INDEX ix_webhook_deliveries_message ON webhook_deliveries (message_sequence);

CREATE TABLE webhook_attempts (
    id           bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_webhook_attempts PRIMARY KEY CLUSTERED,
    delivery_id  uniqueidentifier  NOT NULL CONSTRAINT fk_webhook_attempts_delivery REFERENCES webhook_deliveries (id),
    attempted_at datetimeoffset(7) NOT NULL,
    status_code  int               NULL,
    duration_ms  int               NOT NULL,
    error        nvarchar(1000)    NULL
);

CREATE INDEX ix_webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- One row: the position in the change feed (commit_order as bigint) up to which changes have become messages. The
-- first fan-out writes it at the present position, so an installation (or a database transferred from another
-- provider) does not fan out its history.
CREATE TABLE webhook_fanout (
    id            int    NOT NULL CONSTRAINT pk_webhook_fanout PRIMARY KEY CONSTRAINT ck_webhook_fanout_one_row CHECK (id = 1),
    last_position bigint NOT NULL
);
