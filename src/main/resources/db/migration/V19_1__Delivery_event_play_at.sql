-- Each receiver event carries its occurrence's play time, which never changes once the occurrence exists: on
-- PostgreSQL delivery_event is partitioned by month of it (V19_2), so every copy of one event lands in the same
-- partition, and retention drops whole months by it. Runs unchanged on H2 (2.x) and PostgreSQL.
ALTER TABLE delivery_event ADD COLUMN play_at TIMESTAMP WITH TIME ZONE;
UPDATE delivery_event SET play_at = (SELECT o.play_at FROM occurrence o WHERE o.id = delivery_event.occurrence_id);
ALTER TABLE delivery_event ALTER COLUMN play_at SET NOT NULL;
