package vn.loaxa.dispatch.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.session.ClientService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.TopicPolicy;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.receiver.service.CredentialsChanged;

/** The embedded HiveMQ CE broker of the default set-up; idle when an external broker is configured. */
@ApplicationScoped
public class EmbeddedBroker {
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final String DEFAULT_SERVER_USER = "loaxa-server";

    private final EmbeddedBrokerConfig config;
    private final MqttConfig mqtt;
    private final Path home;
    private final ReceiverLogins receiverLogins;
    private final BrokerLogin serverLogin;
    private EmbeddedHiveMQ hivemq;
    private volatile ClientService clients;
    private int port;

    public EmbeddedBroker(
            EmbeddedBrokerConfig config,
            MqttConfig mqtt,
            ReceiverLogins receiverLogins,
            @ConfigProperty(name = "loaxa.data-dir") Path dataDir) {
        this.config = config;
        this.mqtt = mqtt;
        this.receiverLogins = receiverLogins;
        this.home = dataDir.resolve("broker").toAbsolutePath();
        // without configured credentials the server's login is new at every start and known only to this process
        this.serverLogin = new BrokerLogin(
                mqtt.username().orElse(DEFAULT_SERVER_USER), mqtt.password().orElseGet(EmbeddedBroker::randomPassword));
    }

    /** The server's own login on the embedded broker. */
    public BrokerLogin serverLogin() {
        return serverLogin;
    }

    public boolean active() {
        return config.enabled() && mqtt.url().isEmpty();
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        if (!active()) {
            return;
        }
        startOn(reservePort(config.bindAddress(), config.port()));
    }

    private void startOn(int listenPort) {
        port = listenPort;
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(
                    conf.resolve("config.xml"), configXml(config.bindAddress(), port, config.maxQueuedMessages()));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .withEmbeddedExtension(accessControl())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded broker's folders under " + home, e);
        }
        hivemq.start().join();
        LOG.infof("Embedded MQTT broker (HiveMQ CE) listening on %s:%d", config.bindAddress(), port);
    }

    private EmbeddedExtension accessControl() {
        TopicPolicy policy = new TopicPolicy(new Topics(mqtt.topicPrefix()));
        return EmbeddedExtension.builder()
                .withId("loaxa-access-control")
                .withName("loaxa access control")
                .withVersion("1")
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
                        BrokerAuthenticator authenticator = new BrokerAuthenticator(
                                serverLogin, policy, receiverLogins, Services.extensionExecutorService());
                        Services.securityRegistry().setAuthenticatorProvider(provider -> authenticator);
                        clients = Services.clientService();
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
                        clients = null;
                    }
                })
                .build();
    }

    /** A receiver whose secret changed is disconnected; it must log in again with the new one. */
    void disconnect(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged changed) {
        ClientService current = clients;
        if (current != null) {
            current.disconnectClient(changed.receiverId()).whenComplete((done, failure) -> {
                if (Boolean.TRUE.equals(done)) {
                    LOG.infof(
                            "Disconnected receiver %s from the embedded broker: its credentials changed",
                            changed.receiverId());
                }
            });
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Stops the broker and starts it again on the same port, as a crash and restart of the broker alone would: every
     * client is disconnected and comes back on its own reconnect schedule. For benchmarks and operations.
     */
    public synchronized void restart() {
        if (hivemq == null) {
            throw new IllegalStateException("the embedded broker is not running");
        }
        int listenPort = port;
        stop(null);
        startOn(listenPort);
    }

    void stop(@Observes ShutdownEvent event) {
        if (hivemq != null) {
            try {
                hivemq.stop().join();
                hivemq.close();
            } catch (Exception e) {
                LOG.warn("Embedded broker did not stop cleanly", e);
            }
            hivemq = null;
        }
    }

    /** URL of the embedded broker for local clients, once it runs. */
    public Optional<String> url() {
        return hivemq == null ? Optional.empty() : Optional.of("tcp://127.0.0.1:" + port);
    }

    private static int reservePort(String bindAddress, int wanted) {
        try (ServerSocket socket = new ServerSocket(wanted, 1, InetAddress.getByName(bindAddress))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (BindException e) {
            throw new IllegalStateException(
                    "The embedded MQTT broker cannot listen on " + bindAddress + ":" + wanted
                            + " because that port is already in use (another broker such as Mosquitto, or another loaxa?). "
                            + "Set LOAXA_MQTT_EMBEDDED_PORT to a free port, or LOAXA_MQTT_URL to use that broker instead.",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open port " + wanted + " on " + bindAddress, e);
        }
    }

    /**
     * Topic aliases are off: Paho 1.2.5 re-sends in-flight publishes after a reconnect with an alias of the old
     * connection (eclipse-paho/paho.mqtt.java#1104), which the broker answers by closing the connection, in a loop.
     */
    private static String configXml(String bindAddress, int port, long maxQueuedMessages) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <receive-maximum>
                            <server-receive-maximum>1000</server-receive-maximum>
                        </receive-maximum>
                        <topic-alias>
                            <enabled>false</enabled>
                        </topic-alias>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                    <general>
                        <update-check-enabled>false</update-check-enabled>
                    </general>
                </hivemq>
                """.formatted(port, bindAddress, maxQueuedMessages);
    }
}
