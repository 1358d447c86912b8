package lab.bcrypt.loadgen;

import java.util.concurrent.TimeUnit;

/**
 * The clock of one experiment: a monotonic {@link System#nanoTime()} origin paired with the
 * wall-clock time read at the same moment. Latencies, interval histograms, the probe series and the
 * resource samples all convert through one instance, so their timestamps line up.
 */
final class Timeline {
    private final long startNanos;
    private final long startEpochMs;

    private Timeline(long startNanos, long startEpochMs) {
        this.startNanos = startNanos;
        this.startEpochMs = startEpochMs;
    }

    static Timeline startNow() {
        return new Timeline(System.nanoTime(), System.currentTimeMillis());
    }

    long startNanos() {
        return startNanos;
    }

    long startEpochMs() {
        return startEpochMs;
    }

    /** Milliseconds since the experiment started, for the {@code tMs} columns. */
    long elapsedMs(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(nanoTime - startNanos);
    }

    /** Wall-clock milliseconds of a {@link System#nanoTime()} reading. */
    long epochMs(long nanoTime) {
        return startEpochMs + elapsedMs(nanoTime);
    }
}
