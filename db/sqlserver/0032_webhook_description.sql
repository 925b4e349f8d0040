-- Issue 22: a description is up to 1000 characters, counted as code points: with emoji, up to 2000 UTF-16 units.
ALTER TABLE webhook_subscriptions ALTER COLUMN description nvarchar(2000) NULL;
