-- loaxa core schema. Runs unchanged on H2 (2.x) and PostgreSQL (13+).

CREATE TABLE account (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE area (
    code        VARCHAR(32)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    parent_code VARCHAR(32)  REFERENCES area (code),
    -- materialised path "/20/06040/", so that a subtree is one indexed LIKE 'prefix%'
    path        VARCHAR(1000) NOT NULL
);
CREATE INDEX area_parent_idx ON area (parent_code);
CREATE INDEX area_path_idx ON area (path);

CREATE TABLE receiver (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name  VARCHAR(200) NOT NULL,
    area_code     VARCHAR(32)  NOT NULL REFERENCES area (code),
    latitude      DOUBLE PRECISION,
    longitude     DOUBLE PRECISION,
    secret_hash   VARCHAR(100) NOT NULL,
    online        BOOLEAN      NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE,
    agent_version VARCHAR(32),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX receiver_area_idx ON receiver (area_code);

CREATE TABLE receiver_language (
    receiver_id VARCHAR(64) NOT NULL REFERENCES receiver (id) ON DELETE CASCADE,
    position    INTEGER     NOT NULL,
    language    VARCHAR(8)  NOT NULL,
    PRIMARY KEY (receiver_id, position)
);

CREATE TABLE media (
    id                UUID         NOT NULL PRIMARY KEY,
    title             VARCHAR(300) NOT NULL,
    language          VARCHAR(8)   NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    original_filename VARCHAR(255),
    duration_ms       BIGINT,
    sha256            VARCHAR(64),
    size_bytes        BIGINT,
    loudness_lufs     DOUBLE PRECISION,
    failure_reason    VARCHAR(1000),
    created_by        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX media_sha_idx ON media (sha256);

CREATE TABLE bulletin (
    id         UUID         NOT NULL PRIMARY KEY,
    title      VARCHAR(300) NOT NULL,
    topic      VARCHAR(100) NOT NULL,
    priority   VARCHAR(16)  NOT NULL,
    created_by VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE bulletin_segment (
    bulletin_id UUID        NOT NULL REFERENCES bulletin (id) ON DELETE CASCADE,
    position    INTEGER     NOT NULL,
    media_id    UUID        NOT NULL REFERENCES media (id),
    language    VARCHAR(8)  NOT NULL,
    PRIMARY KEY (bulletin_id, position)
);

CREATE TABLE broadcast (
    id          UUID        NOT NULL PRIMARY KEY,
    bulletin_id UUID        NOT NULL REFERENCES bulletin (id),
    start_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE broadcast_target_area (
    broadcast_id UUID        NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    area_code    VARCHAR(32) NOT NULL REFERENCES area (code),
    PRIMARY KEY (broadcast_id, area_code)
);

CREATE TABLE broadcast_target_receiver (
    broadcast_id UUID        NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    receiver_id  VARCHAR(64) NOT NULL REFERENCES receiver (id),
    PRIMARY KEY (broadcast_id, receiver_id)
);

CREATE TABLE occurrence (
    id            UUID        NOT NULL PRIMARY KEY,
    broadcast_id  UUID        NOT NULL REFERENCES broadcast (id) ON DELETE CASCADE,
    play_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- latest instant at which playback may start
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- after this instant an unconfirmed delivery is MISSED
    window_end    TIMESTAMP WITH TIME ZONE NOT NULL,
    media_id      UUID        NOT NULL REFERENCES media (id),
    dispatched_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX occurrence_broadcast_idx ON occurrence (broadcast_id);
CREATE INDEX occurrence_window_idx ON occurrence (window_end);

CREATE SEQUENCE delivery_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE delivery (
    id            BIGINT      NOT NULL PRIMARY KEY,
    occurrence_id UUID        NOT NULL REFERENCES occurrence (id) ON DELETE CASCADE,
    receiver_id   VARCHAR(64) NOT NULL REFERENCES receiver (id),
    state         VARCHAR(16) NOT NULL,
    state_rank    INTEGER     NOT NULL,
    reason        VARCHAR(1000),
    delivered_at  TIMESTAMP WITH TIME ZONE,
    downloaded_at TIMESTAMP WITH TIME ZONE,
    started_at    TIMESTAMP WITH TIME ZONE,
    finished_at   TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       INTEGER     NOT NULL,
    CONSTRAINT delivery_key UNIQUE (occurrence_id, receiver_id)
);
CREATE INDEX delivery_receiver_idx ON delivery (receiver_id, state_rank);

CREATE SEQUENCE delivery_event_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE delivery_event (
    id            BIGINT      NOT NULL PRIMARY KEY,
    event_id      UUID        NOT NULL,
    occurrence_id UUID        NOT NULL REFERENCES occurrence (id) ON DELETE CASCADE,
    receiver_id   VARCHAR(64) NOT NULL REFERENCES receiver (id),
    event         VARCHAR(16) NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reason        VARCHAR(1000),
    CONSTRAINT delivery_event_key UNIQUE (occurrence_id, receiver_id, event)
);
