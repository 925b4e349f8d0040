-- Issue 21: a restriction's logged reason is "Restricted: " and up to 1000 characters, longer than nvarchar(1000) held.
ALTER TABLE personal_data_requests ALTER COLUMN reason nvarchar(max) NULL;
