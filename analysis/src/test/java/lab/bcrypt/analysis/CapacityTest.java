package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityTest {

    @TempDir Path dir;

    private JmhResults jmh() throws IOException {
        Path file = dir.resolve("results.json");
        new ObjectMapper().writeValue(file.toFile(), JmhFixture.results());
        return JmhResults.read(file);
    }

    @Test
    void measuredCost_givesCoresOverSeconds() throws IOException {
        Capacity capacity = Capacity.from(2, 10, jmh());

        assertThat(capacity.perSec())
                .isCloseTo(2 / 0.064, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(capacity.estimate()).isFalse();
    }

    @Test
    void unmeasuredCost_isScaledByTwoPerStepAndMarkedEstimate() throws IOException {
        Capacity capacity = Capacity.from(2, 11, jmh());

        assertThat(capacity.hashMillis())
                .isCloseTo(128.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(capacity.estimate()).isTrue();
        assertThat(capacity.source()).contains("estimate").contains("cost-10");
    }

    @Test
    void missingJmh_givesNoCapacity() {
        Capacity capacity = Capacity.from(2, 10, JmhResults.read(dir.resolve("absent.json")));

        assertThat(capacity.perSec()).isNull();
        assertThat(capacity.source()).contains("did not run");
    }

    @Test
    void invalidJmhJson_isReportedNotThrown() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "[{\"benchmark\": ");

        JmhResults results = JmhResults.read(file);

        assertThat(results.isEmpty()).isTrue();
        assertThat(results.problem()).contains("is invalid JSON");
    }

    @Test
    void scoreUnits_convertToNanosAndOpsPerSecond() {
        assertThat(JmhResults.TimeUnitScale.nanosPerOp(2.0, "ms/op")).isEqualTo(2e6);
        assertThat(JmhResults.TimeUnitScale.nanosPerOp(3.0, "us/op")).isEqualTo(3e3);
        assertThat(JmhResults.TimeUnitScale.opsPerSec(5.0, "ops/ms")).isEqualTo(5e3);
        assertThat(JmhResults.TimeUnitScale.opsPerSec(7.0, "ops/s")).isEqualTo(7.0);
        assertThat(JmhResults.TimeUnitScale.nanosPerOp(7.0, "ops/s")).isNull();
    }
}
