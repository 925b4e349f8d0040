-- What organisations state as numbers; observed_on is as_of, else period_end; observed_at is that day at 00:00 UTC.
CREATE TABLE figures (
    id                   TEXT    NOT NULL PRIMARY KEY,
    organisation_id      TEXT    NOT NULL REFERENCES organisations (id),
    metric               TEXT    NOT NULL,
    metric_key           TEXT    NOT NULL,
    value                TEXT    NOT NULL,
    unit                 TEXT    NOT NULL,
    scope                TEXT    NULL,
    period_start         TEXT    NULL,
    period_end           TEXT    NULL,
    as_of                TEXT    NULL,
    observed_on          TEXT    NOT NULL,
    observed_at          TEXT    NOT NULL,
    source_engagement_id TEXT    NULL REFERENCES engagements (id),
    stated_by_id         TEXT    NULL REFERENCES contacts (id),
    note                 TEXT    NULL,
    version              INTEGER NOT NULL,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    archived             INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);

CREATE INDEX ix_figures_observed ON figures (observed_on, id);
CREATE INDEX ix_figures_organisation ON figures (organisation_id, metric_key, observed_on, id);
CREATE INDEX ix_figures_organisation_observed ON figures (organisation_id, observed_on, id);
CREATE INDEX ix_figures_metric ON figures (metric_key, observed_on, id);
CREATE INDEX ix_figures_engagement ON figures (source_engagement_id);
CREATE INDEX ix_figures_stated_by ON figures (stated_by_id);
