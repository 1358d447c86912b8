package lab.bcrypt.offloaded;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import lab.bcrypt.hashing.OffloadedHasher;
import lab.bcrypt.hashing.server.HashExecution;
import lab.bcrypt.hashing.server.LabServer;
import lab.bcrypt.hashing.server.ServerOptions;
import lab.bcrypt.hashing.server.ServerVersion;
import lab.bcrypt.hashing.server.StartupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The lab server that hands bcrypt to a bounded executor and frees the request thread. */
@Command(
        name = "server-offloaded",
        mixinStandardHelpOptions = true,
        versionProvider = ServerVersion.class,
        description = "Javalin server that hashes passwords with bcrypt on a bounded executor.")
public final class OffloadedServer implements Callable<Integer> {

    @Mixin private ServerOptions options = new ServerOptions();

    @Option(
            names = "--pool-size",
            paramLabel = "N",
            description =
                    "bcrypt threads, 1-1024 (default: the available processors,"
                            + " ${DEFAULT-VALUE}).")
    private int poolSize = OffloadedHasher.defaultPoolSize();

    @Option(
            names = "--queue-capacity",
            paramLabel = "N",
            description =
                    "Hashes that may wait for a bcrypt thread before requests get 503, 1-16384"
                            + " (default: 16 per bcrypt thread).")
    private Integer queueCapacity;

    public static void main(String[] args) {
        LabServer.main(new OffloadedServer(), args);
    }

    @Override
    public Integer call() {
        String problem =
                ServerOptions.rangeProblem(
                        "--pool-size",
                        poolSize,
                        1,
                        OffloadedHasher.MAX_POOL_SIZE,
                        "bcrypt is CPU-bound, so threads beyond the cores add no throughput");
        if (problem != null) {
            throw new StartupException(problem);
        }
        int capacity =
                queueCapacity != null
                        ? queueCapacity
                        : OffloadedHasher.defaultQueueCapacity(poolSize);
        problem =
                ServerOptions.rangeProblem(
                        "--queue-capacity",
                        capacity,
                        1,
                        OffloadedHasher.MAX_QUEUE_CAPACITY,
                        "each queued hash keeps its request open, and the last would wait past"
                                + " any client's timeout");
        if (problem != null) {
            throw new StartupException(problem);
        }
        return LabServer.serve(
                options, hasher -> new Offloaded(new OffloadedHasher(hasher, poolSize, capacity)));
    }

    /** Hands each hash or verify to the bcrypt executor: the request thread returns at once. */
    static final class Offloaded implements HashExecution {
        private final OffloadedHasher offloaded;

        Offloaded(OffloadedHasher offloaded) {
            this.offloaded = offloaded;
        }

        @Override
        public <T> CompletableFuture<T> run(Supplier<T> hashing) {
            return offloaded.submit(hashing);
        }

        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "offloaded to %d bcrypt threads with a queue of %d",
                    offloaded.poolSize(),
                    offloaded.queueCapacity());
        }

        @Override
        public void bindTo(MeterRegistry registry) {
            offloaded.bindTo(registry);
        }

        @Override
        public void close() {
            offloaded.close();
        }
    }
}
