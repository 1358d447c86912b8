package lab.bcrypt.analysis;

/**
 * Predictions of a simple queueing model: C cores, S seconds of CPU per hash, and P hashes allowed
 * to run at once (Jetty's request threads on the blocking server, the hash pool on the offloaded
 * one). Everything except the hash is left out, so the predictions are lower bounds.
 */
final class QueueModel {

    /**
     * Squared coefficient of variation of arrivals: 1 for Poisson arrivals, the assumption of the
     * Allen-Cunneen approximation used for the open model.
     */
    private static final double ARRIVAL_SCV = 1.0;

    /** Squared coefficient of variation of service: 0 because every hash at one cost is equal. */
    private static final double SERVICE_SCV = 0.0;

    private QueueModel() {}

    /** Predicted makespan and mean latency of a burst, in milliseconds. */
    record BurstPrediction(double makespanMs, double meanMs) {}

    /**
     * Predicts a burst of {@code requests} sent at once. Requests run in waves of up to {@code
     * parallelism}; a wave of k hashes takes S when k is at most C, and k·S/C when the k threads
     * share C cores. Each request completes at the end of its wave.
     */
    static BurstPrediction burst(int requests, int parallelism, int cores, double hashMillis) {
        if (requests <= 0 || parallelism <= 0 || cores <= 0) {
            throw new IllegalArgumentException(
                    "requests, parallelism and cores must be positive, got "
                            + requests
                            + ", "
                            + parallelism
                            + ", "
                            + cores);
        }
        double elapsedMs = 0;
        double completionSumMs = 0;
        int remaining = requests;
        while (remaining > 0) {
            int wave = Math.min(parallelism, remaining);
            elapsedMs += hashMillis * Math.max(1.0, (double) wave / cores);
            completionSumMs += wave * elapsedMs;
            remaining -= wave;
        }
        return new BurstPrediction(elapsedMs, completionSumMs / requests);
    }

    /**
     * Predicts the mean response time of an open model at {@code ratePerSec} with C servers of
     * deterministic service S and Poisson arrivals (Allen-Cunneen approximation of M/D/c).
     *
     * @return the mean in milliseconds, or null when the rate reaches the capacity C/S
     */
    static Double openMeanMillis(double ratePerSec, int cores, double hashMillis) {
        double serviceSec = hashMillis / 1000.0;
        double offeredLoad = ratePerSec * serviceSec;
        double utilization = offeredLoad / cores;
        if (utilization >= 1.0 || cores <= 0) {
            return null;
        }
        double waitMMcSec = erlangC(cores, offeredLoad) * serviceSec / (cores - offeredLoad);
        double waitSec = waitMMcSec * (ARRIVAL_SCV + SERVICE_SCV) / 2.0;
        return (serviceSec + waitSec) * 1000.0;
    }

    /** Returns the Erlang C probability that an arrival waits, for c servers and load a < c. */
    static double erlangC(int servers, double offeredLoad) {
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < servers; k++) {
            term *= offeredLoad / k;
            sum += term;
        }
        double last = term * offeredLoad / servers;
        double waiting = last / (1.0 - offeredLoad / servers);
        return waiting / (sum + waiting);
    }
}
