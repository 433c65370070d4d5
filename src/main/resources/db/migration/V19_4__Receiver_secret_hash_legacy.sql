-- Receiver logins are checked against broker_hash (PBKDF2-SHA512, docs/security.md "Receiver secrets"). secret_hash
-- keeps a bcrypt hash only for a receiver whose secret predates broker_hash, until its first login replaces it.
ALTER TABLE receiver ALTER COLUMN secret_hash DROP NOT NULL;
UPDATE receiver SET secret_hash = NULL WHERE broker_hash IS NOT NULL OR revoked_at IS NOT NULL;
