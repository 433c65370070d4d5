-- Language variants of a bulletin: the ALL segments plus the segments in some of its languages, rendered into one
-- normalised media item. Each delivery names the variant its receiver plays.
CREATE TABLE bulletin_variant (
    bulletin_id UUID         NOT NULL REFERENCES bulletin (id) ON DELETE CASCADE,
    -- the variant's languages in bulletin order, comma-separated; 'ALL' when it has only the ALL segments
    languages   VARCHAR(200) NOT NULL,
    media_id    UUID         NOT NULL REFERENCES media (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (bulletin_id, languages)
);

ALTER TABLE delivery ADD COLUMN media_id UUID REFERENCES media (id);
