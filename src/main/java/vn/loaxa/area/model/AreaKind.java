package vn.loaxa.area.model;

public enum AreaKind {
    PROVINCE,
    DISTRICT,
    COMMUNE,
    VILLAGE
}
