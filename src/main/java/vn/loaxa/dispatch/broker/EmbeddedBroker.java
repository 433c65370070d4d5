package vn.loaxa.dispatch.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.mqtt.MqttConfig;

/** The embedded HiveMQ CE broker of the default set-up; idle when an external broker is configured. */
@ApplicationScoped
public class EmbeddedBroker {
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);

    private final EmbeddedBrokerConfig config;
    private final MqttConfig mqtt;
    private final Path home;
    private EmbeddedHiveMQ hivemq;
    private int port;

    public EmbeddedBroker(EmbeddedBrokerConfig config, MqttConfig mqtt,
            @ConfigProperty(name = "loaxa.data-dir") Path dataDir) {
        this.config = config;
        this.mqtt = mqtt;
        this.home = dataDir.resolve("broker").toAbsolutePath();
    }

    public boolean active() {
        return config.enabled() && mqtt.url().isEmpty();
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        if (!active()) {
            return;
        }
        port = reservePort(config.bindAddress(), config.port());
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), configXml(config.bindAddress(), port));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded broker's folders under " + home, e);
        }
        hivemq.start().join();
        LOG.infof("Embedded MQTT broker (HiveMQ CE) listening on %s:%d", config.bindAddress(), port);
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
            throw new IllegalStateException("The embedded MQTT broker cannot listen on " + bindAddress + ":" + wanted
                    + " because that port is already in use (another broker such as Mosquitto, or another loaxa?). "
                    + "Set LOAXA_MQTT_EMBEDDED_PORT to a free port, or LOAXA_MQTT_URL to use that broker instead.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open port " + wanted + " on " + bindAddress, e);
        }
    }

    private static String configXml(String bindAddress, int port) {
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
                    </mqtt>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                    <general>
                        <update-check-enabled>false</update-check-enabled>
                    </general>
                </hivemq>
                """.formatted(port, bindAddress);
    }
}
