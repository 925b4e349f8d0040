-- Issue 20: the publication duty of an engagement. meeting_date is the day it started in its own time zone, written by
-- the API; rows recorded before this migration get their UTC day, which differs only for meetings held around midnight.
-- The publication mark (published_on, publication_url), an exemption from publishing (ground and reason) and the
-- reason for meeting an unregistered interest representative are the editor's, each kept in the engagement's history.
ALTER TABLE engagements ADD COLUMN meeting_date TEXT NOT NULL DEFAULT '1970-01-01';
UPDATE engagements SET meeting_date = substr(starts_at, 1, 10);
ALTER TABLE engagements ADD COLUMN published_on TEXT NULL;
ALTER TABLE engagements ADD COLUMN publication_url TEXT NULL;
ALTER TABLE engagements ADD COLUMN exemption_ground TEXT NULL CHECK (exemption_ground IN ('spontaneousEncounter',
    'legalOrAdministrativeProcedure', 'contractOrGrant', 'socialDialogue', 'personalCapacity'));
ALTER TABLE engagements ADD COLUMN exemption_reason TEXT NULL;
ALTER TABLE engagements ADD COLUMN unregistered_override_reason TEXT NULL;

CREATE INDEX ix_engagements_meeting_date ON engagements (meeting_date, id);
