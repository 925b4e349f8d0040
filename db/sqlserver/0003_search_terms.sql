-- Word-suffixes of short texts (names, aliases, emails) of every searchable entity, searched by prefix range for q.
-- Terms compare in code-point order, as on SQLite, so a range [q, q+) is a prefix match.
CREATE TABLE search_terms (
    entity_type nvarchar(30)     NOT NULL,
    term        nvarchar(200)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    entity_id   uniqueidentifier NOT NULL,
    CONSTRAINT pk_search_terms PRIMARY KEY (entity_type, term, entity_id)
);

CREATE INDEX ix_search_terms_entity ON search_terms (entity_type, entity_id);
