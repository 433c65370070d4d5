-- The glossary (thuật ngữ): a Vietnamese term of a domain, its term in other languages, and a note. The folded
-- columns (common.text.SearchText) serve the diacritic-insensitive search and the matching of a source text.
CREATE TABLE glossary_entry (
    id          UUID          NOT NULL PRIMARY KEY,
    vie         VARCHAR(200)  NOT NULL,
    vie_folded  VARCHAR(200)  NOT NULL,
    domain      VARCHAR(40)   NOT NULL,
    note        VARCHAR(1000),
    search_text VARCHAR(8000) NOT NULL,
    created_by  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  VARCHAR(64)   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT glossary_entry_vie_domain UNIQUE (vie, domain)
);
CREATE INDEX glossary_entry_vie_folded ON glossary_entry (vie_folded);

CREATE TABLE glossary_term (
    entry_id UUID         NOT NULL REFERENCES glossary_entry (id) ON DELETE CASCADE,
    language VARCHAR(3)   NOT NULL REFERENCES language (code),
    term     VARCHAR(200) NOT NULL,
    PRIMARY KEY (entry_id, language)
);
