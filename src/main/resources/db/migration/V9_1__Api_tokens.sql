-- API tokens for scripts (docs/security.md): only a SHA-256 of each token is kept.
CREATE TABLE api_token (
    id           UUID         NOT NULL PRIMARY KEY,
    username     VARCHAR(64)  NOT NULL REFERENCES account (username),
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_hash UNIQUE (token_hash)
);
CREATE INDEX api_token_user_idx ON api_token (username);
