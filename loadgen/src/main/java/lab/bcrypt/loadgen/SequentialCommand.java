package lab.bcrypt.loadgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sequential",
        mixinStandardHelpOptions = true,
        description = {
            "Sends N requests one at a time and records each one's latency.",
            "Model: " + LoadModel.SEQUENTIAL + "."
        })
final class SequentialCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Option(
            names = "--endpoint",
            defaultValue = "health",
            description = "health or register (default: ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(
            names = "--count",
            defaultValue = "100",
            description = "Requests to send (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--new-connection",
            description = "Open a new connection for every request instead of keeping one alive.")
    boolean newConnection;

    /** Checks every option before any request is sent; returns the endpoint. */
    private Endpoint validate() {
        OptionChecks checks = new OptionChecks(spec);
        common.validate(checks);
        Endpoint target = checks.endpoint("--endpoint", endpoint);
        checks.atLeast("--count", count, 1);
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
                run.spec("sequential-" + target.label(), "sequential", target, 1, null),
                Workloads.sequential(count, newConnection));
        return run.printSummaries(System.out, spec.commandLine().getErr());
    }
}
