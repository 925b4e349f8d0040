-- Keys may expire, be limited to scopes ("engagements:read") and carry the clearance for sensitive records.
ALTER TABLE api_keys ADD
    expires_at datetimeoffset(7) NULL,
    scopes     nvarchar(max)     NULL,
    cleared    bit               NOT NULL CONSTRAINT df_api_keys_cleared DEFAULT 0;
