package vn.loaxa.live.service;

import jakarta.enterprise.context.ApplicationScoped;
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

    /** A new connection of the session's source; feed it the stream's bytes as they come. */
    public Stream open(UUID id) {
        live.sourceConnected(id);
        return new Stream(id);
    }

    /** One connection's stream of Ogg pages. */
    public final class Stream {
        private final UUID id;
        private final OggPacketReader reader = new OggPacketReader();
        private long packets;
        private long sourceSamples;

        private Stream(UUID id) {
            this.id = id;
        }

        /** Relays the packets these bytes complete; a stream that is not Ogg is refused with 422. */
        public void feed(byte[] bytes) {
            try {
                for (byte[] packet : reader.feed(bytes, 0, bytes.length)) {
                    if (packets++ < OPUS_HEADER_PACKETS) {
                        continue; // OpusHead and OpusTags
                    }
                    if (!live.accept(id, sourceSamples * 1000 / 48, packet)) {
                        LOG.debugf("Live session %s refused a packet of %d bytes", id, packet.length);
                    }
                    sourceSamples += OpusPackets.samples(packet);
                }
            } catch (OggPacketReader.MalformedOggException e) {
                throw new InvalidRequestException("body", ErrorMessage.of("live.not-ogg", e.getMessage()));
            }
        }
    }
}
