-- Area-scoped roles: a person's account holds one role over one area subtree (no area: the whole country), and
-- content, broadcasts and receiver groups remember the area of whoever made them (no area: made nationally).
ALTER TABLE account ADD COLUMN area_code VARCHAR(32);
ALTER TABLE account ADD CONSTRAINT account_area_fk FOREIGN KEY (area_code) REFERENCES area (code);
-- The single role "user" of earlier versions could upload and schedule everywhere: that is a national operator.
UPDATE account SET role = 'operator' WHERE role = 'user';

ALTER TABLE media ADD COLUMN owner_area VARCHAR(32);
ALTER TABLE media ADD CONSTRAINT media_owner_area_fk FOREIGN KEY (owner_area) REFERENCES area (code);
CREATE INDEX media_owner_area_idx ON media (owner_area);

ALTER TABLE bulletin ADD COLUMN owner_area VARCHAR(32);
ALTER TABLE bulletin ADD CONSTRAINT bulletin_owner_area_fk FOREIGN KEY (owner_area) REFERENCES area (code);
CREATE INDEX bulletin_owner_area_idx ON bulletin (owner_area);

ALTER TABLE broadcast ADD COLUMN owner_area VARCHAR(32);
ALTER TABLE broadcast ADD CONSTRAINT broadcast_owner_area_fk FOREIGN KEY (owner_area) REFERENCES area (code);
CREATE INDEX broadcast_owner_area_idx ON broadcast (owner_area);

ALTER TABLE receiver_group ADD COLUMN owner_area VARCHAR(32);
ALTER TABLE receiver_group ADD CONSTRAINT receiver_group_owner_area_fk FOREIGN KEY (owner_area) REFERENCES area (code);
