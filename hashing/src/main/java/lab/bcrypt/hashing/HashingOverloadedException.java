package lab.bcrypt.hashing;

import java.util.Locale;

/**
 * The outcome of a hand-off to a full {@link OffloadedHasher} queue: the task was not run. Servers
 * map it to 503 Service Unavailable with a {@code Retry-After} header.
 */
public final class HashingOverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int queueCapacity;

    HashingOverloadedException(int poolSize, int queueCapacity) {
        super(
                String.format(
                        Locale.ROOT,
                        "Hashing overloaded: all %d bcrypt threads are busy and the queue of %d"
                                + " is full. Retry later.",
                        poolSize,
                        queueCapacity),
                null,
                false,
                false);
        this.queueCapacity = queueCapacity;
    }

    /** Capacity of the queue that was full. */
    public int queueCapacity() {
        return queueCapacity;
    }
}
