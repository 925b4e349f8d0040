-- Issue 21: a contact whose processing is restricted (Article 20 of Regulation (EU) 2018/1725) is kept, but shown
-- only to admins, and not edited until the restriction is lifted.
ALTER TABLE contacts ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1));

-- The few restricted contacts, for the reads that leave them out by id (the change feed).
CREATE INDEX ix_contacts_restricted ON contacts (restricted) WHERE restricted = 1;
