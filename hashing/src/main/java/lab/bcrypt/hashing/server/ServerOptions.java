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
                    "Maximum threads of Jetty's request pool, acceptor and selector included"
                            + " (default: ${DEFAULT-VALUE}).")
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
        if (maxThreads < MIN_MAX_THREADS) {
            return String.format(
                    Locale.ROOT,
                    "Invalid value %d for --max-threads: Jetty needs at least %d.",
                    maxThreads,
                    MIN_MAX_THREADS);
        }
        if (hashDeadlineMillis < 1) {
            return String.format(
                    Locale.ROOT,
                    "Invalid value %d for --hash-deadline-ms: use at least 1.",
                    hashDeadlineMillis);
        }
        return null;
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

    /** Returns the performance log file, or null when none was requested. */
    public Path perfLog() {
        return perfLog;
    }

    public ServerOptions perfLog(Path value) {
        this.perfLog = value;
        return this;
    }
}
