package lab.bcrypt.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Command line of the analysis: {@code report RESULTS_DIR} and {@code check RESULTS_DIR}. */
@Command(
        name = "analysis",
        mixinStandardHelpOptions = true,
        version = "analysis 0.1.0",
        description =
                "Writes and checks the report that compares the blocking and offloaded"
                        + " servers from a lab results directory.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:`check` found problems in the report",
            "2:invalid arguments, no subcommand, unreadable results or an unwritable report"
        },
        subcommands = {AnalysisCommand.ReportCommand.class, AnalysisCommand.CheckCommand.class})
public final class AnalysisCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisCommand.class);

    /** Exit status of {@code check} when the report fails. */
    static final int EXIT_CHECK_FAILED = 1;

    /** Exit status when the results cannot be read or the report cannot be written. */
    static final int EXIT_ERROR = 2;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new AnalysisCommand()).execute(args));
    }

    /** Prints the usage to stderr: a subcommand is required. */
    @Override
    public Integer call() {
        System.err.println("analysis: missing subcommand: use `report` or `check`");
        CommandLine.usage(this, System.err);
        return EXIT_ERROR;
    }

    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = "Writes report.md, report.json and charts/*.png into RESULTS_DIR.")
    static final class ReportCommand implements Callable<Integer> {
        @Parameters(
                paramLabel = "RESULTS_DIR",
                description = "directory that `loadgen matrix`" + " and the JMH runner wrote")
        Path resultsDir;

        @Override
        public Integer call() {
            try {
                ReportGenerator.Report report = ReportGenerator.generate(resultsDir);
                LOG.info(
                        "Wrote {} with {} charts; {} of {} sections lack data",
                        report.markdown(),
                        report.charts().size(),
                        report.incompleteSections(),
                        report.sections().size());
                System.out.println(report.markdown().toAbsolutePath().normalize());
                return 0;
            } catch (IllegalArgumentException | ReportWriteException e) {
                System.err.println("analysis report: " + e.getMessage());
                return EXIT_ERROR;
            }
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Fails unless every section of the report in RESULTS_DIR is filled for"
                            + " both servers and every chart is a PNG that decodes.")
    static final class CheckCommand implements Callable<Integer> {
        @Parameters(
                paramLabel = "RESULTS_DIR",
                description = "directory holding report.md and" + " report.json")
        Path resultsDir;

        @Override
        public Integer call() {
            List<String> problems = ReportChecker.check(resultsDir);
            if (problems.isEmpty()) {
                System.out.println("report check passed: " + resultsDir.resolve("report.md"));
                return 0;
            }
            System.err.println("report check failed, " + problems.size() + " problems:");
            problems.forEach(p -> System.err.println("  - " + p));
            return EXIT_CHECK_FAILED;
        }
    }
}
