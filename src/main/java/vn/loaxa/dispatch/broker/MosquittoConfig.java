package vn.loaxa.dispatch.broker;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** The server logins written into the Mosquitto files that loaxa generates (infra/mosquitto/README.md). */
@ConfigMapping(prefix = "loaxa.broker.mosquitto")
public interface MosquittoConfig {
    /**
     * Broker user names of every server replica, which share {@code loaxa.mqtt.password}: Mosquitto makes the user
     * name the client id, so each replica needs its own; this replica's {@code loaxa.mqtt.username} is always in.
     */
    Optional<List<String>> serverUsernames();
}
