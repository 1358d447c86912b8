package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void completeResults_fillEverySection() throws IOException {
        new ResultsFixture(dir).write();

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        for (SectionOutput section : report.sections()) {
            assertThat(section.missingData()).as(section.toMarkdown()).isEmpty();
        }
        assertThat(report.sections()).hasSize(ReportChecker.EXPECTED_SECTIONS);
    }

    @Test
    void completeResults_passTheCheck() throws IOException {
        new ResultsFixture(dir).write();
        ReportGenerator.generate(dir);

        assertThat(ReportChecker.check(dir)).isEmpty();
    }

    @Test
    void completeResults_drawEveryChartKind() throws IOException {
        new ResultsFixture(dir).write();

        List<String> charts = ReportGenerator.generate(dir).charts();

        assertThat(charts)
                .contains(
                        "charts/register-percentiles.png",
                        "charts/health-percentile-spectrum.png",
                        "charts/health-burst-1000.png",
                        "charts/resources-burst-1000.png");
        for (String chart : charts) {
            assertThat(dir.resolve(chart)).isRegularFile();
        }
    }

    @Test
    void comparisonTables_haveBlockingOffloadedRatioColumns() throws IOException {
        new ResultsFixture(dir).write();

        String markdown = Files.readString(ReportGenerator.generate(dir).markdown());

        assertThat(markdown)
                .contains(
                        "| metric | unit | blocking | offloaded | ratio (offloaded / blocking) |");
        assertThat(markdown).contains("## 1. Environment").contains("## 10. Validity");
    }

    @Test
    void missingBurst_isNamedInSectionAndJson() throws IOException {
        new ResultsFixture(dir).omit("offloaded/burst-100").write();

        ReportGenerator.Report report = ReportGenerator.generate(dir);
        String markdown = Files.readString(report.markdown());
        JsonNode burstSection = JSON.readTree(report.json().toFile()).path("sections").get(3);

        assertThat(markdown)
                .contains("> **Missing data.**")
                .contains("offloaded/burst-100/summary.json not found");
        assertThat(burstSection.path("complete").asBoolean()).isFalse();
        assertThat(burstSection.path("missing").toString()).contains("offloaded/burst-100");
    }

    @Test
    void missingBurst_showsNotAvailableInsteadOfZero() throws IOException {
        new ResultsFixture(dir).omit("offloaded/burst-100").write();

        String markdown = Files.readString(ReportGenerator.generate(dir).markdown());
        String table = markdown.substring(markdown.indexOf("**Burst of 100 registrations**"));
        String p99Row =
                table.lines().filter(l -> l.startsWith("| p99 |")).findFirst().orElseThrow();

        assertThat(p99Row).endsWith("| n/a | n/a |");
    }

    @Test
    void missingBurst_failsTheCheck() throws IOException {
        new ResultsFixture(dir).omit("offloaded/burst-100").write();
        ReportGenerator.generate(dir);

        assertThat(ReportChecker.check(dir))
                .anyMatch(p -> p.contains("section 4") && p.contains("offloaded/burst-100"));
    }

    @Test
    void missingJmh_isReportedInCostAndModelSections() throws IOException {
        new ResultsFixture(dir).withoutJmh().write();

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        assertThat(report.sections().get(1).missingData())
                .anyMatch(m -> m.contains("jmh/results.json not found"));
        assertThat(report.sections().get(6).missingData())
                .anyMatch(m -> m.contains("the model needs S from JMH"));
    }

    @Test
    void serverDirectoriesWithoutData_listMissingDataEverywhere() throws IOException {
        Files.createDirectories(dir.resolve("blocking"));
        Files.createDirectories(dir.resolve("offloaded"));

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        assertThat(report.sections()).allMatch(s -> !s.isComplete() || s.flags().isEmpty());
        assertThat(report.incompleteSections()).isGreaterThanOrEqualTo(8);
    }

    @Test
    void slowBlockingBurst_isFlaggedAgainstTheModel() throws IOException {
        new ResultsFixture(dir).blockingBurstSlowdown(2.0).write();

        SectionOutput model = ReportGenerator.generate(dir).sections().get(6);

        assertThat(model.flags()).anyMatch(f -> f.startsWith("blocking burst-1000: makespan"));
    }

    @Test
    void modelMatchingBurst_isNotFlagged() throws IOException {
        new ResultsFixture(dir).write();

        SectionOutput model = ReportGenerator.generate(dir).sections().get(6);

        assertThat(model.flags()).noneMatch(f -> f.startsWith("blocking burst-1000: makespan"));
        assertThat(model.flags()).noneMatch(f -> f.startsWith("offloaded burst-1000: makespan"));
    }

    @Test
    void reportJson_carriesTableValues() throws IOException {
        new ResultsFixture(dir).write();

        JsonNode json = JSON.readTree(ReportGenerator.generate(dir).json().toFile());
        JsonNode capacity = json.path("sections").get(1).path("values").path("capacityPerSec");

        assertThat(capacity.asDouble()).isEqualTo(2000.0);
    }

    @Test
    void perfWindow_stopsAtNextExperiment() throws IOException {
        new ResultsFixture(dir).write();
        ReportContext context = ReportContext.load(dir);
        ServerResults blocking = context.server(ReportContext.BLOCKING);
        Experiment register = blocking.experiment("sequential-register");

        PerfLog.WindowStats window = PerfWindow.of(blocking, register);

        assertThat(window.count()).isEqualTo(register.requests());
    }

    @Test
    void shortExperimentWithoutCpu_isExplainedNotMissing() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("blocking/burst-10/summary.json");
        String text =
                Files.readString(summary)
                        .replace("\"cpuPercentMean\" : 160.0", "\"cpuPercentMean\" : null")
                        .replace("\"durationMs\" : 2999", "\"durationMs\" : 120");
        Files.writeString(summary, text);

        SectionOutput resources = ReportGenerator.generate(dir).sections().get(5);

        assertThat(resources.missingData()).isEmpty();
        assertThat(resources.toMarkdown())
                .contains("No CPU value for blocking burst-10: it lasted 120 ms");
    }

    @Test
    void longExperimentWithoutCpu_isMissingData() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("blocking/burst-10/summary.json");
        String text =
                Files.readString(summary)
                        .replace("\"cpuPercentMean\" : 160.0", "\"cpuPercentMean\" : null");
        Files.writeString(summary, text);

        SectionOutput resources = ReportGenerator.generate(dir).sections().get(5);

        assertThat(resources.missingData())
                .anyMatch(m -> m.contains("burst-10, CPU mean: no blocking value"));
    }

    @Test
    void ceilingNotScalingWithCores_isFlagged() throws IOException {
        new ResultsFixture(dir).write();
        Path jmh = dir.resolve("jmh/results.json");
        // The fixture's ceiling is 1000 hashes/s per core; 1000 at 2 threads means no scaling.
        Files.writeString(
                jmh, Files.readString(jmh).replace("\"score\" : 2000.0", "\"score\" : 1000.0"));

        SectionOutput hashCost = ReportGenerator.generate(dir).sections().get(1);

        assertThat(hashCost.flags())
                .anyMatch(f -> f.startsWith("At 2 threads the ceiling is 1.00×"));
    }

    @Test
    void ceilingScalingWithCores_isNotFlagged() throws IOException {
        new ResultsFixture(dir).write();

        SectionOutput hashCost = ReportGenerator.generate(dir).sections().get(1);

        assertThat(hashCost.flags()).noneMatch(f -> f.startsWith("At 2 threads"));
    }

    @Test
    void shortBurstWithFailures_isExplainedBySuccessesOnly() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("offloaded/burst-1000/summary.json");
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(summary.toFile());
        // 100 registrations of 1 ms on 2 cores take 50 ms; the other 900 were rejected.
        node.put("successes", 100);
        node.put("makespanMs", 55.0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("errors"))
                .put("status5xx", 900);
        JSON.writeValue(summary.toFile(), node);

        SectionOutput model = ReportGenerator.generate(dir).sections().get(6);

        assertThat(model.flags())
                .anyMatch(
                        f ->
                                f.startsWith("offloaded burst-1000: makespan 55")
                                        && f.contains(
                                                "for the 100 successful registrations alone the model"
                                                        + " predicts a makespan of 50 ms"));
    }
}
