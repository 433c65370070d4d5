package vn.loaxa.dispatch.broker;

import java.nio.charset.StandardCharsets;

/** The credentials the server itself uses on the broker. */
public record BrokerLogin(String username, String password) {

    byte[] passwordBytes() {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "BrokerLogin[" + username + "]";
    }
}
