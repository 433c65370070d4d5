-- Device identity (docs/security.md): the receiver secret hashed for Mosquitto's password file, and revocation.
ALTER TABLE receiver ADD COLUMN broker_hash VARCHAR(200);
ALTER TABLE receiver ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
