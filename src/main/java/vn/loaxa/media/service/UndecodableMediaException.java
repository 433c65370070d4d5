package vn.loaxa.media.service;

/**
 * The uploaded file cannot become a bulletin: it is not a readable local audio file, or its audio is unusable.
 * The message is written for the person who uploaded the file; {@link #reason()} is for code.
 */
public class UndecodableMediaException extends RuntimeException {

    public enum Reason {
        NOT_A_LOCAL_FILE,
        UNREADABLE,
        NO_AUDIO_STREAM,
        NO_AUDIO_DATA,
        SILENT,
        TOO_SHORT,
        TOO_LONG,
        TOO_SLOW
    }

    private final Reason reason;

    public UndecodableMediaException(Reason reason, String message) {
        this(reason, message, null);
    }

    public UndecodableMediaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
