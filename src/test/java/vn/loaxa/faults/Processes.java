package vn.loaxa.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting, signalling and waiting for the child processes of the fault suite. */
final class Processes {
    private Processes() {}

    /** Runs a command to its end (bounded) and fails with its output unless it exits 0. */
    static String run(List<String> command, Path log) {
        return run(command, Map.of(), log);
    }

    /** {@link #run(List, Path)} with these environment variables added. */
    static String run(List<String> command, Map<String, String> environment, Path log) {
        try {
            Process process = start(command, environment, log);
            if (!process.waitFor(300, TimeUnit.SECONDS)) { // a re-augmentation on a busy box included
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "\n" + tail(log));
            }
            return tail(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Process start(List<String> command, Path log) {
        return start(command, Map.of(), log);
    }

    /** Starts a command with these environment variables added to the suite's. */
    static Process start(List<String> command, Map<String, String> environment, Path log) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process gets no chance to say goodbye. */
    static void kill(Process process) {
        process.destroyForcibly();
        awaitExit(process);
    }

    /** SIGTERM, as systemd stops a service; SIGKILL only if it does not end within 30 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitExit(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of a log, for a failure message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log " + log + ")";
        }
    }

    /** A line in a process's log that says what the suite did to it, and when. */
    static void appendMarker(Path log, String what) {
        try {
            Files.writeString(
                    log,
                    "==== fault suite, " + Instant.now() + ": " + what + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
