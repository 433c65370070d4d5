-- The drawn outline of an area, a GeoJSON Polygon or MultiPolygon in WGS84 (longitude, latitude), kept apart from
-- the area row so that the area tree never loads it; only the map and the outline endpoints do.
CREATE TABLE area_outline (
    area_code  VARCHAR(32)     NOT NULL PRIMARY KEY REFERENCES area (code),
    geometry   VARCHAR(262144) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
