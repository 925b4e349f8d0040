-- An organisation's, a contact's or a topic's engagements are paged newest first by walking these indexes and
-- stopping at a page, rather than sorting every match (TikTok alone is met in a tenth of all engagements).
-- starts_at is copied from the engagement and rewritten with its child rows whenever it changes.
ALTER TABLE engagement_organisations ADD starts_at datetimeoffset(7) NULL;
ALTER TABLE engagement_participants ADD starts_at datetimeoffset(7) NULL;
ALTER TABLE engagement_topics ADD starts_at datetimeoffset(7) NULL;
GO
UPDATE eo SET starts_at = e.starts_at FROM engagement_organisations eo JOIN engagements e ON e.id = eo.engagement_id;
UPDATE ep SET starts_at = e.starts_at FROM engagement_participants ep JOIN engagements e ON e.id = ep.engagement_id;
UPDATE et SET starts_at = e.starts_at FROM engagement_topics et JOIN engagements e ON e.id = et.engagement_id;
ALTER TABLE engagement_organisations ALTER COLUMN starts_at datetimeoffset(7) NOT NULL;
ALTER TABLE engagement_participants ALTER COLUMN starts_at datetimeoffset(7) NOT NULL;
ALTER TABLE engagement_topics ALTER COLUMN starts_at datetimeoffset(7) NOT NULL;
GO
DROP INDEX ix_engagement_organisations_organisation ON engagement_organisations;
CREATE INDEX ix_engagement_organisations_organisation ON engagement_organisations (organisation_id, starts_at, engagement_id);
DROP INDEX ix_engagement_participants_contact ON engagement_participants;
CREATE INDEX ix_engagement_participants_contact ON engagement_participants (contact_id, starts_at, engagement_id);
DROP INDEX ix_engagement_topics_topic ON engagement_topics;
CREATE INDEX ix_engagement_topics_topic ON engagement_topics (topic_id, starts_at, engagement_id);

-- A frequent search word is checked per engagement while walking newest first: (engagement_id, word) answers that
-- check from the index alone.
DROP INDEX ix_engagement_words_engagement ON engagement_words;
CREATE INDEX ix_engagement_words_engagement ON engagement_words (engagement_id, word);
