package vn.loaxa.agent.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16P;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Decodes single Opus packets (48 kHz mono, as a live session sends them) to {@link PcmFormat#PLAYBACK} PCM with
 * FFmpeg's decoder. The decoder keeps state from packet to packet, so one instance decodes one stream, in order.
 * Not thread-safe; {@link #close} releases the native memory.
 */
public final class OpusDecoder implements AutoCloseable {

    private static final int ERROR_TEXT_BYTES = 256;

    private final AVCodecContext context;
    private final AVPacket packet;
    private final AVFrame frame;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private boolean closed;

    public OpusDecoder() throws PlaybackException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_OPUS);
        if (codec == null) {
            throw new PlaybackException("this FFmpeg build has no Opus decoder", null);
        }
        AVCodecContext opened = avcodec_alloc_context3(codec);
        if (opened == null) {
            throw new PlaybackException("cannot allocate an Opus decoder", null);
        }
        opened.sample_rate(PcmFormat.PLAYBACK.sampleRate());
        av_channel_layout_default(opened.ch_layout(), PcmFormat.PLAYBACK.channels());
        int result = avcodec_open2(opened, codec, (AVDictionary) null);
        if (result < 0) {
            avcodec_free_context(opened);
            throw new PlaybackException("cannot open the Opus decoder: " + describe(result), null);
        }
        this.context = opened;
        this.packet = av_packet_alloc();
        this.frame = av_frame_alloc();
    }

    /**
     * Decodes one Opus packet.
     *
     * @return signed 16-bit little-endian mono PCM at 48 kHz (960 samples for a 20 ms packet)
     * @throws PlaybackException if the packet cannot be decoded
     */
    public byte[] decode(byte[] opus) throws PlaybackException {
        if (closed) {
            throw new IllegalStateException("the Opus decoder is closed");
        }
        av_packet_unref(packet);
        if (av_new_packet(packet, opus.length) < 0) {
            throw new PlaybackException("cannot allocate a packet of " + opus.length + " bytes", null);
        }
        packet.data().put(opus);
        int result = avcodec_send_packet(context, packet);
        if (result < 0) {
            throw new PlaybackException("cannot decode an Opus packet: " + describe(result), null);
        }
        pcm.reset();
        while ((result = avcodec_receive_frame(context, frame)) >= 0) {
            try {
                appendMono(frame);
            } finally {
                av_frame_unref(frame);
            }
        }
        if (result != AVERROR_EAGAIN() && result != AVERROR_EOF) {
            throw new PlaybackException("cannot decode an Opus packet: " + describe(result), null);
        }
        return pcm.toByteArray();
    }

    /** Appends the first channel of a decoded frame as s16le (mono: planar and packed are the same). */
    private void appendMono(AVFrame decoded) throws PlaybackException {
        int samples = decoded.nb_samples();
        int format = decoded.format();
        if (format == AV_SAMPLE_FMT_FLTP || format == AV_SAMPLE_FMT_FLT) {
            float[] values = new float[samples];
            new FloatPointer(decoded.data(0)).get(values);
            for (float value : values) {
                writeSample((int) Math.round(Math.max(-1.0, Math.min(1.0, value)) * Short.MAX_VALUE));
            }
        } else if (format == AV_SAMPLE_FMT_S16 || format == AV_SAMPLE_FMT_S16P) {
            short[] values = new short[samples];
            new ShortPointer(decoded.data(0)).get(values);
            for (short value : values) {
                writeSample(value);
            }
        } else {
            throw new PlaybackException(
                    "the Opus decoder gave sample format " + format + ", which is unexpected", null);
        }
    }

    private void writeSample(int sample) {
        pcm.write(sample & 0xff);
        pcm.write((sample >> 8) & 0xff);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(context);
    }

    private static String describe(int error) {
        byte[] text = new byte[ERROR_TEXT_BYTES];
        av_strerror(error, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8) + " (" + error + ")";
    }
}
