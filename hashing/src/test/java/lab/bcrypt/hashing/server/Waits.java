package lab.bcrypt.hashing.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it is true or a timeout passes, in place of fixed sleeps. */
public final class Waits {

    private static final long POLL_MILLIS = 5;

    private Waits() {}

    /**
     * Waits until {@code condition} holds; fails with {@code description} after {@code timeout}.
     */
    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "Timed out after " + timeout + " waiting for " + description);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + description, e);
            }
        }
    }
}
