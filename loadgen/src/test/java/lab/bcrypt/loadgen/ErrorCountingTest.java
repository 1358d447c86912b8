package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed requests are counted by kind and recorded, never dropped. */
class ErrorCountingTest {
    @TempDir Path out;

    @Test
    void refusedConnectionsCountAsConnectErrors() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ExperimentSummary summary =
                Experiments.run(
                        "http://127.0.0.1:" + closedPort,
                        out,
                        Experiments.settings(0),
                        "burst-5",
                        "burst",
                        Endpoint.HEALTH,
                        5,
                        null,
                        Workloads.burst(5));

        assertThat(summary.requests()).isEqualTo(5);
        assertThat(summary.json().get("errors").get("connect").asLong()).isEqualTo(5);
        assertThat(summary.json().get("latencyMs").get("count").asLong()).isEqualTo(5);
    }

    @Test
    void slowResponsesCountAsTimeouts() throws Exception {
        long timeoutMillis = 300;
        RunSettings settings =
                new RunSettings(
                        TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                        0,
                        Experiments.TIMEOUT_NANOS,
                        null);
        try (StubServer stub = StubServer.withDelay(4, 3_000)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            settings,
                            "burst-3",
                            "burst",
                            Endpoint.REGISTER,
                            3,
                            null,
                            Workloads.burst(3));

            assertThat(summary.json().get("errors").get("timeout").asLong()).isEqualTo(3);
            assertThat(Experiments.millis(summary, "latencyMs", "max"))
                    .isBetween(timeoutMillis * 0.9, 2_500.0);
        }
    }

    @Test
    void otherSuccessStatusCountsAsOtherError() throws Exception {
        // A server that returns 200 to every path: the API returns 201 to a registration.
        try (StubServer stub = StubServer.withStatuses(200, 200)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(0),
                            "burst-3",
                            "burst",
                            Endpoint.REGISTER,
                            3,
                            null,
                            Workloads.burst(3));

            assertThat(summary.successes()).isZero();
            assertThat(summary.json().get("errors").get("other").asLong()).isEqualTo(3);
        }
    }

    @Test
    void silentServerRunEndsSoonAfterRequestTimeout() throws Exception {
        long timeoutMillis = 500;
        // The probe's own timeout of 30 s would hold the run for 30 s after the last request if
        // the run waited for it; the request timeout caps it.
        RunSettings settings =
                new RunSettings(
                        TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                        20,
                        TimeUnit.SECONDS.toNanos(30),
                        null);
        try (RawServer server = RawServer.silent()) {
            long start = System.nanoTime();
            ExperimentSummary summary =
                    Experiments.run(
                            server.baseUrl(),
                            out,
                            settings,
                            "sequential-health",
                            "sequential",
                            Endpoint.HEALTH,
                            1,
                            null,
                            Workloads.sequential(2, false));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(summary.json().get("errors").get("timeout").asLong()).isEqualTo(2);
            // Two timeouts, the probe's last timeout and the 1 s waits: about 3 s; 15 s is
            // half the probe timeout, so a run that waited for it fails.
            assertThat(elapsedMillis).isLessThan(15_000);
        }
    }

    @Test
    void unexpectedStatusCountsByClass() {
        OutcomeCounts counts = new OutcomeCounts();
        counts.record(201, 201, null);
        counts.record(409, 201, null);
        counts.record(503, 201, null);
        counts.record(0, 201, new java.net.ConnectException("Connection refused"));

        assertThat(counts.successes()).isEqualTo(1);
        assertThat(counts.errors(ErrorKind.STATUS_4XX)).isEqualTo(1);
        assertThat(counts.errors(ErrorKind.STATUS_5XX)).isEqualTo(1);
        assertThat(counts.errors(ErrorKind.CONNECT)).isEqualTo(1);
        assertThat(counts.statusCounts()).containsEntry(409, 1L).containsEntry(503, 1L);
    }
}
