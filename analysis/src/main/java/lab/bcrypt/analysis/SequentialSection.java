package lab.bcrypt.analysis;

/**
 * Section 3: one request at a time to health and to register, timed by the client (the summary) and
 * by the server (its perf log over the experiment's time window).
 */
final class SequentialSection implements Section {

    @Override
    public String title() {
        return "Sequential timings";
    }

    @Override
    public void write(ReportContext context, SectionOutput out) {
        out.paragraph(
                "One request at a time on a kept-alive connection. Client-side time comes from"
                        + " the load generator (HdrHistogram, nanoseconds); server-side time is"
                        + " `totalMicros` from each server's perf log, for the requests logged"
                        + " during the experiment.");
        writeEndpoint(context, out, "sequential-health", "health");
        writeEndpoint(context, out, "sequential-register", "register");
    }

    private static void writeEndpoint(
            ReportContext context, SectionOutput out, String experimentName, String endpoint) {
        LatencyStats[] client = new LatencyStats[2];
        LatencyStats[] server = new LatencyStats[2];
        for (int i = 0; i < 2; i++) {
            String name = ReportContext.SERVERS.get(i);
            Experiment experiment = context.experiment(name, experimentName);
            if (experiment == null) {
                out.missing(context.summaryMissing(name, experimentName));
                continue;
            }
            client[i] = experiment.latency();
            PerfLog.WindowStats window = PerfWindow.of(context.server(name), experiment);
            if (window == null) {
                out.missing(
                        name
                                + "/perf.log has no "
                                + endpoint
                                + " request during "
                                + experimentName);
            } else {
                server[i] = window.total();
            }
        }
        ComparisonTable table =
                new ComparisonTable(
                        Reliability.mark(context, experimentName, "Sequential " + endpoint));
        addRows(table, "client", client);
        addRows(table, "server", server);
        out.table(table);
        Reliability.noteFewSamples(out, "the client's " + experimentName, client);
        Reliability.noteInvalid(context, out, experimentName);
    }

    private static void addRows(ComparisonTable table, String side, LatencyStats[] stats) {
        table.row(
                side + " count",
                "requests",
                Reliability.countOf(stats[0]),
                Reliability.countOf(stats[1]));
        table.row(side + " mean", "ms", meanOf(stats[0]), meanOf(stats[1]));
        table.row(side + " p50", "ms", p50Of(stats[0]), p50Of(stats[1]));
        table.row(side + " p99", "ms", p99Of(stats[0]), p99Of(stats[1]));
        table.row(side + " max", "ms", maxOf(stats[0]), maxOf(stats[1]));
    }

    static Double meanOf(LatencyStats stats) {
        return stats == null ? null : stats.meanMs();
    }

    static Double p50Of(LatencyStats stats) {
        return stats == null ? null : stats.p50Ms();
    }

    static Double p90Of(LatencyStats stats) {
        return stats == null ? null : stats.p90Ms();
    }

    static Double p99Of(LatencyStats stats) {
        return stats == null ? null : stats.p99Ms();
    }

    static Double maxOf(LatencyStats stats) {
        return stats == null ? null : stats.maxMs();
    }
}
