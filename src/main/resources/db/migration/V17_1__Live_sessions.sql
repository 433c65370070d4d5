-- Live broadcast (phát trực tiếp): a person speaks and every targeted receiver plays it in step. The session's
-- broadcast carries the title, window and priority as a relay does; the session itself keeps the frame key that the
-- signed announcement hands to the agents, the playout delay, and its recording once it has ended.
CREATE TABLE live_session (
    id                UUID         NOT NULL PRIMARY KEY,
    broadcast_id      UUID         NOT NULL REFERENCES broadcast (id),
    frame_key         VARCHAR(64)  NOT NULL,
    delay_ms          INTEGER      NOT NULL,
    started_by        VARCHAR(64)  NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    end_reason        VARCHAR(32),
    last_frame_at     TIMESTAMP WITH TIME ZONE,
    frames_received   BIGINT       NOT NULL DEFAULT 0,
    language          VARCHAR(8)   NOT NULL,
    recording_id      UUID         REFERENCES media (id)
);
CREATE INDEX live_session_open ON live_session (ended_at);
ALTER TABLE broadcast ADD COLUMN live_session_id UUID;
ALTER TABLE delivery ADD COLUMN live_frames_played BIGINT;
ALTER TABLE delivery ADD COLUMN live_frames_late BIGINT;
ALTER TABLE delivery ADD COLUMN live_frames_lost BIGINT;
ALTER TABLE delivery ADD COLUMN live_joins INTEGER;
