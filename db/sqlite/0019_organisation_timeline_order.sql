-- An organisation's timeline is paged newest first by merging four index walks (engagements met, commitment status
-- changes, membership status changes, figures) and stopping at a page, rather than sorting its whole history.
-- organisation_id is copied from the commitment or membership, and rewritten when that record's organisation changes.
ALTER TABLE commitment_transitions ADD COLUMN organisation_id TEXT NOT NULL DEFAULT '';
UPDATE commitment_transitions SET organisation_id = (SELECT c.organisation_id FROM commitments c WHERE c.id = commitment_transitions.commitment_id);
CREATE INDEX ix_commitment_transitions_organisation ON commitment_transitions (organisation_id, occurred_at, id);

ALTER TABLE membership_history ADD COLUMN organisation_id TEXT NOT NULL DEFAULT '';
UPDATE membership_history SET organisation_id = (SELECT m.organisation_id FROM memberships m WHERE m.id = membership_history.membership_id);
CREATE INDEX ix_membership_history_organisation ON membership_history (organisation_id, effective_at, id);

CREATE INDEX ix_figures_organisation_at ON figures (organisation_id, observed_at, id);
