package lab.bcrypt.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The hardware's limit on registrations: C cores divided by S seconds per hash is the most
 * registrations per second any server on this machine can reach. S comes from JMH's {@code
 * HashCostBenchmark.hash} at the run's cost.
 *
 * @param cores C, from {@code environment.json}
 * @param cost the bcrypt cost the servers ran at
 * @param hashNanos S in nanoseconds, or null when JMH gave no usable number
 * @param estimate true when S was scaled from another cost rather than measured at this one
 * @param source how S was obtained, as a sentence for the report
 */
record Capacity(int cores, int cost, Double hashNanos, boolean estimate, String source) {

    /** Each step of bcrypt's cost doubles the number of key-expansion rounds. */
    static final double WORK_FACTOR_PER_COST_STEP = 2.0;

    private static final String HASH_COST_CLASS = "HashCostBenchmark";

    /** Returns C/S in registrations per second, or null when S or C is unknown. */
    Double perSec() {
        if (hashNanos == null || cores <= 0) {
            return null;
        }
        return cores / (hashNanos / 1e9);
    }

    Double hashMillis() {
        return hashNanos == null ? null : hashNanos / 1e6;
    }

    /**
     * Derives the capacity from JMH's hash cost at {@code cost}, or, when JMH did not run at that
     * cost, from the nearest measured cost scaled by 2 per step (marked as an estimate).
     */
    static Capacity from(int cores, int cost, JmhResults jmh) {
        List<JmhResults.Run> hashRuns =
                jmh.ofClass(HASH_COST_CLASS).stream()
                        .filter(r -> r.method().equals("hash"))
                        .filter(r -> r.intParam("cost") != null && r.nanosPerOp() != null)
                        .toList();
        if (cost <= 0) {
            return new Capacity(cores, cost, null, false, "the run's cost is unknown");
        }
        if (hashRuns.isEmpty()) {
            String why =
                    jmh.problem() != null ? jmh.problem() : "JMH has no HashCostBenchmark.hash";
            return new Capacity(cores, cost, null, false, why);
        }
        for (JmhResults.Run run : hashRuns) {
            if (run.intParam("cost") == cost) {
                String source =
                        String.format(
                                Locale.ROOT,
                                "measured by JMH HashCostBenchmark.hash at cost %d",
                                cost);
                return new Capacity(cores, cost, run.nanosPerOp(), false, source);
            }
        }
        JmhResults.Run nearest =
                hashRuns.stream()
                        .min(Comparator.comparingInt(r -> Math.abs(r.intParam("cost") - cost)))
                        .orElseThrow();
        int measuredCost = nearest.intParam("cost");
        double scaled =
                nearest.nanosPerOp() * Math.pow(WORK_FACTOR_PER_COST_STEP, cost - measuredCost);
        String source =
                String.format(
                        Locale.ROOT,
                        "estimate: JMH did not run at cost %d, so S is its cost-%d time scaled by 2 per"
                                + " cost step",
                        cost,
                        measuredCost);
        return new Capacity(cores, cost, scaled, true, source);
    }
}
