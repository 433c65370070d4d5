package vn.loaxa.agent;

/**
 * How the agent process ends. {@link Main#main} exits with {@link #value()}.
 * <ul>
 *   <li>{@link #OK} (0): the agent started and runs until it is stopped, or {@code --help} was printed.</li>
 *   <li>{@link #UNRECOVERABLE} (1): an unexpected error stopped the agent during start-up.</li>
 *   <li>{@link #CONFIG_ERROR} (2): the command line or configuration is wrong or incomplete; the message on
 *       stderr says which key.</li>
 *   <li>{@link #CACHE_UNUSABLE} (3): the cache directory cannot be created or written.</li>
 * </ul>
 */
public enum ExitCode {
    /** Started normally (the JVM keeps running) or printed the usage. */
    OK(0),
    /** An unexpected error during start-up. */
    UNRECOVERABLE(1),
    /** Bad or missing usage or configuration. */
    CONFIG_ERROR(2),
    /** The cache directory cannot be created or written. */
    CACHE_UNUSABLE(3);

    private final int value;

    ExitCode(int value) {
        this.value = value;
    }

    /** The process exit status. */
    public int value() {
        return value;
    }
}
