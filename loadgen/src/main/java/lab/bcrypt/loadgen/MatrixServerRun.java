package lab.bcrypt.loadgen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The matrix for one server: start it, run every step, stop it. */
final class MatrixServerRun {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixServerRun.class);

    /** A named in-memory database per server and run; it lives as long as the server process. */
    static final String DB_URL_TEMPLATE = "jdbc:h2:mem:lab-SERVER-RUNID;DB_CLOSE_DELAY=-1";

    static final String CAPACITY_SOURCE =
            "successful registrations per second in the closed-model step closed-C, C users"
                    + " sending back to back (2 per core)";

    /** Timeout of the first /metrics scrape after start-up. */
    private static final long CONFIG_SCRAPE_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final Path jar;
    private final MatrixProfile profile;
    private final String java;
    private final List<String> extraArguments;
    private final Path directory;
    private final long startTimeoutSeconds;
    private final PrintStream progressOut;
    private final List<Step> steps = new ArrayList<>();

    /** One row of {@code matrix.json}'s {@code steps}. */
    record Step(String server, String experiment, String status, String message) {
        boolean ok() {
            return "ok".equals(status);
        }

        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("server", server);
            node.put("experiment", experiment);
            node.put("status", status);
            node.put("message", message);
            return node;
        }
    }

    /** Pool sizes the server reported on {@code /metrics} right after start-up. */
    record ServerConfig(
            String jar,
            Long pid,
            String baseUrl,
            Long jettyMaxThreads,
            Long hashPoolSize,
            Long hashQueueCapacity) {
        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("jar", jar);
            put(node, "pid", pid);
            node.put("baseUrl", baseUrl);
            put(node, "jettyMaxThreads", jettyMaxThreads);
            put(node, "hashPoolSize", hashPoolSize);
            put(node, "hashQueueCapacity", hashQueueCapacity);
            return node;
        }

        private static void put(ObjectNode node, String field, Long value) {
            if (value == null) {
                node.putNull(field);
            } else {
                node.put(field, value);
            }
        }
    }

    /** The results the matrix keeps from one server's run. */
    record Outcome(String server, List<Step> steps, Double capacityPerSec, ServerConfig config) {}

    MatrixServerRun(
            String name,
            Path jar,
            MatrixProfile profile,
            String java,
            List<String> extraArguments,
            Path directory,
            long startTimeoutSeconds,
            PrintStream progressOut) {
        this.name = name;
        this.jar = jar;
        this.profile = profile;
        this.java = java;
        this.extraArguments = extraArguments;
        this.directory = directory;
        this.startTimeoutSeconds = startTimeoutSeconds;
        this.progressOut = progressOut;
    }

    Outcome run() throws IOException, InterruptedException {
        Files.createDirectories(directory);
        ServerConfig config = new ServerConfig(jar.toString(), null, null, null, null, null);
        Double capacity = null;
        try (ServerProcess server =
                ServerProcess.start(name, command(), directory.resolve("server.log"))) {
            String baseUrl;
            try {
                baseUrl = server.awaitListening(startTimeoutSeconds);
            } catch (IllegalStateException e) {
                steps.add(new Step(name, "start", "failed", e.getMessage()));
                progressOut.println("[" + name + "] " + e.getMessage());
                return new Outcome(name, steps, null, config);
            }
            progressOut.println(
                    "[" + name + "] listening on " + baseUrl + " (pid " + server.pid() + ")");
            config = readConfig(baseUrl, server.pid());
            capacity = runSteps(server, baseUrl);
        }
        return new Outcome(name, steps, capacity, config);
    }

    private List<String> command() {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>();
        command.addAll(
                List.of(
                        java,
                        "-jar",
                        jar.toString(),
                        "--port",
                        "0",
                        "--cost",
                        Integer.toString(profile.cost())));
        command.addAll(
                List.of("--db", DB_URL_TEMPLATE.replace("SERVER", name).replace("RUNID", runId)));
        command.addAll(List.of("--perf-log", directory.resolve("perf.log").toString()));
        command.addAll(extraArguments);
        return command;
    }

    private ServerConfig readConfig(String baseUrl, long pid) {
        String text;
        try (LoadClient client = new LoadClient(baseUrl, 1, false, "config")) {
            text = client.getText("/metrics", CONFIG_SCRAPE_TIMEOUT_MILLIS);
        }
        if (text == null) {
            LOG.warn("The {} server returned no /metrics; pool sizes stay unknown.", name);
            return new ServerConfig(jar.toString(), pid, baseUrl, null, null, null);
        }
        Long jettyMax = toLong(MetricsText.sum(text, "jetty_threads_config_max", ""));
        Long poolMax =
                toLong(MetricsText.sum(text, "executor_pool_max_threads", "name=\"bcrypt\""));
        // At start-up the queue is empty, so its remaining capacity is its whole capacity.
        Long queueRemaining =
                toLong(MetricsText.sum(text, "executor_queue_remaining_tasks", "name=\"bcrypt\""));
        return new ServerConfig(jar.toString(), pid, baseUrl, jettyMax, poolMax, queueRemaining);
    }

    private static Long toLong(Double value) {
        return value == null ? null : Math.round(value);
    }

    /** Runs every step in order; returns the measured capacity, or null if no burst succeeded. */
    private Double runSteps(ServerProcess server, String baseUrl) throws InterruptedException {
        RunSettings quiet =
                new RunSettings(
                        profile.requestTimeoutNanos(),
                        0,
                        profile.probeTimeoutNanos(),
                        server.pid());
        RunSettings probed = quiet.withProbeRate(profile.probeRatePerSec());
        Registrations registrations = Registrations.forNewRun();
        ExperimentRunner quietRunner = new ExperimentRunner(quiet, registrations, progressOut);
        ExperimentRunner probedRunner = new ExperimentRunner(probed, registrations, progressOut);

        step(
                server,
                quietRunner,
                spec("warmup", "warmup", Endpoint.REGISTER, baseUrl, true, 1, null),
                Workloads.warmup(profile.warmupCount(), Collections.max(profile.burstLevels())));
        step(
                server,
                quietRunner,
                spec("sequential-health", "sequential", Endpoint.HEALTH, baseUrl, false, 1, null),
                Workloads.sequential(profile.sequentialCount(), false));
        step(
                server,
                quietRunner,
                spec(
                        "sequential-register",
                        "sequential",
                        Endpoint.REGISTER,
                        baseUrl,
                        false,
                        1,
                        null),
                Workloads.sequential(profile.sequentialCount(), false));

        for (int level : profile.burstLevels()) {
            step(
                    server,
                    probedRunner,
                    spec("burst-" + level, "burst", Endpoint.REGISTER, baseUrl, false, level, null),
                    Workloads.burst(level));
        }
        int users = profile.capacityUsers();
        ExperimentSummary closed =
                step(
                        server,
                        probedRunner,
                        spec(
                                "closed-" + users,
                                "closed",
                                Endpoint.REGISTER,
                                baseUrl,
                                false,
                                users,
                                null),
                        Workloads.closed(users, profile.capacityDurationNanos()));
        Double capacity =
                closed == null || closed.throughputPerSec() <= 0 ? null : closed.throughputPerSec();
        for (int percent : profile.openPercents()) {
            String experiment = "open-" + percent;
            if (capacity == null) {
                steps.add(
                        new Step(
                                name,
                                experiment,
                                "failed",
                                "The closed-model step measured no capacity to size the open model from."));
                continue;
            }
            double rate = capacity * percent / 100.0;
            step(
                    server,
                    probedRunner,
                    spec(experiment, "open", Endpoint.REGISTER, baseUrl, false, null, rate),
                    Workloads.open(rate, profile.openDurationNanos()));
        }
        return capacity;
    }

    private ExperimentSpec spec(
            String experiment,
            String kind,
            Endpoint endpoint,
            String baseUrl,
            boolean warmup,
            Integer concurrency,
            Double rate) {
        return new ExperimentSpec(
                name, experiment, kind, endpoint, baseUrl, warmup, concurrency, rate);
    }

    /** Runs one step and records it; returns its summary, or null if it failed. */
    private ExperimentSummary step(
            ServerProcess server, ExperimentRunner runner, ExperimentSpec spec, Workload workload)
            throws InterruptedException {
        if (!server.isAlive()) {
            steps.add(
                    new Step(
                            name,
                            spec.experiment(),
                            "failed",
                            "The server process exited; see server.log."));
            return null;
        }
        try {
            ExperimentSummary summary = runner.run(spec, workload, directory);
            steps.add(new Step(name, spec.experiment(), "ok", describe(summary)));
            return summary;
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "The {} step on the {} server failed: {}",
                    spec.experiment(),
                    name,
                    e.toString(),
                    e);
            steps.add(new Step(name, spec.experiment(), "failed", e.toString()));
            return null;
        }
    }

    private static String describe(ExperimentSummary summary) {
        var json = summary.json();
        var latency = json.get("latencyMs");
        String rate =
                json.get("targetRatePerSec").isNull()
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", target %.1f/s, achieved %.1f/s",
                                json.get("targetRatePerSec").asDouble(),
                                json.get("achievedRatePerSec").asDouble());
        var probe = json.get("probe");
        String probeText =
                probe == null || probe.isNull()
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", probe %d requests p99 %.1f ms max %.1f ms",
                                probe.get("requests").asLong(),
                                probe.get("latencyMs").get("p99").asDouble(),
                                probe.get("latencyMs").get("max").asDouble());
        return String.format(
                Locale.ROOT,
                "requests %d, successes %d, transport errors %d, p50 %.2f ms, p99 %.2f ms, %.1f/s%s%s%s",
                summary.requests(),
                summary.successes(),
                summary.transportErrors(),
                latency.get("p50").asDouble(),
                latency.get("p99").asDouble(),
                summary.throughputPerSec(),
                rate,
                probeText,
                summary.clientValid()
                        ? ""
                        : "; client INVALID: " + json.get("client").get("reason").asText());
    }
}
