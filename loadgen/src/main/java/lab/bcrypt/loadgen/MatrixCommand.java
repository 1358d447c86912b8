package lab.bcrypt.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "matrix",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the lab's whole experiment matrix on both server jars, one after the other,"
                    + " with identical settings: each is started as a child process on a free port"
                    + " with a fresh in-memory H2 database, driven, and stopped with SIGTERM.",
            "Steps per server: warmup, sequential-health, sequential-register, burst-L for each"
                    + " level, closed-C (C = 2 per core) to measure capacity, then open-P at P%% of"
                    + " that capacity; the health probe runs during the last three kinds.",
            "Writes environment.json, matrix.json, blocking/ and offloaded/ under --out."
        })
final class MatrixCommand implements Callable<Integer> {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** bcrypt's cost range: 2^4 to 2^31 rounds, the range both servers accept. */
    private static final int MIN_COST = 4;

    private static final int MAX_COST = 31;

    /** Maximum start-up wait: an hour covers a start-up hash at cost 20 many times over. */
    private static final long MAX_START_TIMEOUT_SECONDS = TimeUnit.HOURS.toSeconds(1);

    @Spec CommandSpec spec;

    @Option(
            names = "--blocking-jar",
            required = true,
            paramLabel = "PATH",
            description = "The blocking server's jar.")
    Path blockingJar;

