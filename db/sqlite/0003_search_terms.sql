-- Word-suffixes of short texts (names, aliases, emails) of every searchable entity, searched by prefix range for q.
CREATE TABLE search_terms (
    entity_type TEXT NOT NULL,
    term        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    PRIMARY KEY (entity_type, term, entity_id)
);

CREATE INDEX ix_search_terms_entity ON search_terms (entity_type, entity_id);
