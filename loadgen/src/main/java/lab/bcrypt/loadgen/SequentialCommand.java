package lab.bcrypt.loadgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "sequential",
        mixinStandardHelpOptions = true,
        description = {
            "Sends N requests one at a time and records each one's latency.",
            "Model: " + LoadModel.SEQUENTIAL + "."
        })
final class SequentialCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        Endpoint target = Endpoint.fromLabel(endpoint);
        SingleRun run = new SingleRun(common, System.err);
        run.warmUp(common.warmupCount, 0);
        run.run(
                run.spec("sequential-" + target.label(), "sequential", target, 1, null),
                Workloads.sequential(count, newConnection));
        return run.printSummaries(System.out);
    }
}
