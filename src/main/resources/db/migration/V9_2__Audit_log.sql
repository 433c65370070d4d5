-- The audit log (docs/security.md): one row per state-changing API call, appended and never updated.
CREATE TABLE audit_entry (
    id          UUID          NOT NULL PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    method      VARCHAR(10)   NOT NULL,
    path        VARCHAR(500)  NOT NULL,
    target_type VARCHAR(40)   NOT NULL,
    target_id   VARCHAR(200),
    status      INTEGER       NOT NULL,
    request     TEXT,
    before_value TEXT,
    after_value TEXT
);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);
CREATE INDEX audit_entry_target_idx ON audit_entry (target_type, target_id, at);
CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, at);
