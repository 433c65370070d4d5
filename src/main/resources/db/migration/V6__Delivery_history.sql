-- Outage history of receivers: one row per offline period, open (ended_at NULL) while the receiver is offline.
-- Runs unchanged on H2 (2.x) and PostgreSQL.

CREATE SEQUENCE receiver_outage_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE receiver_outage (
    id          BIGINT      NOT NULL PRIMARY KEY,
    receiver_id VARCHAR(64) NOT NULL REFERENCES receiver (id) ON DELETE CASCADE,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX receiver_outage_receiver_idx ON receiver_outage (receiver_id, started_at);
CREATE INDEX receiver_outage_started_idx ON receiver_outage (started_at);
