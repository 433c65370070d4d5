package vn.loaxa.agent.playback;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** Plays PCM on the default sound card through {@code javax.sound.sampled}. */
public final class JavaSoundSink implements Sink {

    private SourceDataLine line;

    @Override
    public void open(PcmFormat format) throws SinkException {
        try {
            line = AudioSystem.getSourceDataLine(format.toAudioFormat());
            line.open(format.toAudioFormat());
            line.start();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            close();
            throw new SinkException(
                    "the sound card cannot play " + format.sampleRate() + " Hz " + format.channels()
                            + "-channel 16-bit audio: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void write(byte[] pcm, int offset, int length) throws SinkException {
        if (line == null) {
            throw new SinkException("the sound card line is not open", null);
        }
        line.write(pcm, offset, length);
    }

    @Override
    public void drain() {
        if (line != null) {
            line.drain();
        }
    }

    @Override
    public void close() {
        if (line != null) {
            line.stop();
            line.flush();
            line.close();
            line = null;
        }
    }
}
