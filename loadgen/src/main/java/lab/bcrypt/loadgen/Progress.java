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
    private volatile long expectedTotal;
    private long lastDone;
    private long lastReportNanos;

    Progress(String label, PrintStream out, long startNanos) {
        this.label = label;
        this.out = out;
        this.lastReportNanos = startNanos;
    }

    /** Sets the number of requests the experiment expects to send, or 0 if unknown. */
    void expect(long total) {
        expectedTotal = total;
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
        String total = expectedTotal > 0 ? Long.toString(expectedTotal) : "?";
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
