package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad input, deadlines, login timing, uniqueness and memory, run against each server module's
 * {@link HashExecution}: a subclass per server supplies {@link #execution()}. Every test starts a
 * real server on port 0 and talks to it over HTTP or a raw socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HardeningContractTest {

    protected static final int FAST_COST = 4;

    private static final String REGISTER = "/api/users/register/";
    private static final String LOGIN = "/api/users/login/";
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Request pool of the stalled-body test: small, so that a few stalled bodies fill it. */
    private static final int SMALL_REQUEST_POOL = 6;

    /** Stalled bodies: more than the handler threads of {@link #SMALL_REQUEST_POOL}. */
    private static final int STALLED_BODIES = 8;

    /** Body timeout of the slow-body tests, short to keep them quick. */
    private static final Duration SHORT_BODY_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Bound on a health request queued behind stalled bodies. The stalled requests end after about
     * two body timeouts; 30 s leaves a wide margin on a busy machine yet is far below the 5-minute
     * idle timeout they would otherwise hold their threads for.
     */
    private static final Duration HEALTH_BEHIND_STALLED_BODIES = Duration.ofSeconds(30);

    /** Concurrent bodies of the memory test, as the hardening rules ask. */
    private static final int CONCURRENT_BODIES = 200;

    /**
     * Retained heap a burst of near-limit bodies may leave behind after a GC. The bodies together
     * are under 1 MiB; 32 MiB allows for class loading, JIT and Jetty's buffer pools growing.
     */
    private static final long RETAINED_HEAP_MARGIN_BYTES = 32L * 1024 * 1024;

    /**
     * Registrations of the deadline race, enough for both outcomes to occur at a tight deadline.
     */
    private static final int RACE_REGISTRATIONS = 24;

    /** Registrations in flight at once in the race: a few more than the cores of a small box. */
    private static final int RACE_BATCH = 3;

    /** The execution of the server under test. */
    protected abstract HashExecution.Factory execution();

    /**
     * Returns whether a request past its deadline gets its 503 while the hash still runs: true when
     * the hash runs off the request thread.
     */
    protected abstract boolean respondsAtDeadline();

    protected static ServerOptions fastOptions() {
        return new ServerOptions().port(0).cost(FAST_COST);
    }

    private static String uniqueDatabase() {
        return "jdbc:h2:mem:hardening-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    // ---- oversized and malformed bodies a real client cannot send ----

    @Test
    void chunkedBodyOverLimitIs413() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            byte[] padding = "x".repeat(6000).getBytes(StandardCharsets.US_ASCII);
            String body = "{\"username\":\"chunky\",\"padding\":\"" + new String(padding) + "\"}";

            RawHttp.Response response = postChunked(server.baseUri(), REGISTER, body);

            assertThat(response.status()).as("status").isEqualTo(413);
            assertThat(response.json().path("error").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void chunkedBodyUnderLimitIsRead() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            String body = ApiClient.registration("chunk", "chunk@example.org", "chunk-secret");

            RawHttp.Response response = postChunked(server.baseUri(), REGISTER, body);

            assertThat(response.status()).as("status of " + response.body()).isEqualTo(201);
        }
    }

    @Test
    void declaredLengthOverLimitIs413BeforeBody() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            // Only the head is sent: the server must respond without waiting for 10 MB.
            String head =
                    "POST "
                            + REGISTER
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 10000000\r\n";

            RawHttp.Response response =
                    RawHttp.exchange(server.baseUri(), RawHttp.request(head, new byte[0]));

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.json().path("error").asText()).isEqualTo("payload_too_large");
        }
    }

    @Test
    void invalidUtf8BodyIs400() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            byte[] body = {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

            RawHttp.Response response = post(server.baseUri(), REGISTER, body);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("error").asText()).isEqualTo("malformed_body");
        }
    }

    @Test
    void malformedHttpGetsApiJson() {
        Map<String, byte[]> requests = new TreeMap<>();
        requests.put(
                "bad request line", "NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        requests.put(
                "header without colon",
                RawHttp.request("GET /api/health/ HTTP/1.1\r\nHost: x\r\nBroken\r\n", new byte[0]));
        requests.put(
                "header over 8 KiB",
                RawHttp.request(
                        "GET /api/health/ HTTP/1.1\r\nHost: x\r\nX-Big: "
                                + "b".repeat(20_000)
                                + "\r\n",
                        new byte[0]));
        requests.put(
                "bad chunk size",
                RawHttp.request(
                        "POST "
                                + REGISTER
                                + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\nAccept: text/html\r\n",
                        "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        requests.put(
                "HTML requested for an unknown method",
                RawHttp.request(
                        "BREW /api/health/ HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n",
                        new byte[0]));
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            requests.forEach(
                    (name, request) -> {
                        RawHttp.Response response = RawHttp.exchange(server.baseUri(), request);

                        assertThat(response.status()).as(name + ": status").isBetween(400, 499);
                        assertThat(response.headers().get("content-type"))
                                .as(name + ": content type")
                                .startsWith("application/json");
                        assertThat(response.body())
                                .as(name + ": key order as in the handlers' errors")
                                .startsWith("{\"error\":");
                        JsonNode body = response.json();
                        assertThat(body.path("error").asText()).as(name + ": code").isNotBlank();
                        assertThat(body.path("message").asText())
                                .as(name + ": message")
                                .isNotBlank()
                                .doesNotContain("&apos;", "&#39;", "<");
                    });
            assertThat(new ApiClient(server.baseUri()).get("/api/health/").status())
                    .as("health after malformed requests")
                    .isEqualTo(200);
        }
    }

    // ---- slow and abandoned bodies ----

    @Test
    void stalledBodiesTimeOutAndFreeRequestThreads() throws IOException {
        ServerOptions options =
                fastOptions().maxThreads(SMALL_REQUEST_POOL).bodyTimeout(SHORT_BODY_TIMEOUT);
        try (LabServer server = LabServer.start(options, execution())) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED_BODIES; i++) {
                    stalled.add(sendPartialBody(server.baseUri()));
                }

                ApiClient.ApiResponse health = new ApiClient(server.baseUri()).get("/api/health/");
                System.out.printf(
                        Locale.ROOT,
                        "health behind %d stalled bodies: %d ms%n",
                        STALLED_BODIES,
                        health.elapsedMillis());

                assertThat(health.status()).as("health status").isEqualTo(200);
                // Without the body timeout, health waits for the connector's 5-minute idle timeout.
                assertThat(health.elapsedMillis())
                        .as("health wait in ms")
                        .isLessThan(HEALTH_BEHIND_STALLED_BODIES.toMillis());
                for (Socket socket : stalled) {
                    RawHttp.Response response = RawHttp.readResponse(socket);
                    assertThat(response.status()).as("stalled body status").isEqualTo(408);
                    assertThat(response.json().path("error").asText())
                            .as("stalled body error")
                            .isEqualTo("request_timeout");
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void clientLeavingMidBodyLogsNoError() throws IOException {
        String log;
        try (CapturedStderr captured = CapturedStderr.start()) {
            try (LabServer server = LabServer.start(fastOptions(), execution())) {
                int idleBusyThreads = server.requestPool().getBusyThreads();
                try (Socket socket = sendPartialBody(server.baseUri())) {
                    // The client leaves while a request thread blocks in the body read.
                    Waits.until(
                            "the handler to read the body",
                            WAIT,
                            () -> server.requestPool().getBusyThreads() > idleBusyThreads);
                }
                Waits.until(
                        "the abandoned registration to complete",
                        WAIT,
                        () -> registerRequests(server) >= 1);
            }
            log = captured.text();
        }

        assertThat(log).as("server log").doesNotContain("ERROR");
        assertThat(log).as("server log").doesNotContain("answering 500");
        assertThat(log).as("server log").doesNotContain("Exception");
    }

    @Test
    void hashLongerThanBodyTimeoutStillAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Held held = new Held(release);
        ServerOptions options = fastOptions().bodyTimeout(SHORT_BODY_TIMEOUT);
        try (LabServer server =
                LabServer.start(options, hasher -> held.wrap(execution().create(hasher)))) {
            ApiClient api = new ApiClient(server.baseUri());
            var registration =
                    api.postAsync(
                            REGISTER,
                            ApiClient.registration("patient", "patient@example.org", "patient-pw"));
            Waits.until("the hash to start", WAIT, () -> held.started.get() == 1);
            // The request does no I/O while it waits for the hash, so the body timeout must not
            // end it, however long the hash takes.
            long heldFromNanos = System.nanoTime();
            Waits.until(
                    "three body timeouts to pass",
                    WAIT,
                    () -> System.nanoTime() - heldFromNanos > 3 * SHORT_BODY_TIMEOUT.toNanos());
            release.countDown();

            assertThat(registration.join().status()).as("status").isEqualTo(201);
        }
    }

    /**
     * Opens a connection and sends a registration head that declares a 100-byte body, then only its
     * first bytes, and leaves the socket open.
     */
    private static Socket sendPartialBody(URI base) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.setSoTimeout((int) WAIT.toMillis());
        String head =
                "POST "
                        + REGISTER
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(RawHttp.request(head, "{\"us".getBytes(StandardCharsets.US_ASCII)));
        out.flush();
        return socket;
    }

    /** Returns how many register requests the server has completed, by its request timer. */
    private static long registerRequests(LabServer server) {
        String metrics = new ApiClient(server.baseUri()).get("/metrics").body();
        long count = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("http_server_requests_seconds_count{")
                    && line.contains("route=\"" + Routes.REGISTER + "\"")) {
                count += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return count;
    }

    private static RawHttp.Response postChunked(URI base, String path, String body) {
        String head =
                "POST "
                        + path
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n";
        byte[] chunks = RawHttp.chunked(body.getBytes(StandardCharsets.UTF_8), 1000);
        return RawHttp.exchange(base, RawHttp.request(head, chunks));
    }

    private static RawHttp.Response post(URI base, String path, byte[] body) {
        String head =
                "POST "
                        + path
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: "
                        + body.length
                        + "\r\n";
        return RawHttp.exchange(base, RawHttp.request(head, body));
    }

    // ---- passwords that are not valid Unicode ----

    @Test
    void loneSurrogatePasswordNeverMatchesQuestionMark() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            ApiClient api = new ApiClient(server.baseUri());

            ApiClient.ApiResponse register =
                    api.post(
                            REGISTER,
                            "{\"username\":\"gina\",\"email\":\"g@example.org\","
                                    + "\"password\":\"\\ud800abcdefgh\"}");
            ApiClient.ApiResponse loginAsQuestionMark =
                    api.post(LOGIN, ApiClient.login("gina", "?abcdefgh"));
            api.post(REGISTER, ApiClient.registration("quinn", "q@example.org", "?abcdefgh"));
            ApiClient.ApiResponse loginWithSurrogate =
                    api.post(LOGIN, "{\"username\":\"quinn\",\"password\":\"\\ud800abcdefgh\"}");
            ApiClient.ApiResponse loginWithLowSurrogates =
                    api.post(LOGIN, "{\"username\":\"quinn\",\"password\":\"\\udc00abcdefgh\"}");
            ApiClient.ApiResponse loginAsRegistered =
                    api.post(LOGIN, ApiClient.login("quinn", "?abcdefgh"));

            assertThat(register.status()).as("register with lone surrogate").isEqualTo(400);
            assertThat(register.json().path("error").asText())
                    .as("register error")
                    .isEqualTo("invalid_field");
            assertThat(register.json().path("field").asText())
                    .as("register field")
                    .isEqualTo("password");
            assertThat(loginAsQuestionMark.status()).as("login with '?'").isEqualTo(401);
            assertThat(loginWithSurrogate.status()).as("login with \\ud800").isEqualTo(401);
            assertThat(loginWithLowSurrogates.status()).as("login with \\udc00").isEqualTo(401);
            assertThat(loginWithSurrogate.body())
                    .as("401 body")
                    .isEqualTo(loginAsQuestionMark.body());
            assertThat(loginAsRegistered.status()).as("login as registered").isEqualTo(200);
        }
    }

    // ---- uniqueness ----

    @Test
    void uniquenessIgnoresDefaultLocale() {
        Locale original = Locale.getDefault();
        // In Turkish, "I".toLowerCase() is a dotless "ı", so a locale-dependent key would differ.
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            ApiClient api = new ApiClient(server.baseUri());
            var first =
                    api.post(
                            REGISTER,
                            ApiClient.registration("INGRID", "IRIS@EXAMPLE.ORG", "ingrid-secret"));
            var sameName =
                    api.post(
                            REGISTER,
                            ApiClient.registration("ingrid", "x1@example.org", "ingrid-secret"));
            var sameEmail =
                    api.post(
                            REGISTER,
                            ApiClient.registration("iris", "iris@example.org", "ingrid-secret"));

            assertThat(first.status()).as("first registration").isEqualTo(201);
            assertThat(sameName.status()).as("same username, other case").isEqualTo(409);
            assertThat(sameName.json().path("field").asText()).isEqualTo("username");
            assertThat(sameEmail.status()).as("same email, other case").isEqualTo(409);
            assertThat(sameEmail.json().path("field").asText()).isEqualTo("email");
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void concurrentSameEmailCreatesOne() {
        int racers = 30;
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            ApiClient api = new ApiClient(server.baseUri());
            List<CompletableFuture<ApiClient.ApiResponse>> responses = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String email = i % 2 == 0 ? "shared@example.org" : "SHARED@Example.Org";
                String username = String.format(Locale.ROOT, "sharer%d", i);
                responses.add(
                        api.postAsync(
                                REGISTER, ApiClient.registration(username, email, "share-secret")));
            }

            Map<Integer, Integer> statusCounts = new TreeMap<>();
            responses.forEach(r -> statusCounts.merge(r.join().status(), 1, Integer::sum));
            assertThat(statusCounts).isEqualTo(Map.of(201, 1, 409, racers - 1));
        }
    }

    // ---- deadlines ----

    @Test
    void registrationPastDeadlineGets503AndNoUser() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Held held = new Held(release);
        String database = uniqueDatabase();
        ServerOptions options =
                fastOptions().databaseUrl(database).hashDeadline(Duration.ofMillis(200));
        try (LabServer server =
                        LabServer.start(options, hasher -> held.wrap(execution().create(hasher)));
                UserStore users = UserStore.open(database)) {
            ApiClient api = new ApiClient(server.baseUri());
            var late =
                    api.postAsync(
                            REGISTER,
                            ApiClient.registration("tardy", "tardy@example.org", "tardy-secret"));
            Waits.until("the deadline to pass", WAIT, () -> deadlineExceeded(server) >= 1);
            if (respondsAtDeadline()) {
                // The request thread is free, so the 503 leaves before the hash ends.
                Waits.until("the 503 before the hash ends", WAIT, late::isDone);
            }
            release.countDown();

            var response = late.join();
            Waits.until("the held hash to finish", WAIT, () -> held.finished.get() == 1);

            assertThat(response.status()).as("status").isEqualTo(503);
            assertThat(response.json().path("error").asText()).isEqualTo("deadline_exceeded");
            assertThat(response.header("Retry-After")).isEqualTo("1");
            assertThat(users.findByUsername("tardy")).as("stored user").isEmpty();
        }
    }

    @Test
    void deadlineRaceNeverAnswersFailureWithUser() throws Exception {
        HashTiming timing = HashTiming.atLeast(Duration.ofMillis(20));
        Held counted = new Held(new CountDownLatch(0));
        String database = uniqueDatabase();
        // A deadline about one hash long: some registrations finish in time and some do not.
        ServerOptions options =
                new ServerOptions()
                        .port(0)
                        .cost(timing.cost())
                        .databaseUrl(database)
                        .hashDeadline(Duration.ofNanos(timing.hashNanos() * 3 / 2));
        try (LabServer server =
                        LabServer.start(
                                options, hasher -> counted.wrap(execution().create(hasher)));
                UserStore users = UserStore.open(database)) {
            ApiClient api = new ApiClient(server.baseUri());
            List<CompletableFuture<ApiClient.ApiResponse>> responses = new ArrayList<>();
            for (int i = 0; i < RACE_REGISTRATIONS; i++) {
                responses.add(api.postAsync(REGISTER, raceBody(i)));
                if (responses.size() % RACE_BATCH == 0) {
                    // Small batches keep each hash near one hash time, so both outcomes occur.
                    responses.forEach(CompletableFuture::join);
                }
            }
            responses.forEach(CompletableFuture::join);
            Waits.until(
                    "every started hash to finish",
                    WAIT,
                    () -> counted.finished.get() == counted.started.get());

            Map<Integer, Integer> statusCounts = new TreeMap<>();
            for (int i = 0; i < RACE_REGISTRATIONS; i++) {
                int status = responses.get(i).join().status();
                statusCounts.merge(status, 1, Integer::sum);
                Optional<UserStore.User> stored = users.findByUsername(raceName(i));
                assertThat(status).as("status of racer %d", i).isIn(201, 503);
                assertThat(stored.isPresent())
                        .as("racer %d answered %d has a stored user", i, status)
                        .isEqualTo(status == 201);
            }
            System.out.printf(
                    Locale.ROOT,
                    "deadline race: %s at a deadline of %d ms, one hash %d ms%n",
                    statusCounts,
                    options.hashDeadline().toMillis(),
                    timing.hashMillis());
        }
    }

    @Test
    void deadlineBelowOneMillisecondFailsStart() {
        ServerOptions options = fastOptions().hashDeadline(Duration.ZERO);

        assertThatThrownBy(() -> LabServer.start(options, execution()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("--hash-deadline-ms");
    }

    private static String raceName(int i) {
        return String.format(Locale.ROOT, "racer%d", i);
    }

    private static String raceBody(int i) {
        return ApiClient.registration(
                raceName(i), String.format(Locale.ROOT, "racer%d@example.org", i), "racer-secret");
    }

    private static long deadlineExceeded(LabServer server) {
        String metrics = new ApiClient(server.baseUri()).get("/metrics").body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("bcrypt_deadline_exceeded_total ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** Wraps an execution: each task waits for a latch, and starts and ends are counted. */
    private static final class Held {
        private final CountDownLatch release;
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();

        Held(CountDownLatch release) {
            this.release = release;
        }

        HashExecution wrap(HashExecution delegate) {
            return new HashExecution() {
                @Override
                public <T> CompletableFuture<T> run(Supplier<T> hashing) {
                    return delegate.run(() -> hold(hashing));
                }

                @Override
                public String describe() {
                    return "held " + delegate.describe();
                }

                @Override
                public void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
                    delegate.bindTo(registry);
                }

                @Override
                public void close() {
                    delegate.close();
                }
            };
        }

        private <T> T hold(Supplier<T> hashing) {
            started.incrementAndGet();
            try {
                if (!release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("The test never released the held hash");
                }
                return hashing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    // ---- login timing ----

    @Test
    void loginFailuresCostOneVerifyAndMatch() {
        HashTiming timing = HashTiming.atLeast(Duration.ofMillis(100));
        ServerOptions options = new ServerOptions().port(0).cost(timing.cost());
        try (LabServer server = LabServer.start(options, execution())) {
            ApiClient api = new ApiClient(server.baseUri());
            assertThat(
                            api.post(
                                            REGISTER,
                                            ApiClient.registration(
                                                    "olga", "olga@example.org", "olga-secret"))
                                    .status())
                    .isEqualTo(201);
            Map<String, String> failures = new TreeMap<>();
            failures.put("unknown username", ApiClient.login("nobody", "olga-secret"));
            failures.put("wrong password", ApiClient.login("olga", "wrong-secret"));
            failures.put("password over 72 bytes", ApiClient.login("olga", "p".repeat(100)));

            Set<String> bodies = new HashSet<>();
            failures.forEach(
                    (name, body) -> {
                        var response = api.post(LOGIN, body);
                        System.out.printf(
                                Locale.ROOT,
                                "login %s: %d ms against one hash of %d ms%n",
                                name,
                                response.elapsedMillis(),
                                timing.hashMillis());

                        assertThat(response.status()).as(name + ": status").isEqualTo(401);
                        assertThat(response.elapsedNanos())
                                .as(name + ": at least half a verify")
                                .isGreaterThanOrEqualTo(timing.hashNanos() / 2);
                        bodies.add(response.body());
                    });
            assertThat(bodies).as("distinct failure bodies").hasSize(1);
        }
    }

    // ---- secrets ----

    @Test
    void secretsStayOutOfLogsBodiesAndMetrics() {
        String password = "Tr0ub4dor-secret-" + UUID.randomUUID();
        String databasePassword = "db-" + UUID.randomUUID();
        List<String> bodies = new ArrayList<>();
        String metrics;
        String log;
        try (CapturedStderr captured = CapturedStderr.start()) {
            ServerOptions options =
                    fastOptions()
                            .databaseUrl(
                                    "jdbc:h2:mem:secret-"
                                            + UUID.randomUUID()
                                            + ";DB_CLOSE_DELAY=-1;USER=sa;PASSWORD="
                                            + databasePassword);
            try (LabServer server = LabServer.start(options, execution())) {
                ApiClient api = new ApiClient(server.baseUri());
                bodies.add(
                        api.post(
                                        REGISTER,
                                        ApiClient.registration("sam", "sam@example.org", password))
                                .body());
                bodies.add(
                        api.post(
                                        REGISTER,
                                        ApiClient.registration("sam", "sam2@example.org", password))
                                .body());
                bodies.add(api.post(LOGIN, ApiClient.login("sam", password)).body());
                bodies.add(api.post(LOGIN, ApiClient.login("sam", password + "x")).body());
                bodies.add(api.post(REGISTER, "{\"password\":\"" + password + "\",").body());
                bodies.add(
                        api.post(REGISTER, "{\"password\":\"" + password + "\" trailing}").body());
                bodies.add(
                        api.post(
                                        REGISTER,
                                        "{\"username\":\"sam\",\"password\":\""
                                                + password
                                                + "\",\"password\":1}")
                                .body());
                metrics = api.get("/metrics").body();
            }
            log = captured.text();
        }

        assertThat(log).as("server log").contains("Configuration:");
        assertThat(log).as("server log").doesNotContain(password, databasePassword, "$2a$");
        assertThat(bodies)
                .as("response bodies")
                .noneMatch(b -> b.contains(password) || b.contains("$2a$"));
        assertThat(metrics).as("metrics").doesNotContain(password, "$2a$");
    }

    // ---- memory and concurrency ----

    @Test
    void nearLimitBodiesKeepMemoryBounded() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            ApiClient api = new ApiClient(server.baseUri());
            api.get("/api/health/");
            long before = retainedHeapBytes(memory);

            // Half are valid registrations padded near the limit, half are over it and chunked.
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_BODIES; i++) {
                int index = i;
                statuses.add(
                        i % 2 == 0
                                ? api.postAsync(REGISTER, paddedRegistration(index))
                                        .thenApply(ApiClient.ApiResponse::status)
                                : CompletableFuture.supplyAsync(
                                        () ->
                                                postChunked(
                                                                server.baseUri(),
                                                                REGISTER,
                                                                "{\"p\":\""
                                                                        + "x".repeat(5000)
                                                                        + "\"}")
                                                        .status()));
            }

            for (int i = 0; i < CONCURRENT_BODIES; i++) {
                int status = statuses.get(i).join();
                if (i % 2 == 0) {
                    assertThat(status).as("near-limit registration %d", i).isIn(201, 503);
                } else {
                    assertThat(status).as("over-limit chunked body %d", i).isEqualTo(413);
                }
            }
            assertThat(api.get("/api/health/").status()).as("health").isEqualTo(200);
            assertThat(server.requestPool().getThreads())
                    .as("Jetty threads")
                    .isLessThanOrEqualTo(server.requestPool().getMaxThreads());
            long retained = retainedHeapBytes(memory) - before;
            System.out.printf(
                    Locale.ROOT, "near-limit bodies: retained heap grew %d KiB%n", retained / 1024);
            assertThat(retained).as("retained heap growth").isLessThan(RETAINED_HEAP_MARGIN_BYTES);
        }
    }

    private static String paddedRegistration(int i) {
        // An unknown field fills the body to within a few hundred bytes of the limit.
        String name = String.format(Locale.ROOT, "pad%d", i);
        return "{\"username\":\""
                + name
                + "\",\"email\":\""
                + name
                + "@example.org\",\"password\":\"pad-secret\",\"note\":\""
                + "n".repeat(3900)
                + "\"}";
    }

    private static long retainedHeapBytes(MemoryMXBean memory) {
        // Two collections, so objects freed by finalization or reference processing are gone too.
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
