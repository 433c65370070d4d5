package vn.loaxa.live.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.loaxa.common.error.ErrorMessage;
import vn.loaxa.common.error.InvalidRequestException;

/**
 * A source that sends an Ogg Opus stream, as FFmpeg does over HTTP: its packets are relayed as they arrive, timed by
 * the samples sent so far (the source's own clock).
 */
@ApplicationScoped
public class OggSource {
    private static final Logger LOG = Logger.getLogger(OggSource.class);
    private static final int OPUS_HEADER_PACKETS = 2;

    private final LiveService live;

    public OggSource(LiveService live) {
        this.live = live;
    }

    public void relay(UUID id, InputStream body) throws IOException {
        live.sourceConnected(id);
        OggPacketReader reader = new OggPacketReader();
        byte[] buffer = new byte[4096];
        long packets = 0;
        long sourceSamples = 0;
        int read;
        try {
            while ((read = body.read(buffer)) >= 0) {
                for (byte[] packet : reader.feed(buffer, 0, read)) {
                    if (packets++ < OPUS_HEADER_PACKETS) {
                        continue; // OpusHead and OpusTags
                    }
                    if (!live.accept(id, sourceSamples * 1000 / 48, packet)) {
                        LOG.debugf("Live session %s refused a packet of %d bytes", id, packet.length);
                    }
                    sourceSamples += OpusPackets.samples(packet);
                }
            }
        } catch (OggPacketReader.MalformedOggException e) {
            throw new InvalidRequestException("body", ErrorMessage.of("live.not-ogg", e.getMessage()));
        }
    }
}
