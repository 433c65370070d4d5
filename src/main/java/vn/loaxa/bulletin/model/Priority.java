package vn.loaxa.bulletin.model;

/** The three bulletin classes of Thông tư 39/2020/TT-BTTTT. */
public enum Priority {
    /** thông thường: the commune decides whether and when to air it. */
    NORMAL,
    /** ưu tiên: aired ahead of other content. */
    PRIORITY,
    /** khẩn cấp: aired at once, interrupting everything and ignoring mute. */
    EMERGENCY
}
