package lab.bcrypt.loadgen;

/** The load of one experiment; runs on the caller's thread until its last request completes. */
interface Workload {
    /**
     * The measurements of a workload beyond the per-request records.
     *
     * @param makespanNanos burst: first send to last response, else null
     * @param achievedRatePerSec open model: requests sent per second, else null
     * @param notCompleted requests still in flight when the wait for them ended
     * @param preconnectNanos burst: time to open the connections before the burst, else null
     */
    record Result(
            Long makespanNanos,
            Double achievedRatePerSec,
            long notCompleted,
            Long preconnectNanos) {
        static Result plain(long notCompleted) {
            return new Result(null, null, notCompleted, null);
        }
    }

    /**
     * Returns whether service time differs from response time in this model and is kept separately.
     * Only a workload that sends on a schedule of its own returns true.
     */
    default boolean keepsServiceTime() {
        return false;
    }

    Result run(ExperimentContext context) throws InterruptedException;
}
