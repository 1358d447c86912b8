package lab.bcrypt.hashing.server;

/**
 * A request the API rejects with a 4xx response, such as a validation error or a taken username.
 * Carries no stack trace: it is an expected outcome, and it is never logged with one.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reply reply;

    private ApiException(Reply reply, String message) {
        super(message, null, false, false);
        this.reply = reply;
    }

    /** Returns an exception for {@code error} with {@code message}. */
    public static ApiException of(ApiError error, String message) {
        return new ApiException(error.reply(message), message);
    }

    /** Returns an exception for {@code error} about request field {@code field}. */
    public static ApiException field(ApiError error, String field, String message) {
        return new ApiException(error.reply(field, message), message);
    }

    /** Returns the response to send. */
    public Reply reply() {
        return reply;
    }
}
