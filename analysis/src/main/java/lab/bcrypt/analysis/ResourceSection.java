package lab.bcrypt.analysis;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** Section 6: server CPU, memory and threads during each experiment. */
final class ResourceSection implements Section {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** Two samples of the loadgen's 250 ms period: the shortest run with a CPU value. */
    static final double CPU_MIN_DURATION_MILLIS = 500.0;

    private final Charts charts;

    ResourceSection(Charts charts) {
        this.charts = charts;
    }

    @Override
    public String title() {
        return "Server CPU and memory";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        if (context.experimentNames().isEmpty()) {
            out.missing("no experiment for either server");
            return;
        }
        out.paragraph(
                "Sampled every 250 ms by the load generator: CPU and resident memory from"
                        + " `/proc`, heap and threads from the server's `/metrics`. CPU 100% is one core.");
        for (String name : context.experimentNames()) {
            writeExperiment(context, out, name);
        }
        for (int level : context.burstLevels()) {
            String name = "burst-" + level;
            String chart = charts.resources(context, name);
            if (chart == null) {
                out.missing("chart: no resources.csv for " + name + " on either server");
            } else {
                out.chart(chart, "Server CPU, memory and threads during " + name);
            }
        }
    }

    private static void writeExperiment(ReportContext context, SectionOutput out, String name) {
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, name);
            if (experiment == null) {
                out.missing(context.summaryMissing(server, name));
            } else if (experiment.resource("samples") == null) {
                out.missing(server + "/" + name + ": summary has no serverResources");
            }
        }
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, name, "Server resources during " + name));
        cpuRow(context, out, table, name, "CPU mean", "cpuPercentMean");
        cpuRow(context, out, table, name, "CPU max", "cpuPercentMax");
        table.row(
                "resident memory max",
                "MiB",
                mebibytes(resource(context, ReportContext.BLOCKING, name, "rssMaxBytes")),
                mebibytes(resource(context, ReportContext.OFFLOADED, name, "rssMaxBytes")));
        table.row(
                "heap used max",
                "MiB",
                mebibytes(resource(context, ReportContext.BLOCKING, name, "heapUsedMaxBytes")),
                mebibytes(resource(context, ReportContext.OFFLOADED, name, "heapUsedMaxBytes")));
        table.row(
                "threads max",
                "threads",
                resource(context, ReportContext.BLOCKING, name, "threadsMax"),
                resource(context, ReportContext.OFFLOADED, name, "threadsMax"));
        table.optionalRow(
                "Jetty busy threads max",
                "threads",
                sampledMax(
                        context,
                        ReportContext.BLOCKING,
                        name,
                        ResourceSeries.Sample::jettyThreadsBusy),
                sampledMax(
                        context,
                        ReportContext.OFFLOADED,
                        name,
                        ResourceSeries.Sample::jettyThreadsBusy));
        table.optionalRow(
                "hash queue max (offloaded only)",
                "tasks",
                sampledMax(
                        context, ReportContext.BLOCKING, name, ResourceSeries.Sample::hashQueued),
                sampledMax(
                        context, ReportContext.OFFLOADED, name, ResourceSeries.Sample::hashQueued));
        out.table(table);
        Reliability.noteInvalid(context, out, name);
    }

    /** Returns the largest value of one resources.csv column, or null when it has none. */
    static Double sampledMax(
            ReportContext context,
            String server,
            String name,
            Function<ResourceSeries.Sample, Double> column) {
        Experiment experiment = context.experiment(server, name);
        if (experiment == null) {
            return null;
        }
        return ResourceSeries.read(experiment.file("resources.csv")).samples().stream()
                .map(column)
                .filter(Objects::nonNull)
                .max(Double::compare)
                .orElse(null);
    }

    /**
     * Adds a CPU row. CPU % is the difference between two samples 250 ms apart, so a shorter
     * experiment has none. That gap gets a note instead of a missing-data entry.
     */
    private static void cpuRow(
            ReportContext context,
            SectionOutput out,
            ComparisonTable table,
            String name,
            String label,
            String field) {
        Double blocking = resource(context, ReportContext.BLOCKING, name, field);
        Double offloaded = resource(context, ReportContext.OFFLOADED, name, field);
        boolean explained = true;
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, name);
            if (experiment == null || experiment.resource(field) != null) {
                continue;
            }
            Double durationMs = experiment.durationMs();
            if (durationMs != null && durationMs < CPU_MIN_DURATION_MILLIS) {
                if (label.equals("CPU mean")) {
                    out.paragraph(
                            String.format(
                                    Locale.ROOT,
                                    "No CPU value for %s %s: it lasted %s ms, shorter than the %s ms of"
                                            + " two 250 ms samples that one CPU value needs.",
                                    server,
                                    name,
                                    Format.number(durationMs),
                                    Format.number(CPU_MIN_DURATION_MILLIS)));
                }
            } else {
                explained = false;
            }
        }
        if (explained) {
            table.optionalRow(label, "%", blocking, offloaded);
        } else {
            table.row(label, "%", blocking, offloaded);
        }
    }

    static Double resource(ReportContext context, String server, String name, String field) {
        return context.value(server, name, e -> e.resource(field));
    }

    private static Double mebibytes(Double bytes) {
        return bytes == null ? null : bytes / BYTES_PER_MIB;
    }
}
