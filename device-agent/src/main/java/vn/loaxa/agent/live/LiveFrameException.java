package vn.loaxa.agent.live;

/** A live frame that cannot be trusted or read; it is dropped and counted. */
public final class LiveFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean forged;

    LiveFrameException(String message, boolean forged) {
        super(message);
        this.forged = forged;
    }

    /** True if the frame is well-formed but its tag does not match: forged, altered, or for another key. */
    public boolean isForged() {
        return forged;
    }
}
