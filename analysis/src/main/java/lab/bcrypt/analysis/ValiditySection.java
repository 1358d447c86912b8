package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 10: the load generator's verdict on itself, the warm-up that no table counts, the errors,
 * failed matrix steps and unreadable files.
 */
final class ValiditySection implements Section {

    @Override
    public String title() {
        return "Validity";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        writeWarmup(context, out);
        writeVerdicts(context, out);
        writeErrors(context, out);
        writeMatrixSteps(context, out);
        if (!context.problems().isEmpty()) {
            out.paragraph("Problems met while reading the results:");
            context.problems().forEach(out::bullet);
            out.endList();
        }
    }

    private static void writeWarmup(ReportContext context, SectionOutput out) {
        for (String server : ReportContext.SERVERS) {
            Experiment warmup = context.experiment(server, "warmup");
            if (warmup == null) {
                out.missing(
                        context.summaryMissing(server, "warmup") + ": no sign that a warm-up ran");
            } else {
                out.bullet(
                        server
                                + ": warm-up of "
                                + warmup.requests()
                                + " requests ran first and is excluded from every table.");
            }
        }
        out.endList();
    }

    private static void writeVerdicts(ReportContext context, SectionOutput out) {
        List<List<String>> rows = new ArrayList<>();
        int invalid = 0;
        for (String name : context.experimentNames()) {
            for (String server : ReportContext.SERVERS) {
                Experiment experiment = context.experiment(server, name);
                if (experiment == null) {
                    continue;
                }
                JsonNode client = experiment.client();
                if (!client.path("valid").isBoolean()) {
                    out.missing(server + "/" + name + ": summary has no client verdict");
                    continue;
                }
                boolean valid = client.path("valid").asBoolean();
                invalid += valid ? 0 : 1;
                rows.add(
                        List.of(
                                name,
                                server,
                                valid ? "valid" : "**invalid**",
                                Format.number(Experiment.number(client.path("cpuPercent"))),
                                Format.number(Experiment.number(client.path("sendLagP99Ms"))),
                                client.path("reason").asText("")));
            }
        }
        out.plainTable(
                "The load generator's verdict on itself",
                List.of(
                        "experiment",
                        "server",
                        "verdict",
                        "loadgen CPU (%)",
                        "send lag p99 (ms)",
                        "reason"),
                rows);
        out.values().put("invalidRuns", invalid);
        if (invalid > 0) {
            out.flag(
                    Format.plural(invalid, "run is", "runs are")
                            + " invalid because the load generator was the bottleneck, so "
                            + (invalid == 1 ? "its" : "their")
                            + " latencies measure the client as much as the server.");
        }
    }

    private static void writeErrors(ReportContext context, SectionOutput out) {
        ComparisonTable table = new ComparisonTable("Errors by experiment (requests and probe)");
        long total = 0;
        for (String name : context.experimentNames()) {
            Double blocking = errorsOf(context.experiment(ReportContext.BLOCKING, name));
            Double offloaded = errorsOf(context.experiment(ReportContext.OFFLOADED, name));
            table.row(name, "errors", blocking, offloaded);
            total +=
                    (long)
                            ((blocking == null ? 0 : blocking)
                                    + (offloaded == null ? 0 : offloaded));
        }
        out.table(table);
        out.values().put("errorsTotal", total);
    }

    private static Double errorsOf(Experiment experiment) {
        if (experiment == null) {
            return null;
        }
        return (double) (experiment.errorsTotal() + experiment.probeErrorsTotal());
    }

    private static void writeMatrixSteps(ReportContext context, SectionOutput out) {
        JsonNode steps = context.matrix().path("steps");
        if (!steps.isArray()) {
            String problem = context.fileProblem("matrix.json");
            out.missing(problem != null ? problem : "matrix.json has no `steps` list");
            return;
        }
        int failed = 0;
        for (JsonNode step : steps) {
            if (!"ok".equals(step.path("status").asText())) {
                failed++;
                out.flag(
                        "matrix step failed: "
                                + step.path("server").asText()
                                + " "
                                + step.path("experiment").asText()
                                + ": "
                                + step.path("message").asText());
            }
        }
        out.paragraph(steps.size() + " matrix steps ran, " + failed + " failed.");
        out.values().put("failedSteps", failed);
    }
}
