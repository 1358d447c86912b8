package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCheckerTest {

    @TempDir Path dir;

    @Test
    void corruptChart_failsTheCheck() throws IOException {
        new ResultsFixture(dir).write();
        ReportGenerator.generate(dir);
        Files.writeString(dir.resolve("charts/register-percentiles.png"), "not an image");

        assertThat(ReportChecker.check(dir))
                .anyMatch(p -> p.contains("not a PNG") && p.contains("register-percentiles.png"));
    }

    @Test
    void deletedChart_failsTheCheck() throws IOException {
        new ResultsFixture(dir).write();
        ReportGenerator.generate(dir);
        Files.delete(dir.resolve("charts/health-burst-10.png"));

        assertThat(ReportChecker.check(dir))
                .anyMatch(p -> p.contains("chart file not found") && p.contains("health-burst-10"));
    }

    @Test
    void noReport_failsWithWhatToRun() throws IOException {
        assertThat(ReportChecker.check(dir)).singleElement().asString().contains("analysis report");
    }

    @Test
    void checkCommand_exitsNonZeroOnIncompleteReport() throws IOException {
        new ResultsFixture(dir).omit("blocking/sequential-health").write();
        ReportGenerator.generate(dir);

        int exit = new picocli.CommandLine(new AnalysisCommand()).execute("check", dir.toString());

        assertThat(exit).isEqualTo(AnalysisCommand.EXIT_CHECK_FAILED);
    }

    @Test
    void reportCommand_writesReportAndExitsZero() throws IOException {
        new ResultsFixture(dir).write();

        int exit = new picocli.CommandLine(new AnalysisCommand()).execute("report", dir.toString());

        assertThat(exit).isZero();
        assertThat(dir.resolve("report.md")).isRegularFile();
    }

    @Test
    void reportCommand_missingDirectory_exitsWithError() {
        int exit =
                new picocli.CommandLine(new AnalysisCommand())
                        .execute("report", dir.resolve("absent").toString());

        assertThat(exit).isEqualTo(AnalysisCommand.EXIT_ERROR);
    }
}
