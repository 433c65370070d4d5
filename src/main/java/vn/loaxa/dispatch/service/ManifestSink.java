package vn.loaxa.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;
import vn.loaxa.dispatch.mqtt.MqttGateway;

/** Where built manifests go: the broker, retained, with message expiry. A failure throws. */
@ApplicationScoped
public class ManifestSink {
    private final MqttGateway mqtt;

    public ManifestSink(MqttGateway mqtt) {
        this.mqtt = mqtt;
    }

    public void send(String topic, byte[] payload, long expirySeconds) {
        mqtt.publish(topic, payload, true, expirySeconds);
    }
}
