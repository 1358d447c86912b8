package lab.bcrypt.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The {@code summary.json} of one experiment, in the layout of {@code docs/results-format.md}. */
final class ExperimentSummary {
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;
    private final long requests;
    private final long successes;
    private final long transportErrors;
    private final double throughputPerSec;
    private final boolean clientValid;

    private ExperimentSummary(
            ObjectNode root, OutcomeCounts counts, double throughputPerSec, boolean clientValid) {
        this.root = root;
        this.requests = counts.requests();
        this.successes = counts.successes();
        this.transportErrors = counts.transportErrors();
        this.throughputPerSec = throughputPerSec;
        this.clientValid = clientValid;
    }

    static ExperimentSummary build(
            ExperimentSpec spec,
            RunSettings settings,
            Timeline timeline,
            long endNanos,
            ExperimentRecorder recorder,
            HealthProbe probe,
            ResourceSampler sampler,
            Workload.Result result,
            double clientCpuPercent) {
        ObjectNode root = JSON.createObjectNode();
        OutcomeCounts counts = recorder.counts();
        long durationNanos = endNanos - timeline.startNanos();
        Long makespan = result.makespanNanos();
        // A burst's throughput is over its makespan; other models run for the whole duration.
        long throughputNanos = makespan != null && makespan > 0 ? makespan : durationNanos;
        double throughput = counts.successes() / Units.toSeconds(throughputNanos);

        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("server", spec.server());
        root.put("experiment", spec.experiment());
        root.put("kind", spec.kind());
        root.put("endpoint", spec.endpoint().label());
        root.put("target", spec.target());
        root.put("warmup", spec.warmup());
        root.put("loadModel", LoadModel.describe(spec.kind()));
        putNullable(root, "concurrency", spec.concurrency());
        putNullable(root, "targetRatePerSec", spec.targetRatePerSec());
        putNullable(root, "achievedRatePerSec", result.achievedRatePerSec());
        root.put("requests", counts.requests());
        root.put("successes", counts.successes());
        root.set("statusCounts", statusCounts(counts.statusCounts()));
        root.set("errors", errors(counts));
        root.set("errorExamples", errorExamples(counts));
        root.put("transportErrors", counts.transportErrors());
        root.put("notCompleted", result.notCompleted());
        root.put("clampedValues", recorder.clampedCount());
        root.put("startEpochMs", timeline.startEpochMs());
        root.put("endEpochMs", timeline.epochMs(endNanos));
        root.put("durationMs", Units.toMillis(durationNanos));
        putNullable(root, "makespanMs", makespan == null ? null : Units.toMillis(makespan));
        Long preconnect = result.preconnectNanos();
        putNullable(root, "preconnectMs", preconnect == null ? null : Units.toMillis(preconnect));
        root.put("throughputPerSec", throughput);
        root.put("requestTimeoutMs", Units.toMillis(settings.requestTimeoutNanos()));
        root.set("latencyMs", latency(recorder.responseTime()));
        Histogram service = recorder.serviceTime();
        root.set("serviceTimeMs", service == null ? null : latency(service));
        boolean hasSendLag = "open".equals(spec.kind()) || "burst".equals(spec.kind());
        root.set("sendLagMs", hasSendLag ? latency(recorder.sendLag()) : null);
        root.set("probe", probe == null ? null : probe(probe));
        ClientVerdict verdict =
                ClientVerdict.judge(
                        new ClientVerdict.Evidence(
                                spec.kind(),
                                recorder.sendLag(),
                                makespan,
                                spec.targetRatePerSec(),
                                result.achievedRatePerSec(),
                                clientCpuPercent,
                                Runtime.getRuntime().availableProcessors()));
        root.set("client", client(verdict));
        root.set("serverResources", ResourceSummary.of(sampler));
        return new ExperimentSummary(root, counts, throughput, verdict.valid());
    }

    private static void putNullable(ObjectNode node, String field, Number value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else {
            node.put(field, value.doubleValue());
        }
    }

    private static ObjectNode statusCounts(Map<Integer, Long> statusCounts) {
        ObjectNode node = JSON.createObjectNode();
        statusCounts.forEach((status, count) -> node.put(Integer.toString(status), count));
        return node;
    }

    static ObjectNode errors(OutcomeCounts counts) {
        ObjectNode node = JSON.createObjectNode();
        for (ErrorKind kind : ErrorKind.values()) {
            node.put(kind.jsonName(), counts.errors(kind));
        }
        return node;
    }

    private static ObjectNode errorExamples(OutcomeCounts counts) {
        ObjectNode node = JSON.createObjectNode();
        counts.firstErrorMessages().forEach((kind, message) -> node.put(kind.jsonName(), message));
        return node;
    }

    /** Latency fields in milliseconds: mean, p50, p90, p99, p999, max and count. */
    static ObjectNode latency(Histogram histogram) {
        ObjectNode node = JSON.createObjectNode();
        boolean empty = histogram.getTotalCount() == 0;
        node.put("mean", empty ? 0 : Units.toMillis(histogram.getMean()));
        for (Map.Entry<String, Double> percentile : PERCENTILES) {
            long value = empty ? 0 : histogram.getValueAtPercentile(percentile.getValue());
            node.put(percentile.getKey(), Units.toMillis(value));
        }
        node.put("max", empty ? 0 : Units.toMillis(histogram.getMaxValue()));
        node.put("count", histogram.getTotalCount());
        return node;
    }

    private static final List<Map.Entry<String, Double>> PERCENTILES =
            List.of(
                    Map.entry("p50", 50.0),
                    Map.entry("p90", 90.0),
                    Map.entry("p99", 99.0),
                    Map.entry("p999", 99.9));

    private static ObjectNode probe(HealthProbe probe) {
        ObjectNode node = JSON.createObjectNode();
        node.put("ratePerSec", probe.ratePerSec());
        node.put("requests", probe.counts().requests());
        node.put("successes", probe.counts().successes());
        node.set("errors", errors(probe.counts()));
        node.set("latencyMs", latency(probe.latency()));
        long[] worst = probe.worstSecond();
        if (worst == null) {
            node.putNull("worstSecond");
        } else {
            ObjectNode worstNode = node.putObject("worstSecond");
            worstNode.put("tMs", worst[0]);
            worstNode.put("maxMs", Units.toMillis(worst[1]));
        }
        return node;
    }

    private static ObjectNode client(ClientVerdict verdict) {
        ObjectNode node = JSON.createObjectNode();
        if (Double.isNaN(verdict.cpuPercent())) {
            node.putNull("cpuPercent");
        } else {
            node.put("cpuPercent", verdict.cpuPercent());
        }
        node.put("sendLagP99Ms", verdict.sendLagP99Ms());
        node.put("valid", verdict.valid());
        node.put("reason", verdict.reason());
        node.put("warning", verdict.warning());
        // Other processes on the machine distort a run as much as the client can.
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            node.put("systemLoadAverage", load);
        } else {
            node.putNull("systemLoadAverage");
        }
        return node;
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), root);
    }

    ObjectNode json() {
        return root;
    }

    long requests() {
        return requests;
    }

    long successes() {
        return successes;
    }

    long transportErrors() {
        return transportErrors;
    }

    double throughputPerSec() {
        return throughputPerSec;
    }

    boolean clientValid() {
        return clientValid;
    }
}
