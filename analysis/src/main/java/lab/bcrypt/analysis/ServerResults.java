package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The contents of one server's directory in a results directory: its experiments by name, its
 * performance log, and the problems met while reading them.
 */
final class ServerResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final boolean present;

    /** Fields of {@code summary.json} that every section reads, and must be numbers. */
    private static final List<String> NUMERIC_FIELDS =
            List.of("requests", "successes", "startEpochMs", "endEpochMs");

    private final Map<String, Experiment> experiments;
    private final Map<String, String> invalidSummaries;
    private final PerfLog perfLog;
    private final List<String> problems;

    private ServerResults(
            String name,
            boolean present,
            Map<String, Experiment> experiments,
            Map<String, String> invalidSummaries,
            PerfLog perfLog,
            List<String> problems) {
        this.name = name;
        this.present = present;
        this.experiments = experiments;
        this.invalidSummaries = invalidSummaries;
        this.perfLog = perfLog;
        this.problems = problems;
    }

    /** Reads {@code RESULTS_DIR/NAME/}; a missing directory gives a server with no data. */
    static ServerResults read(Path resultsDir, String name) {
        Path dir = resultsDir.resolve(name);
        Map<String, Experiment> experiments = new TreeMap<>(Experiment.REPORT_ORDER);
        Map<String, String> invalid = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new ServerResults(
                    name, false, experiments, invalid, PerfLog.read(dir), problems);
        }
        for (Path experimentDir : listDirectories(dir)) {
            Path summaryFile = experimentDir.resolve("summary.json");
            if (!Files.isRegularFile(summaryFile)) {
                continue;
            }
            String experimentName = experimentDir.getFileName().toString();
            String relative = name + "/" + experimentName + "/summary.json";
            try {
                JsonNode summary = JSON.readTree(summaryFile.toFile());
                String problem = summaryProblem(summary);
                if (problem == null) {
                    experiments.put(
                            experimentName, new Experiment(experimentName, experimentDir, summary));
                } else {
                    invalid.put(experimentName, relative + " is invalid: " + problem);
                }
            } catch (IOException e) {
                invalid.put(
                        experimentName,
                        relative + " is invalid JSON: " + ResultsFileException.describe(e));
            }
        }
        problems.addAll(invalid.values());
        PerfLog perfLog = PerfLog.read(dir.resolve("perf.log"));
        if (perfLog.unreadableLines() > 0) {
            problems.add(
                    name
                            + "/perf.log has "
                            + perfLog.unreadableLines()
                            + " lines that are not perf log JSON objects; they were skipped");
        }
        return new ServerResults(name, true, experiments, invalid, perfLog, problems);
    }

    /** Returns what makes a parsed summary unusable, or null when it has every needed field. */
    private static String summaryProblem(JsonNode summary) {
        if (summary == null || !summary.isObject()) {
            return "not a JSON object";
        }
        for (String field : NUMERIC_FIELDS) {
            JsonNode value = summary.path(field);
            if (!value.isNumber()) {
                return "`"
                        + field
                        + "` is "
                        + (value.isMissingNode() ? "missing" : value)
                        + ", not a number";
            }
        }
        return null;
    }

    /**
     * Says why an experiment has no usable summary: its {@code summary.json} is invalid, with the
     * parse error, or not found.
     */
    String summaryMissing(String experimentName) {
        String invalid = invalidSummaries.get(experimentName);
        return invalid != null ? invalid : name + "/" + experimentName + "/summary.json not found";
    }

    /** Returns whether this server's directory contains at least one summary, valid or not. */
    boolean hasSummaries() {
        return !experiments.isEmpty() || !invalidSummaries.isEmpty();
    }

    private static List<Path> listDirectories(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    boolean present() {
        return present;
    }

    /** Returns the experiment of that name, or null when this server has none. */
    Experiment experiment(String experimentName) {
        return experiments.get(experimentName);
    }

    /** Returns every experiment but the warm-up, in report order. */
    List<Experiment> measured() {
        return experiments.values().stream().filter(e -> !e.isWarmup()).toList();
    }

    List<Experiment> all() {
        return List.copyOf(experiments.values());
    }

    /** Returns the start of the first experiment that began after {@code epochMs}, or null. */
    Long nextStartAfter(long epochMs) {
        return experiments.values().stream()
                .map(Experiment::startEpochMs)
                .filter(start -> start > epochMs)
                .min(Long::compare)
                .orElse(null);
    }

    PerfLog perfLog() {
        return perfLog;
    }

    List<String> problems() {
        return problems;
    }
}
