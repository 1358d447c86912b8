package lab.bcrypt.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Marks numbers a reader should not trust as they stand: percentiles from too few samples, runs the
 * load generator judged invalid, and open-model runs whose servers got different rates.
 */
final class Reliability {

    /**
     * Fewest values from which the report treats a distribution's percentiles as reliable. Below
     * 20, the p99 and the max are the same single request and the p90 rests on one or two, so one
     * outlier decides them.
     */
    static final int MIN_SAMPLES = 20;

    /**
     * Relative difference of two target rates above which the report calls them different: 1%, so
     * that only rounding counts as the same load.
     */
    private static final double SAME_RATE_TOLERANCE = 0.01;

    private Reliability() {}

    /** Returns whether the statistics exist and rest on at least {@link #MIN_SAMPLES} values. */
    static boolean enough(LatencyStats stats) {
        return stats != null && stats.count() >= MIN_SAMPLES;
    }

    static Double countOf(LatencyStats stats) {
        return stats == null ? null : (double) stats.count();
    }

    /**
     * Writes a note under a percentile table when either server's values rest on fewer than {@link
     * #MIN_SAMPLES} samples, and returns whether it did.
     */
    static boolean noteFewSamples(SectionOutput out, String what, LatencyStats[] stats) {
        List<String> few = new ArrayList<>();
        for (int i = 0; i < stats.length; i++) {
            if (stats[i] != null && stats[i].count() < MIN_SAMPLES) {
                few.add(stats[i].count() + " for the " + ReportContext.SERVERS.get(i) + " server");
            }
        }
        if (few.isEmpty()) {
            return false;
        }
        out.paragraph(
                String.format(
                        Locale.ROOT,
                        "**Too few samples, not reliable:** the percentiles of %s rest on %s, fewer"
                                + " than %d; one request decides the p90, p99 and max.",
                        what,
                        String.join(" and ", few),
                        MIN_SAMPLES));
        return true;
    }

    /** Returns the servers whose run of that experiment the load generator judged invalid. */
    static List<String> invalidServers(ReportContext context, String experimentName) {
        List<String> invalid = new ArrayList<>();
        for (String server : ReportContext.SERVERS) {
            Experiment experiment = context.experiment(server, experimentName);
            if (experiment != null && !experiment.client().path("valid").asBoolean(true)) {
                invalid.add(server);
            }
        }
        return invalid;
    }

    /** Appends "(invalid run: blocking)" to a caption or row label when a run was invalid. */
    static String mark(ReportContext context, String experimentName, String label) {
        List<String> invalid = invalidServers(context, experimentName);
        if (invalid.isEmpty()) {
            return label;
        }
        return label + " (invalid run: " + String.join(", ", invalid) + ")";
    }

    /** Writes why a run was invalid under the table that shows it; nothing when all were valid. */
    static void noteInvalid(ReportContext context, SectionOutput out, String experimentName) {
        List<String> reasons = new ArrayList<>();
        for (String server : invalidServers(context, experimentName)) {
            String reason =
                    context.experiment(server, experimentName)
                            .client()
                            .path("reason")
                            .asText("no reason given");
            reasons.add("the " + server + " server's (" + reason + ")");
        }
        if (reasons.isEmpty()) {
            return;
        }
        out.paragraph(
                "**Invalid run:** the load generator judged "
                        + String.join(" and ", reasons)
                        + " run of "
                        + experimentName
                        + " invalid, because the client was the bottleneck; those numbers measure"
                        + " the client as much as the server (section 10).");
    }

    /** Returns whether the two servers' runs of an experiment had different target rates. */
    static boolean ratesDiffer(ReportContext context, String experimentName) {
        Double blocking =
                context.value(ReportContext.BLOCKING, experimentName, Experiment::targetRatePerSec);
        Double offloaded =
                context.value(
                        ReportContext.OFFLOADED, experimentName, Experiment::targetRatePerSec);
        Double ratio = Format.ratioValue(offloaded, blocking);
        return ratio != null && Math.abs(ratio - 1) > SAME_RATE_TOLERANCE;
    }

    /**
     * Writes a note when the two servers' open-model runs of one experiment had different target
     * rates: each is sized from its own server's capacity, so they carried different loads. Returns
     * whether it did.
     */
    static boolean noteDifferentRates(
            ReportContext context, SectionOutput out, String experimentName) {
        Double blocking =
                context.value(ReportContext.BLOCKING, experimentName, Experiment::targetRatePerSec);
        Double offloaded =
                context.value(
                        ReportContext.OFFLOADED, experimentName, Experiment::targetRatePerSec);
        if (!ratesDiffer(context, experimentName)) {
            return false;
        }
        out.paragraph(
                String.format(
                        Locale.ROOT,
                        "**Different rates:** in %s the blocking server was sent %s requests/s and the"
                                + " offloaded one %s (%s), because each rate is a share of that server's own"
                                + " measured capacity. The servers carried different loads, so this table"
                                + " does not compare them under the same load.",
                        experimentName,
                        Format.number(blocking),
                        Format.number(offloaded),
                        Format.ratio(offloaded, blocking)));
        return true;
    }
}
