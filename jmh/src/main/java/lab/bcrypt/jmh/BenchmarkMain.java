package lab.bcrypt.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * Runs the bcrypt benchmarks in the quick or the full profile and writes JMH JSON.
 *
 * <p>With {@code --quick}, {@code --full} or {@code --out}, runs all four benchmark groups (or
 * those a JMH regex selects) and writes the results as JMH JSON. Without any of them, passes the
 * arguments unchanged to JMH's own {@code org.openjdk.jmh.Main}, so {@code -l}, {@code -lp} and the
 * other JMH options work as usual. Progress goes to stderr; JMH's own output to stdout.
 */
@Command(
        name = "java -jar jmh/target/benchmarks.jar",
        description = {
            "Runs the bcrypt benchmarks (JMH) and writes JMH JSON.",
            "Without --quick, --full or --out, all arguments go to JMH's own command line."
        },
        footer = {
            "",
            "Any other argument goes to JMH (org.openjdk.jmh.Main): a benchmark regex such",
            "as HashCostBenchmark, or options such as -p cost=12, -f 1, -i 5, -prof gc.",
            "A JMH option given this way wins over the profile. JMH's own option list:",
            "  java -cp jmh/target/benchmarks.jar org.openjdk.jmh.Main -h",
            "",
            "Exit status: 0 on success, 1 when a run failed or a selected benchmark has no",
            "result, 2 on an invalid argument, a regex that matches no benchmark or an",
            "--out path whose directory cannot be created."
        },
        sortOptions = false)
public final class BenchmarkMain implements Callable<Integer> {

    /** The benchmark groups, one class each. The analysis finds a group by its class name. */
    static final List<Class<?>> GROUPS =
            List.of(
                    HashCostBenchmark.class,
                    ThroughputCeilingBenchmark.class,
                    HandoffBenchmark.class,
                    LibraryComparisonBenchmark.class);

    /** Results file when neither --out nor JMH's -rff names one; JMH's own default name. */
    static final Path DEFAULT_OUT = Path.of("jmh-result.json");

