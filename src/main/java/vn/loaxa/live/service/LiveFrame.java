package vn.loaxa.live.service;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One frame of a live session as it goes on the wire (docs/protocol.md, "Live sessions", "Frames"): a 20-byte
 * header, a 16-byte tag (truncated HMAC-SHA256 under the session's frame key over the header and the payload), and
 * one Opus packet, or nothing for the end of the session.
 *
 * @param kind          {@link #AUDIO} or {@link #END}
 * @param sequence      0 for the session's first frame, one more for each frame after it
 * @param captureMicros capture instant, microseconds since the epoch, server clock
 * @param samples       48 kHz samples the packet holds; 0 for the end
 * @param payload       the Opus packet; empty for the end
 */
public record LiveFrame(int kind, long sequence, long captureMicros, int samples, byte[] payload) {
    public static final int VERSION = 1;
    public static final int AUDIO = 0;
    public static final int END = 1;
    static final int HEADER_BYTES = 20;
    static final int TAG_BYTES = 16;
    private static final String MAC = "HmacSHA256";

    public static LiveFrame audio(long sequence, long captureMicros, int samples, byte[] packet) {
        return new LiveFrame(AUDIO, sequence, captureMicros, samples, packet);
    }

    public static LiveFrame end(long sequence, long captureMicros) {
        return new LiveFrame(END, sequence, captureMicros, 0, new byte[0]);
    }

    /** The frame's bytes, tagged with {@code key}. */
    public byte[] seal(byte[] key) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + TAG_BYTES + payload.length);
        frame.put((byte) VERSION)
                .put((byte) kind)
                .putLong(sequence)
                .putLong(captureMicros)
                .putShort((short) samples);
        byte[] header = Arrays.copyOf(frame.array(), HEADER_BYTES);
        frame.put(tag(key, header, payload)).put(payload);
        return frame.array();
    }

    static byte[] tag(byte[] key, byte[] header, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(key, MAC));
            mac.update(header);
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
