package vn.loaxa.dispatch.service;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.function.Predicate;
import vn.loaxa.dispatch.mqtt.MqttGateway;
import vn.loaxa.dispatch.mqtt.MqttPublishException;

/**
 * The broker refusing manifests, for tests: publishes to the topics a test names fail as a refused Paho publish does
 * (Paho buffers while disconnected, so a stopped broker alone does not make a publish fail). Passes everything
 * through otherwise.
 */
@Alternative
@Priority(1)
@Singleton
public class FailingManifestSink extends ManifestSink {
    private volatile Predicate<String> failing = topic -> false;

    public FailingManifestSink(MqttGateway mqtt) {
        super(mqtt);
    }

    /** Refuses every later publish to a topic matching {@code topics}. */
    public void failWhere(Predicate<String> topics) {
        failing = topics;
    }

    public void recover() {
        failing = topic -> false;
    }

    @Override
    public void send(String topic, byte[] payload, long expirySeconds) {
        if (failing.test(topic)) {
            throw new MqttPublishException(topic, new IllegalStateException("broker unavailable (test)"));
        }
        super.send(topic, payload, expirySeconds);
    }
}
