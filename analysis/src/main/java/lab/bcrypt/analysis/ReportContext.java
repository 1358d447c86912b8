package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** Everything a report reads from one results directory, loaded once. */
final class ReportContext {

    static final String BLOCKING = "blocking";
    static final String OFFLOADED = "offloaded";
    static final List<String> SERVERS = List.of(BLOCKING, OFFLOADED);

    /**
     * Optional file in which {@code ./lab run} states how the run ended, for example that it was
     * interrupted or which phases failed. The report shows its text at the top.
     */
    static final String RUN_STATUS = "RUN_STATUS";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path resultsDir;
    private final JsonNode environment;
    private final JsonNode matrix;
    private final JmhResults jmh;
    private final Capacity capacity;
    private final Map<String, ServerResults> servers;
    private final String runStatus;
    private final List<String> problems = new ArrayList<>();

    private ReportContext(Path resultsDir) {
        this.resultsDir = resultsDir;
        this.environment = readJson("environment.json");
        this.matrix = readJson("matrix.json");
        this.jmh = JmhResults.read(resultsDir.resolve("jmh").resolve("results.json"));
        this.servers =
                Map.of(
                        BLOCKING, ServerResults.read(resultsDir, BLOCKING),
                        OFFLOADED, ServerResults.read(resultsDir, OFFLOADED));
        this.capacity =
                Capacity.from(
                        environment.path("cores").asInt(0), environment.path("cost").asInt(0), jmh);
        servers.values().forEach(s -> problems.addAll(s.problems()));
        this.runStatus = readRunStatus();
    }

    /**
     * Loads a results directory.
     *
     * @throws IllegalArgumentException when the directory does not exist, or holds none of {@code
     *     environment.json}, {@code blocking/}, {@code offloaded/} and a {@code summary.json}
     */
    static ReportContext load(Path resultsDir) {
        if (!Files.isDirectory(resultsDir)) {
            throw new IllegalArgumentException(
                    "results directory not found: "
                            + resultsDir
                            + "; pass the directory that `./lab run` or `loadgen matrix` wrote");
        }
        ReportContext context = new ReportContext(resultsDir);
        if (!context.looksLikeResults()) {
            throw new IllegalArgumentException(
                    "not a results directory: "
                            + resultsDir
                            + " has no environment.json, no blocking/ or offloaded/ directory and no"
                            + " summary.json; pass the directory that `./lab run` or `loadgen"
                            + " matrix` wrote");
        }
        return context;
    }

    private boolean looksLikeResults() {
        return Files.isRegularFile(resultsDir.resolve("environment.json"))
                || servers.values().stream().anyMatch(s -> s.present() || s.hasSummaries());
    }

    private JsonNode readJson(String fileName) {
        Path file = resultsDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                problems.add(fileName + " is invalid: the file is empty");
                return MissingNode.getInstance();
            }
            return node;
        } catch (IOException e) {
            problems.add(fileName + " is invalid JSON: " + ResultsFileException.describe(e));
            return MissingNode.getInstance();
        }
    }

    /** Returns the text of {@code RUN_STATUS}, trimmed, or null when there is none. */
    private String readRunStatus() {
        Path file = resultsDir.resolve(RUN_STATUS);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return RUN_STATUS
                    + " exists but is unreadable ("
                    + ResultsFileException.describe(e)
                    + ")";
        }
    }

    /** Returns what the run wrote about how it ended ({@code RUN_STATUS}), or null. */
    String runStatus() {
        return runStatus;
    }

    /** Says why a server's experiment has no usable summary: invalid or not found. */
    String summaryMissing(String server, String experimentName) {
        return servers.get(server).summaryMissing(experimentName);
    }

    /** Says whether {@code fileName} was found, or why it could not be used. */
    String fileProblem(String fileName) {
        for (String problem : problems) {
            if (problem.startsWith(fileName + " ")) {
                return problem;
            }
        }
        return Files.isRegularFile(resultsDir.resolve(fileName)) ? null : fileName + " not found";
    }

    Path resultsDir() {
        return resultsDir;
    }

    JsonNode environment() {
        return environment;
    }

    JsonNode matrix() {
        return matrix;
    }

    JmhResults jmh() {
        return jmh;
    }

    Capacity capacity() {
        return capacity;
    }

    ServerResults server(String name) {
        return servers.get(name);
    }

    /** Returns the experiment of that server, or null when it did not run or left no summary. */
    Experiment experiment(String server, String experimentName) {
        return servers.get(server).experiment(experimentName);
    }

    /** Problems met while reading files, for the validity section. */
    List<String> problems() {
        return problems;
    }

    /** Returns the names of the measured experiments of either server, in report order. */
    List<String> experimentNames() {
        TreeSet<String> names = new TreeSet<>(Experiment.REPORT_ORDER);
        for (ServerResults server : servers.values()) {
            server.measured().forEach(e -> names.add(e.name()));
        }
        return List.copyOf(names);
    }

    /** Returns the names of the experiments of either server whose name starts with a prefix. */
    List<String> experimentNames(String prefix) {
        return experimentNames().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /**
     * Returns the burst levels to report: the configured ones from {@code environment.json}, plus
     * any burst either server ran.
     */
    List<Integer> burstLevels() {
        TreeSet<Integer> levels = new TreeSet<>();
        for (JsonNode level : environment.path("loadgen").path("burstLevels")) {
            levels.add(level.asInt());
        }
        experimentNames("burst-").forEach(n -> levels.add(Experiment.levelOf(n)));
        return List.copyOf(levels);
    }

    /** Applies a getter to one server's experiment; null when the experiment is missing. */
    <T> T value(String server, String experimentName, Function<Experiment, T> getter) {
        Experiment experiment = experiment(server, experimentName);
        return experiment == null ? null : getter.apply(experiment);
    }

    /** Returns the registration capacity the loadgen measured for a server, or null. */
    Double loadgenCapacity(String server) {
        return Experiment.number(matrix.path("capacityPerSec").path(server));
    }

    /** Returns an integer setting of {@code environment.json}, or null when it is absent. */
    Integer setting(String field) {
        JsonNode node = environment.path(field);
        return node.isNumber() ? node.asInt() : null;
    }
}
