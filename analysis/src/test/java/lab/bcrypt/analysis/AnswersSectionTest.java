package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswersSectionTest {

    @TempDir Path dir;

    private String answers() {
        return ReportGenerator.generate(dir).sections().get(8).toMarkdown();
    }

    @Test
    void fastOffloadedProbe_isCalledResponsive() throws IOException {
        new ResultsFixture(dir).offloadedProbeMillis(0.5).write();

        assertThat(answers()).contains("offloading keeps the health endpoint more responsive");
    }

    @Test
    void equalProbes_showNoClearDifference() throws IOException {
        // The blocking probe during burst-1000 is 1000 * 1 ms / 2 cores = 500 ms in the fixture.
        new ResultsFixture(dir).offloadedProbeMillis(500.0).write();

        assertThat(answers())
                .contains("Health p99 during the largest burst is 1.00×")
                .contains("no clear difference");
    }

    @Test
    void blockingProbe_collapsesUnderLoad() throws IOException {
        new ResultsFixture(dir).write();

        assertThat(answers())
                .contains("On the blocking server, health p99 during a burst of 1000 registrations")
                .contains("collapses under load");
    }

    @Test
    void quickCost_isNamedAsALimit() throws IOException {
        new ResultsFixture(dir).write();

        assertThat(answers()).contains("At cost 4 a hash takes about 1.00 ms");
    }

    @Test
    void missingBursts_sayTheQuestionCannotBeAnswered() throws IOException {
        new ResultsFixture(dir)
                .omit("offloaded/burst-10")
                .omit("offloaded/burst-100")
                .omit("offloaded/burst-1000")
                .write();

        assertThat(answers()).contains("Cannot be answered");
    }

    @Test
    void rejectedRegistrations_lowerThroughputIsCalledFewer() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("offloaded/burst-1000/summary.json");
        Files.writeString(
                summary,
                Files.readString(summary).replace("\"successes\" : 1000", "\"successes\" : 250"));

        assertThat(answers())
                .contains("the offloaded server completes fewer registrations per second");
    }

    @Test
    void mostlyFailedBurst_isNotComparedOnLatency() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("offloaded/burst-1000/summary.json");
        Files.writeString(
                summary,
                Files.readString(summary).replace("\"status5xx\" : 0", "\"status5xx\" : 900"));

        String answers = answers();

        assertThat(answers)
                .contains("do not compare like for like: the offloaded server failed 90%");
        assertThat(answers).doesNotContain("Median register latency");
    }
}
