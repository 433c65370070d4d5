-- An occurrence whose content is the same for every receiver of one target area goes out once, on that area's
-- manifest topic (docs/protocol.md, "Area manifests"); NULL means it travels in each receiver's own manifest.
ALTER TABLE occurrence ADD COLUMN group_area VARCHAR(32);
-- The media the area manifest names (the one variant every receiver of the area plays).
ALTER TABLE occurrence ADD COLUMN group_media_id UUID;
CREATE INDEX occurrence_group_area_idx ON occurrence (group_area);
