package lab.bcrypt.loadgen;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "burst",
        mixinStandardHelpOptions = true,
        description = {
            "For each level, sends that many registrations at once, each on its own connection,"
                    + " and waits for all, with the health probe running.",
            "Model: " + LoadModel.BURST + "."
        })
final class BurstCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        Endpoint target = Endpoint.fromLabel(endpoint);
        SingleRun run = new SingleRun(common, System.err);
        run.warmUp(common.warmupCount, Collections.max(levels));
        for (int level : levels) {
            run.run(
                    run.spec("burst-" + level, "burst", target, level, null),
                    Workloads.burst(level));
        }
        return run.printSummaries(System.out);
    }
}
