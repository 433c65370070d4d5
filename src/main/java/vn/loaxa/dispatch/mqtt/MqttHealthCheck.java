package vn.loaxa.dispatch.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the server's MQTT connection is up: without it no manifest goes out and no event comes in. */
@Readiness
@ApplicationScoped
public class MqttHealthCheck implements HealthCheck {
    public static final String NAME = "MQTT broker connection";

    private final MqttGateway gateway;

    public MqttHealthCheck(MqttGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(gateway.connected()).build();
    }
}
