package vn.loaxa.agent.protocol;

/** Bulletin class of a manifest entry (Thông tư 39/2020): thông thường, ưu tiên, khẩn cấp. */
public enum Priority {
    NORMAL,
    PRIORITY,
    EMERGENCY
}
