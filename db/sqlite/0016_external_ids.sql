-- Ids other systems know a record by, unique per system; kept as JSON with the row and indexed here for lookups.
ALTER TABLE organisations ADD COLUMN external_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE contacts ADD COLUMN external_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE engagements ADD COLUMN external_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE commitments ADD COLUMN external_ids TEXT NOT NULL DEFAULT '[]';

CREATE TABLE external_ids (
    entity_type TEXT NOT NULL,
    system      TEXT NOT NULL,
    external_id TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    PRIMARY KEY (entity_type, system, external_id)
);
CREATE INDEX ix_external_ids_entity ON external_ids (entity_type, entity_id);
