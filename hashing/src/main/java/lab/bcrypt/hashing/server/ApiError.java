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
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    NOT_FOUND(404, "not_found"),
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    CONFLICT(409, "conflict"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large"),
    INTERNAL_ERROR(500, "internal_error"),
    OVERLOADED(503, "overloaded");

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

    private Map<String, Object> body(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }
}
