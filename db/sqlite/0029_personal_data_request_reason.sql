-- Issue 21: SQL Server widens personal_data_requests.reason (a restriction logs "Restricted: " and up to 1000
-- characters); SQLite text has no declared length, so there is nothing to change here.
SELECT 1;
