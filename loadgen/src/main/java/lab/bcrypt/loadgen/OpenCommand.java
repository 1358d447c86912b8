package lab.bcrypt.loadgen;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "open",
        mixinStandardHelpOptions = true,
        description = {
            "Sends requests at a fixed rate for a duration, with the health probe running, and"
                    + " reports the target rate beside the achieved rate and the send lag.",
            "Model: " + LoadModel.OPEN + "."
        })
final class OpenCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Option(names = "--rate", required = true, description = "Requests per second.")
    double rate;

    @Option(
            names = "--duration-s",
            defaultValue = "30",
            description = "Duration in seconds (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(
            names = "--endpoint",
            defaultValue = "register",
            description = "health or register (default: ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--name", description = "Experiment directory name (default: open-RATE).")
    String name;

    /** Checks every option before any request is sent; returns the endpoint. */
    private Endpoint validate() {
        OptionChecks checks = new OptionChecks(spec);
        common.validate(checks);
        Endpoint target = checks.endpoint("--endpoint", endpoint);
        checks.rate(
                "--rate",
                rate,
                false,
                OptionChecks.MAX_RATE_PER_SEC,
                "far above what one load generator can send on time.");
        checks.between(
                "--duration-s",
                durationSeconds,
                1,
                OptionChecks.MAX_DURATION_SECONDS,
                "one day at most keeps the run bounded in time.");
        if (name != null) {
            checks.directoryName("--name", name);
        }
        return target;
    }

    @Override
    public Integer call() throws Exception {
        Endpoint target = validate();
        SingleRun run = new SingleRun(common, System.err);
        if (!run.preflight(spec.commandLine().getErr())) {
            return 1;
        }
        run.warmUp(common.warmupCount, 0);
        String experiment = name != null ? name : String.format(Locale.ROOT, "open-%.0f", rate);
        run.run(
                run.spec(experiment, "open", target, null, rate),
                Workloads.open(rate, TimeUnit.SECONDS.toNanos(durationSeconds)));
        return run.printSummaries(System.out, spec.commandLine().getErr());
    }
}
