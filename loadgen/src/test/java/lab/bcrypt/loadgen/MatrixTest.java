package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The matrix against two copies of a fake server jar, started as child processes. */
class MatrixTest {
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir Path dir;

    private static String closedName() {
        return "closed-" + 2 * Runtime.getRuntime().availableProcessors();
    }

    @Test
    void serverProcessStartsAndStops() throws Exception {
        Path jar = FakeServerJar.write(dir);
        ServerProcess server =
                ServerProcess.start(
                        "fake", List.of(JAVA, "-jar", jar.toString()), dir.resolve("server.log"));
        String baseUrl = server.awaitListening(60);
        server.close();

        assertThat(baseUrl).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(server.isAlive()).isFalse();
        assertThat(Files.readString(dir.resolve("server.log"))).contains("listening on", "stopped");
    }

    @Test
    void serverThatExitsEarlyGivesAClearError() throws Exception {
        Path jar = FakeServerJar.write(dir);
        try (ServerProcess server =
                ServerProcess.start(
                        "fake",
                        List.of(JAVA, "-jar", jar.toString(), "--fail-start"),
                        dir.resolve("server.log"))) {
            assertThatThrownBy(() -> server.awaitListening(60))
                    .hasMessageContaining("exited before printing 'listening on")
                    .hasMessageContaining("failing on purpose");
        }
    }

    @Test
    void slowStartingServerTimeoutSuggestsLongerStartTimeout() throws Exception {
        Path jar = FakeServerJar.write(dir);
        try (ServerProcess server =
                ServerProcess.start(
                        "fake",
                        List.of(JAVA, "-jar", jar.toString(), "--slow-start"),
                        dir.resolve("server.log"))) {
            assertThatThrownBy(() -> server.awaitListening(1))
                    .hasMessageContaining("within 1 s")
                    .hasMessageContaining("raise --start-timeout-s");
        }
    }

    @Test
    void matrixWritesEveryFileForBothServers() throws Exception {
        Path jar = FakeServerJar.write(dir);
        Path out = dir.resolve("results");
        MatrixCommand command = new MatrixCommand();
        command.profileOverride =
                new MatrixProfile(
                        "test",
                        4,
                        3,
                        5,
                        List.of(5, 20),
                        TimeUnit.SECONDS.toNanos(1),
                        20,
                        TimeUnit.SECONDS.toNanos(1),
                        List.of(50, 90),
                        TimeUnit.SECONDS.toNanos(30),
                        TimeUnit.SECONDS.toNanos(30));
        int exitCode =
                new CommandLine(command)
                        .execute(
                                "--blocking-jar",
                                jar.toString(),
                                "--offloaded-jar",
                                jar.toString(),
                                "--out",
                                out.toString());

        assertThat(exitCode).isZero();
        JsonNode matrix = new ObjectMapper().readTree(out.resolve("matrix.json").toFile());
        assertThat(matrix.get("steps")).hasSize(2 * 8);
        for (JsonNode step : matrix.get("steps")) {
            assertThat(step.get("status").asText()).as(step.toString()).isEqualTo("ok");
        }
        assertThat(matrix.get("capacityPerSec").get("blocking").asDouble()).isPositive();
        for (String server : List.of("blocking", "offloaded")) {
            Path serverDir = out.resolve(server);
            assertThat(Files.readString(serverDir.resolve("server.log")))
                    .contains("--cost 4", "--port 0", "--perf-log", "jdbc:h2:mem:");
            for (String experiment :
                    List.of(
                            "warmup",
                            "sequential-health",
                            "sequential-register",
                            "burst-5",
                            "burst-20",
                            "open-50",
                            "open-90")) {
                Path experimentDir = serverDir.resolve(experiment);
                for (String file :
                        List.of("summary.json", "latency.hlog", "latency.hgrm", "resources.csv")) {
                    assertThat(experimentDir.resolve(file))
                            .as(server + "/" + experiment + "/" + file)
                            .isNotEmptyFile();
                }
                JsonNode summary =
                        new ObjectMapper().readTree(experimentDir.resolve("summary.json").toFile());
                assertThat(HistogramFilesTest.totalCount(experimentDir.resolve("latency.hlog")))
                        .as(experiment)
                        .isEqualTo(summary.get("requests").asLong());
            }
            assertThat(serverDir.resolve("burst-20/probe-series.csv")).isNotEmptyFile();
        }
        // The offloaded queue holds the largest burst (20 here); the blocking server gets no such
        // option.
        assertThat(Files.readString(out.resolve("offloaded/server.log")))
                .contains("--queue-capacity 20");
        assertThat(Files.readString(out.resolve("blocking/server.log")))
                .doesNotContain("--queue-capacity");
        // Both servers wait for a hash as long as the client waits for the response (30 s here).
        for (String server : List.of("blocking", "offloaded")) {
            assertThat(Files.readString(out.resolve(server).resolve("server.log")))
                    .as(server)
                    .contains("--hash-deadline-ms 30000");
        }
        JsonNode environment =
                new ObjectMapper().readTree(out.resolve("environment.json").toFile());
        assertThat(environment.get("cost").asInt()).isEqualTo(4);
        assertThat(environment.get("jettyMaxThreads").asLong()).isEqualTo(200);
        assertThat(environment.get("hashQueueCapacity").asLong()).isEqualTo(64);
        assertThat(environment.get("cores").asInt()).isPositive();
    }
}
