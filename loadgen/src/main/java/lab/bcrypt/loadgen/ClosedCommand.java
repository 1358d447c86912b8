package lab.bcrypt.loadgen;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "closed",
        mixinStandardHelpOptions = true,
        description = {
            "C users send requests back to back for a duration, with the health probe running.",
            "Model: " + LoadModel.CLOSED + "."
        })
final class ClosedCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        Endpoint target = Endpoint.fromLabel(endpoint);
        SingleRun run = new SingleRun(common, System.err);
        run.warmUp(common.warmupCount, 0);
        run.run(
                run.spec("closed-" + users, "closed", target, users, null),
                Workloads.closed(users, TimeUnit.SECONDS.toNanos(durationSeconds)));
        return run.printSummaries(System.out);
    }
}
