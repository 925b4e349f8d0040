-- Issue 21: who asked for a person's data, erased or restricted them, when and why; never the person's data itself.
CREATE TABLE personal_data_requests (
    id           uniqueidentifier  NOT NULL CONSTRAINT pk_personal_data_requests PRIMARY KEY,
    contact_id   uniqueidentifier  NOT NULL,
    kind         nvarchar(20)      NOT NULL CONSTRAINT ck_personal_data_requests_kind CHECK (kind IN (N'access', N'erasure', N'restriction', N'retention')),
    requested_by nvarchar(200)     NOT NULL,
    requested_at datetimeoffset(7) NOT NULL,
    reason       nvarchar(1000)    NULL
);

CREATE INDEX ix_personal_data_requests_contact ON personal_data_requests (contact_id, requested_at);
