package vn.loaxa.agent.playback;

/** Scales s16le PCM in place: the volume of non-emergency entries, or silence while muted. */
public final class Gain {

    private Gain() {}

    /**
     * @param gain linear gain, 0 (silent) to 1 (as recorded); 1 or more leaves the bytes as they are
     */
    public static void apply(byte[] pcm, int from, int to, double gain) {
        if (gain >= 1.0) {
            return;
        }
        for (int i = from; i + 1 < to; i += PcmFormat.BYTES_PER_SAMPLE) {
            int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            int scaled = (int) Math.round(sample * Math.max(0.0, gain));
            pcm[i] = (byte) scaled;
            pcm[i + 1] = (byte) (scaled >> 8);
        }
    }
}
