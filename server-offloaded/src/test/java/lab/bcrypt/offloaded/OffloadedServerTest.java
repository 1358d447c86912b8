package lab.bcrypt.offloaded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import lab.bcrypt.hashing.OffloadedHasher;
import lab.bcrypt.hashing.server.ApiClient;
import lab.bcrypt.hashing.server.HashExecution;
import lab.bcrypt.hashing.server.HashTiming;
import lab.bcrypt.hashing.server.LabServer;
import lab.bcrypt.hashing.server.ServerContractTest;
import lab.bcrypt.hashing.server.ServerOptions;
import lab.bcrypt.hashing.server.Waits;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The offloaded server: the shared contract, plus free request threads and a bounded queue. */
class OffloadedServerTest extends ServerContractTest {

    /** bcrypt threads of the contract tests: more than one, so hashes really run in parallel. */
    private static final int CONTRACT_POOL_SIZE = 2;

    /** Queue of the contract tests: larger than the 50-way race, so nothing there gets 503. */
    private static final int CONTRACT_QUEUE_CAPACITY = 64;

    /** Jetty request pool of the timing test, the same size the blocking test fills. */
    private static final int SMALL_POOL = 8;

    /** Registrations sent at once, as many as the blocking test sends. */
    private static final int REGISTRATIONS = 3 * SMALL_POOL;

    /** Hashes queued on the executor before probing, so bcrypt is busy for a while yet. */
    private static final int QUEUED_BEFORE_PROBE = 2 * SMALL_POOL;

    /**
     * One bcrypt thread leaves the second core of a 2-core machine to the request threads, so a
     * health probe does not compete with two hashes for the CPU.
     */
    private static final int ONE_THREAD = 1;

    /** Holds every registration of the timing test, so none is rejected. */
    private static final int ROOMY_QUEUE = 2 * REGISTRATIONS;

    /**
     * Probes of health while hashes run; the median is compared, so one GC pause cannot fail it.
     */
    private static final int PROBES = 5;

    /** Registrations of the flood test, far more than one thread and a queue of one can take. */
    private static final int FLOOD = 60;

    /** Time between samples of the pools until every flood response is in. */
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(5);

    private static final Duration MIN_HASH_TIME = Duration.ofMillis(150);

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    protected HashExecution.Factory execution() {
        return hasher ->
                new OffloadedServer.Offloaded(
                        new OffloadedHasher(hasher, CONTRACT_POOL_SIZE, CONTRACT_QUEUE_CAPACITY));
    }

    @Test
    void healthAnswersWhileHashesRun() {
        HashTiming timing = HashTiming.atLeast(MIN_HASH_TIME);
        OffloadedHasher[] hasher = new OffloadedHasher[1];
        HashExecution.Factory factory =
                synchronous -> {
                    hasher[0] = new OffloadedHasher(synchronous, ONE_THREAD, ROOMY_QUEUE);
                    return new OffloadedServer.Offloaded(hasher[0]);
                };
        ServerOptions options =
                new ServerOptions().port(0).cost(timing.cost()).maxThreads(SMALL_POOL);
        try (LabServer server = LabServer.start(options, factory)) {
            ApiClient api = new ApiClient(server.baseUri());
            IntStream.range(0, PROBES).forEach(i -> api.get("/api/health/"));
            List<ApiClient> clients = clientsWithOpenConnections(server.baseUri(), REGISTRATIONS);
            List<CompletableFuture<ApiClient.ApiResponse>> registrations =
                    IntStream.range(0, REGISTRATIONS)
                            .mapToObj(
                                    i -> clients.get(i).postAsync("/api/users/register/", body(i)))
                            .toList();
            Waits.until(
                    QUEUED_BEFORE_PROBE + " hashes queued on the bcrypt executor",
                    WAIT,
                    () -> hasher[0].queuedTasks() >= QUEUED_BEFORE_PROBE);

            long[] probeNanos = new long[PROBES];
            for (int i = 0; i < PROBES; i++) {
                ApiClient.ApiResponse health = api.get("/api/health/");
                assertThat(health.status()).isEqualTo(200);
                probeNanos[i] = health.elapsedNanos();
            }
            int stillQueued = hasher[0].queuedTasks();

            Arrays.sort(probeNanos);
            System.out.printf(
                    Locale.ROOT,
                    "offloaded: health took %d µs (median of %d); one hash takes %d ms at cost %d%n",
                    probeNanos[PROBES / 2] / 1000,
                    PROBES,
                    timing.hashMillis(),
                    timing.cost());
            assertThat(stillQueued).as("hashes still queued after the probes").isPositive();
            assertThat(probeNanos[PROBES / 2])
                    .as(
                            "median health latency %d µs against one hash of %d ms at cost %d",
                            probeNanos[PROBES / 2] / 1000, timing.hashMillis(), timing.cost())
                    .isLessThan(timing.hashNanos() / 2);
            registrations.forEach(r -> assertThat(r.join().status()).isEqualTo(201));
        }
    }

