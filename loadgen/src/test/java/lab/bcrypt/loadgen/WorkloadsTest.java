package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load models against a stub whose register handler takes 50 ms on a pool of 2 threads. Margins
 * are wide because other builds share the 2-core machine: lower bounds follow from the stub's sleep
 * and cannot be beaten, upper bounds allow many times the expected value.
 */
class WorkloadsTest {
    private static final long DELAY_MILLIS = 50;
    private static final int POOL_THREADS = 2;

    @TempDir Path out;

    @Test
    void sequentialLatencyIsNearTheHandlerDelay() throws Exception {
        try (StubServer stub = StubServer.withDelay(POOL_THREADS, DELAY_MILLIS)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(0),
                            "sequential-register",
                            "sequential",
                            Endpoint.REGISTER,
                            1,
                            null,
                            Workloads.sequential(20, false));

            assertThat(summary.requests()).isEqualTo(20);
            assertThat(summary.successes()).isEqualTo(20);
            assertThat(Experiments.millis(summary, "latencyMs", "p50")).isBetween(45.0, 500.0);
        }
    }

    @Test
    void sequentialWithNewConnectionsCountsEveryRequest() throws Exception {
        try (StubServer stub = StubServer.withDelay(POOL_THREADS, 0)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(0),
                            "sequential-health",
                            "sequential",
                            Endpoint.HEALTH,
                            1,
                            null,
                            Workloads.sequential(30, true));

            assertThat(summary.successes()).isEqualTo(30);
            assertThat(summary.transportErrors()).isZero();
        }
    }

    @Test
    void burstMakespanIsNearWhatThePoolAllows() throws Exception {
        int level = 20;
        // Two threads serve 20 requests of 50 ms in 10 rounds: at least 500 ms.
        double minimumMakespanMillis = (double) level / POOL_THREADS * DELAY_MILLIS;
        try (StubServer stub = StubServer.withDelay(POOL_THREADS, DELAY_MILLIS)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(20),
                            "burst-20",
                            "burst",
                            Endpoint.REGISTER,
                            level,
                            null,
                            Workloads.burst(level));

            double makespan = summary.json().get("makespanMs").asDouble();
            assertThat(makespan)
                    .isBetween(minimumMakespanMillis * 0.95, minimumMakespanMillis * 10);
            assertThat(summary.successes()).isEqualTo(level);
            assertThat(Experiments.millis(summary, "latencyMs", "max"))
                    .isGreaterThanOrEqualTo(minimumMakespanMillis * 0.9);
            assertThat(stub.registrations()).isEqualTo(level);
        }
    }

    @Test
    void burstRecordsHealthProbeResults() throws Exception {
        try (StubServer stub = StubServer.withDelay(POOL_THREADS, DELAY_MILLIS)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(20),
                            "burst-40",
                            "burst",
                            Endpoint.REGISTER,
                            40,
                            null,
                            Workloads.burst(40));

            var probe = summary.json().get("probe");
            assertThat(probe.get("requests").asLong()).isPositive();
            assertThat(probe.get("errors").get("connect").asLong()).isZero();
            // The probe's health requests queue behind registrations on the stub's 2 threads.
            assertThat(probe.get("latencyMs").get("max").asDouble())
                    .isGreaterThan(DELAY_MILLIS * 0.9);
        }
    }

    @Test
    void openModelShowsAServerStallAtTheTail() throws Exception {
        double rate = 50;
        long durationSeconds = 4;
        // Every request arriving in a 1-second window waits for its end: about 50 requests
        // spread from 0 to 1000 ms. Measured from the intended send time, the top 10% of 200
        // requests lie above roughly 600 ms. A client that timed only from the actual send would
        // show one slow request at most.
        try (StubServer stub = StubServer.withStall(64, 1000, 1000)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(0),
                            "open-50",
                            "open",
                            Endpoint.REGISTER,
                            null,
                            rate,
                            Workloads.open(rate, TimeUnit.SECONDS.toNanos(durationSeconds)));

            assertThat(summary.requests()).isEqualTo(200);
            assertThat(Experiments.millis(summary, "latencyMs", "max")).isGreaterThan(800.0);
            assertThat(Experiments.millis(summary, "latencyMs", "p90")).isGreaterThan(300.0);
            assertThat(Experiments.millis(summary, "latencyMs", "p50")).isLessThan(300.0);
            assertThat(summary.json().get("achievedRatePerSec").asDouble()).isBetween(45.0, 51.0);
        }
    }

    @Test
    void closedModelStopsAfterItsDuration() throws Exception {
        try (StubServer stub = StubServer.withDelay(POOL_THREADS, DELAY_MILLIS)) {
            ExperimentSummary summary =
                    Experiments.run(
                            stub.baseUrl(),
                            out,
                            Experiments.settings(0),
                            "closed-4",
                            "closed",
                            Endpoint.REGISTER,
                            4,
                            null,
                            Workloads.closed(4, TimeUnit.SECONDS.toNanos(1)));

            // Two threads at 50 ms allow at most 40 per second, plus the four last in flight.
            assertThat(summary.requests()).isBetween(4L, 60L);
            assertThat(summary.json().get("errors").get("timeout").asLong()).isZero();
        }
    }
}
