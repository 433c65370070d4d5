package vn.loaxa.dispatch.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Logs and counts every inbound MQTT message that is dropped, by reason. */
@ApplicationScoped
public class MqttDrops {
    public static final String METER = "loaxa.mqtt.dropped";
    private static final Logger LOG = Logger.getLogger(MqttDrops.class);

    private static final long QUIET_MILLIS = 60_000;

    private final MeterRegistry registry;
    private final java.util.Map<String, Long> lastLogged = new java.util.concurrent.ConcurrentHashMap<>();

    public MqttDrops(MeterRegistry registry) {
        this.registry = registry;
    }

    public void drop(String reason, String topic, String detail) {
        registry.counter(METER, "reason", reason).increment();
        LOG.warnf("Dropped MQTT message on '%s' (%s): %s", topic, reason, detail);
    }

    /** Counts every drop but logs only the first of each key a minute, for floods that would drown the log. */
    public void dropQuietly(String reason, String key, String topic, String detail) {
        registry.counter(METER, "reason", reason).increment();
        long now = System.currentTimeMillis();
        Long last = lastLogged.get(reason + "/" + key);
        if (last == null || now - last > QUIET_MILLIS) {
            lastLogged.put(reason + "/" + key, now);
            LOG.warnf(
                    "Dropped MQTT message on '%s' (%s): %s; further drops of it are counted, logged once a" + " minute",
                    topic, reason, detail);
        }
    }

    public double count(String reason) {
        var counter = registry.find(METER).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
