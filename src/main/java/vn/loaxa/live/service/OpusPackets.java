package vn.loaxa.live.service;

/** What the table of contents of an Opus packet says (RFC 6716, section 3.1). */
final class OpusPackets {
    private static final int[] SILK_SAMPLES = {480, 960, 1920, 2880};
    private static final int[] HYBRID_SAMPLES = {480, 960};
    private static final int[] CELT_SAMPLES = {120, 240, 480, 960};

    private OpusPackets() {}

    /** The 48 kHz samples the packet decodes to, or 0 when it is not a well-formed Opus packet. */
    static int samples(byte[] packet) {
        if (packet.length == 0) {
            return 0;
        }
        int toc = packet[0] & 0xff;
        int config = toc >> 3;
        int perFrame = config < 12
                ? SILK_SAMPLES[config % 4]
                : config < 16 ? HYBRID_SAMPLES[config % 2] : CELT_SAMPLES[config % 4];
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? 0 : packet[1] & 0x3f;
        };
        int samples = perFrame * frames;
        // a packet holds at most 120 ms
        return samples <= 5760 ? samples : 0;
    }
}
