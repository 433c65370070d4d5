package vn.loaxa.dispatch.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.mqtt.MqttDrops;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.ReceiverRateLimit;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.dispatch.protocol.CatchUpMessage;
import vn.loaxa.receiver.model.ReceiverRepository;

/**
 * Answers a receiver that connected and did not get its retained messages (a fresh or failed-over broker node): from
 * the versions the server last published (the manifest versions table) and the versions the receiver says it holds,
 * it publishes again, retained and signed like any manifest, what the receiver lacks: its area chain, its own
 * manifest, and the manifests of its areas; then a {@code CAUGHT_UP} command, after which the receiver stops asking.
 * A receiver that holds everything costs one small read and that command.
 * Each receiver's requests are rate-limited, a bounded pool answers them, and one area's manifest goes out at most
 * once per {@link CatchUpConfig#areaInterval()} however many of its receivers ask (docs/protocol.md, "Catch-up").
 */
@ApplicationScoped
public class CatchUpService {
    public static final String METER = "loaxa.catchup.republished";
    public static final String REQUESTS_METER = "loaxa.catchup.requests";
    private static final Logger LOG = Logger.getLogger(CatchUpService.class);

    /** What became of a request handed in. */
    public enum Outcome {
        QUEUED,
        THROTTLED,
        OVERLOADED
    }

    /** What one receiver lacks. */
    private record Plan(boolean known, List<String> chain, boolean areas, boolean own, List<String> areaCodes) {
        static final Plan UNKNOWN = new Plan(false, List.of(), false, false, List.of());
    }

    private final ReceiverRepository receivers;
    private final ManifestVersions versions;
    private final ManifestPublisher publisher;
    private final AreaSubscriptions subscriptions;
    private final MqttGateway mqtt;
    private final CommandService commands;
    private final MqttDrops drops;
    private final MeterRegistry registry;
    private final EntityManager em;
    private final ReceiverRateLimit rateLimit;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "loaxa-catchup-areas");
        thread.setDaemon(true);
        return thread;
    });
    private final TrailingThrottle areaThrottle;

    public CatchUpService(
            CatchUpConfig config,
            ReceiverRepository receivers,
            ManifestVersions versions,
            ManifestPublisher publisher,
            AreaSubscriptions subscriptions,
            MqttGateway mqtt,
            CommandService commands,
            MqttDrops drops,
            MeterRegistry registry,
            EntityManager em) {
        this.receivers = receivers;
        this.versions = versions;
        this.publisher = publisher;
        this.subscriptions = subscriptions;
        this.mqtt = mqtt;
        this.commands = commands;
        this.drops = drops;
        this.registry = registry;
        this.em = em;
        this.rateLimit = new ReceiverRateLimit(config.ratePerSecond(), config.burst(), System::nanoTime);
        this.workers = new ThreadPoolExecutor(
                config.workers(),
                config.workers(),
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(config.queue()),
                r -> new Thread(r, "loaxa-catchup"));
        this.areaThrottle = new TrailingThrottle(config.areaInterval(), System::nanoTime, later);
    }

    /** Takes a well-formed request from {@code receiverId} (its topic's); never blocks. */
    public Outcome request(String topic, String receiverId, CatchUpMessage request) {
        Outcome outcome = take(topic, receiverId, request);
        registry.counter(REQUESTS_METER, "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        return outcome;
    }

    private Outcome take(String topic, String receiverId, CatchUpMessage request) {
        if (!rateLimit.tryAcquire(receiverId)) {
            return Outcome.THROTTLED;
        }
        try {
            workers.execute(() -> answer(topic, receiverId, request));
            return Outcome.QUEUED;
        } catch (RejectedExecutionException e) {
            return Outcome.OVERLOADED;
        }
    }

    private void answer(String topic, String receiverId, CatchUpMessage request) {
        try {
            Plan plan = QuarkusTransaction.requiringNew().call(() -> plan(receiverId, request));
            if (!plan.known()) {
                drops.drop("unknown-receiver", topic, "no receiver '" + receiverId + "' is registered");
                return;
            }
            if (plan.areas()) {
                subscriptions.publish(List.of(receiverId));
                republished("areas");
            }
            if (plan.own()) {
                publisher.publishFor(List.of(receiverId));
                republished("own");
            }
            for (String code : plan.areaCodes()) {
                areaThrottle.request(code, () -> publishArea(code));
            }
            commands.caughtUp(receiverId);
            LOG.debugf(
                    "Catch-up of %s: areas %s, own manifest %s, area manifests %s",
                    receiverId, plan.areas(), plan.own(), plan.areaCodes());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not answer the catch-up request of %s; it asks again at its next connect", receiverId);
        }
    }

    private void publishArea(String code) {
        try {
            publisher.publishAreas(List.of(code));
            republished("area");
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not republish the manifest of area %s for catch-up", code);
        }
    }

    private Plan plan(String receiverId, CatchUpMessage request) {
        if (receivers.findById(receiverId) == null) {
            return Plan.UNKNOWN;
        }
        List<String> chain = receivers.areaChain(receiverId);
        Topics topics = mqtt.topics();
        String ownTopic = topics.receiver(receiverId, Topics.Kind.MANIFEST);
        Map<String, String> areaTopics = new HashMap<>();
        chain.forEach(code -> areaTopics.put(code, topics.areaManifest(code)));
        Set<String> all = new HashSet<>(areaTopics.values());
        all.add(ownTopic);
        Map<String, Long> current = versions.current(all);
        boolean own = current.getOrDefault(ownTopic, 0L) > request.heldManifestVersion();
        Set<String> pending = areasAwaitingPublish();
        List<String> stale = chain.stream()
                .filter(code -> current.getOrDefault(areaTopics.get(code), 0L) > request.heldAreaVersion(code))
                // a dispatch that is still publishing sends it anyway, and in the right order
                .filter(code -> !pending.contains(code))
                .toList();
        return new Plan(true, chain, !chain.equals(request.knownAreas()), own, stale);
    }

    /** Areas whose manifests a dispatch has recorded but not yet published (see {@link PublishRetry}). */
    private Set<String> areasAwaitingPublish() {
        Set<String> codes = new HashSet<>();
        em.createQuery("""
                select o.publishAreas, o.groupArea from Occurrence o
                where o.publishPendingSince is not null and o.windowEnd > :now
                """, Object[].class)
                .setParameter("now", OffsetDateTime.now())
                .getResultStream()
                .forEach(row -> {
                    if (row[0] != null) {
                        codes.addAll(Arrays.asList(((String) row[0]).split(",")));
                    }
                    if (row[1] != null) {
                        codes.add((String) row[1]);
                    }
                });
        return codes;
    }

    private void republished(String kind) {
        registry.counter(METER, "kind", kind).increment();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        later.shutdownNow();
    }
}
