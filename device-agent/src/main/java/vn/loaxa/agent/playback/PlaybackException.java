package vn.loaxa.agent.playback;

/** Playback failed; the message is the reason reported in the FAILED event. */
public final class PlaybackException extends Exception {

    private static final long serialVersionUID = 1L;

    public PlaybackException(String message, Throwable cause) {
        super(message, cause);
    }
}
