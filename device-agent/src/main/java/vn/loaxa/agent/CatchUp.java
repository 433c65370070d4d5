package vn.loaxa.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.mqtt.MqttTransport;
import vn.loaxa.agent.protocol.CatchUpRequest;
import vn.loaxa.agent.protocol.Schemas;

/**
 * Catch-up without retained messages (docs/protocol.md, "Catch-up"). After every connect the broker normally
 * delivers the retained own manifest, area list and area manifests within milliseconds of subscribing. A broker node
 * that lost them, or never had them, delivers nothing, and the agent would hold nothing new until the next dispatch.
 * So a short wait after each connect, if any of those topics brought nothing that passed the checks, the agent asks
 * the server for them, naming the versions it holds; the server publishes again what is newer. When the
 * retained messages came, nothing is asked. A request can expire unheard when a whole fleet asks at once (a broker
 * restart), so until the server answers ({@code CAUGHT_UP}) and while something is still missing the agent asks
 * again, a few times per connection, each time after twice as long (with jitter, so that a fleet's re-asks spread
 * out).
 */
final class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class.getName());
    private static final int QOS = 1;
    /** A request the broker cannot deliver within this is stale. */
    static final long REQUEST_EXPIRY_SECONDS = 30;
    /** The first ask again comes once the first request has expired unheard. */
    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(REQUEST_EXPIRY_SECONDS);
    /** Asks per connection at the most, for a server too old to answer with {@code CAUGHT_UP}. */
    static final int ASKS_PER_CONNECTION = 4;

    /** Where the request goes; false if it could not be handed to the connection. */
    interface Sender {
        boolean send(String topic, byte[] payload);
    }

    private final String receiverId;
    private final Topics topics;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration wait;
    private final Duration askAgainAfter;
    private final ScheduledExecutorService scheduler;
    private final ControlLane control;
    private final ManifestState manifests;
    private final Sender sender;
    private final AtomicLong connection = new AtomicLong();
    /** The connection whose request the server answered; 0 if none. */
    private final AtomicLong answered = new AtomicLong();

    private final Set<String> arrived = ConcurrentHashMap.newKeySet();

    CatchUp(
            String receiverId,
            Topics topics,
            ObjectMapper json,
            Clock clock,
            Duration wait,
            Duration askAgainAfter,
            ScheduledExecutorService scheduler,
            ControlLane control,
            ManifestState manifests,
            Sender sender) {
        this.receiverId = receiverId;
        this.topics = topics;
        this.json = json;
        this.clock = clock;
        this.wait = wait;
        this.askAgainAfter = askAgainAfter;
        this.scheduler = scheduler;
        this.control = control;
        this.manifests = manifests;
        this.sender = sender;
    }

    /** A new connection, before subscribing: forgets what the last one brought and checks after the wait. */
    void connected() {
        long current = connection.incrementAndGet();
        arrived.clear();
        askLater(current, 1, wait.toMillis());
    }

    private void askLater(long connectionNumber, int ask, long delayMillis) {
        try {
            scheduler.schedule(() -> control.run(() -> ask(connectionNumber, ask)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.fine("scheduler stopped; no catch-up");
        }
    }

    /**
     * The server answered (a {@code CAUGHT_UP} command): what was missing is on its way or held at the latest version,
     * so this connection asks no more.
     */
    void answered() {
        answered.set(connection.get());
        LOG.fine(() -> receiverId + " catch-up answered");
    }

    /** A message passed every check on {@code topic} (the version it carries may be new or not). */
    void arrived(String topic) {
        arrived.add(topic);
    }

    /** The retained topics that brought nothing since the last connect. */
    List<String> missing() {
        List<String> expected = new ArrayList<>();
        expected.add(topics.manifest(receiverId));
        expected.add(topics.areas(receiverId));
        manifests.areaCodes().forEach(code -> expected.add(topics.areaManifest(code)));
        return expected.stream().filter(topic -> !arrived.contains(topic)).toList();
    }

    /** The request naming what this agent holds now. */
    CatchUpRequest request() {
        return new CatchUpRequest(
                Schemas.CATCHUP,
                receiverId,
                clock.instant(),
                manifests.version().isPresent() ? manifests.version().getAsLong() : null,
                manifests.knowsAreas() ? manifests.areaCodes() : null,
                manifests.areaVersions());
    }

    /** Asks if something did not come, and asks again later while it does not; runs on the control lane. */
    private void ask(long connectionNumber, int ask) {
        if (connectionNumber != connection.get() || answered.get() == connectionNumber) {
            return;
        }
        List<String> missing = missing();
        if (missing.isEmpty()) {
            LOG.fine(() -> receiverId + " got every retained manifest; no catch-up");
            return;
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(request());
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, receiverId + " cannot write the catch-up request", e);
            return;
        }
        if (sender.send(topics.catchUp(receiverId), payload)) {
            LOG.info(() -> receiverId + " asked the server to catch up: nothing came on " + missing);
        } else {
            LOG.warning(receiverId + " could not ask to catch up (not connected); asks again at the next connect");
            return;
        }
        if (ask < ASKS_PER_CONNECTION) {
            long base = askAgainAfter.toMillis() << (ask - 1);
            askLater(
                    connectionNumber,
                    ask + 1,
                    base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        }
    }

    /** Sends through the receiver's connection: QoS 1, not retained, expiring. */
    static Sender over(MqttTransport mqtt, String receiverId) {
        return (topic, payload) ->
                mqtt.publish(topic, payload, QOS, false, REQUEST_EXPIRY_SECONDS, new MqttTransport.Delivery() {
                    @Override
                    public void delivered() {
                        LOG.finest(() -> receiverId + " catch-up request taken by the broker");
                    }

                    @Override
                    public void failed(Throwable cause) {
                        LOG.log(Level.WARNING, receiverId + " catch-up request not taken by the broker", cause);
                    }
                });
    }
}
