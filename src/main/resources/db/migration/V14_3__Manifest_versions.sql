-- The last version published on each manifest topic. The transaction that reads a manifest's snapshot locks its row
-- and raises it (to at least the clock's milliseconds, so versions keep growing past the clock-based ones of earlier
-- releases), so a stale snapshot can never carry a newer version.
CREATE TABLE manifest_version (
    topic   VARCHAR(512) NOT NULL PRIMARY KEY,
    version BIGINT       NOT NULL
);
