package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers the report must not present as facts: few samples, an outlier baseline, JMH errors larger
 * than the score, negative log gaps, different open-model rates and invalid runs.
 */
class ReliabilityMarksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private void editSummary(String serverAndExperiment, Consumer<ObjectNode> edit)
            throws IOException {
        Path file = dir.resolve(serverAndExperiment).resolve("summary.json");
        ObjectNode summary = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(summary);
        JSON.writeValue(file.toFile(), summary);
    }

    private static ObjectNode probeLatency(ObjectNode summary) {
        return (ObjectNode) summary.path("probe").path("latencyMs");
    }

    private List<SectionOutput> sections() {
        return ReportGenerator.generate(dir).sections();
    }

    @Test
    void percentileTables_showTheSampleCount() throws IOException {
        new ResultsFixture(dir).write();

        List<SectionOutput> sections = sections();

        assertThat(sections.get(2).toMarkdown())
                .contains("| client count | requests | 100 | 100 |");
        assertThat(sections.get(3).toMarkdown()).contains("| count | requests | 1,000 | 1,000 |");
        assertThat(sections.get(4).toMarkdown())
                .contains("| probe requests | requests | 60 | 60 |");
    }

    @Test
    void fewProbeSamples_areMarkedNotReliable() throws IOException {
        new ResultsFixture(dir).write();
        editSummary("blocking/burst-10", s -> probeLatency(s).put("count", 3));

        String health = sections().get(4).toMarkdown();

        assertThat(health)
                .contains(
                        "**Too few samples, not reliable:** the percentiles of the health probe"
                                + " during burst-10 rest on 3 for the blocking server, fewer than 20");
        assertThat(health).contains("burst-10 p99 / idle p90 (too few probe samples)");
    }

    @Test
    void fewProbeSamples_drawNoAnswer() throws IOException {
        new ResultsFixture(dir).write();
        editSummary("blocking/burst-10", s -> probeLatency(s).put("count", 3));

        String answers = sections().get(8).toMarkdown();

        assertThat(answers).contains("10 → too few probe requests (3)");
        assertThat(answers).contains("from the burst of 100 to the burst of 1000)");
    }

    @Test
    void fewProbeSamplesInLargestBurst_areNotCompared() throws IOException {
        new ResultsFixture(dir).write();
        editSummary("blocking/burst-1000", s -> probeLatency(s).put("count", 7));

        String answers = sections().get(8).toMarkdown();

        assertThat(answers)
                .contains(
                        "Health p99 during the largest burst cannot be compared: 7 probe requests")
                .doesNotContain("offloading keeps the health endpoint more responsive");
    }

    @Test
    void idleOutlier_doesNotMoveTheBaseline() throws IOException {
        new ResultsFixture(dir).write();
        // One slow idle request sets p99 and max; the p90 baseline ignores it.
        editSummary(
                "blocking/sequential-health",
                s -> ((ObjectNode) s.path("latencyMs")).put("p99", 5000.0).put("max", 5000.0));

        String answers = sections().get(8).toMarkdown();

        assertThat(answers)
                .contains("an idle p90 of")
                .contains("The idle baseline is the p90 of the sequential health requests");
        assertThat(answers)
                .containsPattern(
                        "On the blocking server, health p99 [^*]*?\\(1,0\\d\\d×\\), so"
                                + " responsiveness collapses under load");
    }

    @Test
    void handoffErrorAboveScore_isMarkedNotReliable() throws IOException {
        new ResultsFixture(dir).write();
        Path jmh = dir.resolve("jmh/results.json");
        JsonNode records = JSON.readTree(jmh.toFile());
        for (JsonNode record : records) {
            if (record.path("benchmark").asText().endsWith("offloadedTrivial")) {
                ((ObjectNode) record.path("primaryMetric")).put("scoreError", 30.0);
            }
        }
        JSON.writeValue(jmh.toFile(), records);

        SectionOutput hashCost = sections().get(1);

        assertThat(hashCost.flags())
                .anyMatch(
                        f ->
                                f.startsWith("One hand-off to the hash pool")
                                        && f.contains("**Not reliable:**")
                                        && f.contains("offloadedTrivial (12 ± 30 us/op)"));
        assertThat(hashCost.toMarkdown()).contains("**not reliable: error ≥ score**");
    }

    @Test
    void handoffWithinError_isStatedPlainly() throws IOException {
        new ResultsFixture(dir).write();

        SectionOutput hashCost = sections().get(1);

        assertThat(hashCost.flags()).noneMatch(f -> f.startsWith("One hand-off"));
        assertThat(hashCost.toMarkdown()).contains("One hand-off to the hash pool");
    }

    @Test
    void serverLongerThanClient_isFlaggedAsMeasurementProblem() throws IOException {
        // The fixture logs the probe at 0.32 of its nominal time, here 3.2 ms.
        new ResultsFixture(dir).offloadedProbeMillis(10.0).write();
        editSummary("offloaded/burst-10", s -> probeLatency(s).put("mean", 0.5));

        SectionOutput serverLog = sections().get(7);

        assertThat(serverLog.flags())
                .anyMatch(
                        f ->
                                f.startsWith("burst-10: measurement problem, not a blind spot.")
                                        && f.contains(
                                                "The offloaded server logged a health probe mean"));
        assertThat(serverLog.flags())
                .noneMatch(f -> f.contains("misses") && f.contains("offloaded server's 0.500"));
    }

    @Test
    void clientLongerThanServer_isNoMeasurementProblem() throws IOException {
        new ResultsFixture(dir).write();

        SectionOutput serverLog = sections().get(7);

        assertThat(serverLog.flags()).noneMatch(f -> f.contains("measurement problem"));
    }

    @Test
    void differentOpenRates_areNotedAtTheTables() throws IOException {
        new ResultsFixture(dir).write();
        editSummary("offloaded/open-50", s -> s.put("targetRatePerSec", 900.0));

        List<SectionOutput> sections = sections();

        assertThat(sections.get(4).toMarkdown())
                .contains("**Different rates:** in open-50 the blocking server was sent 1,000");
        assertThat(sections.get(4).toMarkdown())
                .contains("open-50 p99 / idle p90 (different rates)");
        assertThat(sections.get(6).toMarkdown()).contains("**Different rates:** in open-50");
    }

    @Test
    void equalOpenRates_addNoNote() throws IOException {
        new ResultsFixture(dir).write();

        assertThat(sections().get(4).toMarkdown()).doesNotContain("Different rates");
    }

    @Test
    void invalidRun_isMarkedInEverySectionThatUsesIt() throws IOException {
        new ResultsFixture(dir).write();
        editSummary(
                "blocking/burst-100",
                s ->
                        ((ObjectNode) s.path("client"))
                                .put("valid", false)
                                .put("reason", "send lag p99 beyond 25% of the makespan"));

        List<SectionOutput> sections = sections();

        List<Integer> unmarked = new ArrayList<>();
        // Sections 4 to 8 each have a table of burst-100.
        for (int i = 3; i <= 7; i++) {
            if (!sections.get(i).toMarkdown().contains("burst-100 (invalid run: blocking)")
                    && !sections.get(i)
                            .toMarkdown()
                            .contains("registrations (invalid run: blocking)")) {
                unmarked.add(i + 1);
            }
        }
        assertThat(unmarked).as("sections without the mark").isEmpty();
    }

    @Test
    void registerPercentilesChart_drawsP99OverMax() throws IOException {
        new ResultsFixture(dir).write();
        ReportContext context = ReportContext.load(dir);

        XYPlot plot = Charts.registerPercentilesPlot(context, ResultsFixture.BURST_LEVELS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            keys.add(plot.getDataset().getSeriesKey(i).toString());
        }

        assertThat(plot.getSeriesRenderingOrder()).isEqualTo(SeriesRenderingOrder.FORWARD);
        assertThat(keys.indexOf("blocking p99")).isGreaterThan(keys.indexOf("blocking max"));
        assertThat(keys.indexOf("offloaded p99")).isGreaterThan(keys.indexOf("offloaded max"));
        assertThat(Charts.strokeOf("blocking p99")).isNotEqualTo(Charts.strokeOf("blocking max"));
    }
}
