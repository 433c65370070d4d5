-- languages an area requires every bulletin it hears to carry; a commune requires its own and those of every area above it
CREATE TABLE area_required_language (
    area_code VARCHAR(32) NOT NULL REFERENCES area (code) ON DELETE CASCADE,
    language  VARCHAR(3)  NOT NULL REFERENCES language (code),
    PRIMARY KEY (area_code, language)
);
