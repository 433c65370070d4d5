package vn.loaxa.agent.playback;

import javax.sound.sampled.AudioFormat;

/**
 * Signed 16-bit little-endian interleaved PCM.
 *
 * @param sampleRate frames per second
 * @param channels   1 (mono) or 2 (stereo)
 */
public record PcmFormat(int sampleRate, int channels) {

    /** Bytes per sample of one channel. */
    public static final int BYTES_PER_SAMPLE = 2;
    /** The format the agent decodes to: 48 kHz mono, matching the Opus distribution files. */
    public static final PcmFormat PLAYBACK = new PcmFormat(48_000, 1);

    public PcmFormat {
        if (sampleRate <= 0 || channels < 1 || channels > 2) {
            throw new IllegalArgumentException("unsupported PCM format " + sampleRate + " Hz, " + channels + " ch");
        }
    }

    /** Bytes of one frame (one sample of every channel). */
    public int frameSize() {
        return BYTES_PER_SAMPLE * channels;
    }

    /** Bytes per second of audio. */
    public long bytesPerSecond() {
        return (long) sampleRate * frameSize();
    }

    /** The same format for {@code javax.sound.sampled}. */
    public AudioFormat toAudioFormat() {
        return new AudioFormat(sampleRate, BYTES_PER_SAMPLE * 8, channels, true, false);
    }
}
