package lab.bcrypt.loadgen;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The kinds of failed request counted in {@code summary.json}. A transport error is a {@link
 * #CONNECT}, {@link #TIMEOUT} or {@link #OTHER} failure; a response with an unexpected status is
 * counted by its status class.
 */
enum ErrorKind {
    CONNECT("connect"),
    TIMEOUT("timeout"),
    STATUS_4XX("status4xx"),
    STATUS_5XX("status5xx"),
    OTHER("other");

    private static final int MAX_CAUSE_DEPTH = 10;

    private final String jsonName;

    ErrorKind(String jsonName) {
        this.jsonName = jsonName;
    }

    String jsonName() {
        return jsonName;
    }

    boolean isTransport() {
        return this == CONNECT || this == TIMEOUT || this == OTHER;
    }

    /**
     * Classifies an unexpected status code, or returns null for the expected one. Another 2xx (such
     * as 200 to a registration, where the API returns 201) counts as {@link #OTHER}: a server that
     * returns 200 to every path is not the API under test.
     */
    static ErrorKind ofStatus(int status, int expectedStatus) {
        if (status == expectedStatus) {
            return null;
        }
        if (status >= 500) {
            return STATUS_5XX;
        }
        if (status >= 400) {
            return STATUS_4XX;
        }
        return OTHER;
    }

    /** Classifies a transport failure by walking its cause chain. */
    static ErrorKind ofFailure(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++) {
            ErrorKind kind = ofSingleFailure(cause);
            if (kind != null) {
                return kind;
            }
            cause = cause.getCause();
        }
        return OTHER;
    }

    private static ErrorKind ofSingleFailure(Throwable cause) {
        if (cause instanceof ConnectException
                || cause instanceof NoRouteToHostException
                || cause instanceof UnknownHostException) {
            return CONNECT;
        }
        if (cause instanceof SocketTimeoutException) {
            // Jetty 12.1 (ManagedSelector) reports a connect timeout as "Connect Timeout". Any
            // other
            // socket timeout is a read timeout.
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("connect") ? CONNECT : TIMEOUT;
        }
        if (cause instanceof TimeoutException) {
            return TIMEOUT;
        }
        return null;
    }
}
