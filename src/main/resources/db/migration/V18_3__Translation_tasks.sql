-- Translators and translation tasks (docs/operations.md, "Translating bulletins"): an account may name the languages
-- it translates or reviews; a task asks for one bulletin's reading in one language.
CREATE TABLE account_language (
    username VARCHAR(64) NOT NULL REFERENCES account (username) ON DELETE CASCADE,
    language VARCHAR(3)  NOT NULL REFERENCES language (code),
    PRIMARY KEY (username, language)
);

CREATE TABLE translation_task (
    id                UUID         NOT NULL PRIMARY KEY,
    bulletin_id       UUID         NOT NULL REFERENCES bulletin (id),
    language          VARCHAR(3)   NOT NULL REFERENCES language (code),
    owner_area        VARCHAR(32),
    assignee          VARCHAR(64),
    due_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    reading_media_id  UUID,
    transcript        VARCHAR(20000),
    return_reason     VARCHAR(1000),
    requested_by      VARCHAR(64)  NOT NULL,
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by      VARCHAR(64),
    submitted_at      TIMESTAMP WITH TIME ZONE,
    reviewed_by       VARCHAR(64),
    reviewed_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX translation_task_bulletin ON translation_task (bulletin_id);
CREATE INDEX translation_task_assignee ON translation_task (assignee, state);
CREATE INDEX translation_task_language ON translation_task (language, state);
