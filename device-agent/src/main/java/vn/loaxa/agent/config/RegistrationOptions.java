package vn.loaxa.agent.config;

import static vn.loaxa.agent.config.ConfigLoader.SECRET;
import static vn.loaxa.agent.config.ConfigLoader.SIMULATE;
import static vn.loaxa.agent.config.ConfigLoader.blankToNull;
import static vn.loaxa.agent.config.ConfigLoader.envName;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The {@code register-with} option group, read into a {@link Registration}: it goes only with {@code simulate}, and
 * then needs an area and either an API token or a user and password.
 */
public final class RegistrationOptions {

    public static final String REGISTER_WITH = "register-with";
    public static final String REGISTER_AREA = "register-area";
    public static final String ADMIN_USER = "admin-user";
    public static final String ADMIN_PASSWORD = "admin-password";
    public static final String ADMIN_TOKEN = "admin-token";

    private RegistrationOptions() {}

    /**
     * Reads the group from the merged configuration values.
     *
     * @param config the configuration read from the same values, for what the group depends on
     * @return the registration, or null when {@code register-with} is not set
     */
    static Registration read(Map<String, String> values, AgentConfig config) throws ConfigException {
        String server = blankToNull(values.get(REGISTER_WITH));
        String area = blankToNull(values.get(REGISTER_AREA));
        String user = blankToNull(values.get(ADMIN_USER));
        String password = blankToNull(values.get(ADMIN_PASSWORD));
        String token = blankToNull(values.get(ADMIN_TOKEN));
        if (server == null) {
            if (area != null || user != null || password != null || token != null) {
                throw new ConfigException(REGISTER_AREA + ", " + ADMIN_USER + ", " + ADMIN_PASSWORD + " and "
                        + ADMIN_TOKEN + " go with " + REGISTER_WITH);
            }
            return null;
        }
        if (config.simulate() == 0) {
            throw new ConfigException(
                    REGISTER_WITH + " registers the receivers of " + SIMULATE + "; set --" + SIMULATE + " N");
        }
        if (config.secret() != null) {
            throw new ConfigException(
                    "use either " + REGISTER_WITH + " (the server issues the secrets) or " + SECRET + ", not both");
        }
        if (area == null) {
            throw new ConfigException(REGISTER_WITH + " needs " + REGISTER_AREA + ", the area code of the commune"
                    + " the receivers are placed in");
        }
        if (token == null && (user == null || password == null)) {
            throw new ConfigException(REGISTER_WITH + " needs " + ADMIN_TOKEN + ", or " + ADMIN_USER + " and "
                    + ADMIN_PASSWORD + " (set the password with " + envName(ADMIN_PASSWORD) + ")");
        }
        if (token != null && (user != null || password != null)) {
            throw new ConfigException(
                    "use either " + ADMIN_TOKEN + " or " + ADMIN_USER + "/" + ADMIN_PASSWORD + ", not both");
        }
        return new Registration(serverUrl(server), area, user, password, token);
    }

    private static URI serverUrl(String server) throws ConfigException {
        URI url;
        try {
            url = new URI(server);
        } catch (URISyntaxException e) {
            throw new ConfigException(REGISTER_WITH + " '" + server + "' is not a URL: " + e.getMessage(), e);
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new ConfigException(REGISTER_WITH + " '" + server + "' must be an http(s) URL of the server,"
                    + " e.g. http://127.0.0.1:8080");
        }
        return url;
    }
}
