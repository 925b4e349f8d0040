-- Ids other systems know a record by, unique per system; kept as JSON with the row and indexed here for lookups.
ALTER TABLE organisations ADD external_ids nvarchar(max) NOT NULL CONSTRAINT df_organisations_external_ids DEFAULT N'[]';
ALTER TABLE contacts ADD external_ids nvarchar(max) NOT NULL CONSTRAINT df_contacts_external_ids DEFAULT N'[]';
ALTER TABLE engagements ADD external_ids nvarchar(max) NOT NULL CONSTRAINT df_engagements_external_ids DEFAULT N'[]';
ALTER TABLE commitments ADD external_ids nvarchar(max) NOT NULL CONSTRAINT df_commitments_external_ids DEFAULT N'[]';

CREATE TABLE external_ids (
    entity_type nvarchar(30)     NOT NULL,
    system      nvarchar(50)     COLLATE Latin1_General_100_BIN2 NOT NULL,
    external_id nvarchar(200)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    entity_id   uniqueidentifier NOT NULL,
    CONSTRAINT pk_external_ids PRIMARY KEY (entity_type, system, external_id)
);
CREATE INDEX ix_external_ids_entity ON external_ids (entity_type, entity_id);
