package vn.loaxa.media.service;

import vn.loaxa.common.error.ErrorMessage;

/**
 * The uploaded file cannot become a bulletin: it is not a readable local audio file, or its audio is unusable.
 * {@link #text()} is written for the person who uploaded the file, in their language; the exception's message is its
 * English text; {@link #reason()} is for code.
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
    private final transient ErrorMessage text;

    public UndecodableMediaException(Reason reason, ErrorMessage text) {
        this(reason, text, null);
    }

    public UndecodableMediaException(Reason reason, ErrorMessage text, Throwable cause) {
        super(text.english(), cause);
        this.reason = reason;
        this.text = text;
    }

    /** What is wrong with the file, for the person who uploaded it. */
    public ErrorMessage text() {
        return text;
    }

    public Reason reason() {
        return reason;
    }
}
