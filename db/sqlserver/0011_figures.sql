-- What organisations state as numbers; observed_on is as_of, else period_end; observed_at is that day at 00:00 UTC.
CREATE TABLE figures (
    row_number           bigint IDENTITY(1, 1) NOT NULL,
    id                   uniqueidentifier NOT NULL CONSTRAINT pk_figures PRIMARY KEY NONCLUSTERED,
    organisation_id      uniqueidentifier NOT NULL CONSTRAINT fk_figures_organisation REFERENCES organisations (id),
    metric               nvarchar(400)    NOT NULL,
    metric_key           nvarchar(400)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    value                decimal(28, 8)   NOT NULL,
    unit                 nvarchar(100)    NOT NULL,
    scope                nvarchar(200)    NULL,
    period_start         date             NULL,
    period_end           date             NULL,
    as_of                date             NULL,
    observed_on          date             NOT NULL,
    observed_at          datetimeoffset(7) NOT NULL,
    source_engagement_id uniqueidentifier NULL CONSTRAINT fk_figures_engagement REFERENCES engagements (id),
    stated_by_id         uniqueidentifier NULL CONSTRAINT fk_figures_stated_by REFERENCES contacts (id),
    note                 nvarchar(max)    NULL,
    version              int              NOT NULL,
    created_at           datetimeoffset(7) NOT NULL,
    updated_at           datetimeoffset(7) NOT NULL,
    archived             bit              NOT NULL CONSTRAINT df_figures_archived DEFAULT 0
);

CREATE UNIQUE CLUSTERED INDEX cx_figures ON figures (row_number);
CREATE INDEX ix_figures_observed ON figures (observed_on, id);
CREATE INDEX ix_figures_organisation ON figures (organisation_id, metric_key, observed_on, id);
CREATE INDEX ix_figures_organisation_observed ON figures (organisation_id, observed_on, id);
CREATE INDEX ix_figures_metric ON figures (metric_key, observed_on, id);
CREATE INDEX ix_figures_engagement ON figures (source_engagement_id);
CREATE INDEX ix_figures_stated_by ON figures (stated_by_id);
