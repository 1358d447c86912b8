package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code report.md}, {@code report.json} and {@code charts/*.png} into a results directory,
 * one section after another.
 */
final class ReportGenerator {

    static final String REPORT_MD = "report.md";
    static final String REPORT_JSON = "report.json";
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The report written: its sections and charts. */
    record Report(Path markdown, Path json, List<SectionOutput> sections, List<String> charts) {
        long incompleteSections() {
            return sections.stream().filter(s -> !s.isComplete()).count();
        }
    }

    private ReportGenerator() {}

    static Report generate(Path resultsDir) {
        ReportContext context = ReportContext.load(resultsDir);
        Charts charts = new Charts(resultsDir);
        List<SectionOutput> outputs = new ArrayList<>();
        List<Section> sections =
                List.of(
                        new EnvironmentSection(),
                        new HashCostSection(),
                        new SequentialSection(),
                        new BurstSection(charts),
                        new HealthSection(charts),
                        new ResourceSection(charts),
                        new ModelSection(),
                        new ServerClientSection(),
                        new AnswersSection(outputs),
                        new ValiditySection());
        for (Section section : sections) {
            SectionOutput output = new SectionOutput(outputs.size() + 1, section.title());
            try {
                section.write(context, output);
            } catch (ResultsFileException e) {
                output.missing(e.getMessage() + "; the rest of this section was skipped");
                context.problems().add(e.getMessage());
            }
            outputs.add(output);
        }
        Path markdown = resultsDir.resolve(REPORT_MD);
        Path json = resultsDir.resolve(REPORT_JSON);
        write(markdown, toMarkdown(context, outputs));
        write(json, toJson(context, outputs, charts.written()));
        return new Report(markdown, json, outputs, charts.written());
    }

    private static String toMarkdown(ReportContext context, List<SectionOutput> outputs) {
        StringBuilder md = new StringBuilder();
        md.append("# bcrypt offload lab: blocking against offloaded\n\n");
        md.append("Results: `")
                .append(context.resultsDir().toAbsolutePath().normalize())
                .append("`  \nReport written: ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(
                        "  \nIn every comparison table, ratio is offloaded divided by blocking:"
                                + " below 1 the offloaded server has the smaller value. `n/a` marks a"
                                + " value the results do not contain.\n\n");
        if (context.runStatus() != null) {
            md.append("> **Run status: ")
                    .append(runStatusHeadline(context.runStatus()))
                    .append("** `")
                    .append(ReportContext.RUN_STATUS)
                    .append(
                            "`, which `./lab run` leaves only when a run did not complete, says:\n>\n");
            context.runStatus().lines().forEach(line -> md.append("> ").append(line).append('\n'));
            md.append('\n');
        }
        long incomplete = outputs.stream().filter(s -> !s.isComplete()).count();
        if (incomplete > 0) {
            md.append("> **")
                    .append(incomplete)
                    .append(" of ")
                    .append(outputs.size())
                    .append(" sections lack data**; each says what is missing at its top.\n\n");
        }
        for (SectionOutput output : outputs) {
            md.append(output.toMarkdown());
        }
        return md.toString();
    }

    /**
     * Returns a headline for the first line of {@code RUN_STATUS}, {@code status: interrupted},
     * {@code failed} or {@code running}, as {@code ./lab run} writes it.
     */
    static String runStatusHeadline(String runStatus) {
        String first = runStatus.lines().findFirst().orElse("").strip();
        return switch (first) {
            case "status: interrupted" ->
                    "this run was interrupted, so the phases after the one named below did not"
                            + " run and their data is missing.";
            case "status: failed" ->
                    "a phase of this run failed; the sections below list the data it lacks.";
            case "status: running" ->
                    "this run had not finished when the report was written, or it ended without"
                            + " recording how, so its data may be incomplete.";
            default -> "the run did not record that it completed.";
        };
    }

    private static String toJson(
            ReportContext context, List<SectionOutput> outputs, List<String> charts) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("resultsDir", context.resultsDir().toAbsolutePath().normalize().toString());
        root.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("ratio", "offloaded / blocking");
        root.put("runStatus", context.runStatus());
        ArrayNode sections = root.putArray("sections");
        outputs.forEach(output -> sections.add(output.toJson()));
        ArrayNode chartFiles = root.putArray("charts");
        charts.forEach(chartFiles::add);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportWriteException(file, e);
        }
    }
}
