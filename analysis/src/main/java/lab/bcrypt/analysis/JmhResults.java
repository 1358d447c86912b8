package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The JMH JSON array of a results directory ({@code jmh/results.json}). Benchmarks are found by the
 * simple name of their class in {@code lab.bcrypt.jmh} and by their method.
 */
final class JmhResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One JMH record: the fields of JMH's JSON that the report reads. */
    record Run(
            String className,
            String method,
            String mode,
            int threads,
            JsonNode params,
            double score,
            double scoreError,
            String scoreUnit) {

        /** Returns the {@code @Param} value of that name as an integer, or null. */
        Integer intParam(String paramName) {
            JsonNode value = params.path(paramName);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            try {
                return Integer.valueOf(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /**
         * Returns whether JMH's error margin is known and smaller than the score. A margin as large
         * as the score means the run cannot tell the score from zero or from twice itself.
         */
        boolean reliable() {
            return Double.isFinite(scoreError) && scoreError < Math.abs(score);
        }

        /** Returns the run as {@code offloadedTrivial (2.81 ± 8.68 us/op)}. */
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s (%s ± %s %s)",
                    method,
                    Format.number(score),
                    Format.number(scoreError),
                    scoreUnit);
        }

        /** Returns the score as nanoseconds per operation, or null for a throughput unit. */
        Double nanosPerOp() {
            return TimeUnitScale.nanosPerOp(score, scoreUnit);
        }

        /** Returns the score as operations per second, or null for a time-per-op unit. */
        Double opsPerSec() {
            return TimeUnitScale.opsPerSec(score, scoreUnit);
        }
    }

    private final List<Run> runs;
    private final String problem;

    private JmhResults(List<Run> runs, String problem) {
        this.runs = runs;
        this.problem = problem;
    }

    /** Reads {@code jmh/results.json}; a missing or unreadable file gives no runs. */
    static JmhResults read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new JmhResults(
                    List.of(), "jmh/results.json not found: the benchmarks did not run");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isArray()) {
                return new JmhResults(
                        List.of(),
                        "jmh/results.json is invalid: expected a JSON array of JMH records, found "
                                + (root == null || root.isMissingNode()
                                        ? "an empty file"
                                        : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            List<Run> runs = new ArrayList<>();
            for (JsonNode record : root) {
                runs.add(toRun(record));
            }
            String problem = runs.isEmpty() ? "jmh/results.json holds no benchmark records" : null;
            return new JmhResults(runs, problem);
        } catch (IOException e) {
            return new JmhResults(
                    List.of(),
                    "jmh/results.json is invalid JSON: " + ResultsFileException.describe(e));
        }
    }

    private static Run toRun(JsonNode record) {
        String benchmark = record.path("benchmark").asText("");
        int methodDot = benchmark.lastIndexOf('.');
        String qualifiedClass = methodDot < 0 ? "" : benchmark.substring(0, methodDot);
        String className = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        JsonNode metric = record.path("primaryMetric");
        return new Run(
                className,
                benchmark.substring(methodDot + 1),
                record.path("mode").asText(""),
                record.path("threads").asInt(1),
                record.path("params"),
                metric.path("score").asDouble(Double.NaN),
                metric.path("scoreError").asDouble(Double.NaN),
                metric.path("scoreUnit").asText(""));
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** Returns why there are no runs, or null when there are. */
    String problem() {
        return problem;
    }

    /** Returns the runs of one benchmark class, in file order. */
    List<Run> ofClass(String className) {
        return runs.stream().filter(r -> r.className().equals(className)).toList();
    }

    /** Returns the first run of that class and method. */
    Optional<Run> find(String className, String method) {
        return ofClass(className).stream().filter(r -> r.method().equals(method)).findFirst();
    }

    /** Converts JMH score units ({@code ms/op}, {@code ops/s} and the like). */
    static final class TimeUnitScale {
        private TimeUnitScale() {}

        static Double nanosPerOp(double score, String unit) {
            String[] parts = unit.toLowerCase(Locale.ROOT).split("/");
            if (parts.length != 2 || !parts[1].equals("op")) {
                return null;
            }
            Double nanos = nanosIn(parts[0]);
            return nanos == null ? null : score * nanos;
        }

        static Double opsPerSec(double score, String unit) {
            String[] parts = unit.toLowerCase(Locale.ROOT).split("/");
            if (parts.length != 2 || !parts[0].equals("ops")) {
                return null;
            }
            Double nanos = nanosIn(parts[1]);
            return nanos == null ? null : score * 1e9 / nanos;
        }

        private static Double nanosIn(String timeUnit) {
            return switch (timeUnit) {
                case "ns" -> 1.0;
                case "us" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "min" -> 60e9;
                default -> null;
            };
        }
    }
}
