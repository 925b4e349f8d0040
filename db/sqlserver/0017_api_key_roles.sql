-- Start-up asks whether a live admin key exists.
CREATE INDEX ix_api_keys_role ON api_keys (role, revoked_at);
