-- When a receiver's PLAYING or PLAYED from inside the occurrence's window overturned MISSED (the receiver played on
-- time while offline and reported afterwards). Null for every delivery whose state was never overturned. A nullable
-- column without a default: PostgreSQL adds it without rewriting the table. Runs unchanged on H2 and PostgreSQL.
ALTER TABLE delivery ADD COLUMN reported_late_at TIMESTAMP WITH TIME ZONE;
