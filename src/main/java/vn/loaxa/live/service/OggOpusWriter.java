package vn.loaxa.live.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes Opus packets as an Ogg Opus file (RFC 7845), one packet per page, so that a live session's recording goes
 * through the same processing as an upload without being decoded and encoded on the way.
 */
final class OggOpusWriter implements AutoCloseable {
    private static final int SERIAL = 0x6c6f6178; // "loax"
    private static final int PRE_SKIP = 312;

    private final OutputStream out;
    private int pageSequence;
    private long granule;

    OggOpusWriter(OutputStream out) throws IOException {
        this.out = out;
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 1)
                .putShort((short) PRE_SKIP)
                .putInt(48_000)
                .putShort((short) 0)
                .put((byte) 0);
        page(head.array(), 0x02, 0);
        byte[] vendor = "loaxa".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put("OpusTags".getBytes(StandardCharsets.US_ASCII))
                .putInt(vendor.length)
                .put(vendor)
                .putInt(0);
        page(tags.array(), 0, 0);
    }

    /** Appends one packet of {@code samples} 48 kHz samples. */
    void write(byte[] packet, int samples) throws IOException {
        granule += samples;
        page(packet, 0, granule);
    }

    private void page(byte[] packet, int flags, long granulePosition) throws IOException {
        int lacing = packet.length / 255 + 1;
        ByteBuffer page = ByteBuffer.allocate(27 + lacing + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0)
                .put((byte) flags)
                .putLong(granulePosition)
                .putInt(SERIAL)
                .putInt(pageSequence++)
                .putInt(0)
                .put((byte) lacing);
        for (int i = 0; i < lacing - 1; i++) {
            page.put((byte) 255);
        }
        page.put((byte) (packet.length % 255));
        page.put(packet);
        byte[] bytes = page.array();
        int crc = OggCrc.of(bytes);
        ByteBuffer.wrap(bytes, 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc);
        out.write(bytes);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
