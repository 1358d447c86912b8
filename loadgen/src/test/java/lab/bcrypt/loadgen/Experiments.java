package lab.bcrypt.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs single experiments against a stub for the tests. */
final class Experiments {
    static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private Experiments() {}

    static RunSettings settings(double probeRate) {
        return new RunSettings(
                TIMEOUT_NANOS, probeRate, TIMEOUT_NANOS, ProcessHandle.current().pid());
    }

    static ExperimentSummary run(
            String baseUrl,
            Path out,
            RunSettings settings,
            String experiment,
            String kind,
            Endpoint endpoint,
            Integer concurrency,
            Double rate,
            Workload workload)
            throws IOException, InterruptedException {
        PrintStream progress =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return run(
                baseUrl,
                out,
                settings,
                experiment,
                kind,
                endpoint,
                concurrency,
                rate,
                workload,
                progress);
    }

    /** Runs one experiment and prints its progress lines to {@code progress}. */
    static ExperimentSummary run(
            String baseUrl,
            Path out,
            RunSettings settings,
            String experiment,
            String kind,
            Endpoint endpoint,
            Integer concurrency,
            Double rate,
            Workload workload,
            PrintStream progress)
            throws IOException, InterruptedException {
        ExperimentSpec spec =
                new ExperimentSpec(
                        "stub", experiment, kind, endpoint, baseUrl, false, concurrency, rate);
        return new ExperimentRunner(settings, new Registrations(42), progress)
                .run(spec, workload, out);
    }

    static double millis(ExperimentSummary summary, String field, String stat) {
        return summary.json().get(field).get(stat).asDouble();
    }
}
