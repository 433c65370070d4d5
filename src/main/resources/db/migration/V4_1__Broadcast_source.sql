-- Broadcasts declared in schedule files (schedules/*.yaml) carry the file entry's key and a fingerprint,
-- so that applying the same files twice changes nothing.
ALTER TABLE broadcast ADD COLUMN source_key VARCHAR(100);
ALTER TABLE broadcast ADD COLUMN source_file VARCHAR(255);
ALTER TABLE broadcast ADD COLUMN source_hash VARCHAR(64);
CREATE INDEX broadcast_source_key_idx ON broadcast (source_key);
