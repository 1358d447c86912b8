package lab.bcrypt.loadgen;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "closed",
        mixinStandardHelpOptions = true,
        description = {
            "C users send requests back to back for a duration, with the health probe running.",
            "Model: " + LoadModel.CLOSED + "."
        })
final class ClosedCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Option(
            names = "--users",
            defaultValue = "10",
            description = "Concurrent users (default: ${DEFAULT-VALUE}).")
    int users;

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

    /** Checks every option before any request is sent; returns the endpoint. */
    private Endpoint validate() {
        OptionChecks checks = new OptionChecks(spec);
        common.validate(checks);
        Endpoint target = checks.endpoint("--endpoint", endpoint);
        checks.atLeast("--users", users, 1);
        // Each user keeps a connection of its own.
        checks.fitsFileLimit("--users", users, common.probeConnections());
        checks.between(
                "--duration-s",
                durationSeconds,
                1,
                OptionChecks.MAX_DURATION_SECONDS,
                "one day at most keeps the run bounded in time.");
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
        run.run(
                run.spec("closed-" + users, "closed", target, users, null),
                Workloads.closed(users, TimeUnit.SECONDS.toNanos(durationSeconds)));
        return run.printSummaries(System.out, spec.commandLine().getErr());
    }
}
