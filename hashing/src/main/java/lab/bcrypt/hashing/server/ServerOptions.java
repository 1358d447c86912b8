package lab.bcrypt.hashing.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import lab.bcrypt.hashing.BcryptCost;
import picocli.CommandLine.Option;

/**
 * The command-line options both servers take, as a picocli mixin. The fluent setters let tests
 * build options without parsing a command line.
 */
public final class ServerOptions {

    /** Jetty's own default for {@code QueuedThreadPool}, so the lab measures Jetty as shipped. */
    public static final int DEFAULT_MAX_THREADS = 200;

    /**
     * Smallest request pool accepted. Jetty leases one acceptor and one selector thread per
     * connector on a small machine and fails to start when nothing is left for handlers.
     */
    public static final int MIN_MAX_THREADS = 4;

    /**
     * Largest request pool accepted. 5000 threads leave room for experiments past the lab's largest
     * burst of 1000 connections. Each platform thread reserves a stack (1 MiB by default on 64-bit
     * Linux), so a typo such as 200000 must not reach Jetty, where it could exhaust memory or the
     * kernel's thread limit.
     */
    public static final int MAX_MAX_THREADS = 5000;

    /**
     * Default time a request may take to send its body. A valid body is under 1 KiB and travels
     * with the request head, so a working client sends it within milliseconds; 10 s still covers
     * three lost packets (TCP retransmits after 1, 2 and 4 s). The blocking read holds a request
     * thread, so this bound, not the connector's 5-minute idle timeout, limits what a slow client
     * can take.
     */
    public static final long DEFAULT_BODY_TIMEOUT_MILLIS = 10_000;

    private static final int MAX_PORT = 65_535;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port = 8080;

    @Option(
            names = "--cost",
            paramLabel = "COST",
            description =
                    "bcrypt cost, 4-31; each step doubles the work (default: ${DEFAULT-VALUE}).")
    private int cost = BcryptCost.DEFAULT;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description =
                    "JDBC URL of the user database, H2 or PostgreSQL (default: a private"
                            + " in-memory H2 database).")
    private String databaseUrl;

    @Option(
            names = "--max-threads",
            paramLabel = "N",
            description =
                    "Maximum threads of Jetty's request pool, acceptor and selector included,"
                            + " 4-5000 (default: ${DEFAULT-VALUE}).")
    private int maxThreads = DEFAULT_MAX_THREADS;

    @Option(
            names = "--virtual-threads",
            description =
                    "Run request handlers on virtual threads (Java 21 or later; rejected on"
                            + " older JVMs).")
    private boolean virtualThreads;

    @Option(
            names = "--hash-deadline-ms",
            paramLabel = "MILLIS",
            description =
                    "Deadline in milliseconds for the hashing part of a register or login request,"
                            + " from the hand-off to the end of the hash; past it the request gets"
                            + " 503 and a registration stores no user (default: ${DEFAULT-VALUE}).")
    private long hashDeadlineMillis = HashDeadline.DEFAULT.toMillis();

    @Option(
            names = "--body-timeout-ms",
            paramLabel = "MILLIS",
            description =
                    "Time in milliseconds a register or login request may take to send its body;"
                            + " past it the request gets 408 and its request thread is free"
                            + " (default: ${DEFAULT-VALUE}).")
    private long bodyTimeoutMillis = DEFAULT_BODY_TIMEOUT_MILLIS;

    @Option(
            names = "--perf-log",
            paramLabel = "FILE",
            description = "Write one JSON line per request to FILE (default: no performance log).")
    private Path perfLog;

    /** Checks the values picocli cannot check and returns a message per problem, or none. */
    public String validate() {
        if (cost < BcryptCost.MIN || cost > BcryptCost.MAX) {
            return String.format(
                    Locale.ROOT,
                    "Invalid value %d for --cost: bcrypt takes %d-%d.",
                    cost,
                    BcryptCost.MIN,
                    BcryptCost.MAX);
        }
        if (port < 0 || port > MAX_PORT) {
            return String.format(
                    Locale.ROOT, "Invalid value %d for --port: use 0-%d.", port, MAX_PORT);
        }
        String problem =
                rangeProblem(
                        "--max-threads",
                        maxThreads,
                        MIN_MAX_THREADS,
                        MAX_MAX_THREADS,
                        "Jetty needs a few threads for accepting and selecting, and each thread"
                                + " reserves a stack");
        if (problem == null && hashDeadlineMillis < 1) {
            problem =
                    String.format(
                            Locale.ROOT,
                            "Invalid value %d for --hash-deadline-ms: use at least 1.",
                            hashDeadlineMillis);
        }
        if (problem == null) {
            problem =
                    rangeProblem(
                            "--body-timeout-ms",
                            bodyTimeoutMillis,
                            1,
                            HttpConnector.IDLE_TIMEOUT.toMillis(),
                            "a body must arrive faster than the connection's idle timeout");
        }
        return problem;
    }

    /**
     * Returns a message naming {@code option}, its value, the range and {@code reason} when {@code
     * value} lies outside {@code min}..{@code max}, or null when it lies inside.
     */
    public static String rangeProblem(
            String option, long value, long min, long max, String reason) {
        if (value >= min && value <= max) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "Invalid value %d for %s: use %d-%d (%s).",
                value,
                option,
                min,
                max,
                reason);
    }

    public String host() {
        return host;
    }

    public ServerOptions host(String value) {
        this.host = value;
        return this;
    }

    public int port() {
        return port;
    }

    public ServerOptions port(int value) {
        this.port = value;
        return this;
    }

    public int cost() {
        return cost;
    }

    public ServerOptions cost(int value) {
        this.cost = value;
        return this;
    }

    /** Returns the JDBC URL given with {@code --db}, or null for the default in-memory database. */
    public String databaseUrl() {
        return databaseUrl;
    }

    public ServerOptions databaseUrl(String value) {
        this.databaseUrl = value;
        return this;
    }

    public int maxThreads() {
        return maxThreads;
    }

    public ServerOptions maxThreads(int value) {
        this.maxThreads = value;
        return this;
    }

    public boolean virtualThreads() {
        return virtualThreads;
    }

    public ServerOptions virtualThreads(boolean value) {
        this.virtualThreads = value;
        return this;
    }

    public Duration hashDeadline() {
        return Duration.ofMillis(hashDeadlineMillis);
    }

    public ServerOptions hashDeadline(Duration value) {
        this.hashDeadlineMillis = value.toMillis();
        return this;
    }

    /** Returns how long a request may take to send its body. */
    public Duration bodyTimeout() {
        return Duration.ofMillis(bodyTimeoutMillis);
    }

    public ServerOptions bodyTimeout(Duration value) {
        this.bodyTimeoutMillis = value.toMillis();
        return this;
    }

    /** Returns the performance log file, or null when none was requested. */
    public Path perfLog() {
        return perfLog;
    }

    public ServerOptions perfLog(Path value) {
        this.perfLog = value;
        return this;
    }
}
