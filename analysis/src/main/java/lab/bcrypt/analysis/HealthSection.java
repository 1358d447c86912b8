package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 5: the health probe's response time while registrations run, at each load level, against
 * the idle health time of the sequential experiment.
 */
final class HealthSection implements Section {

    /** Per-second intervals below which a chart over time shows little of a course. */
    private static final int FEW_INTERVALS = 3;

    private final Charts charts;

    HealthSection(Charts charts) {
        this.charts = charts;
    }

    @Override
    public String title() {
        return "Health during registration load";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        List<String> loaded = loadedExperiments(context);
        if (loaded.isEmpty()) {
            out.missing("no experiment with a health probe for either server");
            return;
        }
        out.paragraph(
                "A probe sends health requests at a fixed rate on its own connections while"
                        + " the registrations run, and times each from its intended send time, so a"
                        + " stalled server shows in full. The worst second is the second with the highest"
                        + " maximum.");
        for (String name : loaded) {
            writeExperiment(context, out, name);
        }
        writeGrowth(context, out, loaded);
        writeCharts(context, out);
    }

    /** Returns the bursts, then any closed or open experiment, that ran with a probe. */
    static List<String> loadedExperiments(ReportContext context) {
        List<String> names = new ArrayList<>();
        context.burstLevels().forEach(level -> names.add("burst-" + level));
        for (String name : context.experimentNames()) {
            boolean sustained = name.startsWith("closed-") || name.startsWith("open-");
            if (sustained && hasProbe(context, name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean hasProbe(ReportContext context, String name) {
        return ReportContext.SERVERS.stream()
                .anyMatch(s -> context.value(s, name, Experiment::probe) != null);
    }

    private static void writeExperiment(ReportContext context, SectionOutput out, String name) {
        LatencyStats[] stats = new LatencyStats[2];
        Double[] worst = new Double[2];
        Double[] errors = new Double[2];
        for (int i = 0; i < 2; i++) {
            String server = ReportContext.SERVERS.get(i);
            Experiment experiment = context.experiment(server, name);
            if (experiment == null || experiment.probe() == null) {
                out.missing(server + "/" + name + ": no health probe results");
                continue;
            }
            stats[i] = experiment.probeLatency();
            JsonNode worstSecond = experiment.probe().path("worstSecond");
            worst[i] = Experiment.number(worstSecond.path("maxMs"));
            errors[i] = (double) experiment.probeErrorsTotal();
        }
        ComparisonTable table =
                new ComparisonTable(Reliability.mark(context, name, "Health probe during " + name));
        if (name.startsWith("open-")) {
            table.row(
                    "registration rate sent (target)",
                    "requests/s",
                    context.value(ReportContext.BLOCKING, name, Experiment::targetRatePerSec),
                    context.value(ReportContext.OFFLOADED, name, Experiment::targetRatePerSec));
        }
        table.row(
                "probe requests",
                "requests",
                Reliability.countOf(stats[0]),
                Reliability.countOf(stats[1]));
        table.row(
                "p50", "ms", SequentialSection.p50Of(stats[0]), SequentialSection.p50Of(stats[1]));
        table.row(
                "p99", "ms", SequentialSection.p99Of(stats[0]), SequentialSection.p99Of(stats[1]));
        table.row(
                "max", "ms", SequentialSection.maxOf(stats[0]), SequentialSection.maxOf(stats[1]));
        table.row("worst second's max", "ms", worst[0], worst[1]);
        table.row("probe errors", "requests", errors[0], errors[1]);
        out.table(table);
        Reliability.noteDifferentRates(context, out, name);
        Reliability.noteFewSamples(out, "the health probe during " + name, stats);
        Reliability.noteInvalid(context, out, name);
    }

    /**
     * Shows how the probe's p99 grows with load, as a multiple of the idle baseline: the p90 of the
     * sequential health requests. Their p99 is no baseline, because with 50 to 100 requests it is
     * the slowest one or two, and one outlier moves it.
     */
    private static void writeGrowth(ReportContext context, SectionOutput out, List<String> names) {
        Double idleBlocking = idleBaseline(context, ReportContext.BLOCKING);
        Double idleOffloaded = idleBaseline(context, ReportContext.OFFLOADED);
        ComparisonTable table =
                new ComparisonTable(
                        "Health p99 under load as a multiple of the idle baseline (p90 of"
                                + " sequential-health)");
        table.row(
                "idle (sequential-health) requests",
                "requests",
                Reliability.countOf(idleLatency(context, ReportContext.BLOCKING)),
                Reliability.countOf(idleLatency(context, ReportContext.OFFLOADED)));
        table.row("idle (sequential-health) p90", "ms", idleBlocking, idleOffloaded);
        List<String> unreliable = new ArrayList<>();
        for (String name : names) {
            LatencyStats blocking =
                    context.value(ReportContext.BLOCKING, name, Experiment::probeLatency);
            LatencyStats offloaded =
                    context.value(ReportContext.OFFLOADED, name, Experiment::probeLatency);
            String label = name + " p99 / idle p90";
            if (Reliability.ratesDiffer(context, name)) {
                label += " (different rates)";
            }
            if (!Reliability.enough(blocking) || !Reliability.enough(offloaded)) {
                label += " (too few probe samples)";
                unreliable.add(name);
            }
            table.row(
                    Reliability.mark(context, name, label),
                    "×",
                    Format.ratioValue(SequentialSection.p99Of(blocking), idleBlocking),
                    Format.ratioValue(SequentialSection.p99Of(offloaded), idleOffloaded));
        }
        out.table(table);
        if (!unreliable.isEmpty()) {
            out.paragraph(
                    "Rows marked too few probe samples rest on fewer than "
                            + Reliability.MIN_SAMPLES
                            + " probe requests on at least one server (the probe tables above give"
                            + " the counts), so their ratio is not reliable: "
                            + String.join(", ", unreliable)
                            + ".");
        }
    }

    /** Says when a burst was too short for its per-second chart to show a course over time. */
    private static void noteShortSeries(ReportContext context, SectionOutput out, String name) {
        int longest = 0;
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, name);
            if (experiment != null) {
                longest =
                        Math.max(
                                longest,
                                Histograms.readIntervals(experiment.file("probe.hlog")).size());
            }
        }
        if (longest < FEW_INTERVALS) {
            out.paragraph(
                    "The probe ran for "
                            + Format.plural(longest, "second", "seconds")
                            + " at most during "
                            + name
                            + ", so this chart has few points; the"
                            + " percentile spectrum below shows the whole distribution.");
        }
    }

    /**
     * Returns the idle health baseline of a server: the p90 of its sequential health requests, or
     * null when they did not run.
     */
    static Double idleBaseline(ReportContext context, String server) {
        return SequentialSection.p90Of(idleLatency(context, server));
    }

    static LatencyStats idleLatency(ReportContext context, String server) {
        return context.value(server, "sequential-health", Experiment::latency);
    }

    private void writeCharts(ReportContext context, SectionOutput out) {
        List<String> bursts = new ArrayList<>();
        for (int level : context.burstLevels()) {
            String name = "burst-" + level;
            bursts.add(name);
            String chart = charts.healthOverTime(context, name);
            if (chart == null) {
                out.missing("chart: no probe.hlog for " + name + " on either server");
            } else {
                out.chart(chart, "Health response time per second during " + name);
                noteShortSeries(context, out, name);
            }
        }
        String spectrum = charts.healthSpectrum(context, bursts);
        if (spectrum == null) {
            out.missing("chart: no probe.hlog for the percentile spectrum");
        } else {
            out.chart(spectrum, "Percentile spectrum of health response time during the bursts");
        }
    }
}
