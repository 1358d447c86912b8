package lab.bcrypt.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections each load model uses, counted by the client ports that reach the stub. */
class ConnectionUseTest {
    @TempDir Path out;

    @Test
    void burstSendsEachRequestOnItsOwnConnection() throws Exception {
        int level = 50;
        try (StubServer stub = StubServer.withDelay(4, 5)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(0),
                    "burst-50",
                    "burst",
                    Endpoint.REGISTER,
                    level,
                    null,
                    Workloads.burst(level));

            assertThat(stub.clientPortCount()).isEqualTo(level);
        }
    }

    @Test
    void sequentialKeepsOneConnectionAlive() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 0)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(0),
                    "sequential-health",
                    "sequential",
                    Endpoint.HEALTH,
                    1,
                    null,
                    Workloads.sequential(20, false));

            assertThat(stub.clientPortCount()).isEqualTo(1);
        }
    }

    @Test
    void sequentialCanOpenAConnectionPerRequest() throws Exception {
        try (StubServer stub = StubServer.withDelay(2, 0)) {
            Experiments.run(
                    stub.baseUrl(),
                    out,
                    Experiments.settings(0),
                    "sequential-health",
                    "sequential",
                    Endpoint.HEALTH,
                    1,
                    null,
                    Workloads.sequential(20, true));

            assertThat(stub.clientPortCount()).isEqualTo(20);
        }
    }
}