    @Test
    void fullQueueAnswers503WithRetryAfter() {
        HashTiming timing = HashTiming.atLeast(Duration.ofMillis(100));
        HashExecution.Factory tiny =
                synchronous ->
                        new OffloadedServer.Offloaded(new OffloadedHasher(synchronous, 1, 1));
        ServerOptions options = new ServerOptions().port(0).cost(timing.cost());
        try (LabServer server = LabServer.start(options, tiny)) {
            ApiClient api = new ApiClient(server.baseUri());
            List<ApiClient.ApiResponse> responses =
                    IntStream.range(0, 8)
                            .mapToObj(i -> api.postAsync("/api/users/register/", body(i)))
                            .toList()
                            .stream()
                            .map(CompletableFuture::join)
                            .toList();

            List<ApiClient.ApiResponse> rejected =
                    responses.stream().filter(r -> r.status() == 503).toList();
            assertThat(rejected).as("rejected registrations").isNotEmpty();
            assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 503));
            assertThat(rejected)
                    .allSatisfy(r -> assertThat(r.header("Retry-After")).isEqualTo("1"));
            assertThat(rejected)
                    .allSatisfy(
                            r ->
                                    assertThat(r.json().path("error").asText())
                                            .isEqualTo("overloaded"));
            assertThat(api.get("/metrics").body())
                    .contains("bcrypt_rejected_total " + rejected.size() + ".0");
        }
    }

    @Test
    void fullQueueRejectsWithinMilliseconds() throws InterruptedException {
        HashTiming timing = HashTiming.atLeast(Duration.ofMillis(100));
        CountDownLatch release = new CountDownLatch(1);
        OffloadedHasher[] hasher = new OffloadedHasher[1];
        HashExecution.Factory held =
                synchronous -> {
                    hasher[0] = new OffloadedHasher(synchronous, ONE_THREAD, ONE_THREAD);
                    return new Held(new OffloadedServer.Offloaded(hasher[0]), release);
                };
        ServerOptions options = new ServerOptions().port(0).cost(timing.cost());
        try (LabServer server = LabServer.start(options, held)) {
            ApiClient api = new ApiClient(server.baseUri());
            // One hash held on the bcrypt thread and one in the queue: the queue is full.
            var running = api.postAsync("/api/users/register/", body(0));
            Waits.until("a running hash", WAIT, () -> hasher[0].activeThreads() == 1);
            var queued = api.postAsync("/api/users/register/", body(1));
            Waits.until("a queued hash", WAIT, () -> hasher[0].queuedTasks() == 1);

            long[] rejectedNanos = new long[PROBES * 4];
            for (int i = 0; i < rejectedNanos.length; i++) {
                ApiClient.ApiResponse response = api.post("/api/users/register/", body(2 + i));
                assertThat(response.status()).as("status with a full queue").isEqualTo(503);
                assertThat(response.header("Retry-After")).as("Retry-After").isEqualTo("1");
                rejectedNanos[i] = response.elapsedNanos();
            }
            release.countDown();

            Arrays.sort(rejectedNanos);
            long medianNanos = rejectedNanos[rejectedNanos.length / 2];
            long maxNanos = rejectedNanos[rejectedNanos.length - 1];
            System.out.printf(
                    Locale.ROOT,
                    "full queue: 503 in %d µs (median of %d), slowest %d µs; one hash %d ms%n",
                    medianNanos / 1000,
                    rejectedNanos.length,
                    maxNanos / 1000,
                    timing.hashMillis());
            // A 503 runs no hash: it takes a small part of one, whatever the machine's speed.
            assertThat(medianNanos).as("median time of a 503").isLessThan(timing.hashNanos() / 4);
            assertThat(maxNanos).as("slowest 503").isLessThan(timing.hashNanos());
            assertThat(running.join().status()).as("held registration").isEqualTo(201);
            assertThat(queued.join().status()).as("queued registration").isEqualTo(201);
        }
    }

    @Test
    void floodKeepsThreadsAndQueueBounded() {
        OffloadedHasher[] hasher = new OffloadedHasher[1];
        HashExecution.Factory tiny =
                synchronous -> {
                    hasher[0] = new OffloadedHasher(synchronous, ONE_THREAD, ONE_THREAD);
                    return new OffloadedServer.Offloaded(hasher[0]);
                };
        ServerOptions options =
                new ServerOptions().port(0).cost(HashTiming.atLeast(Duration.ofMillis(20)).cost());
        options.maxThreads(SMALL_POOL);
        int maxQueued = 0;
        try (LabServer server = LabServer.start(options, tiny)) {
            ApiClient api = new ApiClient(server.baseUri());
            List<CompletableFuture<ApiClient.ApiResponse>> flood =
                    IntStream.range(0, FLOOD)
                            .mapToObj(i -> api.postAsync("/api/users/register/", body(i)))
                            .toList();
            CompletableFuture<Void> all =
                    CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new));
            // Sample the pools until every response is in; each request has its own timeout.
            while (!all.isDone()) {
                maxQueued = Math.max(maxQueued, hasher[0].queuedTasks());
                assertThat(server.requestPool().getThreads())
                        .as("Jetty threads")
                        .isLessThanOrEqualTo(SMALL_POOL);
                assertThat(hasher[0].activeThreads()).as("bcrypt threads").isLessThanOrEqualTo(1);
                awaitQuietly(all, SAMPLE_INTERVAL);
            }

            assertThat(flood)
                    .allSatisfy(r -> assertThat(r.join().status()).as("status").isIn(201, 503));
            assertThat(flood.stream().filter(r -> r.join().status() == 503).count())
                    .as("rejected registrations")
                    .isPositive();
            assertThat(maxQueued).as("queued hashes").isLessThanOrEqualTo(1);
            assertThat(api.get("/api/health/").status())
                    .as("health after the flood")
                    .isEqualTo(200);
        }
    }

    /** Wraps an execution so that every hash waits for a latch before it runs. */
    private static final class Held implements HashExecution {
        private final HashExecution delegate;
        private final CountDownLatch release;

        Held(HashExecution delegate, CountDownLatch release) {
            this.delegate = delegate;
            this.release = release;
        }

        @Override
        public <T> CompletableFuture<T> run(Supplier<T> hashing) {
            return delegate.run(
                    () -> {
                        try {
                            if (!release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                                throw new AssertionError("The test never released the hash");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new AssertionError(e);
                        }
                        return hashing.get();
                    });
        }

        @Override
        public String describe() {
            return "held " + delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Not done yet: the caller samples again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void metricsExposeBcryptExecutor() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            ApiClient api = new ApiClient(server.baseUri());
            api.post("/api/users/register/", body(0));

            String metrics = api.get("/metrics").body();

            assertThat(metrics)
                    .contains("executor_active_threads{name=\"bcrypt\"}")
                    .contains("executor_queued_tasks{name=\"bcrypt\"}")
                    .contains("executor_completed_tasks_total{name=\"bcrypt\"}")
                    .contains("bcrypt_rejected_total 0.0");
        }
    }

    @Test
    void versionPrintsProjectVersion() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new OffloadedServer());
        commandLine.setOut(new PrintWriter(out));

        int status = commandLine.execute("--version");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).matches("server-offloaded \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void poolSizeAboveBoundExitsNamingRange() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LabServer.commandLine(new OffloadedServer());
        commandLine.setErr(new PrintWriter(err));

        int status = commandLine.execute("--port", "0", "--cost", "4", "--pool-size", "1025");

        assertThat(status).isEqualTo(LabServer.EXIT_USAGE);
        assertThat(err.toString()).contains("--pool-size").contains("1-1024");
    }

    @Test
    void queueCapacityAboveBoundExitsNamingRange() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LabServer.commandLine(new OffloadedServer());
        commandLine.setErr(new PrintWriter(err));

        int status = commandLine.execute("--port", "0", "--cost", "4", "--queue-capacity", "16385");

        assertThat(status).isEqualTo(LabServer.EXIT_USAGE);
        assertThat(err.toString()).contains("--queue-capacity").contains("1-16384");
    }

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new OffloadedServer());
        commandLine.setOut(new PrintWriter(out));

        int status = commandLine.execute("--help");

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("--host", "--port", "--cost", "--db", "--max-threads")
                .contains("--virtual-threads", "--perf-log", "--hash-deadline-ms", "--help")
                .contains("--pool-size", "--queue-capacity");
    }

    private static String body(int i) {
        return ApiClient.registration(
                String.format(Locale.ROOT, "load%d", i),
                String.format(Locale.ROOT, "load%d@example.org", i),
                "load-secret");
    }
}
