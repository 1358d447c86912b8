package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a results directory in the documented format for both servers, with latencies that follow
 * the queueing model: the blocking server shares the cores among every request of a burst, the
 * offloaded server hashes two at a time. Parts can be left out to test gaps.
 */
final class ResultsFixture {

    static final int CORES = 2;
    static final int COST = 4;
    static final double HASH_MILLIS = 1.0;
    static final int JETTY_MAX_THREADS = 200;
    static final List<Integer> BURST_LEVELS = List.of(10, 100, 1000);

    /** Wall clock of the first experiment; each later one starts 10 seconds after. */
    private static final long START_EPOCH_MS = 1_796_400_000_000L;

    private static final long EXPERIMENT_SPACING_MS = 10_000;
    private static final int INTERVALS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Set<String> omitted = new HashSet<>();
    private boolean jmh = true;
    private double blockingBurstSlowdown = 1.05;
    private double offloadedProbeMillis = 0.5;
    private long experimentStartMs = START_EPOCH_MS;

    ResultsFixture(Path dir) {
        this.dir = dir;
    }

    /** Leaves out one experiment, such as {@code "offloaded/burst-100"}. */
    ResultsFixture omit(String serverAndExperiment) {
        omitted.add(serverAndExperiment);
        return this;
    }

    ResultsFixture withoutJmh() {
        jmh = false;
        return this;
    }

    /** Multiplies the blocking server's burst latencies, to move it away from the model. */
    ResultsFixture blockingBurstSlowdown(double factor) {
        blockingBurstSlowdown = factor;
        return this;
    }

    /** Sets the offloaded server's health probe latency during the bursts. */
    ResultsFixture offloadedProbeMillis(double millis) {
        offloadedProbeMillis = millis;
        return this;
    }

    Path write() throws IOException {
        Files.createDirectories(dir);
        writeJson(dir.resolve("environment.json"), environment());
        writeJson(dir.resolve("matrix.json"), matrix());
        if (jmh) {
            Files.createDirectories(dir.resolve("jmh"));
            writeJson(dir.resolve("jmh/results.json"), JmhFixture.results());
        }
        for (String server : ReportContext.SERVERS) {
            writeServer(server);
        }
        return dir;
    }

    private ObjectNode environment() {
        ObjectNode env = JsonNodeFactory.instance.objectNode();
        env.put("date", "2026-12-04T16:00:00Z");
        env.put("gitCommit", "a183d81");
        env.put("os", "Linux");
        env.put("kernel", "6.1.0");
        env.put("cpuModel", "Test CPU");
        env.put("cores", CORES);
        env.put("memoryBytes", 24L << 30);
        env.put("jdk", "17.0.15");
        env.put("loadgenJdk", "17.0.15");
        env.put("cost", COST);
        env.put("jettyMaxThreads", JETTY_MAX_THREADS);
        env.put("hashPoolSize", CORES);
        env.put("hashQueueCapacity", 1000);
        env.put("database", "H2 in memory");
        env.put("profile", "quick");
        ObjectNode loadgen = env.putObject("loadgen");
        loadgen.put("sequentialCount", 100);
        ArrayNode levels = loadgen.putArray("burstLevels");
        BURST_LEVELS.forEach(levels::add);
        loadgen.put("probeRatePerSec", 20);
        return env;
    }

    private ObjectNode matrix() {
        ObjectNode matrix = JsonNodeFactory.instance.objectNode();
        ArrayNode steps = matrix.putArray("steps");
        for (String server : ReportContext.SERVERS) {
            ObjectNode step = steps.addObject();
            step.put("server", server);
            step.put("experiment", "burst-1000");
            step.put("status", "ok");
            step.put("message", "");
        }
        ObjectNode capacity = matrix.putObject("capacityPerSec");
        capacity.put("blocking", 1700.0);
        capacity.put("offloaded", 1750.0);
        matrix.put("capacitySource", "sequential register timing");
        return matrix;
    }

