package lab.bcrypt.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Corrupt, invalid and missing results files, and directories that hold no results at all. */
class UnreadableResultsTest {

    /** Bytes that are not UTF-8: a lone continuation byte and an invalid lead byte. */
    private static final byte[] NOT_UTF8 = {(byte) 0x80, (byte) 0xFF, 'x', '\n'};

    @TempDir Path dir;

    private static String joined(List<String> lines) {
        return String.join("\n", lines);
    }

    @Test
    void corruptProbeHlog_marksHealthSectionAndReportGoesOn() throws IOException {
        new ResultsFixture(dir).write();
        Path hlog = dir.resolve("blocking/burst-1000/probe.hlog");
        String text = Files.readString(hlog);
        Files.writeString(
                hlog, text.substring(0, text.length() / 2) + "\n1.0,1.0,5.0,@@garbage@@\n");

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        assertThat(report.markdown()).isRegularFile();
        assertThat(joined(report.sections().get(4).missingData()))
                .contains("probe.hlog is unreadable")
                .contains("blocking/burst-1000/probe.hlog");
        assertThat(report.sections().get(3).missingData()).isEmpty();
    }

    @Test
    void corruptProbeHlog_failsTheCheck() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(
                dir.resolve("offloaded/burst-10/probe.hlog"), "#[StartTime: 1\n1,1,1,@@\n");
        ReportGenerator.generate(dir);

