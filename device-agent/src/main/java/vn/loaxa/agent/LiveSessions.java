package vn.loaxa.agent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import vn.loaxa.agent.live.LivePlayout;
import vn.loaxa.agent.mqtt.MqttTransport;

/**
 * The live sessions one agent is playing now, by session id, and their MQTT subscriptions: a session's topic is
 * taken (QoS 0) while it plays, again after every reconnect, and left when it stops. Thread-safe.
 */
final class LiveSessions {

    /** Frames are audio: one lost is concealed, one late is useless, so they are never resent. */
    static final int FRAME_QOS = 0;

    /** The part of the MQTT link that live sessions use. */
    interface Subscriptions {
        void subscribe(String topic, int qos);

        void unsubscribe(String topic);

        boolean isConnected();
    }

    private final Topics topics;
    private final Subscriptions link;
    private final Map<String, LivePlayout> playing = new ConcurrentHashMap<>();

    /** The subscriptions of live sessions over this agent's MQTT connection. */
    static Subscriptions over(MqttTransport mqtt) {
        return new Subscriptions() {
            @Override
            public void subscribe(String topic, int qos) {
                mqtt.subscribe(topic, qos);
            }

            @Override
            public void unsubscribe(String topic) {
                mqtt.unsubscribe(topic);
            }

            @Override
            public boolean isConnected() {
                return mqtt.isConnected();
            }
        };
    }

    LiveSessions(Topics topics, Subscriptions link) {
        this.topics = topics;
        this.link = link;
    }

    /** The session starts playing: its frames go to {@code playout}. */
    void open(String sessionId, LivePlayout playout) {
        playing.put(sessionId, playout);
        if (link.isConnected()) {
            link.subscribe(topics.live(sessionId), FRAME_QOS);
        }
    }

    /** The session stops playing here (ended, interrupted or cancelled). */
    void close(String sessionId, LivePlayout playout) {
        if (playing.remove(sessionId, playout)) {
            link.unsubscribe(topics.live(sessionId));
        }
    }

    /** Takes the topics of the sessions playing again, on a new connection. */
    void resubscribe() {
        playing.keySet().forEach(sessionId -> link.subscribe(topics.live(sessionId), FRAME_QOS));
    }

    /** The playout of a session playing now. */
    Optional<LivePlayout> playout(String sessionId) {
        return Optional.ofNullable(playing.get(sessionId));
    }

    /** Whether the link is up: a playout counts idle time only while it is. */
    boolean linkUp() {
        return link.isConnected();
    }
}
