package lab.bcrypt.loadgen;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "burst",
        mixinStandardHelpOptions = true,
        description = {
            "For each level, sends that many registrations at once, each on its own connection,"
                    + " and waits for all, with the health probe running.",
            "Model: " + LoadModel.BURST + "."
        })
final class BurstCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Option(
            names = "--levels",
            split = ",",
            defaultValue = "10,100,1000",
            description = "Comma-separated burst sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> levels;

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
        for (int level : levels) {
            checks.atLeast("--levels", level, 1);
            // Every request of a burst has its own connection, and so does the warm-up's health
            // burst at the largest level.
            checks.fitsFileLimit("--levels", level, common.probeConnections());
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
        run.warmUp(common.warmupCount, Collections.max(levels));
        for (int level : levels) {
            run.run(
                    run.spec("burst-" + level, "burst", target, level, null),
                    Workloads.burst(level));
        }
        return run.printSummaries(System.out, spec.commandLine().getErr());
    }
}
