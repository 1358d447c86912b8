package lab.bcrypt.hashing.server;

import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of a hash whose request no longer waits for it: the hashing deadline passed or the
 * server is stopping. The request gets a 503, and the work after the hash (the insert of a new
 * user) does not run.
 */
public final class HashAbandonedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The cause that ended the wait. */
    public enum Reason {
        DEADLINE,
        SHUTDOWN
    }

    private final Reason reason;

    private HashAbandonedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static HashAbandonedException deadline(Duration deadline) {
        return new HashAbandonedException(
                Reason.DEADLINE,
                String.format(
                        Locale.ROOT,
                        "Hashing did not finish within the deadline of %d ms. Retry later.",
                        deadline.toMillis()));
    }

    static HashAbandonedException shutdown() {
        return new HashAbandonedException(
                Reason.SHUTDOWN, "The server is stopping. Retry against another instance.");
    }

    public Reason reason() {
        return reason;
    }
}
