package vn.loaxa.agent.playback;

/**
 * Where decoded PCM goes. One sink plays one clip at a time: {@link #open}, then {@link #write} as often as
 * needed, then {@link #drain} (for a clip that played to its end), then {@link #close}.
 */
public interface Sink {

    /** Prepares the output for a clip in this format. */
    void open(PcmFormat format) throws SinkException;

    /** Plays these bytes; may block until the output has room (real-time pace). */
    void write(byte[] pcm, int offset, int length) throws SinkException;

    /** Blocks until everything written has been played. */
    void drain() throws SinkException;

    /**
     * True for a sink that keeps nothing it is given ({@code null}): a player may then skip decoding, whose result
     * nobody would hear. A simulated fleet relies on it: one process cannot decode a thousand live streams.
     */
    default boolean discardsAudio() {
        return false;
    }

    /** Releases the output; safe to call more than once, and after a failed {@link #open}. */
    void close();
}
