package vn.loaxa.live.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.schedule.model.LiveSession;

/** The sessions this server relays now, by id. */
@ApplicationScoped
public class LiveSessions {
    /** The end frame stays retained this long, for agents that come back after the session ended. */
    private static final long END_RETAINED_SECONDS = 3600;

    private static final long AUDIO_EXPIRY_SECONDS = 10;

    private final Map<UUID, LiveRelay> relays = new ConcurrentHashMap<>();
    private final MqttGateway mqtt;

    public LiveSessions(MqttGateway mqtt) {
        this.mqtt = mqtt;
    }

    /** The relay of an open session, created here if another server started it or this one restarted. */
    LiveRelay relayOf(LiveSession session) {
        return relays.computeIfAbsent(
                session.id,
                id -> new LiveRelay(
                        id, Base64.getDecoder().decode(session.frameKey), (frame, bytes) -> publish(id, frame, bytes)));
    }

    Optional<LiveRelay> running(UUID id) {
        return Optional.ofNullable(relays.get(id));
    }

    Optional<LiveRelay> remove(UUID id) {
        return Optional.ofNullable(relays.remove(id));
    }

    Collection<LiveRelay> all() {
        return List.copyOf(relays.values());
    }

    private void publish(UUID id, LiveFrame frame, byte[] bytes) {
        String topic = mqtt.topics().live(id);
        if (frame.kind() == LiveFrame.END) {
            mqtt.publishFrame(topic, bytes, 1, true, END_RETAINED_SECONDS);
        } else {
            mqtt.publishFrame(topic, bytes, 0, false, AUDIO_EXPIRY_SECONDS);
        }
    }
}
