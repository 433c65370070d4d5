package vn.loaxa.agent;

import java.io.PrintStream;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.loaxa.agent.config.ConfigException;
import vn.loaxa.agent.config.ConfigLoader;
import vn.loaxa.agent.config.Usage;

/** Command-line entry point of the loaxa device agent. */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String LOG_FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

    private Main() {}

    /** Starts the agent; exits the JVM only when the agent should not keep running. */
    public static void main(String[] args) {
        if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
            System.setProperty(LOG_FORMAT_PROPERTY, LOG_FORMAT);
        }
        ExitCode code = start(args);
        if (code != ExitCode.OK) {
            System.exit(code.value());
        }
    }

    /**
     * Parses the configuration and starts the agent(s) in the background. {@link ExitCode#OK} means the agent is
     * running (or usage was printed); anything else means it must stop.
     */
    public static ExitCode start(String[] args) {
        return start(args, System.getenv(), System.out, System.err);
    }

    static ExitCode start(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        ConfigLoader.Request request;
        try {
            request = new ConfigLoader(environment).load(args);
        } catch (ConfigException e) {
            return configError(err, e);
        }
        if (request.helpRequested()) {
            out.print(Usage.text());
            out.flush();
            return ExitCode.OK;
        }
        try {
            AgentRuntime runtime = AgentRuntime.start(request.config(), request.registration());
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "loaxa-shutdown"));
            return ExitCode.OK;
        } catch (ConfigException e) {
            return configError(err, e);
        } catch (AgentRuntime.CacheUnusableException e) {
            err.println("loaxa-agent: " + e.getMessage());
            return ExitCode.CACHE_UNUSABLE;
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "cannot start the agent", e);
            err.println("loaxa-agent: cannot start: " + e.getMessage());
            return ExitCode.UNRECOVERABLE;
        }
    }

    private static ExitCode configError(PrintStream err, ConfigException e) {
        err.println("loaxa-agent: " + e.getMessage());
        err.println("Run with --help for the list of keys.");
        return ExitCode.CONFIG_ERROR;
    }
}
