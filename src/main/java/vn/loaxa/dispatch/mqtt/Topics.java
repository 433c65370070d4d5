package vn.loaxa.dispatch.mqtt;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Builds and parses every loaxa topic string (docs/protocol.md, "Topics"). Pure, so it is tested directly. */
public final class Topics {
    public static final String VERSION = "v1";
    private static final Pattern RECEIVER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern AREA_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");

    public enum Kind {
        MANIFEST("manifest"),
        EVENT("event"),
        STATUS("status"),
        HEARTBEAT("heartbeat"),
        COMMAND("cmd"),
        /** The retained list of areas whose manifest topics the receiver subscribes to. */
        AREAS("areas"),
        /** The server's acknowledgement of stored events (docs/protocol.md, "Events"). */
        ACK("ack"),
        /** A receiver's request for the manifests it lacks after connecting (docs/protocol.md, "Catch-up"). */
        CATCHUP("catchup");

        private final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        static Optional<Kind> of(String segment) {
            for (Kind kind : values()) {
                if (kind.segment.equals(segment)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** A parsed receiver topic. */
    public record Address(String receiverId, Kind kind) {}

    private final String prefix;

    public Topics(String prefix) {
        if (prefix.isEmpty()
                || prefix.contains("+")
                || prefix.contains("#")
                || prefix.startsWith("$")
                || prefix.startsWith("/")
                || prefix.endsWith("/")) {
            throw new IllegalArgumentException("Invalid topic prefix '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    /** The topic of one live session's frames (docs/protocol.md, "Live sessions"). */
    public String live(UUID sessionId) {
        return prefix + "/" + VERSION + "/live/" + sessionId;
    }

    /** Every live session's topic: what a receiver may subscribe to, and only that. */
    public String allLive() {
        return prefix + "/" + VERSION + "/live/+";
    }

    public static boolean isValidReceiverId(String id) {
        return id != null && RECEIVER_ID.matcher(id).matches();
    }

    public String receiver(String receiverId, Kind kind) {
        if (!isValidReceiverId(receiverId)) {
            throw new IllegalArgumentException("Invalid receiver id '" + receiverId + "'");
        }
        return base() + receiverId + "/" + kind.segment;
    }

    public static boolean isValidAreaCode(String code) {
        return code != null && AREA_CODE.matcher(code).matches();
    }

    /** The group topic of one area: its retained area manifest, {@code {prefix}/v1/area/{code}/manifest}. */
    public String areaManifest(String areaCode) {
        if (!isValidAreaCode(areaCode)) {
            throw new IllegalArgumentException("Invalid area code '" + areaCode + "'");
        }
        return prefix + "/" + VERSION + "/area/" + areaCode + "/manifest";
    }

    /** Subscription filter for one kind of message from every receiver. */
    public String allReceivers(Kind kind) {
        return base() + "+/" + kind.segment;
    }

    /** The same filter as an MQTT 5 shared subscription, so replicas split the messages. */
    public String sharedAllReceivers(String group, Kind kind) {
        return "$share/" + group + "/" + allReceivers(kind);
    }

    /**
     * The topic of the server's inbound probe: matched by its subscription to receiver heartbeats, but never a
     * receiver's (no receiver id starts with an underscore), so no receiver may publish on it. Not a dot: Artemis
     * reads a dot as its own level delimiter, and {@code +} then no longer matches the level.
     */
    public String inboundProbe() {
        return base() + "_probe/" + Kind.HEARTBEAT.segment;
    }

    /** Every loaxa topic under the prefix. */
    public String everything() {
        return prefix + "/#";
    }

    public Optional<Address> parse(String topic) {
        String base = base();
        if (topic == null || !topic.startsWith(base)) {
            return Optional.empty();
        }
        String[] rest = topic.substring(base.length()).split("/", -1);
        if (rest.length != 2 || !isValidReceiverId(rest[0])) {
            return Optional.empty();
        }
        return Kind.of(rest[1]).map(kind -> new Address(rest[0], kind));
    }

    private String base() {
        return prefix + "/" + VERSION + "/rx/";
    }
}
