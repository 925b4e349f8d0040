-- Distinct words of longer texts (a commitment's title and description), searched by prefix range.
CREATE TABLE search_words (
    entity_type nvarchar(30)     NOT NULL,
    word        nvarchar(100)    COLLATE Latin1_General_100_BIN2 NOT NULL,
    entity_id   uniqueidentifier NOT NULL,
    CONSTRAINT pk_search_words PRIMARY KEY (entity_type, word, entity_id)
);

CREATE INDEX ix_search_words_entity ON search_words (entity_type, entity_id);
