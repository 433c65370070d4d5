package vn.loaxa.agent.config;

import java.util.Locale;
import java.util.Optional;

/** Where decoded audio goes. */
public enum SinkType {
    /** The default sound card, through {@code javax.sound.sampled}. */
    JAVASOUND,
    /** Nowhere, at real-time pace: for tests and simulated fleets without a sound card. */
    NULL,
    /**
     * Files, at real-time pace: the PCM and, per write, when it is heard on the server clock (for benchmarks that
     * measure latency and spread between receivers).
     */
    FILE;

    /** The configuration value, e.g. {@code javasound}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SinkType> fromKey(String key) {
        for (SinkType type : values()) {
            if (type.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
