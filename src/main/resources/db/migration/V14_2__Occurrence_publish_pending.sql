-- A dispatched occurrence whose manifests have not yet been handed to the broker: set in the transaction that
-- records the dispatch, cleared once every manifest it touches is published, retried with backoff until its window
-- closes. publish_areas names the area manifests the dispatch touched (an occurrence moved off an area topic leaves
-- that area's manifest too).
ALTER TABLE occurrence ADD COLUMN publish_pending_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE occurrence ADD COLUMN publish_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE occurrence ADD COLUMN publish_next_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE occurrence ADD COLUMN publish_areas VARCHAR(4000);
CREATE INDEX occurrence_publish_next ON occurrence (publish_next_at);
