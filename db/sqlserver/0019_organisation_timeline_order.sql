-- An organisation's timeline is paged newest first by merging four index walks (engagements met, commitment status
-- changes, membership status changes, figures) and stopping at a page, rather than sorting its whole history.
-- organisation_id is copied from the commitment or membership, and rewritten when that record's organisation changes.
ALTER TABLE commitment_transitions ADD organisation_id uniqueidentifier NULL;
ALTER TABLE membership_history ADD organisation_id uniqueidentifier NULL;
GO
UPDATE t SET organisation_id = c.organisation_id FROM commitment_transitions t JOIN commitments c ON c.id = t.commitment_id;
UPDATE h SET organisation_id = m.organisation_id FROM membership_history h JOIN memberships m ON m.id = h.membership_id;
ALTER TABLE commitment_transitions ALTER COLUMN organisation_id uniqueidentifier NOT NULL;
ALTER TABLE membership_history ALTER COLUMN organisation_id uniqueidentifier NOT NULL;
GO
CREATE INDEX ix_commitment_transitions_organisation ON commitment_transitions (organisation_id, occurred_at, id);
CREATE INDEX ix_membership_history_organisation ON membership_history (organisation_id, effective_at, id);
CREATE INDEX ix_figures_organisation_at ON figures (organisation_id, observed_at, id);
