package vn.loaxa.agent.config;

/** The configuration is wrong or incomplete; the message says which key and why, for a person to fix. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
