-- An organisation's, a contact's or a topic's engagements are paged newest first by walking these indexes and
-- stopping at a page, rather than sorting every match (TikTok alone is met in a tenth of all engagements).
-- starts_at is copied from the engagement and rewritten with its child rows whenever it changes.
ALTER TABLE engagement_organisations ADD COLUMN starts_at TEXT NOT NULL DEFAULT '';
UPDATE engagement_organisations SET starts_at = (SELECT e.starts_at FROM engagements e WHERE e.id = engagement_organisations.engagement_id);
DROP INDEX ix_engagement_organisations_organisation;
CREATE INDEX ix_engagement_organisations_organisation ON engagement_organisations (organisation_id, starts_at, engagement_id);

ALTER TABLE engagement_participants ADD COLUMN starts_at TEXT NOT NULL DEFAULT '';
UPDATE engagement_participants SET starts_at = (SELECT e.starts_at FROM engagements e WHERE e.id = engagement_participants.engagement_id);
DROP INDEX ix_engagement_participants_contact;
CREATE INDEX ix_engagement_participants_contact ON engagement_participants (contact_id, starts_at, engagement_id);

ALTER TABLE engagement_topics ADD COLUMN starts_at TEXT NOT NULL DEFAULT '';
UPDATE engagement_topics SET starts_at = (SELECT e.starts_at FROM engagements e WHERE e.id = engagement_topics.engagement_id);
DROP INDEX ix_engagement_topics_topic;
CREATE INDEX ix_engagement_topics_topic ON engagement_topics (topic_id, starts_at, engagement_id);

-- A frequent search word is checked per engagement while walking newest first: (engagement_id, word) answers that
-- check from the index alone.
DROP INDEX ix_engagement_words_engagement;
CREATE INDEX ix_engagement_words_engagement ON engagement_words (engagement_id, word);
