package lab.bcrypt.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs the optional warm-up and then one or more experiments against one target. */
final class SingleRun {
    private final CommonOptions options;
    private final PrintStream progressOut;
    private final ExperimentRunner runner;
    private final List<ExperimentSummary> summaries = new ArrayList<>();

    SingleRun(CommonOptions options, PrintStream progressOut) {
        this.options = options;
        this.progressOut = progressOut;
        this.runner =
                new ExperimentRunner(options.settings(), Registrations.forNewRun(), progressOut);
    }

    /**
     * Sends one health request to the target before any load; prints why to {@code err} and returns
     * false when the target did not return a 2xx status.
     */
    boolean preflight(PrintWriter err) throws InterruptedException {
        String failure = Preflight.check(options.target, Preflight.TIMEOUT_MILLIS);
        if (failure != null) {
            err.println(failure);
            err.flush();
            return false;
        }
        return true;
    }

    /**
     * Runs the warm-up: {@code count} sequential registrations, then a burst of {@code healthBurst}
     * health requests (0 for none). Skipped when {@code count} is 0.
     */
    void warmUp(int count, int healthBurst) throws IOException, InterruptedException {
        if (count <= 0) {
            return;
        }
        ExperimentSpec spec =
                new ExperimentSpec(
                        options.label,
                        "warmup",
                        "warmup",
                        Endpoint.REGISTER,
                        options.target,
                        true,
                        1,
                        null);
        ExperimentRunner warmupRunner =
                new ExperimentRunner(
                        options.settings().withProbeRate(0),
                        Registrations.forNewRun(),
                        progressOut);
        warmupRunner.run(spec, Workloads.warmup(count, healthBurst), directory());
    }

    ExperimentSummary run(ExperimentSpec spec, Workload workload)
            throws IOException, InterruptedException {
        ExperimentSummary summary = runner.run(spec, workload, directory());
        summaries.add(summary);
        return summary;
    }

    ExperimentSpec spec(
            String experiment, String kind, Endpoint endpoint, Integer concurrency, Double rate) {
        return new ExperimentSpec(
                options.label,
                experiment,
                kind,
                endpoint,
                options.target,
                false,
                concurrency,
                rate);
    }

    private Path directory() {
        return options.serverDirectory();
    }

    /**
     * Prints one line per experiment to {@code out}. Returns the exit code: 0, or 1 after a message
     * on {@code err} when an experiment had no successful request, because its numbers then
     * describe failures only.
     */
    int printSummaries(PrintStream out, PrintWriter err) {
        int exitCode = 0;
        for (ExperimentSummary summary : summaries) {
            out.println(line(summary));
        }
        for (ExperimentSummary summary : summaries) {
            if (summary.successes() == 0) {
                err.printf(
                        Locale.ROOT,
                        "No request in %s succeeded (errors %s). Its results are in %s, but they"
                                + " describe failures only: check the server and --target.%n",
                        summary.json().get("experiment").asText(),
                        summary.json().get("errors"),
                        directory().resolve(summary.json().get("experiment").asText()));
                exitCode = 1;
            }
        }
        err.flush();
        return exitCode;
    }

    static String line(ExperimentSummary summary) {
        var json = summary.json();
        var latency = json.get("latencyMs");
        return String.format(
                Locale.ROOT,
                "%-20s requests %d, successes %d, errors %s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.1f/s%s",
                json.get("experiment").asText(),
                summary.requests(),
                summary.successes(),
                json.get("errors"),
                latency.get("p50").asDouble(),
                latency.get("p99").asDouble(),
                latency.get("max").asDouble(),
                summary.throughputPerSec(),
                summary.clientValid()
                        ? ""
                        : " INVALID: " + json.get("client").get("reason").asText());
    }
}
