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
    private final Map<String, Experiment> experiments;
    private final PerfLog perfLog;
    private final List<String> problems;

    private ServerResults(
            String name,
            boolean present,
            Map<String, Experiment> experiments,
            PerfLog perfLog,
            List<String> problems) {
        this.name = name;
        this.present = present;
        this.experiments = experiments;
        this.perfLog = perfLog;
        this.problems = problems;
    }

    /** Reads {@code RESULTS_DIR/NAME/}; a missing directory gives a server with no data. */
    static ServerResults read(Path resultsDir, String name) {
        Path dir = resultsDir.resolve(name);
        Map<String, Experiment> experiments = new TreeMap<>(Experiment.REPORT_ORDER);
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new ServerResults(name, false, experiments, PerfLog.read(dir), problems);
        }
        for (Path experimentDir : listDirectories(dir)) {
            Path summaryFile = experimentDir.resolve("summary.json");
            if (!Files.isRegularFile(summaryFile)) {
                continue;
            }
            String experimentName = experimentDir.getFileName().toString();
            try {
                JsonNode summary = JSON.readTree(summaryFile.toFile());
                experiments.put(
                        experimentName, new Experiment(experimentName, experimentDir, summary));
            } catch (IOException e) {
                problems.add(
                        name
                                + "/"
                                + experimentName
                                + "/summary.json is not valid JSON: "
                                + e.getMessage());
            }
        }
        PerfLog perfLog = PerfLog.read(dir.resolve("perf.log"));
        if (perfLog.unreadableLines() > 0) {
            problems.add(
                    name
                            + "/perf.log has "
                            + perfLog.unreadableLines()
                            + " lines that are not perf log JSON objects; they were skipped");
        }
        return new ServerResults(name, true, experiments, perfLog, problems);
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
