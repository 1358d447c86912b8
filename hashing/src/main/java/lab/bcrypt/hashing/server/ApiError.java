package lab.bcrypt.hashing.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error responses of the API: HTTP status and the machine-readable {@code error} code of the
 * JSON body. Every error body has the shape {@code {"error": CODE, "message": TEXT}}, plus {@code
 * "field"} when one request field is at fault.
 */
public enum ApiError {
    MALFORMED_BODY(400, "malformed_body"),
    INVALID_FIELD(400, "invalid_field"),
    INVALID_CONTENT_TYPE(400, "invalid_content_type"),
    /** A request Jetty rejected before any handler ran: a bad request line, header or encoding. */
    BAD_REQUEST(400, "bad_request"),
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    /** A request body that did not arrive within the body timeout. */
    REQUEST_TIMEOUT(408, "request_timeout"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    INTERNAL_ERROR(500, "internal_error"),
    OVERLOADED(503, "overloaded"),
    DEADLINE_EXCEEDED(503, "deadline_exceeded"),
    SHUTTING_DOWN(503, "shutting_down");

    private final int status;
    private final String code;

    ApiError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Returns the reply for this error with {@code message}. */
    public Reply reply(String message) {
        return Reply.json(status, body(message));
    }

    /** Returns the reply for this error about request field {@code field}. */
    public Reply reply(String field, String message) {
        Map<String, Object> body = body(message);
        body.put("field", field);
        return Reply.json(status, body);
    }

    /**
     * Returns the error for an HTTP status that the server or Jetty produced without a handler's
     * reply, or null when the API defines no code for it.
     */
    static ApiError forStatus(int status) {
        if (status == BAD_REQUEST.status) {
            return BAD_REQUEST;
        }
        for (ApiError error : values()) {
            if (error.status == status) {
                return error;
            }
        }
        return null;
    }

    private Map<String, Object> body(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }
}
