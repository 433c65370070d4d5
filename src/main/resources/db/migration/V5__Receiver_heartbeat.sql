-- The latest heartbeat of each receiver (docs/protocol.md, "Heartbeat"). Only the newest values are kept.
ALTER TABLE receiver ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE receiver ADD COLUMN uptime_seconds BIGINT;
ALTER TABLE receiver ADD COLUMN volume INTEGER;
ALTER TABLE receiver ADD COLUMN muted BOOLEAN;
ALTER TABLE receiver ADD COLUMN free_cache_bytes BIGINT;
ALTER TABLE receiver ADD COLUMN clock_offset_ms BIGINT;
ALTER TABLE receiver ADD COLUMN audio_output_ok BOOLEAN;
ALTER TABLE receiver ADD COLUMN last_error VARCHAR(1000);
ALTER TABLE receiver ADD COLUMN outbox_pending BIGINT;
ALTER TABLE receiver ADD COLUMN outbox_dropped BIGINT;
