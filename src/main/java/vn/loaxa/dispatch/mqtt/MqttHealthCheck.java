package vn.loaxa.dispatch.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the server's MQTT connection is up and the broker has granted its subscription to receiver
 * messages: without the one no manifest goes out, without the other no event comes in.
 */
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
        return HealthCheckResponse.named(NAME)
                .status(gateway.subscribed())
                .withData("connected", gateway.connected())
                .withData("subscribed", gateway.subscribed())
                .build();
    }
}
