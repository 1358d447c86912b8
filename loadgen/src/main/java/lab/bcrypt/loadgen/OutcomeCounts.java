package lab.bcrypt.loadgen;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of request outcomes: every request ends as one success or one error, and none is dropped.
 * Thread-safe; all methods synchronize on the instance.
 */
final class OutcomeCounts {
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    private final Map<ErrorKind, String> firstErrorMessages = new EnumMap<>(ErrorKind.class);
    private final Map<Integer, Long> statusCounts = new TreeMap<>();
    private long requests;
    private long successes;

    /**
     * Records one outcome and returns its error kind, or null for a success.
     *
     * @param status the HTTP status, or 0 when no response arrived
     * @param failure the transport failure, or null
     */
    synchronized ErrorKind record(int status, int expectedStatus, Throwable failure) {
        requests++;
        if (status > 0) {
            statusCounts.merge(status, 1L, Long::sum);
        }
        ErrorKind kind =
                failure != null
                        ? ErrorKind.ofFailure(failure)
                        : ErrorKind.ofStatus(status, expectedStatus);
        if (kind == null) {
            successes++;
            return null;
        }
        errors.merge(kind, 1L, Long::sum);
        if (!firstErrorMessages.containsKey(kind)) {
            firstErrorMessages.put(kind, failure != null ? failure.toString() : "HTTP " + status);
        }
        return kind;
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long successes() {
        return successes;
    }

    synchronized long errors() {
        return requests - successes;
    }

    synchronized long errors(ErrorKind kind) {
        return errors.getOrDefault(kind, 0L);
    }

    /** Transport errors: connect failures, timeouts and other failures without a status. */
    synchronized long transportErrors() {
        return errors(ErrorKind.CONNECT) + errors(ErrorKind.TIMEOUT) + errors(ErrorKind.OTHER);
    }

    synchronized Map<Integer, Long> statusCounts() {
        return new TreeMap<>(statusCounts);
    }

    /**
     * Returns the first message seen for each error kind, to tell a refused connect from a reset.
     */
    synchronized Map<ErrorKind, String> firstErrorMessages() {
        return new EnumMap<>(firstErrorMessages);
    }
}
