package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * One experiment of one server: its {@code summary.json} and the files beside it. Accessors return
 * null where the summary has no value, so a report can say the value is missing.
 */
final class Experiment {

    /** Orders experiments as a report lists them: sequential, bursts by level, closed, open. */
    static final Comparator<String> REPORT_ORDER =
            Comparator.comparingInt(Experiment::rank)
                    .thenComparingInt(Experiment::levelOf)
                    .thenComparing(Comparator.naturalOrder());

    private final String name;
    private final Path dir;
    private final JsonNode summary;

    Experiment(String name, Path dir, JsonNode summary) {
        this.name = name;
        this.dir = dir;
        this.summary = summary;
    }

    String name() {
        return name;
    }

    String kind() {
        return summary.path("kind").asText("");
    }

    String endpoint() {
        return summary.path("endpoint").asText("");
    }

    boolean isWarmup() {
        return summary.path("warmup").asBoolean(false)
                || "warmup".equals(kind())
                || "warmup".equals(name);
    }

    Integer concurrency() {
        JsonNode node = summary.path("concurrency");
        return node.isNumber() ? node.asInt() : null;
    }

    long requests() {
        return summary.path("requests").asLong();
    }

    long successes() {
        return summary.path("successes").asLong();
    }

    long startEpochMs() {
        return summary.path("startEpochMs").asLong();
    }

    long endEpochMs() {
        return summary.path("endEpochMs").asLong();
    }

    Double makespanMs() {
        return number(summary.path("makespanMs"));
    }

    Double durationMs() {
        return number(summary.path("durationMs"));
    }

    Double throughputPerSec() {
        return number(summary.path("throughputPerSec"));
    }

    Double achievedRatePerSec() {
        return number(summary.path("achievedRatePerSec"));
    }

    Double targetRatePerSec() {
        return number(summary.path("targetRatePerSec"));
    }

    LatencyStats latency() {
        return LatencyStats.fromJson(summary.path("latencyMs"));
    }

    /** Returns the sum of every error kind, or 0 when the summary lists none. */
    long errorsTotal() {
        long total = 0;
        for (JsonNode count : summary.path("errors")) {
            total += count.asLong();
        }
        return total;
    }

    JsonNode errors() {
        return summary.path("errors");
    }

    JsonNode probe() {
        JsonNode probe = summary.path("probe");
        return probe.isObject() ? probe : null;
    }

    LatencyStats probeLatency() {
        JsonNode probe = probe();
        return probe == null ? null : LatencyStats.fromJson(probe.path("latencyMs"));
    }

    long probeErrorsTotal() {
        long total = 0;
        JsonNode probe = probe();
        if (probe != null) {
            for (JsonNode count : probe.path("errors")) {
                total += count.asLong();
            }
        }
        return total;
    }

    JsonNode client() {
        return summary.path("client");
    }

    /** Returns a field of {@code serverResources}, or null when the summary has none. */
    Double resource(String field) {
        return number(summary.path("serverResources").path(field));
    }

    /** Returns the path of a file in this experiment's directory, or null when it is absent. */
    Path file(String fileName) {
        Path file = dir.resolve(fileName);
        return Files.isRegularFile(file) ? file : null;
    }

    static Double number(JsonNode node) {
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    /** Returns the level of {@code burst-100}, {@code closed-8} or {@code open-50}, else 0. */
    static int levelOf(String experimentName) {
        int dash = experimentName.lastIndexOf('-');
        try {
            return dash < 0 ? 0 : Integer.parseInt(experimentName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int rank(String experimentName) {
        if (experimentName.equals("warmup")) {
            return 0;
        }
        if (experimentName.equals("sequential-health")) {
            return 1;
        }
        if (experimentName.equals("sequential-register")) {
            return 2;
        }
        if (experimentName.startsWith("burst-")) {
            return 3;
        }
        if (experimentName.startsWith("closed-")) {
            return 4;
        }
        return experimentName.startsWith("open-") ? 5 : 6;
    }
}