    private static final int EXIT_OK = 0;
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkMain.class);

    @ArgGroup(exclusive = true)
    ProfileChoice profileChoice;

    @Option(
            names = "--out",
            paramLabel = "FILE.json",
            description =
                    "File to write the JMH JSON results to; missing directories are created."
                            + " Default: JMH's -rff, else jmh-result.json.")
    Path out;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Unmatched List<String> jmhArguments = new ArrayList<>();

    /** The two profiles; picocli rejects both at once. */
    static final class ProfileChoice {
        @Option(
                names = "--quick",
                required = true,
                description =
                        "Quick profile: " + RunProfile.QUICK_SUMMARY + ". Present, not precise.")
        boolean quick;

        @Option(
                names = "--full",
                required = true,
                description =
                        "Full profile: "
                                + RunProfile.FULL_SUMMARY
                                + ". The default with --out alone.")
        boolean full;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, RunnerException {
        if (profileChoice == null && out == null) {
            return passToJmh(jmhArguments);
        }

        RunProfile profile = selectedProfile();
        Options options;
        try {
            options = buildOptions(profile, out, jmhArguments);
        } catch (CommandLineOptionException e) {
            LOG.error("Invalid JMH argument in {}: {}. See --help.", jmhArguments, e.getMessage());
            return EXIT_USAGE;
        }
        if (selectedBenchmarks(options).isEmpty()) {
            LOG.error(
                    "No benchmark matches {}. Name a group ({}) or a method such as"
                            + " HashCostBenchmark.hash; `-l` lists them all.",
                    options.getIncludes(),
                    GROUPS.stream().map(Class::getSimpleName).collect(Collectors.joining(", ")));
            return EXIT_USAGE;
        }
        Path resultFile = Path.of(options.getResult().get()).toAbsolutePath();
        try {
            Files.createDirectories(resultFile.getParent());
        } catch (FileAlreadyExistsException e) {
            LOG.error(
                    "Cannot create the directory of the results file {}: {} exists and is not a"
                            + " directory. Choose a writable path with --out.",
                    resultFile,
                    e.getFile());
            return EXIT_USAGE;
        } catch (IOException e) {
            LOG.error(
                    "Cannot create the directory of the results file {}: {}. Choose a writable"
                            + " path with --out.",
                    resultFile,
                    describe(e));
            return EXIT_USAGE;
        }
        try {
            return run(profile, options, resultFile);
        } catch (RunnerException e) {
            LOG.error("The JMH run failed: {}", describe(e));
            return EXIT_FAILED;
        }
    }

    /**
     * Checks the arguments with JMH's own parser, then runs {@code org.openjdk.jmh.Main}. JMH's
     * main exits with 1 on an invalid option; this runner's help promises 2.
     */
    private static int passToJmh(List<String> arguments) throws IOException, RunnerException {
        String[] args = arguments.toArray(String[]::new);
        try {
            new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            LOG.error("Invalid argument in {}: {}. See --help.", arguments, e.getMessage());
            return EXIT_USAGE;
        }
        org.openjdk.jmh.Main.main(args);
        return EXIT_OK;
    }

    /** Returns an exception's message, else its cause's, else its class name: never "null". */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return error.getClass().getSimpleName();
    }

    RunProfile selectedProfile() {
        return profileChoice != null && profileChoice.quick ? RunProfile.QUICK : RunProfile.FULL;
    }

    /**
     * Builds the JMH options of a profile run: the JMH arguments given, the profile's settings
     * where those set none, all four groups unless a regex selects others, and JSON results.
     *
     * @throws CommandLineOptionException when JMH rejects one of {@code jmhArguments}
     */
    static Options buildOptions(RunProfile profile, Path out, List<String> jmhArguments)
            throws CommandLineOptionException {
        CommandLineOptions requested = new CommandLineOptions(jmhArguments.toArray(String[]::new));
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(requested);

        if (requested.getIncludes().isEmpty()) {
            for (Class<?> group : GROUPS) {
                builder.include(Pattern.quote(group.getName() + "."));
            }
        }
        profile.applyTo(builder, requested);

        if (!requested.getResultFormat().hasValue()) {
            builder.resultFormat(ResultFormatType.JSON);
        }
        builder.result(resultPath(out, requested).toString());
        return builder.build();
    }

    private static Path resultPath(Path out, Options requested) {
        if (out != null) {
            return out;
        }
        return requested.getResult().hasValue()
                ? Path.of(requested.getResult().get())
                : DEFAULT_OUT;
    }

    private int run(RunProfile profile, Options options, Path resultFile) throws RunnerException {
        LOG.info(
                "Running the {} profile ({}); results go to {}",
                profile,
                profile.summary(),
                resultFile);
        warnIfBusy();

        long startNanos = System.nanoTime();
        Collection<RunResult> results = new Runner(options).run();
        double elapsedSeconds =
                (System.nanoTime() - startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        LOG.info(
                "Wrote {} results to {} in {} s",
                results.size(),
                resultFile,
                String.format(Locale.ROOT, "%.0f", elapsedSeconds));

        return checkEveryBenchmarkMeasured(options, results);
    }

    /**
     * Warns when the 1-minute load average reaches the processor count before the run starts, since
     * other processes then take CPU time from the benchmark threads.
     */
    private static void warnIfBusy() {
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int processors = Runtime.getRuntime().availableProcessors();
        String load = String.format(Locale.ROOT, "%.2f", loadAverage);
        if (loadAverage >= processors) {
            LOG.warn(
                    "Load average {} is at or above the {} processors before the run: other"
                            + " processes compete for the cores, so the scores will be noisy and the"
                            + " thread-count ceiling may not show.",
                    load,
                    processors);
        } else if (loadAverage >= 0) {
            LOG.info("Load average {} on {} processors before the run", load, processors);
        }
    }

    /** Returns a failure status when a selected benchmark has no result. */
    private static int checkEveryBenchmarkMeasured(Options options, Collection<RunResult> results) {
        Set<String> measured =
                results.stream()
                        .map(result -> result.getParams().getBenchmark())
                        .collect(Collectors.toSet());
        Set<String> missing = missingBenchmarks(options, measured);
        if (missing.isEmpty()) {
            return EXIT_OK;
        }
        LOG.error(
                "No result for {} benchmark(s): {}. JMH printed the error above.",
                missing.size(),
                missing);
        return EXIT_FAILED;
    }

    /**
     * Returns the benchmark methods that {@code options} selects and {@code measured} lacks. A
     * method counts as measured when at least one of its parameter combinations has a result.
     */
    static Set<String> missingBenchmarks(Options options, Set<String> measured) {
        return selectedBenchmarks(options).stream()
                .filter(benchmark -> !measured.contains(benchmark))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Returns the benchmark methods that the includes and excludes of {@code options} select. */
    static Set<String> selectedBenchmarks(Options options) {
        OutputFormat silent =
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        return BenchmarkList.defaultList()
                .find(silent, options.getIncludes(), options.getExcludes())
                .stream()
                .map(BenchmarkListEntry::getUsername)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
