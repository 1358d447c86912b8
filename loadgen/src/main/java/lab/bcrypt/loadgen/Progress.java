package lab.bcrypt.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of one experiment on stderr: requests done out of the expected total, the completion
 * rate over the last report interval, and the errors so far. {@link #report} is called by the
 * experiment's 1-second ticker, so a line appears at most about once a second.
 */
final class Progress {
    private final String label;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong expectedTotal = new AtomicLong();
    private long lastDone;
    private long lastReportNanos;

    Progress(String label, PrintStream out, long startNanos) {
        this.label = label;
        this.out = out;
        this.lastReportNanos = startNanos;
    }

    /**
     * Adds {@code count} to the requests the experiment expects to send. A warm-up runs two
     * workloads in one experiment, so each adds its own part; the total stays 0 (shown as "?") when
     * no workload can count its requests in advance.
     */
    void expect(long count) {
        expectedTotal.addAndGet(count);
    }

    void recordDone(boolean error) {
        done.incrementAndGet();
        if (error) {
            errors.incrementAndGet();
        }
    }

    long done() {
        return done.get();
    }

    /** Prints one progress line; called from one thread only. */
    synchronized void report(long nowNanos) {
        long doneNow = done.get();
        double seconds = (nowNanos - lastReportNanos) / 1e9;
        double rate = seconds > 0 ? (doneNow - lastDone) / seconds : 0;
        lastDone = doneNow;
        lastReportNanos = nowNanos;
        long expected = expectedTotal.get();
        String total = expected > 0 ? Long.toString(expected) : "?";
        out.printf(
                Locale.ROOT,
                "[%s] %d/%s done, %.1f/s, %d errors%n",
                label,
                doneNow,
                total,
                rate,
                errors.get());
    }
}
