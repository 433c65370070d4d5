package vn.loaxa.agent.live;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads and checks the frames of one live session: a 36-byte header (version, kind, sequence, capture time,
 * samples, tag) and an Opus payload, where the tag is the first 16 bytes of HMAC-SHA256 with the session's frame
 * key over header bytes 0–19 followed by the payload. One HMAC per frame instead of one signature check: the key
 * itself came in the signed announcement. Thread-safe.
 */
public final class FrameAuthenticator {

    /** The only frame version this agent reads. */
    public static final int VERSION = 1;
    /** Bytes of the header, tag included. */
    public static final int HEADER_BYTES = 36;
    /** Header bytes covered by the tag (everything before it). */
    static final int SIGNED_HEADER_BYTES = 20;
    /** Bytes of the tag: a truncated HMAC-SHA256. */
    static final int TAG_BYTES = 16;

    private static final String HMAC = "HmacSHA256";

    private final Mac mac;

    /** @param frameKey the session's 32-byte frame key */
    public FrameAuthenticator(byte[] frameKey) {
        try {
            this.mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(frameKey, HMAC));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /**
     * Checks a frame's tag and reads it.
     *
     * @throws LiveFrameException if it is too short, of an unknown version or kind, inconsistent, or its tag does
     *                            not match
     */
    public LiveFrame open(byte[] frame) throws LiveFrameException {
        if (frame == null || frame.length < HEADER_BYTES) {
            throw new LiveFrameException(
                    "a live frame of " + (frame == null ? 0 : frame.length) + " bytes is shorter than its header",
                    false);
        }
        ByteBuffer header = ByteBuffer.wrap(frame);
        int version = Byte.toUnsignedInt(header.get());
        if (version != VERSION) {
            throw new LiveFrameException("live frame version " + version + " is unknown", false);
        }
        int kindCode = Byte.toUnsignedInt(header.get());
        long sequence = header.getLong();
        long captureMicros = header.getLong();
        int samples = Short.toUnsignedInt(header.getShort());
        byte[] expected = tag(frame, 0, SIGNED_HEADER_BYTES, frame, HEADER_BYTES, frame.length - HEADER_BYTES);
        byte[] actual = Arrays.copyOfRange(frame, SIGNED_HEADER_BYTES, HEADER_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new LiveFrameException("the tag of live frame " + sequence + " does not match the frame key", true);
        }
        byte[] payload = Arrays.copyOfRange(frame, HEADER_BYTES, frame.length);
        LiveFrame.Kind kind = kindOf(kindCode, sequence);
        boolean consistent = sequence >= 0
                && (kind == LiveFrame.Kind.END
                        ? samples == 0 && payload.length == 0
                        : samples > 0 && payload.length > 0);
        if (!consistent) {
            throw new LiveFrameException(
                    "live frame " + sequence + " (" + kind + ") has " + samples + " samples and a payload of "
                            + payload.length + " bytes",
                    false);
        }
        return new LiveFrame(kind, sequence, captureMicros, samples, payload);
    }

    /** The bytes of a frame with its tag: what the server publishes (the agent's tests publish with it). */
    public byte[] seal(LiveFrame.Kind kind, long sequence, long captureMicros, int samples, byte[] opus) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + opus.length);
        frame.put((byte) VERSION)
                .put((byte) kind.ordinal())
                .putLong(sequence)
                .putLong(captureMicros)
                .putShort((short) samples);
        byte[] bytes = frame.array();
        System.arraycopy(opus, 0, bytes, HEADER_BYTES, opus.length);
        byte[] tag = tag(bytes, 0, SIGNED_HEADER_BYTES, opus, 0, opus.length);
        System.arraycopy(tag, 0, bytes, SIGNED_HEADER_BYTES, TAG_BYTES);
        return bytes;
    }

    private static LiveFrame.Kind kindOf(int code, long sequence) throws LiveFrameException {
        LiveFrame.Kind[] kinds = LiveFrame.Kind.values();
        if (code >= kinds.length) {
            throw new LiveFrameException("live frame " + sequence + " is of unknown kind " + code, false);
        }
        return kinds[code];
    }

    private synchronized byte[] tag(
            byte[] header, int headerOffset, int headerLength, byte[] payload, int payloadOffset, int payloadLength) {
        // doFinal leaves the Mac reset, ready for the next frame with the same key
        mac.update(header, headerOffset, headerLength);
        mac.update(payload, payloadOffset, payloadLength);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }
}
