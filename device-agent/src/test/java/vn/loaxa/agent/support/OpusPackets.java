package vn.loaxa.agent.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Real Opus packets, as a live session sends them: a tone encoded by FFmpeg to Ogg/Opus, split into packets. */
public final class OpusPackets {

    private OpusPackets() {}

    /** The packets of a 440 Hz tone of the given length (20 ms each), encoded into {@code dir}. */
    public static List<byte[]> tone(Path dir, double seconds) throws Exception {
        Path file = dir.resolve("tone-" + System.nanoTime() + ".ogg");
        TestAudio.sineOggOpus(file, seconds);
        List<byte[]> packets = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                byte[] bytes = new byte[packet.size()];
                packet.data().get(bytes);
                packets.add(bytes);
                avcodec.av_packet_unref(packet);
            }
            grabber.stop();
        }
        return packets;
    }
}
