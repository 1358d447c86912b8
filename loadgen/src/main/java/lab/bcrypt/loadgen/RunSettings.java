package lab.bcrypt.loadgen;

/**
 * Settings shared by every experiment of a run.
 *
 * @param requestTimeoutNanos the longest a load request may take before it counts as a timeout
 * @param probeRatePerSec health-probe rate, or 0 for no probe
 * @param probeTimeoutNanos the longest a probe request may take before it counts as a timeout
 * @param serverPid the server's process id for {@code /proc} sampling, or null
 */
record RunSettings(
        long requestTimeoutNanos, double probeRatePerSec, long probeTimeoutNanos, Long serverPid) {

    RunSettings withProbeRate(double ratePerSec) {
        return new RunSettings(requestTimeoutNanos, ratePerSec, probeTimeoutNanos, serverPid);
    }
}
