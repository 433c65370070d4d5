package vn.loaxa.live.service;

/** Why a live session ended. */
public enum LiveEnd {
    /** The person ended it. */
    ENDED,
    /** The source sent nothing for the source timeout. */
    SOURCE_LOST,
    /** It reached the longest a session may last. */
    MAX_DURATION,
    /** Its broadcast was cancelled. */
    CANCELLED
}
