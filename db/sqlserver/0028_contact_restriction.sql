-- Issue 21: a contact whose processing is restricted (Article 20 of Regulation (EU) 2018/1725) is kept, but shown
-- only to admins, and not edited until the restriction is lifted.
ALTER TABLE contacts ADD restricted bit NOT NULL CONSTRAINT df_contacts_restricted DEFAULT 0;
GO

-- The few restricted contacts, for the reads that leave them out by id (the change feed).
CREATE INDEX ix_contacts_restricted ON contacts (restricted) WHERE restricted = 1;
