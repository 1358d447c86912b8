package lab.bcrypt.hashing.server;

import java.time.Duration;
import lab.bcrypt.hashing.BcryptCost;
import lab.bcrypt.hashing.PasswordHasher;

/**
 * Picks a bcrypt cost for timing tests on the machine they run on, instead of assuming one, and
 * measures how long one hash takes at it.
 */
public final class HashTiming {

    /** Samples per measurement; the minimum of a few is close to the undisturbed time. */
    private static final int SAMPLES = 3;

    private final int cost;
    private final long hashNanos;

    private HashTiming(int cost, long hashNanos) {
        this.cost = cost;
        this.hashNanos = hashNanos;
    }

    /**
     * Returns the lowest cost from 8 up whose fastest of three hashes takes at least {@code
     * minimum}.
     */
    public static HashTiming atLeast(Duration minimum) {
        for (int cost = 8; cost <= BcryptCost.MAX; cost++) {
            long nanos = fastestHashNanos(new PasswordHasher(cost));
            if (nanos >= minimum.toNanos()) {
                return new HashTiming(cost, nanos);
            }
        }
        throw new AssertionError("No bcrypt cost reaches " + minimum);
    }

    private static long fastestHashNanos(PasswordHasher hasher) {
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            hasher.hash("timing-password");
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest;
    }

    public int cost() {
        return cost;
    }

    /** Returns the fastest of three hashes at {@link #cost()}, in nanoseconds. */
    public long hashNanos() {
        return hashNanos;
    }

    public long hashMillis() {
        return Duration.ofNanos(hashNanos).toMillis();
    }
}