    @Option(
            names = "--offloaded-jar",
            required = true,
            paramLabel = "PATH",
            description = "The offloaded server's jar.")
    Path offloadedJar;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "RESULTS_DIR",
            description = "Results directory.")
    Path out;

    @Option(
            names = "--quick",
            description =
                    "Quick profile: cost 4, small counts, about a minute for both servers on 2 cores.")
    boolean quick;

    @Option(
            names = "--cost",
            description = "bcrypt cost passed to both servers (default: 4 with --quick, else 10).")
    Integer cost;

    @Option(
            names = "--java",
            paramLabel = "PATH_TO_JAVA",
            description =
                    "The java executable that runs the servers (default: the one running the load generator).")
    String java;

    @Option(
            names = "--max-threads",
            description = "Jetty request threads for both servers (default: the servers' own).")
    Integer maxThreads;

    @Option(
            names = "--pool-size",
            description = "Hashing pool size of the offloaded server (default: its own).")
    Integer poolSize;

    @Option(
            names = "--queue-capacity",
            description =
                    "Hashing queue capacity of the offloaded server (default: the largest burst"
                            + " level, so every request of a burst can wait for a bcrypt thread).")
    Integer queueCapacity;

    @Option(
            names = "--start-timeout-s",
            defaultValue = "60",
            description =
                    "Seconds to wait for a server's 'listening on' line (default: ${DEFAULT-VALUE}).")
    long startTimeoutSeconds;

    /** Replaces the quick and full profiles, for tests with smaller counts. */
    MatrixProfile profileOverride;

    @Override
    public Integer call() throws Exception {
        MatrixProfile profile = quick ? MatrixProfile.quick() : MatrixProfile.full();
        if (profileOverride != null) {
            profile = profileOverride;
        }
        if (cost != null) {
            profile = profile.withCost(cost);
        }
        validate(profile);
        String serverJava = java != null ? java : currentJava();

        long startNanos = System.nanoTime();
        ObjectNode environment = Environment.describe(serverJava, Path.of("").toAbsolutePath());
        List<MatrixServerRun.Outcome> outcomes = new ArrayList<>();
        outcomes.add(serverRun("blocking", blockingJar, profile, serverJava).run());
        outcomes.add(serverRun("offloaded", offloadedJar, profile, serverJava).run());
        double wallSeconds = Units.toSeconds(System.nanoTime() - startNanos);

        writeEnvironment(environment, profile, outcomes);
        writeMatrix(outcomes, wallSeconds);
        return report(outcomes, wallSeconds);
    }

    private MatrixServerRun serverRun(
            String name, Path jar, MatrixProfile profile, String serverJava) {
        List<String> extra = new ArrayList<>();
        extra.addAll(List.of("--hash-deadline-ms", Long.toString(hashDeadlineMillis(profile))));
        if (maxThreads != null) {
            extra.addAll(List.of("--max-threads", maxThreads.toString()));
        }
        if (name.equals("offloaded") && poolSize != null) {
            extra.addAll(List.of("--pool-size", poolSize.toString()));
        }
        if (name.equals("offloaded")) {
            int capacity = queueCapacity != null ? queueCapacity : burstQueueCapacity(profile);
            extra.addAll(List.of("--queue-capacity", Integer.toString(capacity)));
        }
        return new MatrixServerRun(
                name,
                jar,
                profile,
                serverJava,
                extra,
                out.resolve(name),
                startTimeoutSeconds,
                System.err);
    }

    /**
     * Returns the offloaded server's default queue capacity in the matrix: the largest burst level.
     * Jetty's job queue in front of the blocking server has no bound. With the server's own default
     * (16 per bcrypt thread) the offloaded server would reject most of a large burst with a 503 at
     * once, and its latencies would no longer compare like for like.
     */
    static int burstQueueCapacity(MatrixProfile profile) {
        return profile.burstLevels().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /**
     * Returns the hashing deadline both servers get in the matrix: the load generator's request
     * timeout, so a server never fails a request its client still waits for. The offloaded server's
     * deadline also counts the wait in its hash queue, while the blocking server's wait in Jetty's
     * queue comes before its deadline starts; with the servers' default of 30 s the offloaded
     * server alone failed about a third of a burst of 1000 at cost 10.
     */
    static long hashDeadlineMillis(MatrixProfile profile) {
        return TimeUnit.NANOSECONDS.toMillis(profile.requestTimeoutNanos());
    }

    private static String currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Checks every option before a server starts; throws picocli's {@code ParameterException}. */
    private void validate(MatrixProfile profile) {
        OptionChecks checks = new OptionChecks(spec);
        requireReadable(blockingJar, "--blocking-jar");
        requireReadable(offloadedJar, "--offloaded-jar");
        if (cost != null) {
            checks.between("--cost", cost, MIN_COST, MAX_COST, "bcrypt's cost range.");
        }
        if (maxThreads != null) {
            checks.atLeast("--max-threads", maxThreads, 1);
        }
        if (poolSize != null) {
            checks.atLeast("--pool-size", poolSize, 1);
        }
        if (queueCapacity != null) {
            checks.atLeast("--queue-capacity", queueCapacity, 1);
        }
        checks.between(
                "--start-timeout-s",
                startTimeoutSeconds,
                1,
                MAX_START_TIMEOUT_SECONDS,
                "an hour at most keeps a server that never starts from holding the run.");
        int largestBurst = burstQueueCapacity(profile);
        checks.fitsFileLimit(
                "the profile's burst level",
                largestBurst,
                HealthProbe.maxConnections(
                        profile.probeRatePerSec(),
                        Math.min(profile.probeTimeoutNanos(), profile.requestTimeoutNanos())));
        checks.writableDirectory("--out", out);
    }

    private void requireReadable(Path jar, String option) {
        if (!Files.isReadable(jar)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Missing server jar for "
                            + option
                            + ": "
                            + jar.toAbsolutePath()
                            + " is not readable. Build it with 'mvn -B package -DskipTests'.");
        }
    }

    private void writeEnvironment(
            ObjectNode environment, MatrixProfile profile, List<MatrixServerRun.Outcome> outcomes)
            throws java.io.IOException {
        environment.put("cost", profile.cost());
        MatrixServerRun.Outcome blocking = outcomes.get(0);
        MatrixServerRun.Outcome offloaded = outcomes.get(1);
        putNullable(environment, "jettyMaxThreads", blocking.config().jettyMaxThreads());
        putNullable(environment, "hashPoolSize", offloaded.config().hashPoolSize());
        putNullable(environment, "hashQueueCapacity", offloaded.config().hashQueueCapacity());
        environment.put(
                "database",
                "H2 in memory, a fresh database per server: " + MatrixServerRun.DB_URL_TEMPLATE);
        environment.put("profile", profile.name());
        ObjectNode loadgen = environment.putObject("loadgen");
        loadgen.put("sequentialCount", profile.sequentialCount());
        loadgen.set("burstLevels", Environment.intArray(profile.burstLevels()));
        loadgen.put("probeRatePerSec", profile.probeRatePerSec());
        loadgen.put("openDurationSec", TimeUnit.NANOSECONDS.toSeconds(profile.openDurationNanos()));
        loadgen.set("openPercents", Environment.intArray(profile.openPercents()));
        loadgen.put("warmupCount", profile.warmupCount());
        loadgen.put("warmupHealthBurst", Collections.max(profile.burstLevels()));
        loadgen.put("capacityUsers", profile.capacityUsers());
        loadgen.put(
                "capacityDurationSec",
                TimeUnit.NANOSECONDS.toSeconds(profile.capacityDurationNanos()));
        loadgen.put(
                "requestTimeoutMs", TimeUnit.NANOSECONDS.toMillis(profile.requestTimeoutNanos()));
        loadgen.put("probeTimeoutMs", TimeUnit.NANOSECONDS.toMillis(profile.probeTimeoutNanos()));
        ObjectNode servers = environment.putObject("servers");
        for (MatrixServerRun.Outcome outcome : outcomes) {
            servers.set(outcome.server(), outcome.config().toJson());
        }
        JSON.writeValue(out.resolve("environment.json").toFile(), environment);
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private void writeMatrix(List<MatrixServerRun.Outcome> outcomes, double wallSeconds)
            throws java.io.IOException {
        ObjectNode matrix = JSON.createObjectNode();
        ArrayNode steps = matrix.putArray("steps");
        ObjectNode capacity = matrix.putObject("capacityPerSec");
        for (MatrixServerRun.Outcome outcome : outcomes) {
            outcome.steps().forEach(step -> steps.add(step.toJson()));
            if (outcome.capacityPerSec() == null) {
                capacity.putNull(outcome.server());
            } else {
                capacity.put(outcome.server(), outcome.capacityPerSec());
            }
        }
        matrix.put("capacitySource", MatrixServerRun.CAPACITY_SOURCE);
        matrix.put("wallTimeSec", wallSeconds);
        JSON.writeValue(out.resolve("matrix.json").toFile(), matrix);
    }

    private int report(List<MatrixServerRun.Outcome> outcomes, double wallSeconds) {
        boolean allOk = true;
        for (MatrixServerRun.Outcome outcome : outcomes) {
            for (MatrixServerRun.Step step : outcome.steps()) {
                System.out.printf(
                        Locale.ROOT,
                        "%-10s %-20s %-6s %s%n",
                        step.server(),
                        step.experiment(),
                        step.status(),
                        step.message());
                allOk &= step.ok();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "matrix finished in %.1f s; results in %s%n",
                wallSeconds,
                out.toAbsolutePath());
        if (!allOk) {
            System.err.println(
                    "At least one matrix step failed; see matrix.json and the servers' server.log.");
        }
        return allOk ? 0 : 1;
    }
}
