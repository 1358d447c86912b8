package lab.bcrypt.loadgen;

/**
 * Settings shared by every experiment of a run.
 *
 * @param requestTimeoutNanos the longest a load request may take before it counts as a timeout
 * @param probeRatePerSec health-probe rate, or 0 for no probe
 * @param probeTimeoutNanos the longest a probe request may take before it counts as a timeout; at
 *     most {@code requestTimeoutNanos}, because the run waits for the probe's last requests
 * @param serverPid the server's process id for {@code /proc} sampling, or null
 */
record RunSettings(
        long requestTimeoutNanos, double probeRatePerSec, long probeTimeoutNanos, Long serverPid) {

    /**
     * Caps the probe timeout at the request timeout. An experiment ends only when the probe's
     * requests in flight have completed, so a longer probe timeout would let a server that never
     * responds hold the run for the probe timeout after the last request timed out.
     */
    RunSettings {
        probeTimeoutNanos = Math.min(probeTimeoutNanos, requestTimeoutNanos);
    }

    RunSettings withProbeRate(double ratePerSec) {
        return new RunSettings(requestTimeoutNanos, ratePerSec, probeTimeoutNanos, serverPid);
    }
}
