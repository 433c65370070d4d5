package vn.loaxa.agent;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds and parses the per-receiver topic strings
 * {@code {prefix}/v1/rx/{receiverId}/{manifest|event|status|heartbeat|cmd|areas|ack|catchup}} and the area manifest topics
 * {@code {prefix}/v1/area/{areaCode}/manifest}, and the live session topics {@code {prefix}/v1/live/{sessionId}}.
 * This is the only place in the agent that knows the topic layout. It is pure: no I/O, no state beyond the prefix.
 */
public final class Topics {

    /** The topic prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "loaxa";
    /** What a receiver id must look like; anything else is never put into, or accepted from, a topic. */
    public static final Pattern RECEIVER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** What a topic prefix may look like: topic levels without MQTT wildcards, no leading or trailing slash. */
    public static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    /** What an area code must look like to be put into, or accepted from, a topic. */
    public static final Pattern AREA_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");

    /** What a live session id must look like (a UUID) to be put into, or accepted from, a topic. */
    public static final Pattern SESSION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String RECEIVERS_LEVEL = "/v1/rx/";
    private static final String LIVE_LEVEL = "/v1/live/";
    private static final String AREAS_LEVEL = "/v1/area/";
    private static final String AREA_MANIFEST = "/manifest";

    /** The per-receiver topics. */
    public enum Kind {
        MANIFEST,
        EVENT,
        STATUS,
        HEARTBEAT,
        CMD,
        AREAS,
        ACK,
        CATCHUP;

        /** The last topic level, e.g. {@code manifest}. */
        public String level() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Kind> fromLevel(String level) {
            for (Kind kind : values()) {
                if (kind.level().equals(level)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** A parsed per-receiver topic. */
    public record ReceiverTopic(String receiverId, Kind kind) {}

    private final String prefix;

    /** @throws IllegalArgumentException if the prefix is not a plain topic path */
    public Topics(String prefix) {
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("invalid topic prefix: '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    /** True if {@code receiverId} matches {@link #RECEIVER_ID}. */
    public static boolean isValidReceiverId(String receiverId) {
        return receiverId != null && RECEIVER_ID.matcher(receiverId).matches();
    }

    /** True if {@code prefix} matches {@link #PREFIX}. */
    public static boolean isValidPrefix(String prefix) {
        return prefix != null && PREFIX.matcher(prefix).matches();
    }

    public String prefix() {
        return prefix;
    }

    /** {@code {prefix}/v1/rx/{receiverId}/manifest}. */
    public String manifest(String receiverId) {
        return topic(receiverId, Kind.MANIFEST);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/event}. */
    public String event(String receiverId) {
        return topic(receiverId, Kind.EVENT);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/status}. */
    public String status(String receiverId) {
        return topic(receiverId, Kind.STATUS);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/heartbeat}. */
    public String heartbeat(String receiverId) {
        return topic(receiverId, Kind.HEARTBEAT);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/cmd}. */
    public String command(String receiverId) {
        return topic(receiverId, Kind.CMD);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/areas}: the areas whose manifests the receiver takes. */
    public String areas(String receiverId) {
        return topic(receiverId, Kind.AREAS);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/ack}: the server's acknowledgements of stored events. */
    public String ack(String receiverId) {
        return topic(receiverId, Kind.ACK);
    }

    /** {@code {prefix}/v1/rx/{receiverId}/catchup}: the receiver asks the server for the manifests it lacks. */
    public String catchUp(String receiverId) {
        return topic(receiverId, Kind.CATCHUP);
    }

    /**
     * {@code {prefix}/v1/area/{areaCode}/manifest}: the area's group manifest.
     *
     * @throws IllegalArgumentException if the area code is not valid
     */
    public String areaManifest(String areaCode) {
        if (areaCode == null || !AREA_CODE.matcher(areaCode).matches()) {
            throw new IllegalArgumentException("invalid area code: '" + areaCode + "'");
        }
        return prefix + AREAS_LEVEL + areaCode + AREA_MANIFEST;
    }

    /** The area code of an area manifest topic under this prefix; empty for anything else. */
    public Optional<String> parseAreaManifest(String topic) {
        String start = prefix + AREAS_LEVEL;
        if (topic == null || !topic.startsWith(start) || !topic.endsWith(AREA_MANIFEST)) {
            return Optional.empty();
        }
        String code = topic.substring(start.length(), topic.length() - AREA_MANIFEST.length());
        return AREA_CODE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    /**
     * {@code {prefix}/v1/live/{sessionId}}: the frames of a live session.
     *
     * @throws IllegalArgumentException if the session id is not a UUID
     */
    public String live(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new IllegalArgumentException("invalid live session id: '" + sessionId + "'");
        }
        return prefix + LIVE_LEVEL + sessionId;
    }

    /**
     * Whether the topic lies under this prefix's live level: a cheap test for every message, before
     * {@link #parseLive} checks the session id.
     */
    public boolean isLive(String topic) {
        return topic != null && topic.startsWith(prefix) && topic.startsWith(LIVE_LEVEL, prefix.length());
    }

    /** The session id of a live topic under this prefix; empty for anything else. */
    public Optional<String> parseLive(String topic) {
        String start = prefix + LIVE_LEVEL;
        if (topic == null || !topic.startsWith(start)) {
            return Optional.empty();
        }
        String sessionId = topic.substring(start.length());
        return SESSION_ID.matcher(sessionId).matches() ? Optional.of(sessionId) : Optional.empty();
    }

    /**
     * The topic of the given kind for a receiver.
     *
     * @throws IllegalArgumentException if the receiver id is not valid
     */
    public String topic(String receiverId, Kind kind) {
        Objects.requireNonNull(kind, "kind");
        if (!isValidReceiverId(receiverId)) {
            throw new IllegalArgumentException("invalid receiver id: '" + receiverId + "'");
        }
        return prefix + RECEIVERS_LEVEL + receiverId + "/" + kind.level();
    }

    /** Parses a per-receiver topic under this prefix; empty for anything else, including invalid receiver ids. */
    public Optional<ReceiverTopic> parse(String topic) {
        String start = prefix + RECEIVERS_LEVEL;
        if (topic == null || !topic.startsWith(start)) {
            return Optional.empty();
        }
        String rest = topic.substring(start.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String receiverId = rest.substring(0, slash);
        if (!isValidReceiverId(receiverId)) {
            return Optional.empty();
        }
        return Kind.fromLevel(rest.substring(slash + 1)).map(kind -> new ReceiverTopic(receiverId, kind));
    }
}
