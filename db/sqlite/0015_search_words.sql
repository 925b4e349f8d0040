-- Distinct words of longer texts (a commitment's title and description), searched by prefix range.
CREATE TABLE search_words (
    entity_type TEXT NOT NULL,
    word        TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    PRIMARY KEY (entity_type, word, entity_id)
);

CREATE INDEX ix_search_words_entity ON search_words (entity_type, entity_id);
