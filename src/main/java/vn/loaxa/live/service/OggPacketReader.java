package vn.loaxa.live.service;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an Ogg stream, fed in pieces as they arrive, into its packets (RFC 3533). Only the first logical stream is
 * read; a page that does not start with the capture pattern ends the stream as malformed.
 */
final class OggPacketReader {
    private static final byte[] CAPTURE = {'O', 'g', 'g', 'S'};
    private static final int HEADER_BYTES = 27;

    private byte[] pending = new byte[0];
    private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private Integer serial;

    /** Thrown when the bytes are not an Ogg stream. */
    static final class MalformedOggException extends Exception {
        MalformedOggException(String message) {
            super(message);
        }
    }

    /** The packets completed by these bytes, in order. */
    List<byte[]> feed(byte[] bytes, int offset, int length) throws MalformedOggException {
        byte[] joined = Arrays.copyOf(pending, pending.length + length);
        System.arraycopy(bytes, offset, joined, pending.length, length);
        List<byte[]> packets = new ArrayList<>();
        int at = 0;
        while (joined.length - at >= HEADER_BYTES) {
            if (!Arrays.equals(joined, at, at + 4, CAPTURE, 0, 4)) {
                throw new MalformedOggException("not an Ogg page at byte " + at);
            }
            int segments = joined[at + 26] & 0xff;
            if (joined.length - at < HEADER_BYTES + segments) {
                break;
            }
            int bodyLength = 0;
            for (int i = 0; i < segments; i++) {
                bodyLength += joined[at + HEADER_BYTES + i] & 0xff;
            }
            int bodyStart = at + HEADER_BYTES + segments;
            if (joined.length - bodyStart < bodyLength) {
                break;
            }
            int pageSerial = readIntLe(joined, at + 14);
            if (serial == null) {
                serial = pageSerial;
            }
            if (serial == pageSerial) {
                int body = bodyStart;
                for (int i = 0; i < segments; i++) {
                    int lace = joined[at + HEADER_BYTES + i] & 0xff;
                    packet.write(joined, body, lace);
                    body += lace;
                    if (lace < 255) {
                        packets.add(packet.toByteArray());
                        packet.reset();
                    }
                }
            }
            at = bodyStart + bodyLength;
        }
        pending = Arrays.copyOfRange(joined, at, joined.length);
        return packets;
    }

    private static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
