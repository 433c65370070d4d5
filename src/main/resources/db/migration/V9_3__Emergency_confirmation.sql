-- The two-person rule for emergencies (docs/security.md): an emergency waits for a second person's confirmation.
ALTER TABLE broadcast ADD COLUMN awaiting_confirmation BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE broadcast ADD COLUMN confirmed_by VARCHAR(64);
ALTER TABLE broadcast ADD COLUMN confirmed_at TIMESTAMP WITH TIME ZONE;