        assertThat(ReportChecker.check(dir)).anyMatch(p -> p.contains("probe.hlog is unreadable"));
    }

    @Test
    void resourcesCsvNotUtf8_isNamedInResourceSection() throws IOException {
        new ResultsFixture(dir).write();
        Files.write(dir.resolve("offloaded/burst-100/resources.csv"), NOT_UTF8);

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        assertThat(joined(report.sections().get(5).missingData()))
                .contains("offloaded/burst-100/resources.csv is unreadable");
    }

    @Test
    void resourcesCsvWithoutHeader_isNamedInResourceSection() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(dir.resolve("blocking/burst-10/resources.csv"), "garbage\n1,2,3\n");

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        assertThat(joined(report.sections().get(5).missingData()))
                .contains("blocking/burst-10/resources.csv is unreadable")
                .contains("no `tMs` column");
    }

    @Test
    void perfLogNotUtf8_isNamedInServerLogSection() throws IOException {
        new ResultsFixture(dir).write();
        Files.write(dir.resolve("blocking/perf.log"), NOT_UTF8);

        ReportGenerator.Report report = ReportGenerator.generate(dir);

        assertThat(joined(report.sections().get(7).missingData()))
                .contains("blocking/perf.log is unreadable");
    }

    @Test
    void truncatedJmhJson_isReportedInvalid() throws IOException {
        new ResultsFixture(dir).write();
        Path jmh = dir.resolve("jmh/results.json");
        String text = Files.readString(jmh);
        Files.writeString(jmh, text.substring(0, text.length() / 3));

        SectionOutput hashCost = ReportGenerator.generate(dir).sections().get(1);

        assertThat(joined(hashCost.missingData())).contains("jmh/results.json is invalid JSON");
    }

    @Test
    void chartsPathIsAFile_throwsErrorNamingThePath() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(dir.resolve("charts"), "not a directory");

        assertThatThrownBy(() -> ReportGenerator.generate(dir))
                .isInstanceOf(ReportWriteException.class)
                .hasMessageContaining("cannot write " + dir.resolve("charts"));
    }

    @Test
    void chartsPathIsAFile_reportCommandExitsWithError() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(dir.resolve("charts"), "not a directory");

        int exit = new CommandLine(new AnalysisCommand()).execute("report", dir.toString());

        assertThat(exit).isEqualTo(AnalysisCommand.EXIT_ERROR);
    }

    @Test
    void emptyDirectory_isNotAResultsDirectory() {
        assertThatThrownBy(() -> ReportContext.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a results directory")
                .hasMessageContaining("environment.json");
    }

    @Test
    void directoryWithUnrelatedFile_reportCommandExitsWithError() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");

        int exit = new CommandLine(new AnalysisCommand()).execute("report", dir.toString());

        assertThat(exit).isEqualTo(AnalysisCommand.EXIT_ERROR);
        assertThat(dir.resolve("report.md")).doesNotExist();
    }

    @Test
    void truncatedSummary_isReportedInvalidNotMissing() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("blocking/burst-100/summary.json");
        String text = Files.readString(summary);
        Files.writeString(summary, text.substring(0, text.length() / 2));

        SectionOutput burst = ReportGenerator.generate(dir).sections().get(3);

        assertThat(joined(burst.missingData()))
                .contains("blocking/burst-100/summary.json is invalid JSON")
                .doesNotContain("blocking/burst-100/summary.json not found");
    }

    @Test
    void summaryWithTextCount_isReportedInvalid() throws IOException {
        new ResultsFixture(dir).write();
        Path summary = dir.resolve("offloaded/burst-10/summary.json");
        Files.writeString(
                summary,
                Files.readString(summary)
                        .replace("\"requests\" : 10,", "\"requests\" : \"many\","));

        SectionOutput burst = ReportGenerator.generate(dir).sections().get(3);

        assertThat(joined(burst.missingData()))
                .contains("offloaded/burst-10/summary.json is invalid: `requests` is \"many\"");
    }

    @Test
    void emptyMatrix_isReportedInvalid() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(dir.resolve("matrix.json"), "");

        SectionOutput validity = ReportGenerator.generate(dir).sections().get(9);

        assertThat(joined(validity.missingData()))
                .contains("matrix.json is invalid: the file is empty");
    }

    /** The format `./lab run` writes: a status line, then one "name: value" line per detail. */
    private static final String INTERRUPTED_STATUS =
            "status: interrupted\n"
                    + "phase: load matrix, interrupted by SIGINT; the phases after it did not run\n"
                    + "started: 2026-12-04T17:00:00Z\n";

    @Test
    void runStatus_isShownAtTheTop() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(
                dir.resolve(ReportContext.RUN_STATUS), INTERRUPTED_STATUS, StandardCharsets.UTF_8);

        ReportGenerator.Report report = ReportGenerator.generate(dir);
        String markdown = Files.readString(report.markdown());

        assertThat(markdown).contains("> **Run status: this run was interrupted");
        assertThat(markdown).contains("> phase: load matrix, interrupted by SIGINT");
        assertThat(markdown.indexOf("Run status"))
                .isLessThan(markdown.indexOf("## 1. Environment"));
        assertThat(Files.readString(report.json())).contains("status: interrupted");
    }

    @Test
    void runStatus_failsTheCheck() throws IOException {
        new ResultsFixture(dir).write();
        Files.writeString(
                dir.resolve(ReportContext.RUN_STATUS), INTERRUPTED_STATUS, StandardCharsets.UTF_8);
        ReportGenerator.generate(dir);

        assertThat(ReportChecker.check(dir))
                .anyMatch(
                        p ->
                                p.startsWith(
                                        "the run did not complete: its RUN_STATUS says status: interrupted"));
    }

    @Test
    void failedRunStatus_getsItsOwnHeadline() {
        assertThat(ReportGenerator.runStatusHeadline("status: failed\nfailed phases: benchmarks"))
                .startsWith("a phase of this run failed");
    }

    @Test
    void noRunStatus_addsNoStatusLine() throws IOException {
        new ResultsFixture(dir).write();

        String markdown = Files.readString(ReportGenerator.generate(dir).markdown());

        assertThat(markdown).doesNotContain("Run status");
    }

    @Test
    void corruptReportJson_failsTheCheckWithoutException() throws IOException {
        new ResultsFixture(dir).write();
        ReportGenerator.generate(dir);
        Files.writeString(dir.resolve(ReportGenerator.REPORT_JSON), "{\"sections\": [");

        assertThat(ReportChecker.check(dir)).anyMatch(p -> p.contains("cannot read the report"));
    }

    @Test
    void noArguments_printsUsageAndExitsWithError() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AnalysisCommand());
        command.setErr(new PrintWriter(err));

        int exit = command.execute();

        assertThat(exit).isEqualTo(AnalysisCommand.EXIT_ERROR);
    }

    @Test
    void versionOption_printsTheVersion() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new AnalysisCommand());
        command.setOut(new PrintWriter(out));

        int exit = command.execute("-V");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("analysis ");
    }
}
