package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The values the answers compare, read from the results with null for anything missing. */
final class Findings {

    private final ReportContext context;

    Findings(ReportContext context) {
        this.context = context;
    }

    int cores() {
        return context.capacity().cores();
    }

    List<Integer> levels() {
        return context.burstLevels();
    }

    /** Returns the largest burst level that ran on both servers, or null. */
    Integer topLevel() {
        Integer top = null;
        for (int level : levels()) {
            if (register(ReportContext.BLOCKING, level) != null
                    && register(ReportContext.OFFLOADED, level) != null) {
                top = level;
            }
        }
        return top;
    }

    /** Returns the sequential health requests' latency, the idle baseline's source, or null. */
    LatencyStats idleHealth(String server) {
        return HealthSection.idleLatency(context, server);
    }

    /** Returns the health probe's latency during a burst, or null when it has none. */
    LatencyStats probe(String server, int level) {
        return context.value(server, "burst-" + level, Experiment::probeLatency);
    }

    /**
     * Returns the health probe's p99 during a burst, or null when it is missing or rests on fewer
     * than {@link Reliability#MIN_SAMPLES} probe requests.
     */
    Double reliableProbeP99(String server, int level) {
        LatencyStats stats = probe(server, level);
        return Reliability.enough(stats) ? stats.p99Ms() : null;
    }

    /** Returns the servers whose run of that experiment the load generator judged invalid. */
    List<String> invalidServers(String experimentName) {
        return Reliability.invalidServers(context, experimentName);
    }

    Double probeWorstSecond(String server, int level) {
        return context.value(
                server,
                "burst-" + level,
                e ->
                        e.probe() == null
                                ? null
                                : Experiment.number(e.probe().path("worstSecond").path("maxMs")));
    }

    LatencyStats register(String server, int level) {
        return context.value(server, "burst-" + level, Experiment::latency);
    }

    /** Returns the share of a burst's requests that failed, or null when it did not run. */
    Double failedShare(String server, int level) {
        Experiment experiment = context.experiment(server, "burst-" + level);
        if (experiment == null || experiment.requests() == 0) {
            return null;
        }
        return (double) experiment.errorsTotal() / experiment.requests();
    }

    Double throughput(String server, int level) {
        return BurstSection.throughput(context.experiment(server, "burst-" + level));
    }

    Double resource(String server, String experimentName, String field) {
        return ResourceSection.resource(context, server, experimentName, field);
    }

    /** Returns the failed requests of a server over every measured experiment, probe included. */
    long errors(String server) {
        long total = 0;
        for (Experiment experiment : context.server(server).measured()) {
            total += experiment.errorsTotal() + experiment.probeErrorsTotal();
        }
        return total;
    }

    /** Returns the largest bcrypt_rejected_total the offloaded server reported, or null. */
    Double hashRejectedMax() {
        Double max = null;
        for (Experiment experiment : context.server(ReportContext.OFFLOADED).measured()) {
            Double value =
                    ResourceSection.sampledMax(
                            context,
                            ReportContext.OFFLOADED,
                            experiment.name(),
                            ResourceSeries.Sample::hashRejected);
            if (value != null && (max == null || value > max)) {
                max = value;
            }
        }
        return max;
    }

    /** Returns the largest Jetty busy-thread count sampled during an experiment, or null. */
    Double jettyBusyMax(String server, String experimentName) {
        return ResourceSection.sampledMax(
                context, server, experimentName, ResourceSeries.Sample::jettyThreadsBusy);
    }

    /** Describes a server's failed requests by kind, such as "timeout 556, status5xx 12". */
    String errorKinds(String server) {
        Map<String, Long> kinds = new TreeMap<>();
        for (Experiment experiment : context.server(server).measured()) {
            addKinds(kinds, experiment.errors());
            JsonNode probe = experiment.probe();
            if (probe != null) {
                addKinds(kinds, probe.path("errors"));
            }
        }
        List<String> parts = new ArrayList<>();
        kinds.forEach(
                (kind, count) -> {
                    if (count > 0) {
                        parts.add(kind + " " + count);
                    }
                });
        return String.join(", ", parts);
    }

    private static void addKinds(Map<String, Long> kinds, JsonNode errors) {
        errors.fields()
                .forEachRemaining(e -> kinds.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }

    int invalidRuns() {
        int invalid = 0;
        for (String server : ReportContext.SERVERS) {
            for (Experiment experiment : context.server(server).measured()) {
                if (!experiment.client().path("valid").asBoolean(true)) {
                    invalid++;
                }
            }
        }
        return invalid;
    }
}
