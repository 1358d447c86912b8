package lab.bcrypt.analysis;

import java.util.List;

/**
 * Section 4: bursts of N registrations sent at once, each on its own connection, at every level:
 * latency, makespan, throughput beside C/S, errors.
 */
final class BurstSection implements Section {

    private final Charts charts;

    BurstSection(Charts charts) {
        this.charts = charts;
    }

    @Override
    public String title() {
        return "Concurrent registration";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        List<Integer> levels = context.burstLevels();
        if (levels.isEmpty()) {
            out.missing("no burst experiment (burst-N) for either server");
            return;
        }
        Double capacity = context.capacity().perSec();
        if (capacity == null) {
            out.missing("C/S to compare throughput with: " + context.capacity().source());
        }
        out.paragraph(
                "N registrations sent at once, each on its own connection; latency from"
                        + " the burst's start, the intended send time of every request, to its"
                        + " response. Throughput is successes divided by the"
                        + " makespan (first send to last response). C/S is the capacity from section 2.");
        for (int level : levels) {
            writeLevel(context, out, "burst-" + level, level, capacity);
        }
        String chart = charts.registerPercentiles(context, levels);
        if (chart == null) {
            out.missing("chart: no register latency for any burst level");
        } else {
            out.chart(chart, "Register response time against burst concurrency");
        }
    }

    private static void writeLevel(
            ReportContext context, SectionOutput out, String name, int level, Double capacity) {
        Experiment blocking = context.experiment(ReportContext.BLOCKING, name);
        Experiment offloaded = context.experiment(ReportContext.OFFLOADED, name);
        noteMissing(context, out, ReportContext.BLOCKING, name, blocking);
        noteMissing(context, out, ReportContext.OFFLOADED, name, offloaded);
        LatencyStats b = blocking == null ? null : blocking.latency();
        LatencyStats o = offloaded == null ? null : offloaded.latency();
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, name, "Burst of " + level + " registrations"));
        table.row("count", "requests", Reliability.countOf(b), Reliability.countOf(o));
        table.row("mean", "ms", SequentialSection.meanOf(b), SequentialSection.meanOf(o));
        table.row("p50", "ms", SequentialSection.p50Of(b), SequentialSection.p50Of(o));
        table.row("p90", "ms", SequentialSection.p90Of(b), SequentialSection.p90Of(o));
        table.row("p99", "ms", SequentialSection.p99Of(b), SequentialSection.p99Of(o));
        table.row("max", "ms", SequentialSection.maxOf(b), SequentialSection.maxOf(o));
        table.row("makespan", "ms", makespan(blocking), makespan(offloaded));
        table.row("throughput", "registrations/s", throughput(blocking), throughput(offloaded));
        if (capacity != null) {
            table.row("C/S", "registrations/s", capacity, capacity);
            table.row(
                    "throughput / (C/S)",
                    "%",
                    HashCostSection.percentOf(throughput(blocking), capacity),
                    HashCostSection.percentOf(throughput(offloaded), capacity));
        }
        table.row("successes", "requests", successes(blocking), successes(offloaded));
        table.row("errors", "requests", errors(blocking), errors(offloaded));
        out.table(table);
        Reliability.noteFewSamples(out, name, new LatencyStats[] {b, o});
        Reliability.noteInvalid(context, out, name);
    }

    private static void noteMissing(
            ReportContext context, SectionOutput out, String server, String name, Experiment e) {
        if (e == null) {
            out.missing(context.summaryMissing(server, name));
        }
    }

    static Double makespan(Experiment experiment) {
        return experiment == null ? null : experiment.makespanMs();
    }

    /**
     * Returns successes per second of makespan; the summary's own throughput (successes over
     * duration) when there is no makespan.
     */
    static Double throughput(Experiment experiment) {
        if (experiment == null) {
            return null;
        }
        Double makespan = experiment.makespanMs();
        if (makespan != null && makespan > 0) {
            return experiment.successes() / (makespan / 1000.0);
        }
        return experiment.throughputPerSec();
    }

    static Double successes(Experiment experiment) {
        return experiment == null ? null : (double) experiment.successes();
    }

    static Double errors(Experiment experiment) {
        return experiment == null ? null : (double) experiment.errorsTotal();
    }
}
