-- One row per priority class, locked (SELECT … FOR UPDATE) by every broadcast creation from its overlap check to
-- its commit, so that two concurrent requests cannot both pass the check and both insert.
CREATE TABLE schedule_lock (
    name VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO schedule_lock (name) VALUES ('overlap-NORMAL');
INSERT INTO schedule_lock (name) VALUES ('overlap-PRIORITY');
INSERT INTO schedule_lock (name) VALUES ('overlap-EMERGENCY');
