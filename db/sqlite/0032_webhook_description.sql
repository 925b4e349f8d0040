-- Issue 22: SQL Server widens webhook_subscriptions.description (1000 characters may take 2000 UTF-16 units);
-- SQLite text has no declared length, so there is nothing to change here.
SELECT 1;
