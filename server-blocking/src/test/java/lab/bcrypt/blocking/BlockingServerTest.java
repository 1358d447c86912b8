package lab.bcrypt.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import lab.bcrypt.hashing.server.ApiClient;
import lab.bcrypt.hashing.server.HashExecution;
import lab.bcrypt.hashing.server.HashTiming;
import lab.bcrypt.hashing.server.LabServer;
import lab.bcrypt.hashing.server.ServerContractTest;
import lab.bcrypt.hashing.server.ServerOptions;
import lab.bcrypt.hashing.server.Waits;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The blocking server: the shared contract, plus the wait its inline hashing causes. */
class BlockingServerTest extends ServerContractTest {

    /** Jetty request pool of the timing test: small, so a few registrations fill it. */
    private static final int SMALL_POOL = 8;

    /** Registrations sent at once: enough to fill the pool and queue two pools' worth. */
    private static final int REGISTRATIONS = 3 * SMALL_POOL;

    /** Queued requests to wait for before probing: two pools' worth, two rounds of hashes. */
    private static final int QUEUED_BEFORE_PROBE = 2 * SMALL_POOL;

    /** A hash at least this long keeps every margin wide on a busy 2-core machine. */
    private static final Duration MIN_HASH_TIME = Duration.ofMillis(150);

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    protected HashExecution.Factory execution() {
        return hasher -> new BlockingServer.Inline();
    }

    @Test
    void healthWaitsBehindInlineHashes(@TempDir Path directory) throws IOException {
        HashTiming timing = HashTiming.atLeast(MIN_HASH_TIME);
        Path perfLog = directory.resolve("perf.log");
        ServerOptions options =
                new ServerOptions()
                        .port(0)
                        .cost(timing.cost())
                        .maxThreads(SMALL_POOL)
                        .perfLog(perfLog);
        ApiClient.ApiResponse health;
        try (LabServer server = LabServer.start(options, execution())) {
            List<ApiClient> clients = clientsWithOpenConnections(server.baseUri(), REGISTRATIONS);
            List<CompletableFuture<ApiClient.ApiResponse>> registrations =
                    IntStream.range(0, REGISTRATIONS)
                            .mapToObj(
                                    i -> clients.get(i).postAsync("/api/users/register/", body(i)))
                            .toList();
            QueuedThreadPool pool = server.requestPool();
            Waits.until(
                    QUEUED_BEFORE_PROBE + " requests queued for a Jetty thread",
                    WAIT,
                    () -> pool.getQueueSize() >= QUEUED_BEFORE_PROBE);

            health = new ApiClient(server.baseUri()).get("/api/health/");
            System.out.printf(
                    Locale.ROOT,
                    "blocking: health took %d ms; one hash takes %d ms at cost %d%n",
                    health.elapsedMillis(),
                    timing.hashMillis(),
                    timing.cost());

            assertThat(health.status()).isEqualTo(200);
            // Two rounds of hashes are queued ahead of the probe, so it waits for at least one
            // whole hash, which takes no less than the fastest hash measured alone.
            assertThat(health.elapsedNanos())
                    .as(
                            "health latency %d ms against one hash of %d ms at cost %d",
                            health.elapsedMillis(), timing.hashMillis(), timing.cost())
                    .isGreaterThanOrEqualTo(timing.hashNanos());
            registrations.forEach(CompletableFuture::join);
        }

        // The server's own clock must see the wait too: it starts before Jetty parses the request.
        long probeTotalNanos = lastHealthTotalMicros(perfLog) * 1000;
        assertThat(probeTotalNanos)
                .as("perf-log total of the probe")
                .isGreaterThanOrEqualTo(timing.hashNanos());
        assertThat(probeTotalNanos)
                .as("perf-log total within client time")
                .isLessThanOrEqualTo(health.elapsedNanos());
    }

    private static long lastHealthTotalMicros(Path perfLog) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        long total = -1;
        for (String line : Files.readAllLines(perfLog)) {
            JsonNode entry = mapper.readTree(line);
            if (entry.path("path").asText().startsWith("/api/health")) {
                total = entry.path("totalMicros").asLong();
            }
        }
        return total;
    }

    @Test
    void metricsHaveNoBcryptExecutor() {
        try (LabServer server = LabServer.start(fastOptions(), execution())) {
            String metrics = new ApiClient(server.baseUri()).get("/metrics").body();

            assertThat(metrics).doesNotContain("name=\"bcrypt\"").doesNotContain("bcrypt_rejected");
        }
    }

    @Test
    void versionPrintsProjectVersion() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new BlockingServer());
        commandLine.setOut(new PrintWriter(out));

        int status = commandLine.execute("--version");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).matches("server-blocking \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new BlockingServer());
        commandLine.setOut(new PrintWriter(out));

        int status = commandLine.execute("--help");

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains("--host", "--port", "--cost", "--db", "--max-threads")
                .contains("--virtual-threads", "--perf-log", "--hash-deadline-ms", "--help");
    }

    private static String body(int i) {
        return ApiClient.registration(
                String.format(Locale.ROOT, "load%d", i),
                String.format(Locale.ROOT, "load%d@example.org", i),
                "load-secret");
    }
}
