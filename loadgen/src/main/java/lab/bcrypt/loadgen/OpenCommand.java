package lab.bcrypt.loadgen;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "open",
        mixinStandardHelpOptions = true,
        description = {
            "Sends requests at a fixed rate for a duration, with the health probe running, and"
                    + " reports the target rate beside the achieved rate and the send lag.",
            "Model: " + LoadModel.OPEN + "."
        })
final class OpenCommand implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        Endpoint target = Endpoint.fromLabel(endpoint);
        SingleRun run = new SingleRun(common, System.err);
        run.warmUp(common.warmupCount, 0);
        String experiment = name != null ? name : String.format(Locale.ROOT, "open-%.0f", rate);
        run.run(
                run.spec(experiment, "open", target, null, rate),
                Workloads.open(rate, TimeUnit.SECONDS.toNanos(durationSeconds)));
        return run.printSummaries(System.out);
    }
}
