package vn.loaxa.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import vn.loaxa.agent.Topics;

/** Reads a fleet file: a properties file whose lines are {@code <receiverId>=<secret>}. */
public final class FleetFile {

    private FleetFile() {}

    /** The members, ordered by receiver id. */
    public static Map<String, String> read(Path file) throws ConfigException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read fleet file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> members = new TreeMap<>();
        for (String receiverId : properties.stringPropertyNames()) {
            String secret = properties.getProperty(receiverId).trim();
            if (!Topics.isValidReceiverId(receiverId)) {
                throw new ConfigException("fleet file " + file + ": receiver id '" + receiverId
                        + "' is invalid; it must match " + Topics.RECEIVER_ID.pattern());
            }
            if (secret.isEmpty()) {
                throw new ConfigException("fleet file " + file + ": receiver " + receiverId + " has no secret");
            }
            members.put(receiverId, secret);
        }
        if (members.isEmpty()) {
            throw new ConfigException("fleet file " + file + " lists no receivers; expected receiverId=secret lines");
        }
        return members;
    }
}
