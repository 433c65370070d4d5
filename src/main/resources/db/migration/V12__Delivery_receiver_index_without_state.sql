-- Receiver events update a delivery's state_rank with nearly every event. While state_rank is in an index, each
-- such update writes a new entry in every index of the table; without it, PostgreSQL can make the update HOT
-- (heap-only: no index writes) when the row's page has room (see V12_1). Queries that want a receiver's open
-- deliveries (the manifest) are driven by the occurrence window and delivery_key, and filter state_rank on the row.
-- Runs unchanged on H2 (2.x) and PostgreSQL.
DROP INDEX delivery_receiver_idx;
CREATE INDEX delivery_receiver_idx ON delivery (receiver_id);
