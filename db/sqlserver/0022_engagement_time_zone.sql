-- The IANA time zone an engagement's times are read in (ADR 012). Existing rows get the unit's zone that
-- Engagements:TimeZone defaults to: a migration cannot read configuration, so the default is written here as a literal.
ALTER TABLE engagements ADD time_zone nvarchar(64) NOT NULL CONSTRAINT df_engagements_time_zone DEFAULT N'Europe/Brussels';
