package lab.bcrypt.loadgen;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/** Options every single-experiment subcommand takes. */
final class CommonOptions {
    /** Default request timeout: a burst of 1000 at cost 10 on 2 cores needs about 40 s. */
    static final long DEFAULT_TIMEOUT_MILLIS = 120_000;

    /** Default probe rate: 20 per second resolves a stall to 50 ms at little cost. */
    static final double DEFAULT_PROBE_RATE = 20;

    /** Default probe timeout: long enough to see how long a health check really waits. */
    static final long DEFAULT_PROBE_TIMEOUT_MILLIS = 30_000;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "BASE_URL",
            description = "Base URL of the server, for example http://127.0.0.1:7070.")
    String target;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Results directory; experiments go to DIR/LABEL/EXPERIMENT/.")
    Path out;

    @Option(
            names = "--label",
            defaultValue = "target",
            description =
                    "Server label in summary.json and the directory name (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(
            names = "--timeout-ms",
            defaultValue = "" + DEFAULT_TIMEOUT_MILLIS,
            description = "Request timeout in milliseconds (default: ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(
            names = "--probe-rate",
            defaultValue = "" + DEFAULT_PROBE_RATE,
            description =
                    "Health-probe requests per second during the experiment; 0 disables the probe (default: ${DEFAULT-VALUE}).")
    double probeRate;

    @Option(
            names = "--probe-timeout-ms",
            defaultValue = "" + DEFAULT_PROBE_TIMEOUT_MILLIS,
            description =
                    "Health-probe request timeout in milliseconds, at most --timeout-ms (default: ${DEFAULT-VALUE}).")
    long probeTimeoutMillis;

    @Option(
            names = "--server-pid",
            paramLabel = "PID",
            description =
                    "Process id of the server on this machine, to sample its CPU, memory and threads from /proc.")
    Long serverPid;

    @Option(
            names = "--warmup",
            defaultValue = "20",
            paramLabel = "N",
            description =
                    "Registrations sent one at a time before the measured phase, written to warmup/ and excluded from reports; 0 skips it (default: ${DEFAULT-VALUE}).")
    int warmupCount;

    /**
     * Checks every common option before any request is sent; throws picocli's {@code
     * ParameterException}, so the command exits with status 2.
     */
    void validate(OptionChecks checks) {
        checks.httpUrl("--target", target);
        checks.directoryName("--label", label);
        checks.between(
                "--timeout-ms",
                timeoutMillis,
                1,
                OptionChecks.MAX_TIMEOUT_MILLIS,
                "the latency histograms record up to 10 minutes.");
        checks.rate(
                "--probe-rate",
                probeRate,
                true,
                OptionChecks.MAX_PROBE_RATE_PER_SEC,
                "a faster probe loads the server instead of measuring it; use open for load.");
        checks.between(
                "--probe-timeout-ms",
                probeTimeoutMillis,
                1,
                OptionChecks.MAX_TIMEOUT_MILLIS,
                "the latency histograms record up to 10 minutes.");
        if (serverPid != null) {
            checks.runningPid("--server-pid", serverPid);
        }
        checks.atLeast("--warmup", warmupCount, 0);
        checks.writableDirectory("--out", out);
    }

    /** Returns the most connections the health probe may hold, to reserve file descriptors. */
    long probeConnections() {
        return probeRate > 0
                ? HealthProbe.maxConnections(probeRate, settings().probeTimeoutNanos())
                : 0;
    }

    RunSettings settings() {
        return new RunSettings(
                TimeUnit.MILLISECONDS.toNanos(timeoutMillis),
                probeRate,
                TimeUnit.MILLISECONDS.toNanos(probeTimeoutMillis),
                serverPid);
    }

    Path serverDirectory() {
        return out.resolve(label);
    }
}
