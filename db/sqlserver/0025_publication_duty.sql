-- Issue 20: the publication duty of an engagement. meeting_date is the day it started in its own time zone, written by
-- the API; rows recorded before this migration get their UTC day, which differs only for meetings held around midnight.
-- The publication mark (published_on, publication_url), an exemption from publishing (ground and reason) and the
-- reason for meeting an unregistered interest representative are the editor's, each kept in the engagement's history.
-- Reasons hold up to 1 000 characters, which is up to 2 000 UTF-16 code units. The script runs in two batches (the
-- UPDATE needs the columns compiled), so each step is guarded and a rerun after a failed second batch completes it.
IF COL_LENGTH('engagements', 'meeting_date') IS NULL
    ALTER TABLE engagements ADD meeting_date date NOT NULL CONSTRAINT df_engagements_meeting_date DEFAULT '19700101',
        published_on date NULL,
        publication_url nvarchar(2048) NULL,
        exemption_ground nvarchar(40) NULL CONSTRAINT ck_engagements_exemption_ground CHECK (exemption_ground IN (N'spontaneousEncounter',
            N'legalOrAdministrativeProcedure', N'contractOrGrant', N'socialDialogue', N'personalCapacity')),
        exemption_reason nvarchar(2000) NULL,
        unregistered_override_reason nvarchar(2000) NULL;
GO
UPDATE engagements SET meeting_date = CAST(SWITCHOFFSET(starts_at, '+00:00') AS date) WHERE meeting_date = '19700101';
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = 'ix_engagements_meeting_date' AND object_id = OBJECT_ID('engagements'))
    CREATE INDEX ix_engagements_meeting_date ON engagements (meeting_date, id);
