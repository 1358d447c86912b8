package lab.bcrypt.hashing.server;

import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import lab.bcrypt.hashing.HashingOverloadedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure a handler can meet to a JSON {@link Reply}. Expected outcomes become their 4xx
 * or 503 response. Anything else becomes a 500 whose body names no internals, and is logged once
 * with its stack trace.
 */
public final class ErrorMapping {

    /**
     * Seconds a client should wait after a 503 from a full bcrypt queue or a passed deadline. One
     * second is several hash times at any cost a lab runs, so the queue has drained by then unless
     * load persists.
     */
    public static final int RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    /** Returns the response for {@code failure}, unwrapping the wrappers futures add. */
    public Reply toReply(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiException api) {
            return api.reply();
        }
        if (cause instanceof HashingOverloadedException overloaded) {
            return ApiError.OVERLOADED
                    .reply(overloaded.getMessage())
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (cause instanceof HashAbandonedException abandoned) {
            ApiError error =
                    abandoned.reason() == HashAbandonedException.Reason.DEADLINE
                            ? ApiError.DEADLINE_EXCEEDED
                            : ApiError.SHUTTING_DOWN;
            return error.reply(abandoned.getMessage())
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (cause instanceof HttpResponseException http) {
            return fromJavalin(http);
        }
        LOG.error("Request failed with an unexpected error; answering 500", cause);
        return ApiError.INTERNAL_ERROR.reply("Internal server error. The server log has details.");
    }

    private static Reply fromJavalin(HttpResponseException http) {
        for (ApiError error : ApiError.values()) {
            if (error.status() == http.getStatus()) {
                return error.reply(describeJavalinStatus(error, http));
            }
        }
        String message = Objects.toString(http.getMessage(), "HTTP status " + http.getStatus());
        return Reply.json(
                http.getStatus(), Map.of("error", "http_" + http.getStatus(), "message", message));
    }

    private static String describeJavalinStatus(ApiError error, HttpResponseException http) {
        return switch (error) {
            case NOT_FOUND -> "No such endpoint. See the API list in docs/servers.md.";
            case METHOD_NOT_ALLOWED -> "Method not allowed on this endpoint.";
            case PAYLOAD_TOO_LARGE ->
                    String.format(
                            Locale.ROOT,
                            "Request body too large: the limit is %d bytes.",
                            Routes.MAX_BODY_BYTES);
            default -> http.getMessage();
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
