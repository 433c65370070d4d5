-- Relay (tiếp sóng): a broadcast may play a live stream for a window instead of a bulletin's audio. Such a
-- broadcast has no bulletin and its occurrences no media; it carries the stream URL, a title, the window length and
-- its priority itself.
ALTER TABLE broadcast ALTER COLUMN bulletin_id DROP NOT NULL;
ALTER TABLE broadcast ADD COLUMN relay_url VARCHAR(2000);
ALTER TABLE broadcast ADD COLUMN relay_title VARCHAR(300);
ALTER TABLE broadcast ADD COLUMN relay_window_seconds INTEGER;
ALTER TABLE broadcast ADD COLUMN relay_priority VARCHAR(16);
ALTER TABLE occurrence ALTER COLUMN media_id DROP NOT NULL;