    private void writeServer(String server) throws IOException {
        Path serverDir = dir.resolve(server);
        Files.createDirectories(serverDir);
        List<String> perfLines = new ArrayList<>();
        boolean blocking = server.equals(ReportContext.BLOCKING);
        writeExperiment(server, "warmup", "warmup", "register", 1, 50, i -> 2.0, null, perfLines);
        writeExperiment(
                server,
                "sequential-health",
                "sequential",
                "health",
                1,
                100,
                i -> 0.3 + 0.002 * i,
                null,
                perfLines);
        writeExperiment(
                server,
                "sequential-register",
                "sequential",
                "register",
                1,
                100,
                i -> 1.5 + 0.005 * i,
                null,
                perfLines);
        for (int level : BURST_LEVELS) {
            double sharedMs = level * HASH_MILLIS / CORES;
            // Blocking: waves of up to JETTY_MAX_THREADS requests share the cores and finish
            // together. Offloaded: the pool of CORES threads finishes two hashes per S.
            double waveMs =
                    Math.max(HASH_MILLIS, Math.min(level, JETTY_MAX_THREADS) * HASH_MILLIS / CORES);
            IntToDoubleFunction latency =
                    blocking
                            ? i ->
                                    Math.ceil((i + 1) / (double) JETTY_MAX_THREADS)
                                            * waveMs
                                            * blockingBurstSlowdown
                                            * (0.95
                                                    + 0.1
                                                            * (i % JETTY_MAX_THREADS)
                                                            / Math.min(level, JETTY_MAX_THREADS))
                            : i -> Math.ceil((i + 1) / (double) CORES) * HASH_MILLIS * 1.05;
            double probeMs = blocking ? Math.max(1.0, sharedMs) : offloadedProbeMillis;
            writeExperiment(
                    server,
                    "burst-" + level,
                    "burst",
                    "register",
                    level,
                    level,
                    latency,
                    probeMs,
                    perfLines);
        }
        writeExperiment(server, "open-50", "open", "register", null, 200, i -> 1.3, 0.6, perfLines);
        Files.write(serverDir.resolve("perf.log"), perfLines, StandardCharsets.UTF_8);
    }

    private void writeExperiment(
            String server,
            String name,
            String kind,
            String endpoint,
            Integer concurrency,
            int requests,
            IntToDoubleFunction latencyMs,
            Double probeMs,
            List<String> perfLines)
            throws IOException {
        long startMs = experimentStartMs;
        experimentStartMs += EXPERIMENT_SPACING_MS;
        if (omitted.contains(server + "/" + name)) {
            return;
        }
        Path experimentDir = dir.resolve(server).resolve(name);
        Files.createDirectories(experimentDir);
        Histogram latency =
                writeHlog(experimentDir.resolve("latency.hlog"), startMs, requests, latencyMs);
        writeHgrm(experimentDir.resolve("latency.hgrm"), latency);
        long endMs = startMs + INTERVALS * 1000L - 1;
        String path = endpoint.equals("health") ? "/api/health/" : "/api/users/register/";
        addPerfLines(perfLines, startMs, requests, latencyMs, path);
        ObjectNode summary = summary(server, name, kind, endpoint, concurrency, requests, latency);
        summary.put("startEpochMs", startMs);
        summary.put("endEpochMs", endMs);
        summary.put("durationMs", endMs - startMs);
        if (kind.equals("burst")) {
            summary.put("makespanMs", latency.getMaxValue() / Histograms.NANOS_PER_MILLI);
        }
        if (kind.equals("open")) {
            summary.put("targetRatePerSec", 1000.0);
            summary.put("achievedRatePerSec", 998.0);
        }
        if (probeMs != null) {
            int probes = 20 * INTERVALS;
            Histogram probe =
                    writeHlog(
                            experimentDir.resolve("probe.hlog"),
                            startMs,
                            probes,
                            i -> probeMs * (0.5 + 0.5 * i / probes));
            writeHgrm(experimentDir.resolve("probe.hgrm"), probe);
            summary.set("probe", probeSummary(probe));
            addPerfLines(perfLines, startMs, probes, i -> probeMs * 0.4, "/api/health/");
        }
        summary.set("serverResources", writeResources(experimentDir, server));
        writeJson(experimentDir.resolve("summary.json"), summary);
    }

