package lab.bcrypt.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code serverResources} object of {@code summary.json}: a summary of {@code resources.csv}.
 */
final class ResourceSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceSummary() {}

    /** Summarizes the sampler's rows, or returns null when neither /proc nor /metrics was read. */
    static ObjectNode of(ResourceSampler sampler) {
        if (!sampler.procAvailable() && !sampler.metricsSeen()) {
            return null;
        }
        double cpuSum = 0;
        long cpuCount = 0;
        double cpuMax = Double.NaN;
        long rssMax = -1;
        long threadsMax = -1;
        double heapMax = Double.NaN;

        var rows = sampler.rows();
        for (ResourceSampler.Row row : rows) {
            if (!Double.isNaN(row.cpuPercent())) {
                cpuSum += row.cpuPercent();
                cpuCount++;
                cpuMax =
                        Double.isNaN(cpuMax)
                                ? row.cpuPercent()
                                : Math.max(cpuMax, row.cpuPercent());
            }
            rssMax = Math.max(rssMax, row.rssBytes());
            threadsMax = Math.max(threadsMax, row.threads());
            Double heap = row.metrics().get(MetricsText.HEAP_USED);
            if (heap != null) {
                heapMax = Double.isNaN(heapMax) ? heap : Math.max(heapMax, heap);
            }
        }

        ObjectNode node = JSON.createObjectNode();
        putOrNull(node, "cpuPercentMean", cpuCount == 0 ? Double.NaN : cpuSum / cpuCount);
        putOrNull(node, "cpuPercentMax", cpuMax);
        putOrNull(node, "rssMaxBytes", rssMax < 0 ? Double.NaN : rssMax);
        putOrNull(node, "heapUsedMaxBytes", heapMax);
        putOrNull(node, "threadsMax", threadsMax < 0 ? Double.NaN : threadsMax);
        node.put("samples", rows.size());
        return node;
    }

    private static void putOrNull(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else if (value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE) {
            node.put(field, (long) value);
        } else {
            node.put(field, value);
        }
    }
}
