package vn.loaxa.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.loaxa.dispatch.mqtt.MqttGateway;

/**
 * The state of the server's receiver-facing side, for the message of a test that waited in vain for a receiver to be
 * heard: whether the broker granted the subscription, how many messages arrived, and where the threads that carry
 * them stand. The server runs in the test's JVM, so it can be read directly.
 */
public final class ServerDiagnostics {
    private static final Pattern INBOUND_THREADS = Pattern.compile("loaxa-mqtt.*|loaxa-event-writer|MQTT .*");
    private static final int FRAMES = 12;

    private ServerDiagnostics() {}

    public static String inbound() {
        MqttGateway gateway = Arc.container().instance(MqttGateway.class).get();
        MeterRegistry registry = Arc.container().instance(MeterRegistry.class).get();
        StringBuilder out = new StringBuilder("\n-- server MQTT: connected=")
                .append(gateway.connected())
                .append(", subscribed=")
                .append(gateway.subscribed())
                .append(", received=")
                .append(registry.counter(MqttGateway.RECEIVED_METER).count())
                .append(", inbound stalls=")
                .append(registry.counter(MqttGateway.STALLS_METER).count())
                .append('\n');
        for (Map.Entry<Thread, StackTraceElement[]> thread :
                Thread.getAllStackTraces().entrySet()) {
            if (INBOUND_THREADS.matcher(thread.getKey().getName()).matches()) {
                out.append(thread.getKey().getName())
                        .append(" (")
                        .append(thread.getKey().getState())
                        .append(")\n")
                        .append(Arrays.stream(thread.getValue())
                                .limit(FRAMES)
                                .map(frame -> "\tat " + frame)
                                .collect(Collectors.joining("\n")))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
