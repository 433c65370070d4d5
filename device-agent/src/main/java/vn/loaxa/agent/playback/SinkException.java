package vn.loaxa.agent.playback;

/** The audio output cannot be opened or written. */
public final class SinkException extends Exception {

    private static final long serialVersionUID = 1L;

    public SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
