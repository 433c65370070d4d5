package vn.loaxa.agent.download;

/** A download attempt failed; the message is the reason reported in the FAILED event. */
public final class DownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an attempt failed, which decides whether and how often it is retried. */
    public enum Kind {
        /** Network error, timeout or server error: worth retrying. */
        TRANSIENT,
        /** The downloaded file does not match its SHA-256: retried a few times. */
        CHECKSUM_MISMATCH,
        /** A client error or a bad manifest entry: retrying cannot help. */
        PERMANENT
    }

    private final Kind kind;

    public DownloadException(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public DownloadException(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
