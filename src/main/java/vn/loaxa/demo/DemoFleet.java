package vn.loaxa.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.loaxa.dispatch.broker.EmbeddedBroker;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.signing.MessageSigner;
import vn.loaxa.receiver.api.ReceiverView;
import vn.loaxa.receiver.service.ReceiverService;

/**
 * Runs the demo receivers as one real agent process, provisioned the way a field device is: each receiver's
 * secret is rotated and handed to the agent in a private fleet file.
 */
@ApplicationScoped
public class DemoFleet {
    private static final Logger LOG = Logger.getLogger(DemoFleet.class);

    private final DemoConfig config;
    private final ReceiverService receivers;
    private final EmbeddedBroker broker;
    private final MqttConfig mqtt;
    private final MessageSigner signer;
    private final Path home;
    private final String publicBaseUrl;
    private Process agent;

    public DemoFleet(
            DemoConfig config,
            ReceiverService receivers,
            EmbeddedBroker broker,
            MqttConfig mqtt,
            MessageSigner signer,
            @ConfigProperty(name = "loaxa.data-dir") Path dataDir,
            @ConfigProperty(name = "loaxa.public-base-url") String publicBaseUrl) {
        this.config = config;
        this.signer = signer;
        this.receivers = receivers;
        this.broker = broker;
        this.mqtt = mqtt;
        this.home = dataDir.resolve("demo-agents").toAbsolutePath();
        this.publicBaseUrl = publicBaseUrl;
    }

    void start(@Observes @Priority(100) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Path jar = Path.of(config.agentJar()).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            LOG.warnf(
                    "Demo receivers not started: %s is missing. Build it with: mvn -B -f device-agent package -DskipTests",
                    jar);
            return;
        }
        List<ReceiverView> fleet = receivers.list();
        if (fleet.isEmpty()) {
            return;
        }
        try {
            agent = launch(jar, writeFleetFile(fleet));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the demo agents", e);
        }
        LOG.infof(
                "Started demo agent process %d for %d receivers (log: %s)",
                agent.pid(), fleet.size(), home.resolve("agent.log"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (agent != null && agent.isAlive()) {
            agent.destroy();
            try {
                if (!agent.waitFor(10, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Path writeFleetFile(List<ReceiverView> fleet) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve("fleet.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        StringBuilder lines = new StringBuilder("# receiver id = secret; rewritten at every demo start\n");
        for (ReceiverView receiver : fleet) {
            lines.append(receiver.id())
                    .append('=')
                    .append(receivers.rotateSecret(receiver.id()))
                    .append('\n');
        }
        Files.writeString(file, lines);
        return file;
    }

    private Process launch(Path jar, Path fleetFile) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String mqttUrl = mqtt.url().or(broker::url).orElseThrow();
        return new ProcessBuilder(
                        java,
                        "-jar",
                        jar.toString(),
                        "--fleet",
                        fleetFile.toString(),
                        "--mqtt-url",
                        mqttUrl,
                        "--server-url",
                        publicBaseUrl,
                        "--topic-prefix",
                        mqtt.topicPrefix(),
                        "--cache-dir",
                        home.resolve("cache").toString(),
                        "--sink",
                        config.sink(),
                        "--trusted-keys",
                        String.join(
                                ",",
                                signer.trustedKeys().stream()
                                        .map(MessageSigner.TrustedKey::publicKey)
                                        .toList()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("agent.log").toFile()))
                .start();
    }
}
