package lab.bcrypt.hashing.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.bcrypt.hashing.PasswordHasher;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * One running lab server: Javalin on Jetty with the shared {@link Routes}, a {@link UserStore},
 * metrics and the optional performance log, and the {@link HashExecution} its module supplies.
 *
 * <p>{@link #close()} shuts it down gracefully: Jetty stops accepting connections, in-flight
 * requests get up to {@link #SHUTDOWN_TIMEOUT} to finish, then the hash execution, the performance
 * log and the database close. {@link #serve} runs {@code close()} on SIGTERM.
 */
public final class LabServer implements AutoCloseable {

    /**
     * Maximum wait for in-flight requests at shutdown. A full default bcrypt queue drains in about
     * a second at cost 10, and 20 s stays inside Kubernetes's default grace period of 30 s between
     * SIGTERM and SIGKILL.
     */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    /** Exit status for options the server cannot start with, picocli's usage-error status. */
    public static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LabServer.class);

    private final Javalin app;
    private final String host;
    private final QueuedThreadPool requestPool;
    private final HashExecution execution;
    private final Deque<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LabServer(
            Javalin app,
            String host,
            QueuedThreadPool requestPool,
            HashExecution execution,
            Deque<AutoCloseable> resources) {
        this.app = app;
        this.host = host;
        this.requestPool = requestPool;
        this.execution = execution;
        this.resources = resources;
    }

    /**
     * Parses {@code args} for {@code command} (a picocli command whose {@code call()} calls {@link
     * #serve}) and runs it. Returns normally while the server runs; exits the JVM with a non-zero
     * status when the options are invalid or the server cannot start.
     */
    public static void main(Object command, String[] args) {
        int status = commandLine(command).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Returns the command line of {@code command}, which reports a {@link StartupException} as one
     * line on stderr and exit status {@link #EXIT_USAGE}.
     */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler(LabServer::reportStartupFailure);
        return commandLine;
    }

    private static int reportStartupFailure(
            Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof StartupException)) {
            throw e;
        }
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandName() + ": " + e.getMessage());
        err.flush();
        return EXIT_USAGE;
    }

    /**
     * Starts a server, arranges a graceful shutdown on SIGTERM and prints the one stdout line
     * {@code listening on http://HOST:PORT}. Returns 0 while the server keeps running on Jetty's
     * threads.
     *
     * @throws StartupException when the options are invalid or the server cannot start
     */
    public static int serve(ServerOptions options, HashExecution.Factory factory) {
        LabServer server = start(options, factory);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "graceful-shutdown"));
        System.out.println("listening on " + server.baseUri());
        System.out.flush();
        return 0;
    }

    /**
     * Starts a server and returns once it accepts connections.
     *
     * @throws StartupException when the options are invalid or the server cannot start
     */
    public static LabServer start(ServerOptions options, HashExecution.Factory factory) {
        String problem = options.validate();
        if (problem != null) {
            throw new StartupException(problem);
        }
        HostCheck.requireLocal(options.host());
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            return start(options, factory, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static LabServer start(
            ServerOptions options, HashExecution.Factory factory, Deque<AutoCloseable> resources) {
        PasswordHasher hasher = new PasswordHasher(options.cost());
        QueuedThreadPool requestPool =
                RequestThreads.create(options.maxThreads(), options.virtualThreads());

        UserStore store = openStore(options.databaseUrl());
        resources.push(store);
        HashExecution execution = createExecution(factory, hasher);
        resources.push(execution);
        // Closed before the execution, so hashes that end after Jetty stopped insert no user.
        HashDeadline deadline = new HashDeadline(options.hashDeadline());
        resources.push(deadline);
        Metrics metrics = new Metrics(requestPool, execution);
        deadline.bindTo(metrics.registry());
        resources.push(metrics);
        PerfLog perfLog = options.perfLog() == null ? null : openPerfLog(options.perfLog());
        if (perfLog != null) {
            resources.push(perfLog);
        }

        RequestBodies bodies = new RequestBodies();
        Routes routes =
                new Routes(
                        new Accounts(hasher, execution, store, deadline),
                        bodies,
                        new ErrorMapping(),
                        metrics.registry(),
                        options.bodyTimeout());
        RequestObserver observer = new RequestObserver(metrics.registry(), perfLog);
        Javalin app =
                Javalin.create(
                        config ->
                                configure(
                                        config,
                                        options,
                                        requestPool,
                                        new JettyParts(
                                                observer, new JsonErrorHandler(bodies.mapper())),
                                        routes));
        logConfiguration(options, hasher, execution, store, perfLog);
        startJavalin(app, options);
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            // Connection factories read the connector's listeners for each new connection.
            connector.addBean(observer.connectionListener());
        }
        return new LabServer(app, options.host(), requestPool, execution, resources);
    }

    private static UserStore openStore(String databaseUrl) {
        try {
            return UserStore.open(databaseUrl);
        } catch (SQLException | RuntimeException e) {
            String url =
                    databaseUrl == null
                            ? "the in-memory H2 database"
                            : UserStore.redact(databaseUrl);
            throw new StartupException(
                    "Cannot open the user database at "
                            + url
                            + ": "
                            + e.getMessage()
                            + ". Check the --db JDBC URL and that the database is running.",
                    e);
        }
    }

    private static HashExecution createExecution(
            HashExecution.Factory factory, PasswordHasher hasher) {
        try {
            return factory.create(hasher);
        } catch (IllegalArgumentException e) {
            throw new StartupException(e.getMessage() + " Check the options in --help.", e);
        }
    }

    private static PerfLog openPerfLog(Path file) {
        try {
            return PerfLog.open(file);
        } catch (UncheckedIOException e) {
            throw new StartupException(
                    "Cannot open the performance log "
                            + file
                            + ": "
                            + e.getCause().getMessage()
                            + ". Check --perf-log and the directory's permissions.",
                    e);
        }
    }

    private static void configure(
            JavalinConfig config,
            ServerOptions options,
            QueuedThreadPool requestPool,
            JettyParts parts,
            Routes routes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.threadPool = requestPool;
        // With a connector of its own, Javalin adds none of its defaults.
        config.jetty.addConnector(
                (server, httpConfiguration) ->
                        HttpConnector.create(
                                server,
                                httpConfiguration,
                                options.host(),
                                options.port(),
                                options.bodyTimeout()));
        config.jetty.modifyServer(server -> configureJetty(server, parts));
        routes.install(config);
    }

    /** The parts the server adds to Jetty: the request timing and the JSON error handler. */
    private record JettyParts(RequestObserver observer, JsonErrorHandler errorHandler) {}

    private static void configureJetty(Server server, JettyParts parts) {
        // Javalin puts its servlet context inside this wrapper. On stop, the handler waits for
        // in-flight requests, up to the stop timeout, after the connectors stop accepting.
        server.setHandler(new GracefulHandler());
        server.setStopTimeout(SHUTDOWN_TIMEOUT.toMillis());
        server.setStopAtShutdown(false);
        server.setRequestLog(parts.observer());
        // Errors Jetty handles itself, before Javalin sees the request, go out in the API's JSON.
        server.setErrorHandler(parts.errorHandler());
    }

    private static void startJavalin(Javalin app, ServerOptions options) {
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new StartupException(
                    String.format(
                            Locale.ROOT,
                            "Cannot start the HTTP server on %s:%d: %s. Choose another --port or"
                                    + " --host, or raise --max-threads.",
                            options.host(),
                            options.port(),
                            HostCheck.reason(e)),
                    e);
        }
    }

    private static void logConfiguration(
            ServerOptions options,
            PasswordHasher hasher,
            HashExecution execution,
            UserStore store,
            PerfLog perfLog) {
        LOG.info(
                "Configuration: bcrypt cost {}, hashing {}, hashing deadline {} ms, Jetty max"
                        + " threads {}, virtual threads {}, database {}, performance log {}",
                hasher.cost(),
                execution.describe(),
                options.hashDeadline().toMillis(),
                options.maxThreads(),
                options.virtualThreads() ? "on" : "off",
                store.description(),
                perfLog == null ? "off" : perfLog.file());
        LOG.info(
                "JDK {} ({}), {} available processors",
                Runtime.version(),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors());
    }

    /** Returns the port the server listens on, the real one when {@code --port 0} was given. */
    public int port() {
        return app.port();
    }

    /** Returns {@code http://HOST:PORT}, the base of every endpoint. */
    public URI baseUri() {
        return URI.create("http://" + host + ":" + port());
    }

    /** Returns Jetty's request pool, for tests and diagnostics. */
    public QueuedThreadPool requestPool() {
        return requestPool;
    }

    /** Returns the connector the server listens on, for tests and diagnostics. */
    public ServerConnector connector() {
        return (ServerConnector) app.jettyServer().server().getConnectors()[0];
    }

    /** Returns where this server runs bcrypt. */
    public HashExecution execution() {
        return execution;
    }

    /** Shuts the server down gracefully; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info(
                "Stopping: no new connections, up to {} ms for in-flight requests",
                SHUTDOWN_TIMEOUT.toMillis());
        try {
            app.stop();
        } catch (RuntimeException e) {
            // The database, executor and performance log must close even when Jetty could not
            // drain its requests in time; the requests still open are cut off.
            // NOTE: once, in a full test run, this timed out after every response of the test had
            // reached its client; which request Jetty still counted as in flight is not known.
            LOG.warn(
                    "Jetty did not stop within {} ms; closing the rest anyway: {}",
                    SHUTDOWN_TIMEOUT.toMillis(),
                    e.toString());
        }
        closeAll(resources);
        LOG.info("Stopped");
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
