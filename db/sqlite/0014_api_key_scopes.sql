-- Keys may expire, be limited to scopes ("engagements:read") and carry the clearance for sensitive records.
ALTER TABLE api_keys ADD COLUMN expires_at TEXT NULL;
ALTER TABLE api_keys ADD COLUMN scopes TEXT NULL;
ALTER TABLE api_keys ADD COLUMN cleared INTEGER NOT NULL DEFAULT 0 CHECK (cleared IN (0, 1));
