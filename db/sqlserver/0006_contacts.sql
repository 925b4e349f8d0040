CREATE TABLE contacts (
    row_number              bigint IDENTITY(1, 1) NOT NULL,
    id                      uniqueidentifier NOT NULL CONSTRAINT pk_contacts PRIMARY KEY NONCLUSTERED,
    full_name               nvarchar(400)    NOT NULL,
    name_key                nvarchar(400)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    email                   nvarchar(254)    NULL,
    phone                   nvarchar(50)     NULL,
    notes                   nvarchar(max)    NULL,
    positions               nvarchar(max)    NOT NULL,
    current_organisation_id uniqueidentifier NULL CONSTRAINT fk_contacts_current_organisation REFERENCES organisations (id),
    current_title           nvarchar(400)    NULL,
    version                 int              NOT NULL,
    created_at              datetimeoffset(7) NOT NULL,
    updated_at              datetimeoffset(7) NOT NULL,
    archived                bit              NOT NULL CONSTRAINT df_contacts_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_contacts ON contacts (row_number);
CREATE INDEX ix_contacts_name ON contacts (name_key, id);
CREATE INDEX ix_contacts_updated ON contacts (updated_at, id);
CREATE INDEX ix_contacts_current_organisation ON contacts (current_organisation_id, name_key, id);

-- Every position of every contact, for "who has ever worked there".
CREATE TABLE contact_positions (
    contact_id      uniqueidentifier NOT NULL CONSTRAINT fk_contact_positions_contact REFERENCES contacts (id),
    position_no     int              NOT NULL,
    organisation_id uniqueidentifier NOT NULL CONSTRAINT fk_contact_positions_organisation REFERENCES organisations (id),
    from_date       date             NULL,
    to_date         date             NULL,
    CONSTRAINT pk_contact_positions PRIMARY KEY (contact_id, position_no)
);

CREATE INDEX ix_contact_positions_organisation ON contact_positions (organisation_id, contact_id);
