CREATE TABLE contacts (
    id                      TEXT    NOT NULL PRIMARY KEY,
    full_name               TEXT    NOT NULL,
    name_key                TEXT    NOT NULL,
    email                   TEXT    NULL,
    phone                   TEXT    NULL,
    notes                   TEXT    NULL,
    positions               TEXT    NOT NULL,
    current_organisation_id TEXT    NULL REFERENCES organisations (id),
    current_title           TEXT    NULL,
    version                 INTEGER NOT NULL,
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    archived                INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE INDEX ix_contacts_name ON contacts (name_key, id);
CREATE INDEX ix_contacts_updated ON contacts (updated_at, id);
CREATE INDEX ix_contacts_current_organisation ON contacts (current_organisation_id, name_key, id);

-- Every position of every contact, for "who has ever worked there".
CREATE TABLE contact_positions (
    contact_id      TEXT    NOT NULL REFERENCES contacts (id),
    position_no     INTEGER NOT NULL,
    organisation_id TEXT    NOT NULL REFERENCES organisations (id),
    from_date       TEXT    NULL,
    to_date         TEXT    NULL,
    PRIMARY KEY (contact_id, position_no)
);

CREATE INDEX ix_contact_positions_organisation ON contact_positions (organisation_id, contact_id);
