package vn.loaxa.area.api;

import vn.loaxa.area.model.AreaKind;

/** An area's outline for the map: the area, and its GeoJSON geometry as text. */
public record AreaOutlineView(String code, String name, AreaKind kind, String geometry) {}
