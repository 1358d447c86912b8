package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that cannot be reached, does not speak HTTP or fails its health check stops the run with
 * exit code 1 before the warm-up, and a run whose requests all failed exits 1 too.
 */
class PreflightTest {
    /** Bound on a failed preflight: its timeout plus room for a loaded 2-core machine. */
    private static final long PREFLIGHT_BOUND_MILLIS = Preflight.TIMEOUT_MILLIS + 15_000;

    @TempDir Path out;

    @Test
    void nothingListeningExitsOneNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String target = "http://127.0.0.1:" + closedPort;

        Loadgen result = Loadgen.run("sequential", "--target", target, "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("nothing listens at " + target + "/api/health/");
        assertThat(Files.exists(out.resolve("target").resolve("warmup"))).isFalse();
    }

    @Test
    void nonHttpTargetExitsOne() throws Exception {
        try (RawServer server = RawServer.garbage()) {
            Loadgen result =
                    Loadgen.run(
                            "sequential", "--target", server.baseUrl(), "--out", out.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("did not get an HTTP response");
        }
    }

    @Test
    void failingHealthCheckExitsOneBeforeAnyRegistration() throws Exception {
        try (StubServer stub = StubServer.withStatuses(503, 201)) {
            Loadgen result =
                    Loadgen.run("sequential", "--target", stub.baseUrl(), "--out", out.toString());

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("returned HTTP status 503");
            assertThat(stub.registrations()).isZero();
        }
    }

    @Test
    void silentTargetFailsWithinPreflightTimeout() throws Exception {
        try (RawServer server = RawServer.silent()) {
            long start = System.nanoTime();
            // Without the preflight, the 20 warm-up and 20 measured requests would each time out.
            Loadgen result =
                    Loadgen.run(
                            "sequential",
                            "--target",
                            server.baseUrl(),
                            "--out",
                            out.toString(),
                            "--count",
                            "20",
                            "--timeout-ms",
                            "1000");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("got no response within");
            assertThat(elapsedMillis).isLessThan(PREFLIGHT_BOUND_MILLIS);
        }
    }

    @Test
    void healthyTargetRunsAndExitsZero() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 0)) {
            Loadgen result =
                    Loadgen.run(
                            "sequential",
                            "--target",
                            stub.baseUrl(),
                            "--out",
                            out.toString(),
                            "--count",
                            "3",
                            "--warmup",
                            "2",
                            "--probe-rate",
                            "0");

            assertThat(result.exitCode()).as(result.err()).isEqualTo(0);
            assertThat(out.resolve("target/sequential-health/summary.json")).exists();
        }
    }

    @Test
    void runWithoutAnySuccessExitsOne() throws Exception {
        // Returns 200 to every registration, where the API returns 201: not the API under test.
        try (StubServer stub = StubServer.withStatuses(200, 200)) {
            Loadgen result =
                    Loadgen.run(
                            "burst",
                            "--target",
                            stub.baseUrl(),
                            "--out",
                            out.toString(),
                            "--levels",
                            "5",
                            "--warmup",
                            "0",
                            "--probe-rate",
                            "0");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("No request in burst-5 succeeded");
        }
    }
}
