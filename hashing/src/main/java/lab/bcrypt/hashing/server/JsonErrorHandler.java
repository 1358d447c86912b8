package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler for responses no route produced: a request line, header or encoding Jetty
 * cannot parse (400, 414, 431, ...), or a request that arrives while the server stops (503). It
 * sends the same JSON shape as the API, {@code {"error": CODE, "message": TEXT}}, whatever the
 * method and {@code Accept} header, instead of Jetty's HTML or its own JSON with HTML-escaped text.
 *
 * <p>The message names the status only. Jetty's own reason can quote the rejected input, such as a
 * header value, which may hold a secret, so it is not sent.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final String JSON = "application/json";

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
    }

    /** Sends a body for every method, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            String message,
            Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Builds the response to a request Jetty could not parse far enough to handle. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(status));
    }

    private byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        ApiError error = status == ApiError.SHUTTING_DOWN.status() ? ApiError.SHUTTING_DOWN : null;
        if (error == null) {
            error = ApiError.forStatus(status);
        }
        String code = error != null ? error.code() : "http_" + status;
        String text =
                status == ApiError.SHUTTING_DOWN.status()
                        ? "The server is stopping. Retry against another instance."
                        : "The server rejected the request before reading it: "
                                + reason
                                + ". Check the request line, the headers and the body's"
                                + " framing.";
        try {
            // Ordered as the handlers' error bodies, so both servers send the same bytes: the
            // iteration order of Map.of changes from one JVM run to the next.
            Map<String, String> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", text);
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A map of two strings always serializes.
            throw new UncheckedIOException(e);
        }
    }
}
