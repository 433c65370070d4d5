-- Recurring broadcasts (RFC 5545 RRULE + EXDATE in an IANA zone), per-broadcast start window, cancellation.

ALTER TABLE broadcast ADD COLUMN rrule VARCHAR(500);
ALTER TABLE broadcast ADD COLUMN time_zone VARCHAR(64) DEFAULT 'Asia/Ho_Chi_Minh' NOT NULL;
ALTER TABLE broadcast ADD COLUMN late_start_grace_seconds INTEGER DEFAULT 600 NOT NULL;
ALTER TABLE broadcast ADD COLUMN allow_overlap BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE broadcast ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE broadcast ADD COLUMN cancelled_by VARCHAR(64);

-- local date-times (in the broadcast's zone) of instances left out
CREATE TABLE broadcast_exdate (
    broadcast_id UUID      NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    local_time   TIMESTAMP NOT NULL,
    PRIMARY KEY (broadcast_id, local_time)
);

ALTER TABLE occurrence ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;
CREATE UNIQUE INDEX occurrence_instance_idx ON occurrence (broadcast_id, play_at);
