package lab.bcrypt.loadgen;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server jar started as a child process: its stdout and stderr go to {@code server.log}, its base
 * URL comes from the {@code listening on http://HOST:PORT} line it prints when ready, and {@link
 * #close()} stops it with SIGTERM ({@link Process#destroy()} on Linux).
 */
final class ServerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    private static final Pattern LISTENING =
            Pattern.compile("listening on (http://\\S+?):(\\d+)\\s*$");

    /** A graceful shutdown lets in-flight requests finish; past this the process is killed. */
    private static final long STOP_TIMEOUT_SECONDS = 30;

    /** Lines of server.log quoted in an error when the server fails to start. */
    private static final int LOG_TAIL_LINES = 20;

    private final String name;
    private final Process process;
    private final Path logFile;
    private final CompletableFuture<String> baseUrl = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread logPump;
    private final Thread killOnExit;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.logPump = new Thread(this::pumpLog, "loadgen-" + name + "-log");
        logPump.setDaemon(true);
        logPump.start();
        // If the load generator is interrupted (Ctrl-C), the server must not outlive it.
        this.killOnExit =
                new Thread(() -> process.toHandle().destroy(), "loadgen-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code command}, writing its output to {@code logFile}. */
    static ServerProcess start(String name, List<String> command, Path logFile) throws IOException {
        LOG.info("Starting the {} server: {}", name, String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServerProcess(name, process, logFile);
    }

    private void pumpLog() {
        try (BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                remember(line);
                Matcher matcher = LISTENING.matcher(line);
                if (!baseUrl.isDone() && matcher.find()) {
                    baseUrl.complete(matcher.group(1) + ":" + matcher.group(2));
                }
            }
        } catch (IOException e) {
            LOG.warn(
                    "Failed to copy the {} server's output to {}: {}", name, logFile, e.toString());
        } finally {
            baseUrl.completeExceptionally(
                    new IllegalStateException(
                            "The "
                                    + name
                                    + " server exited before printing 'listening on http://HOST:PORT'."));
        }
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        if (tail.size() > LOG_TAIL_LINES) {
            tail.removeFirst();
        }
    }

    private synchronized String tail() {
        return String.join(System.lineSeparator(), tail);
    }

    /** Waits for the {@code listening on} line and returns the server's base URL. */
    String awaitListening(long timeoutSeconds) throws InterruptedException {
        try {
            return baseUrl.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "The "
                            + name
                            + " server printed no 'listening on http://HOST:PORT' line within "
                            + timeoutSeconds
                            + " s. A server that hashes a password at start-up takes twice as long"
                            + " for each step of bcrypt cost, so at a high --cost raise"
                            + " --start-timeout-s. Check "
                            + logFile
                            + "; its last lines:\n"
                            + tail());
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    e.getCause().getMessage()
                            + " Exit code "
                            + exitCode()
                            + ". Check "
                            + logFile
                            + "; its last lines:\n"
                            + tail());
        }
    }

    private String exitCode() {
        return process.isAlive() ? "none (still running)" : Integer.toString(process.exitValue());
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook stops the server.
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and waits for the exit; kills the process if it does not exit in time. */
    @Override
    public void close() throws InterruptedException {
        removeShutdownHook();
        if (!process.isAlive()) {
            return;
        }
        // ProcessHandle.destroy() sends SIGTERM on Linux. Process.destroy() sends it too but also
        // closes the pipe, which would cut the server's shutdown lines from server.log.
        process.toHandle().destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn(
                    "The {} server (pid {}) ignored SIGTERM for {} s; killing it.",
                    name,
                    pid(),
                    STOP_TIMEOUT_SECONDS);
            process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        logPump.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
        LOG.info("The {} server stopped with exit code {}.", name, process.exitValue());
    }
}
