package vn.loaxa.media.model;

public enum MediaStatus {
    PROCESSING,
    READY,
    FAILED
}
