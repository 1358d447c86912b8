package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

/**
 * Latency distribution of one series of requests, in milliseconds: mean, p50, p90, p99, p99.9, max
 * and the number of values.
 */
record LatencyStats(
        double meanMs,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        long count) {

    /**
     * Reads the {@code latencyMs} object of the results format.
     *
     * @return the statistics, or null when the node is missing or has no {@code p50} value
     */
    static LatencyStats fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("p50").isNumber()) {
            return null;
        }
        return new LatencyStats(
                node.path("mean").asDouble(),
                node.path("p50").asDouble(),
                node.path("p90").asDouble(),
                node.path("p99").asDouble(),
                node.path("p999").asDouble(),
                node.path("max").asDouble(),
                node.path("count").asLong());
    }

    /**
     * Summarizes a histogram whose values are in units of which {@code unitsPerMilli} make one
     * millisecond (1,000,000 for nanoseconds, 1,000 for microseconds).
     *
     * @return the statistics, or null when the histogram is empty
     */
    static LatencyStats fromHistogram(Histogram histogram, double unitsPerMilli) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return null;
        }
        return new LatencyStats(
                histogram.getMean() / unitsPerMilli,
                histogram.getValueAtPercentile(50.0) / unitsPerMilli,
                histogram.getValueAtPercentile(90.0) / unitsPerMilli,
                histogram.getValueAtPercentile(99.0) / unitsPerMilli,
                histogram.getValueAtPercentile(99.9) / unitsPerMilli,
                histogram.getMaxValue() / unitsPerMilli,
                histogram.getTotalCount());
    }
}
