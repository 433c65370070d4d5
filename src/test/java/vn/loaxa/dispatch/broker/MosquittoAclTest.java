package vn.loaxa.dispatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static vn.loaxa.support.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loaxa.dispatch.mqtt.MqttConfig;
import vn.loaxa.dispatch.mqtt.Topics;
import vn.loaxa.support.Api;
import vn.loaxa.support.Fixtures;
import vn.loaxa.support.StackResource;
import vn.loaxa.support.TestMqttClient;

/**
 * A real Mosquitto started with the password file and ACL that loaxa generates (infra/mosquitto/README.md) refuses
 * a receiver's publish on another receiver's topics, as the embedded broker does.
 */
@QuarkusTest
class MosquittoAclTest {
    @Inject
    MqttConfig config;

    @TempDir
    Path dir;

    private Process mosquitto;

    @AfterEach
    void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.destroy();
        }
    }

    @Test
    void shouldConfineAReceiverToItsOwnTopicsOnMosquitto() throws Exception {
        Fixtures.area("MQA", "COMMUNE", null);
        Fixtures.area("MQX", "COMMUNE", null);
        String secretA = Fixtures.receiver("mqa-a", "MQA", List.of("vie"));
        Fixtures.receiver("mqa-b", "MQA", List.of("vie"));
        int port = startMosquitto();
        String url = "tcp://127.0.0.1:" + port;
        Topics topics = new Topics(config.topicPrefix());

        try (TestMqttClient server = new TestMqttClient(url);
                TestMqttClient a = new TestMqttClient(url, "mqa-a", "mqa-a", secretA)) {
            server.subscribe(topics.allReceivers(Topics.Kind.EVENT));
            assertThat(a.subscribeForReasonCode(topics.receiver("mqa-a", Topics.Kind.MANIFEST))).isEqualTo(1);

            a.publishForReasonCode(topics.receiver("mqa-b", Topics.Kind.EVENT), "forged");
            a.publishForReasonCode(topics.receiver("mqa-a", Topics.Kind.EVENT), "own");
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.received().isEmpty());
            assertThat(server.received()).extracting(TestMqttClient.Received::text).containsExactly("own");

            server.publish(topics.receiver("mqa-b", Topics.Kind.MANIFEST), "for b");
            server.publish(topics.receiver("mqa-a", Topics.Kind.MANIFEST), "for a");
            a.subscribe(topics.receiver("mqa-b", Topics.Kind.MANIFEST));
            await().atMost(Duration.ofSeconds(10)).until(() -> !a.received().isEmpty());
            assertThat(a.received()).extracting(TestMqttClient.Received::text).containsExactly("for a");

            // its own area's group topic, and not another area's
            a.subscribe(topics.areaManifest("MQX"));
            a.subscribe(topics.areaManifest("MQA"));
            server.publish(topics.areaManifest("MQX"), "for area x");
            server.publish(topics.areaManifest("MQA"), "for area a");
            await().atMost(Duration.ofSeconds(10)).until(() -> a.received().size() >= 2);
            assertThat(a.received()).extracting(TestMqttClient.Received::text)
                    .containsExactly("for a", "for area a");
        }
        assertThatThrownBy(() -> new TestMqttClient(url, "mqa-a", "mqa-a", "wrong").close())
                .isInstanceOf(MqttException.class);
    }

    private int startMosquitto() throws IOException {
        Path passwd = dir.resolve("passwd");
        Path acl = dir.resolve("acl");
        Files.writeString(passwd, asAdmin().get("/api/v1/broker/mosquitto/passwd").then().statusCode(200)
                .extract().asString());
        Files.writeString(acl, asAdmin().get("/api/v1/broker/mosquitto/acl").then().statusCode(200)
                .extract().asString());
        assertThat(Files.readString(passwd)).contains(Api.MQTT_USER + ":$7$").contains("mqa-a:$7$");
        assertThat(Files.readString(acl)).contains("topic read " + new Topics(config.topicPrefix())
                .areaManifest("MQA")).doesNotContain("/area/MQX/");
        int port = StackResource.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                user root
                listener %d 127.0.0.1
                allow_anonymous false
                password_file %s
                acl_file %s
                persistence false
                """.formatted(port, passwd, acl));
        mosquitto = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
        return port;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
