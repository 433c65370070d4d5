package vn.loaxa.dispatch.broker;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListenerProvider;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientLifecycleEventListenerProviderInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients connected to the embedded broker now, kept from the broker's lifecycle events: a connection counts from
 * its successful login to its disconnect. Asking the broker to iterate its sessions instead costs a pass over every
 * session and does not finish while thousands of clients log in.
 */
final class ConnectedClients implements ClientLifecycleEventListenerProvider {
    /** Connections per client id: two while a reconnecting client takes over its own session. */
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();

    @Override
    public ClientLifecycleEventListener getClientLifecycleEventListener(
            ClientLifecycleEventListenerProviderInput input) {
        return new Connection();
    }

    int count(String idPrefix) {
        return (int) connections.keySet().stream()
                .filter(id -> id.startsWith(idPrefix))
                .count();
    }

    void clear() {
        connections.clear();
    }

    /** One connection's listener: HiveMQ asks the provider for a new one per connection. */
    private final class Connection implements ClientLifecycleEventListener {
        private volatile boolean counted;

        @Override
        public void onMqttConnectionStart(ConnectionStartInput input) {
            // counted from a successful login only
        }

        @Override
        public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
            counted = true;
            connections.merge(input.getClientInformation().getClientId(), 1, Integer::sum);
        }

        @Override
        public void onDisconnect(DisconnectEventInput input) {
            if (counted) {
                counted = false;
                connections.computeIfPresent(
                        input.getClientInformation().getClientId(), (id, n) -> n > 1 ? n - 1 : null);
            }
        }
    }
}
