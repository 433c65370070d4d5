package vn.loaxa.dispatch.broker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.loaxa.support.StackResource;

/**
 * A real Mosquitto laid out as on a Debian host (a main configuration with pid file and persistence, and
 * infra/mosquitto/mosquitto.conf as its drop-in, changed only in ports and paths), prepared by
 * {@code loaxa-mosquitto-setup} and fed by {@code loaxa-mosquitto-sync}. Started as root it drops to the
 * {@code mosquitto} user, as the packaged broker does, so the files must be readable by that user.
 */
final class ShippedMosquitto implements AutoCloseable {
    private static final Path INFRA = Path.of("infra", "mosquitto").toAbsolutePath();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    /** What a script printed, and how it ended. */
    record Run(int exitCode, String output) {}

    final Path dir;
    final Path loaxaDir;
    final Path mainConf;
    final String owner;
    final int port;
    final int tlsPort;
    final Path certificate;
    private Process process;

    ShippedMosquitto(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.loaxaDir = dir.resolve("loaxa");
        this.mainConf = dir.resolve("mosquitto.conf");
        this.owner = brokerUser();
        this.port = StackResource.freePort();
        this.tlsPort = StackResource.freePort();
        // the broker's user must reach its files below the (private) temporary folder
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : List.of("run", "data", "certs", "conf.d")) {
            Files.createDirectories(dir.resolve(sub));
        }
        Path certs = dir.resolve("certs");
        this.certificate = certs.resolve("server.crt");
        check(run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        certs.resolve("server.key").toString(),
                        "-out",
                        certificate.toString()),
                Map.of()));
        // what the distribution's package and systemd unit provide: the run and persistence folders are the broker's
        check(run(
                List.of(
                        "chown",
                        "-R",
                        owner,
                        dir.resolve("run").toString(),
                        dir.resolve("data").toString(),
                        certs.toString()),
                Map.of()));
        Files.writeString(
                mainConf, """
                pid_file %s
                persistence true
                persistence_location %s/
                include_dir %s
                """.formatted(dir.resolve("run/mosquitto.pid"), dir.resolve("data"), dir.resolve("conf.d")));
        Files.writeString(
                dir.resolve("conf.d/loaxa.conf"),
                Files.readString(INFRA.resolve("mosquitto.conf"))
                        .replace("listener 1883 ", "listener " + port + " ")
                        .replace("listener 8883", "listener " + tlsPort)
                        .replace("/etc/mosquitto/loaxa/", loaxaDir + "/")
                        .replace("/etc/mosquitto/certs/", certs + "/"));
    }

    /** Runs {@code loaxa-mosquitto-setup} for these server logins with this password. */
    Run setUp(String password, String... logins) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(INFRA.resolve("loaxa-mosquitto-setup").toString()));
        command.addAll(List.of(logins));
        return run(
                command,
                Map.of(
                        "MOSQUITTO_LOAXA_DIR",
                        loaxaDir.toString(),
                        "MOSQUITTO_USER",
                        owner,
                        "LOAXA_MQTT_PASSWORD",
                        password));
    }

    /** Runs {@code loaxa-mosquitto-sync} against the server at {@code serverUrl}, with extra variables. */
    Run sync(String serverUrl, String admin, String adminPassword, Map<String, String> extra)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of(
                "LOAXA_URL",
                serverUrl,
                "LOAXA_USER",
                admin,
                "LOAXA_PASSWORD",
                adminPassword,
                "MOSQUITTO_LOAXA_DIR",
                loaxaDir.toString(),
                "MOSQUITTO_USER",
                owner,
                "MOSQUITTO_CONF",
                mainConf.toString()));
        env.putAll(extra);
        return run(List.of(INFRA.resolve("loaxa-mosquitto-sync").toString()), env);
    }

    void start() throws IOException {
        process = new ProcessBuilder("mosquitto", "-c", mainConf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        await("Mosquitto listening (" + dir.resolve("mosquitto.log") + ")")
                .atMost(Duration.ofSeconds(10))
                .until(() -> process.isAlive() && listening(port));
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String tlsUrl() {
        return "ssl://127.0.0.1:" + tlsPort;
    }

    long pid() {
        return process.pid();
    }

    /** The user the broker process runs as. */
    String runningAs() throws IOException, InterruptedException {
        return check(run(List.of("ps", "-o", "user=", "-p", String.valueOf(pid())), Map.of()))
                .output()
                .strip();
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The user the broker ends up running as: {@code mosquitto} when started as root, else whoever starts it. */
    private static String brokerUser() {
        String me = System.getProperty("user.name");
        return "root".equals(me) ? "mosquitto" : me;
    }

    private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!script.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            script.destroyForcibly();
            throw new IllegalStateException(command + " did not finish: " + output);
        }
        return new Run(script.exitValue(), output);
    }

    private static Run check(Run run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException("Failed (" + run.exitCode() + "): " + run.output());
        }
        return run;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
