package lab.bcrypt.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values the load generator reads from a server's Prometheus text at {@code /metrics}.
 *
 * <p>Series names are Micrometer's: {@code jvm_memory_used_bytes{area="heap"}} summed over the heap
 * pools, {@code jetty_threads_busy}, {@code jetty_threads_jobs} (jobs waiting for a Jetty thread),
 * {@code executor_active_threads{name="bcrypt"}}, {@code executor_queued_tasks{name="bcrypt"}} and
 * {@code bcrypt_rejected_total}. A series the text does not contain is absent from the map.
 */
final class MetricsText {
    static final String HEAP_USED = "heapUsedBytes";
    static final String JETTY_BUSY = "jettyThreadsBusy";
    static final String JETTY_QUEUE = "jettyQueue";
    static final String HASH_ACTIVE = "hashActive";
    static final String HASH_QUEUED = "hashQueued";
    static final String HASH_REJECTED = "hashRejected";

    private MetricsText() {}

    /** Parses Prometheus text into the columns of {@code resources.csv}. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            parseLine(line.trim(), values);
        }
        return values;
    }

    private static void parseLine(String line, Map<String, Double> values) {
        int valueStart = line.lastIndexOf(' ');
        if (valueStart < 0) {
            return;
        }
        String series = line.substring(0, valueStart).trim();
        double value;
        try {
            value = Double.parseDouble(line.substring(valueStart + 1));
        } catch (NumberFormatException e) {
            return;
        }
        int labelStart = series.indexOf('{');
        String name = labelStart < 0 ? series : series.substring(0, labelStart);
        String labels = labelStart < 0 ? "" : series.substring(labelStart);
        String column = column(name, labels);
        if (column != null) {
            values.merge(column, value, Double::sum);
        }
    }

    /**
     * Sums the series named {@code name} whose labels contain {@code labelPart} (empty for any), or
     * returns null when the text has none.
     */
    static Double sum(String text, String name, String labelPart) {
        Double total = null;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name) || line.startsWith("#")) {
                continue;
            }
            int valueStart = line.trim().lastIndexOf(' ');
            String series = line.trim().substring(0, Math.max(0, valueStart));
            int labelStart = series.indexOf('{');
            String seriesName = labelStart < 0 ? series : series.substring(0, labelStart);
            if (!seriesName.equals(name) || !series.contains(labelPart)) {
                continue;
            }
            try {
                double value = Double.parseDouble(line.trim().substring(valueStart + 1));
                total = total == null ? value : total + value;
            } catch (NumberFormatException e) {
                // A malformed line counts as absent.
            }
        }
        return total;
    }

    private static String column(String name, String labels) {
        switch (name) {
            case "jvm_memory_used_bytes":
                return labels.contains("area=\"heap\"") ? HEAP_USED : null;
            case "jetty_threads_busy":
                return JETTY_BUSY;
            case "jetty_threads_jobs":
                return JETTY_QUEUE;
            case "executor_active_threads":
                return labels.contains("name=\"bcrypt\"") ? HASH_ACTIVE : null;
            case "executor_queued_tasks":
                return labels.contains("name=\"bcrypt\"") ? HASH_QUEUED : null;
            case "bcrypt_rejected_total":
                return HASH_REJECTED;
            default:
                return null;
        }
    }
}
