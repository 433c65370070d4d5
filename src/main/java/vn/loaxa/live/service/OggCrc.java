package vn.loaxa.live.service;

/** The CRC-32 of an Ogg page: polynomial 0x04c11db7, no reflection, initial value and final XOR 0. */
final class OggCrc {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04c11db7 : r << 1;
            }
            TABLE[i] = r;
        }
    }

    private OggCrc() {}

    static int of(byte[] page) {
        int crc = 0;
        for (byte b : page) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b) & 0xff];
        }
        return crc;
    }
}