    private static ObjectNode summary(
            String server,
            String name,
            String kind,
            String endpoint,
            Integer concurrency,
            int requests,
            Histogram latency) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("schemaVersion", 1);
        summary.put("server", server);
        summary.put("experiment", name);
        summary.put("kind", kind);
        summary.put("endpoint", endpoint);
        summary.put("target", "http://127.0.0.1:8080");
        summary.put("warmup", kind.equals("warmup"));
        summary.put("concurrency", concurrency);
        summary.put("requests", requests);
        summary.put("successes", requests);
        summary.putObject("statusCounts").put(endpoint.equals("health") ? "200" : "201", requests);
        summary.set("errors", errors());
        summary.put("throughputPerSec", requests / 3.0);
        summary.set("latencyMs", latencyJson(latency));
        ObjectNode client = summary.putObject("client");
        client.put("cpuPercent", 40.0);
        client.put("sendLagP99Ms", 0.2);
        client.put("valid", true);
        client.put("reason", "");
        return summary;
    }

    private static ObjectNode errors() {
        ObjectNode errors = JsonNodeFactory.instance.objectNode();
        for (String kind : List.of("connect", "timeout", "status4xx", "status5xx", "other")) {
            errors.put(kind, 0);
        }
        return errors;
    }

    private static ObjectNode probeSummary(Histogram probe) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("ratePerSec", 20);
        node.put("requests", probe.getTotalCount());
        node.set("errors", errors());
        node.set("latencyMs", latencyJson(probe));
        ObjectNode worst = node.putObject("worstSecond");
        worst.put("tMs", 2000);
        worst.put("maxMs", probe.getMaxValue() / Histograms.NANOS_PER_MILLI);
        return node;
    }

    static ObjectNode latencyJson(Histogram histogram) {
        LatencyStats stats = LatencyStats.fromHistogram(histogram, Histograms.NANOS_PER_MILLI);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("mean", stats.meanMs());
        node.put("p50", stats.p50Ms());
        node.put("p90", stats.p90Ms());
        node.put("p99", stats.p99Ms());
        node.put("p999", stats.p999Ms());
        node.put("max", stats.maxMs());
        node.put("count", stats.count());
        return node;
    }

    /**
     * Writes the values spread over {@code INTERVALS} one-second intervals; returns them merged.
     */
    private static Histogram writeHlog(
            Path file, long startMs, int count, IntToDoubleFunction millis) throws IOException {
        Histogram merged = Histograms.newNanosHistogram();
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMs);
            writer.setBaseTime(startMs);
            writer.outputLegend();
            for (int interval = 0; interval < INTERVALS; interval++) {
                Histogram histogram = Histograms.newNanosHistogram();
                histogram.setStartTimeStamp(startMs + interval * 1000L);
                histogram.setEndTimeStamp(startMs + (interval + 1) * 1000L);
                for (int i = interval; i < count; i += INTERVALS) {
                    histogram.recordValue(
                            Math.round(millis.applyAsDouble(i) * Histograms.NANOS_PER_MILLI));
                }
                writer.outputIntervalHistogram(histogram);
                merged.add(histogram);
            }
        }
        return merged;
    }

    private static void writeHgrm(Path file, Histogram histogram) throws IOException {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, Histograms.NANOS_PER_MILLI);
        }
    }

    private static void addPerfLines(
            List<String> lines, long startMs, int count, IntToDoubleFunction millis, String path) {
        for (int i = 0; i < count; i++) {
            long micros = Math.round(millis.applyAsDouble(i) * 1000 * 0.8);
            String ts = Instant.ofEpochMilli(startMs + (i % INTERVALS) * 1000L + 10).toString();
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "{\"ts\":\"%s\",\"method\":\"%s\",\"path\":\"%s\",\"status\":%d,"
                                    + "\"totalMicros\":%d,\"queuedMicros\":%d}",
                            ts,
                            path.contains("health") ? "GET" : "POST",
                            path,
                            path.contains("health") ? 200 : 201,
                            micros,
                            12));
        }
    }

    private static ObjectNode writeResources(Path experimentDir, String server) throws IOException {
        boolean blocking = server.equals(ReportContext.BLOCKING);
        int threads = blocking ? 210 : 32;
        List<String> rows = new ArrayList<>();
        rows.add(
                "tMs,epochMs,cpuPercent,rssBytes,threads,heapUsedBytes,jettyThreadsBusy,"
                        + "jettyQueue,hashActive,hashQueued,hashRejected");
        int samples = INTERVALS * 4;
        for (int i = 0; i < samples; i++) {
            double cpu = 150 + 10 * (i % 3);
            long rss = (200L + i) << 20;
            rows.add(
                    String.format(
                            Locale.ROOT,
                            "%d,%d,%.1f,%d,%d,%d,%d,%d,%s,%s,%s",
                            i * 250,
                            START_EPOCH_MS + i * 250,
                            cpu,
                            rss,
                            threads,
                            80L << 20,
                            blocking ? 190 : 3,
                            0,
                            blocking ? "" : "2",
                            blocking ? "" : "40",
                            blocking ? "" : "0"));
        }
        Files.write(experimentDir.resolve("resources.csv"), rows, StandardCharsets.UTF_8);
        ObjectNode resources = JsonNodeFactory.instance.objectNode();
        resources.put("cpuPercentMean", 160.0);
        resources.put("cpuPercentMax", 170.0);
        resources.put("rssMaxBytes", (200L + samples - 1) << 20);
        resources.put("heapUsedMaxBytes", 80L << 20);
        resources.put("threadsMax", threads);
        resources.put("samples", samples);
        return resources;
    }

    private static void writeJson(Path file, Object node) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), node);
    }
}
