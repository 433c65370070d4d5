package vn.loaxa.agent.support;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An embedded HiveMQ CE broker on a free port of 127.0.0.1, with in-memory persistence and an authenticator
 * that admits only registered username/password pairs (the username must equal the client id).
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    private final Map<String, String> credentials = new ConcurrentHashMap<>();
    private final Path workDir;
    private final int port;
    private EmbeddedHiveMQ hiveMq;

    private EmbeddedBroker(Path workDir) throws IOException {
        this.workDir = workDir;
        this.port = freePort();
        this.hiveMq = build();
    }

    private EmbeddedHiveMQ build() throws IOException {
        Path config = Files.createDirectories(workDir.resolve("conf"));
        Path data = Files.createDirectories(workDir.resolve("data"));
        Path extensions = Files.createDirectories(workDir.resolve("extensions"));
        Files.writeString(config.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port), StandardCharsets.UTF_8);
        EmbeddedExtension authentication = EmbeddedExtension.builder()
                .withId("loaxa-test-auth")
                .withName("loaxa test authentication")
                .withVersion("1")
                .withPriority(0)
                .withStartPriority(1000)
                .withAuthor("loaxa")
                .withExtensionMain(new AuthenticationExtension(credentials))
                .build();
        return EmbeddedHiveMQ.builder()
                .withConfigurationFolder(config)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(authentication)
                .withoutLoggingBootstrap()
                .build();
    }

    /** Starts a broker whose folders live under {@code workDir}. */
    public static EmbeddedBroker start(Path workDir) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(workDir);
        broker.hiveMq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return broker;
    }

    /** Admits this client id / username with this password. */
    public EmbeddedBroker allow(String clientId, String password) {
        credentials.put(clientId, password);
        return this;
    }

    /** No longer admits this client id (its next connect is refused). */
    public EmbeddedBroker deny(String clientId) {
        credentials.remove(clientId);
        return this;
    }

    /** Drops the client's connection from the broker's side, as a network failure would. */
    public void disconnect(String clientId) throws Exception {
        Services.clientService().disconnectClient(clientId).get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** How many clients whose id starts with {@code idPrefix} are connected now, as the broker sees it. */
    public int connectedClients(String idPrefix) throws Exception {
        java.util.concurrent.atomic.AtomicInteger connected = new java.util.concurrent.atomic.AtomicInteger();
        Services.clientService()
                .iterateAllClients((context, session) -> {
                    if (session.isConnected() && session.getClientIdentifier().startsWith(idPrefix)) {
                        connected.incrementAndGet();
                    }
                })
                .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return connected.get();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker (every connection drops, in-memory state is lost); {@link #restart} brings it back. */
    public void stop() throws Exception {
        hiveMq.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        hiveMq.close();
    }

    /** Starts a fresh broker on the same port (an embedded HiveMQ cannot be started twice). */
    public void restart() throws Exception {
        hiveMq = build();
        hiveMq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        hiveMq.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        hiveMq.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private record AuthenticationExtension(Map<String, String> credentials) implements ExtensionMain {

        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry()
                    .setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) (authInput, authOutput) -> {
                        var connect = authInput.getConnectPacket();
                        String clientId = connect.getClientId();
                        Optional<String> user = connect.getUserName();
                        Optional<String> password = connect.getPassword().map(EmbeddedBroker::utf8);
                        String expected = credentials.get(clientId);
                        if (expected != null
                                && user.filter(clientId::equals).isPresent()
                                && password.filter(expected::equals).isPresent()) {
                            authOutput.authenticateSuccessfully();
                        } else {
                            authOutput.failAuthentication();
                        }
                    });
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            // nothing to release
        }
    }

    private static String utf8(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
