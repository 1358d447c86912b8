package lab.bcrypt.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The load generator's judgement of itself: a run is invalid when the client, not the server,
 * limited it. Three signs count: requests left much later than the model intended (send lag), the
 * open model sent fewer requests than its target rate, and the client's own CPU use nearly filled
 * the machine it shares with the server. A smaller send lag only earns a warning, because latency
 * runs from the intended send time and so already includes it.
 */
record ClientVerdict(
        double cpuPercent, double sendLagP99Ms, boolean valid, String reason, String warning) {
    /**
     * Open model: above this p99 send lag, requests left in clumps rather than at the target rate,
     * so the server saw a different arrival process from the one reported. 50 ms is about one
     * bcrypt hash at cost 10 on the lab's 2-core machine.
     */
    static final long OPEN_SEND_LAG_P99_LIMIT_NANOS = 50_000_000L;

    /**
     * Open model: a p99 send lag above this is reported as a warning. On a 2-core machine whose
     * cores the server keeps busy, the sending thread wakes this late now and then.
     */
    static final long OPEN_SEND_LAG_P99_WARNING_NANOS = 10_000_000L;

    /**
     * Open model: an achieved rate below this fraction of the target means the client fell behind.
     */
    static final double OPEN_MIN_ACHIEVED_FRACTION = 0.95;

    /**
     * Burst: the requests count as sent "at once" while 99% of them leave within this fraction of
     * the makespan. Past it, the dispatch itself spread the burst out.
     */
    static final double BURST_SEND_LAG_FRACTION_OF_MAKESPAN = 0.25;

    /**
     * Client CPU above this fraction of all cores leaves the server (on the same machine) less than
     * a fifth of it, so the client is the bottleneck.
     */
    static final double CPU_LIMIT_FRACTION_OF_MACHINE = 0.8;

    /** The measurements a verdict is based on. */
    record Evidence(
            String kind,
            Histogram sendLag,
            Long makespanNanos,
            Double targetRatePerSec,
            Double achievedRatePerSec,
            double cpuPercent,
            int cores) {}

    static ClientVerdict judge(Evidence evidence) {
        Histogram sendLag = evidence.sendLag();
        long lagP99Nanos = sendLag.getTotalCount() == 0 ? 0 : sendLag.getValueAtPercentile(99);
        List<String> reasons = new ArrayList<>();
        String warning = "";
        if ("open".equals(evidence.kind())) {
            checkOpen(evidence, lagP99Nanos, reasons);
            if (lagP99Nanos > OPEN_SEND_LAG_P99_WARNING_NANOS) {
                warning =
                        format(
                                "send lag p99 %.1f ms exceeds %.1f ms; latency includes it",
                                Units.toMillis(lagP99Nanos),
                                Units.toMillis(OPEN_SEND_LAG_P99_WARNING_NANOS));
            }
        }
        if ("burst".equals(evidence.kind())) {
            checkBurst(evidence.makespanNanos(), lagP99Nanos, reasons);
        }
        double cpuLimit = CPU_LIMIT_FRACTION_OF_MACHINE * evidence.cores() * 100;
        if (evidence.cpuPercent() > cpuLimit) {
            reasons.add(
                    format(
                            "client CPU %.0f%% exceeds %.0f%% (%d cores)",
                            evidence.cpuPercent(), cpuLimit, evidence.cores()));
        }
        return new ClientVerdict(
                evidence.cpuPercent(),
                Units.toMillis(lagP99Nanos),
                reasons.isEmpty(),
                String.join("; ", reasons),
                warning);
    }

    private static void checkOpen(Evidence evidence, long lagP99Nanos, List<String> reasons) {
        if (lagP99Nanos > OPEN_SEND_LAG_P99_LIMIT_NANOS) {
            reasons.add(
                    format(
                            "send lag p99 %.1f ms exceeds the %.1f ms limit",
                            Units.toMillis(lagP99Nanos),
                            Units.toMillis(OPEN_SEND_LAG_P99_LIMIT_NANOS)));
        }
        Double target = evidence.targetRatePerSec();
        Double achieved = evidence.achievedRatePerSec();
        if (target != null && achieved != null && achieved < OPEN_MIN_ACHIEVED_FRACTION * target) {
            reasons.add(
                    format(
                            "achieved rate %.1f/s is below %.0f%% of the target %.1f/s",
                            achieved, 100 * OPEN_MIN_ACHIEVED_FRACTION, target));
        }
    }

    private static void checkBurst(Long makespanNanos, long lagP99Nanos, List<String> reasons) {
        if (makespanNanos != null
                && lagP99Nanos > BURST_SEND_LAG_FRACTION_OF_MAKESPAN * makespanNanos) {
            reasons.add(
                    format(
                            "send lag p99 %.1f ms exceeds %.0f%% of the %.1f ms makespan",
                            Units.toMillis(lagP99Nanos),
                            100 * BURST_SEND_LAG_FRACTION_OF_MAKESPAN,
                            Units.toMillis(makespanNanos)));
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
