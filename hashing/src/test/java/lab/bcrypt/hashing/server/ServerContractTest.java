package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour both servers share, run against each server module's {@link HashExecution}: a
 * subclass per server supplies {@link #execution()}. Every test starts real servers on port 0 and
 * talks to them over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerContractTest {

    /** The cheapest cost, so the table runs fast; timing tests pick their own. */
    protected static final int FAST_COST = 4;

    /** Parallel registrations of one username in the race test. */
    private static final int RACERS = 50;

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Idle time before a fresh connection, far longer than any request in these tests. */
    private static final Duration IDLE_GAP = Duration.ofMillis(1500);

    private LabServer server;
    private ApiClient client;

    /** The execution of the server under test. */
    protected abstract HashExecution.Factory execution();

    /** Options for a test server: port 0 and the cheapest cost. */
    protected static ServerOptions fastOptions() {
        return new ServerOptions().port(0).cost(FAST_COST);
    }

    @BeforeAll
    void startSharedServer() {
        server = LabServer.start(fastOptions(), execution());
        client = new ApiClient(server.baseUri());
        var seeded =
                client.post(
                        "/api/users/register/",
                        ApiClient.registration(
                                ApiCase.SEED_USERNAME, ApiCase.SEED_EMAIL, ApiCase.SEED_PASSWORD));
        assertThat(seeded.status()).as("seed registration").isEqualTo(201);
    }

    @AfterAll
    void stopSharedServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connector_fitsBurstOfThousandConnections() {
        // A backlog of 50 (the JDK's default) lost connects from a burst of 1000, and a 30 s idle
        // timeout closed connections whose requests waited that long for a request thread.
        assertThat(server.connector().getAcceptQueueSize()).isGreaterThanOrEqualTo(1000);
        assertThat(Duration.ofMillis(server.connector().getIdleTimeout()))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(3));
    }

    static Stream<ApiCase> apiCases() {
        return ApiCase.table().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiCases")
    void apiCaseAnswersAsTabled(ApiCase apiCase) {
        var response =
                client.send(
                        apiCase.method(), apiCase.path(), apiCase.body(), apiCase.contentType());

        assertThat(response.status()).as("status").isEqualTo(apiCase.status());
        assertThat(response.header("Content-Type"))
                .as("content type")
                .startsWith("application/json");
        JsonNode body = response.json();
        assertThat(fieldNames(body)).as("body keys of " + body).isEqualTo(apiCase.keys());
        if (apiCase.error() != null) {
            assertThat(body.path("error").asText()).as("error code").isEqualTo(apiCase.error());
            assertThat(body.path("message").asText()).as("message").isNotBlank();
        }
        if (apiCase.field() != null) {
            assertThat(body.path("field").asText()).as("field").isEqualTo(apiCase.field());
        }
    }

    private static Set<String> fieldNames(JsonNode body) {
        Set<String> names = new HashSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void registrationReturnsStoredUser() {
        var response =
                client.post(
                        "/api/users/register/",
                        ApiClient.registration("Peggy.S", "Peggy@Example.org", "peggy-secret"));

        JsonNode body = response.json();
        assertThat(response.status()).isEqualTo(201);
        assertThat(body.path("id").isIntegralNumber()).as("numeric id").isTrue();
        assertThat(body.path("username").asText()).as("username as given").isEqualTo("Peggy.S");
        assertThat(body.path("email").asText()).as("email as given").isEqualTo("Peggy@Example.org");
        assertThat(response.body()).as("no hash in the body").doesNotContain("$2a$");
    }

    @Test
    void concurrentDuplicateRegistrationCreatesOne() {
        List<CompletableFuture<ApiClient.ApiResponse>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            // The same name in varying case, with distinct emails: only the username collides.
            String username = i % 2 == 0 ? "racer" : "RACER";
            String email = String.format(Locale.ROOT, "racer%d@example.org", i);
            racers.add(
                    client.postAsync(
                            "/api/users/register/",
                            ApiClient.registration(username, email, "racer-secret")));
        }

        Map<Integer, Integer> statusCounts = new TreeMap<>();
        for (var racer : racers) {
            statusCounts.merge(racer.join().status(), 1, Integer::sum);
        }
        assertThat(statusCounts).isEqualTo(Map.of(201, 1, 409, RACERS - 1));
    }

    @Test
    void metricsExposeNamesTheLoadGeneratorReads() {
        client.get("/api/health/");

        var response = client.get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        assertThat(response.body())
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("process_cpu_usage")
                .contains("jetty_threads_busy")
                .contains("jetty_threads_idle")
                .contains("jetty_threads_jobs")
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/health\",status=\"200\"}");
    }

    @Test
    void perfLogWritesOneJsonLinePerRequest(@TempDir Path directory) throws IOException {
        Path perfLog = directory.resolve("perf.log");
        try (LabServer logged = LabServer.start(fastOptions().perfLog(perfLog), execution())) {
            ApiClient api = new ApiClient(logged.baseUri());
            api.get("/api/health/");
            api.post(
                    "/api/users/register/",
                    ApiClient.registration("trent", "trent@example.org", "trent-secret"));
            api.post("/api/users/login/", ApiClient.login("trent", "wrong-secret"));
        }

        List<String> lines = Files.readAllLines(perfLog);
        assertThat(lines).hasSize(3);
        assertThat(String.join("\n", lines)).as("no password").doesNotContain("secret");
        ObjectMapper mapper = new ObjectMapper();
        JsonNode register = mapper.readTree(lines.get(1));
        assertThat(fieldNames(register))
                .isEqualTo(Set.of("ts", "method", "path", "status", "totalMicros", "queuedMicros"));
        assertThat(register.path("ts").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(register.path("method").asText()).isEqualTo("POST");
        assertThat(register.path("path").asText()).isEqualTo("/api/users/register/");
        assertThat(register.path("status").asInt()).isEqualTo(201);
        assertThat(register.path("queuedMicros").asLong()).isNotNegative();
        assertThat(register.path("totalMicros").asLong())
                .isGreaterThanOrEqualTo(register.path("queuedMicros").asLong());
        assertThat(mapper.readTree(lines.get(2)).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void perfLog_newConnectionAfterIdleGap_isNoLongerThanClientTime(@TempDir Path directory)
            throws IOException, InterruptedException {
        Path perfLog = directory.resolve("perf.log");
        long clientNanos;
        try (LabServer logged = LabServer.start(fastOptions().perfLog(perfLog), execution())) {
            // A connection opened long after the start must not be timed from a job stamp taken
            // before it opened, such as that of Jetty's selector job.
            Thread.sleep(IDLE_GAP.toMillis());
            clientNanos = new ApiClient(logged.baseUri()).get("/api/health/").elapsedNanos();
        }

        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(perfLog).get(0));
        assertThat(line.path("totalMicros").asLong() * 1000).isLessThanOrEqualTo(clientNanos);
    }

    @Test
    void closeLetsInFlightRegistrationFinish() throws InterruptedException {
        CountDownLatch hashing = new CountDownLatch(1);
        HashExecution.Factory signalling =
                hasher -> new Signalling(execution().create(hasher), hashing);
        // Cost 12 keeps the hash running for a while after the signal (about 0.3 s here).
        LabServer closing = LabServer.start(fastOptions().cost(12), signalling);
        ApiClient api = new ApiClient(closing.baseUri());
        var inFlight =
                api.postAsync(
                        "/api/users/register/",
                        ApiClient.registration("walter", "walter@example.org", "walter-secret"));

        assertThat(hashing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("hash started").isTrue();
        closing.close();

        assertThat(inFlight.join().status()).as("in-flight registration").isEqualTo(201);
        assertThatThrownBy(() -> api.get("/api/health/"))
                .as("closed server refuses connections")
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void costOutsideRangeFailsStartNamingRange() {
        assertThatThrownBy(() -> LabServer.start(fastOptions().cost(3), execution()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("4-31");
    }

    @Test
    void nonLocalHostFailsStartNamingHost() {
        // TEST-NET-3 (RFC 5737): an IP literal, so no lookup and no packet leaves the machine.
        ServerOptions options = fastOptions().host("203.0.113.1");

        assertThatThrownBy(() -> LabServer.start(options, execution()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("--host")
                .hasMessageContaining("not an address of this machine")
                .hasMessageNotContaining("Port already in use");
    }

    @Test
    void maxThreadsAboveBoundFailsStartNamingRange() {
        ServerOptions options = fastOptions().maxThreads(ServerOptions.MAX_MAX_THREADS + 1);

        assertThatThrownBy(() -> LabServer.start(options, execution()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("--max-threads")
                .hasMessageContaining("4-5000");
    }

    @Test
    void bodyTimeoutAboveIdleTimeoutFailsStart() {
        ServerOptions options = fastOptions().bodyTimeout(Duration.ofMinutes(6));

        assertThatThrownBy(() -> LabServer.start(options, execution()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("--body-timeout-ms")
                .hasMessageContaining("1-300000");
    }

    @Test
    void startLogsDummyHashWithCost() {
        String log;
        try (CapturedStderr captured = CapturedStderr.start()) {
            LabServer.start(fastOptions(), execution()).close();
            log = captured.text();
        }

        assertThat(log)
                .as("server log")
                .contains("Hashing the login dummy password at bcrypt cost " + FAST_COST)
                .contains("Login dummy hash done in");
    }

    @Test
    void virtualThreadsStartOnlyOnJava21OrLater() {
        ServerOptions options = fastOptions().virtualThreads(true);
        if (Runtime.version().feature() < 21) {
            assertThatThrownBy(() -> LabServer.start(options, execution()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("Java 21");
        } else {
            try (LabServer virtual = LabServer.start(options, execution())) {
                assertThat(new ApiClient(virtual.baseUri()).get("/api/health/").status())
                        .isEqualTo(200);
            }
        }
    }

    /** Wraps an execution and counts a latch down as each task starts running. */
    @Test
    void close_requestNeverCompletes_stillClosesExecution() throws InterruptedException {
        CountDownLatch handed = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        HashExecution.Factory stuck =
                hasher -> new Stuck(execution().create(hasher), handed, closed);
        LabServer stopping = LabServer.start(fastOptions(), stuck);
        new ApiClient(stopping.baseUri())
                .postAsync(
                        "/api/users/register/",
                        ApiClient.registration("ursula", "ursula@example.org", "ursula-secret"));
        assertThat(handed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("hash handed off").isTrue();

        // Jetty's stop times out on the request that never completes; close must not throw.
        stopping.close();

        assertThat(closed.getCount()).as("execution closed").isZero();
    }

    /** Hands out futures that never complete, so a request stays in flight until shutdown. */
    private static final class Stuck implements HashExecution {
        private final HashExecution delegate;
        private final CountDownLatch handed;
        private final CountDownLatch closed;

        Stuck(HashExecution delegate, CountDownLatch handed, CountDownLatch closed) {
            this.delegate = delegate;
            this.handed = handed;
            this.closed = closed;
        }

        @Override
        public <T> CompletableFuture<T> run(Supplier<T> hashing) {
            handed.countDown();
            return new CompletableFuture<>();
        }

        @Override
        public String describe() {
            return "stuck " + delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
            closed.countDown();
        }
    }

    private static final class Signalling implements HashExecution {
        private final HashExecution delegate;
        private final CountDownLatch started;

        Signalling(HashExecution delegate, CountDownLatch started) {
            this.delegate = delegate;
            this.started = started;
        }

        @Override
        public <T> CompletableFuture<T> run(Supplier<T> hashing) {
            return delegate.run(
                    () -> {
                        started.countDown();
                        return hashing.get();
                    });
        }

        @Override
        public String describe() {
            return "signalling " + delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /**
     * Returns {@code count} clients, each with its own connection already open. Requests sent
     * through them later need no new connection, so the server's request pool queues only the jobs
     * that read requests, not the jobs that open connections.
     */
    protected static List<ApiClient> clientsWithOpenConnections(java.net.URI base, int count) {
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiClient opened = new ApiClient(base);
            assertThat(opened.get("/api/health/").status()).as("warm-up request").isEqualTo(200);
            clients.add(opened);
        }
        return clients;
    }
}
