-- The IANA time zone an engagement's times are read in (ADR 012). Existing rows get the unit's zone that
-- Engagements:TimeZone defaults to: a migration cannot read configuration, so the default is written here as a literal.
ALTER TABLE engagements ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Brussels';
