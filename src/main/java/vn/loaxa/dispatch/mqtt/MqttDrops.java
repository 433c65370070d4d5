package vn.loaxa.dispatch.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Logs and counts every inbound MQTT message that is dropped, by reason. */
@ApplicationScoped
public class MqttDrops {
    public static final String METER = "loaxa.mqtt.dropped";
    private static final Logger LOG = Logger.getLogger(MqttDrops.class);

    private final MeterRegistry registry;

    public MqttDrops(MeterRegistry registry) {
        this.registry = registry;
    }

    public void drop(String reason, String topic, String detail) {
        registry.counter(METER, "reason", reason).increment();
        LOG.warnf("Dropped MQTT message on '%s' (%s): %s", topic, reason, detail);
    }

    public double count(String reason) {
        var counter = registry.find(METER).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
