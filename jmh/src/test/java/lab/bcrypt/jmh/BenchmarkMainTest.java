package lab.bcrypt.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;

class BenchmarkMainTest {

    private static final Path OUT = Path.of("results", "jmh", "results.json");

    @Test
    void quickProfileSetsOneForkAndShortIterations() throws CommandLineOptionException {
        Options options = BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of());

        assertThat(options.getForkCount().get()).isEqualTo(RunProfile.QUICK_FORKS);
        assertThat(options.getWarmupIterations().get())
                .isEqualTo(RunProfile.QUICK_WARMUP_ITERATIONS);
        assertThat(options.getMeasurementIterations().get())
                .isEqualTo(RunProfile.QUICK_MEASUREMENT_ITERATIONS);
        assertThat(options.getMeasurementTime().get()).isEqualTo(RunProfile.QUICK_ITERATION_TIME);
    }

    @Test
    void fullProfileKeepsAnnotatedSettings() throws CommandLineOptionException {
        Options options = BenchmarkMain.buildOptions(RunProfile.FULL, OUT, List.of());

        assertThat(options.getForkCount().hasValue()).isFalse();
        assertThat(options.getMeasurementIterations().hasValue()).isFalse();
    }

    @Test
    void jmhArgumentWinsOverProfile() throws CommandLineOptionException {
        Options options =
                BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of("-f", "3", "-r", "2s"));

        assertThat(options.getForkCount().get()).isEqualTo(3);
        assertThat(options.getMeasurementTime().get()).isEqualTo(TimeValue.seconds(2));
    }

    @Test
    void profileRunWritesJsonToOut() throws CommandLineOptionException {
        Options options = BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of());

        assertThat(options.getResultFormat().get()).isEqualTo(ResultFormatType.JSON);
        assertThat(options.getResult().get()).isEqualTo(OUT.toString());
    }

    @Test
    void profileRunWithoutOutWritesDefaultFile() throws CommandLineOptionException {
        Options options = BenchmarkMain.buildOptions(RunProfile.FULL, null, List.of());

        assertThat(options.getResult().get()).isEqualTo(BenchmarkMain.DEFAULT_OUT.toString());
    }

    @Test
    void profileRunIncludesAllFourGroups() throws CommandLineOptionException {
        Options options = BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of());

        assertThat(options.getIncludes()).hasSize(BenchmarkMain.GROUPS.size());
        for (Class<?> group : BenchmarkMain.GROUPS) {
            assertThat(options.getIncludes())
                    .as("include pattern of %s", group.getSimpleName())
                    .anyMatch(regex -> (group.getName() + ".hash").matches(".*" + regex + ".*"));
        }
    }

    @Test
    void benchmarkRegexReplacesGroups() throws CommandLineOptionException {
        Options options =
                BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of("HashCostBenchmark"));

        assertThat(options.getIncludes()).containsExactly("HashCostBenchmark");
    }

    @Test
    void commandLinePassesUnknownArgumentsToJmh() {
        BenchmarkMain main = new BenchmarkMain();
        new CommandLine(main)
                .parseArgs(
                        "--quick",
                        "--out",
                        "x.json",
                        "HashCostBenchmark",
                        "-f",
                        "2",
                        "-p",
                        "cost=12");

        assertThat(main.selectedProfile()).isEqualTo(RunProfile.QUICK);
        assertThat(main.out).isEqualTo(Path.of("x.json"));
        assertThat(main.jmhArguments)
                .containsExactly("HashCostBenchmark", "-f", "2", "-p", "cost=12");
    }

    @Test
    void commandLineRejectsQuickWithFull() {
        int exitCode = new CommandLine(new BenchmarkMain()).execute("--quick", "--full");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void missingBenchmarksNamesMethodWithoutResult() throws CommandLineOptionException {
        Options options =
                BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of("HashCostBenchmark"));
        String hash = HashCostBenchmark.class.getName() + ".hash";
        String verify = HashCostBenchmark.class.getName() + ".verify";

        assertThat(BenchmarkMain.missingBenchmarks(options, Set.of(hash))).containsExactly(verify);
        assertThat(BenchmarkMain.missingBenchmarks(options, Set.of(hash, verify))).isEmpty();
    }

    @Test
    void unknownBenchmark_exitsWithUsageStatus(@TempDir Path dir) {
        Path out = dir.resolve("x.json");

        int exitCode =
                new CommandLine(new BenchmarkMain())
                        .execute("--quick", "--out", out.toString(), "NoSuchBenchmark");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(out).doesNotExist();
    }

    @Test
    void unknownBenchmark_selectsNothing() throws CommandLineOptionException {
        Options options =
                BenchmarkMain.buildOptions(RunProfile.QUICK, OUT, List.of("NoSuchBenchmark"));

        assertThat(BenchmarkMain.selectedBenchmarks(options)).isEmpty();
    }

    @Test
    void invalidJmhOptionWithoutProfile_exitsWithUsageStatus() {
        int exitCode = new CommandLine(new BenchmarkMain()).execute("--bogus");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void unwritableOut_exitsWithUsageStatus() {
        int exitCode =
                new CommandLine(new BenchmarkMain())
                        .execute("--quick", "--out", "/dev/null/x.json", "HashCostBenchmark");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void describe_fallsBackToCauseThenClassName() {
        RunnerException withCause =
                new RunnerException(null, new IllegalStateException("no benchmarks to run"));

        assertThat(BenchmarkMain.describe(withCause)).isEqualTo("no benchmarks to run");
        assertThat(BenchmarkMain.describe(new RunnerException())).isEqualTo("RunnerException");
    }

    /**
     * The JMH annotation processor writes this list at compile time. JDK 23 and later run no
     * processor found on the class path, so without the processor path in the POM the list is
     * missing and every run fails with "Unable to find the resource: /META-INF/BenchmarkList".
     */
    @Test
    void benchmarkListNamesEveryGroup() throws IOException {
        String list;
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList on the class path").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        for (Class<?> group : BenchmarkMain.GROUPS) {
            assertThat(list).contains(group.getName());
        }
    }
}
