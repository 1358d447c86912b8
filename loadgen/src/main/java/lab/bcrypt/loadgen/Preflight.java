package lab.bcrypt.loadgen;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;

/**
 * One health request before any load, so a wrong {@code --target} fails in seconds with a clear
 * message instead of running a whole experiment of connect errors.
 */
final class Preflight {
    /**
     * Timeout of the preflight request. The health endpoint never hashes, so a running server
     * returns it in milliseconds; 5 s leaves room for a server whose JIT is still cold on a busy
     * machine.
     */
    static final long TIMEOUT_MILLIS = 5_000;

    /** Enough for a message such as "HTTP protocol violation: bad response". */
    private static final int MAX_REASON_CHARS = 120;

    private Preflight() {}

    /**
     * Sends {@code GET /api/health/} to {@code target}; returns null when it returned a 2xx status,
     * or else a message that names the URL, what failed and what to do next.
     */
    static String check(String target, long timeoutMillis) throws InterruptedException {
        try (LoadClient client = new LoadClient(target, 1, false, "preflight")) {
            String url = client.uri(Endpoint.HEALTH.path()).toString();
            try {
                ContentResponse response = client.get(Endpoint.HEALTH.path(), timeoutMillis);
                int status = response.getStatus();
                if (status >= 200 && status < 300) {
                    return null;
                }
                return String.format(
                        Locale.ROOT,
                        "Preflight failed: GET %s returned HTTP status %d, not 2xx. Is --target"
                                + " the lab's API?",
                        url,
                        status);
            } catch (TimeoutException e) {
                return String.format(
                        Locale.ROOT,
                        "Preflight failed: GET %s got no response within %d ms. Check that the"
                                + " server at --target is running and not stalled.",
                        url,
                        timeoutMillis);
            } catch (ExecutionException e) {
                return failureMessage(url, e.getCause() != null ? e.getCause() : e);
            }
        }
    }

    private static String failureMessage(String url, Throwable failure) {
        ErrorKind kind = ErrorKind.ofFailure(failure);
        if (kind == ErrorKind.CONNECT) {
            return String.format(
                    Locale.ROOT,
                    "Preflight failed: nothing listens at %s (%s). Start the server or fix"
                            + " --target.",
                    url,
                    failure.getMessage());
        }
        if (kind == ErrorKind.TIMEOUT) {
            return String.format(
                    Locale.ROOT,
                    "Preflight failed: GET %s timed out (%s). Check that the server at --target is"
                            + " running and not stalled.",
                    url,
                    failure.getMessage());
        }
        return String.format(
                Locale.ROOT,
                "Preflight failed: GET %s did not get an HTTP response (%s). Is --target an HTTP"
                        + " server?",
                url,
                shortReason(failure));
    }

    /**
     * Returns the first message in the cause chain, cut to {@value #MAX_REASON_CHARS} characters,
     * because Jetty's messages go on to describe the whole connection state.
     */
    private static String shortReason(Throwable failure) {
        String reason = failure.toString();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                reason = cause.getMessage();
                break;
            }
        }
        return reason.length() <= MAX_REASON_CHARS
                ? reason
                : reason.substring(0, MAX_REASON_CHARS) + "...";
    }
}
