package vn.loaxa.agent.config;

import java.net.URI;
import java.util.Objects;

/**
 * How a simulated fleet registers its receivers on the server before connecting ({@code --register-with}): as a
 * person who may provision receivers in {@code areaCode}, by HTTP Basic ({@code user}, {@code password}) or by an
 * API token.
 *
 * @param serverUrl the loaxa server's base URL
 * @param areaCode  the area (commune) the receivers are placed in
 * @param user      login name for HTTP Basic, or null with a token
 * @param password  its password, or null with a token
 * @param token     an API token ({@code lxa_…}), or null with a user and password
 */
public record Registration(URI serverUrl, String areaCode, String user, String password, String token) {

    public Registration {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(areaCode, "areaCode");
        if (token == null && (user == null || password == null)) {
            throw new IllegalArgumentException("a registration needs a token or a user and password");
        }
    }

    /** Never prints the password or token. */
    @Override
    public String toString() {
        return "Registration[serverUrl=" + serverUrl + ", areaCode=" + areaCode + ", "
                + (token != null ? "token=***" : "user=" + user + ", password=***") + "]";
    }
}
