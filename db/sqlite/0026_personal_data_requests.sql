-- Issue 21: who asked for a person's data, erased or restricted them, when and why; never the person's data itself.
CREATE TABLE personal_data_requests (
    id           TEXT NOT NULL PRIMARY KEY,
    contact_id   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('access', 'erasure', 'restriction', 'retention')),
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    reason       TEXT NULL
);

CREATE INDEX ix_personal_data_requests_contact ON personal_data_requests (contact_id, requested_at);
