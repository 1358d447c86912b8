package lab.bcrypt.hashing.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of a register or login request with two checks first: the {@code Content-Type}
 * must be {@code application/json} (parameters allowed, a {@code charset} only if it is UTF-8), and
 * the body must fit {@link Routes#MAX_BODY_BYTES}.
 *
 * <p>The size check does not trust {@code Content-Length}: a body sent with chunked transfer
 * encoding has none. The reader stops after one byte past the limit, so a request holds at most the
 * limit plus one read buffer in memory, whatever the client sends.
 *
 * <p>The read blocks a request thread, so it is bounded in time too. Jetty fails a read that sees
 * no bytes for the body timeout (the request's I/O idle timeout, set on the connector), and this
 * reader stops a body that trickles in but is still incomplete after the body timeout. A request
 * thread therefore waits for a body at most about twice the body timeout. Either case is 408 {@code
 * request_timeout}. A client that closes its connection mid-body is its own failure: the server
 * logs it at DEBUG and sends 400, which the client no longer reads.
 *
 * <p>NOTE: a client that keeps opening stalled connections can still keep every request thread
 * reading; only a non-blocking body read would free the threads while bytes are missing.
 */
final class BodyReader {

    /** Bytes read per call: one Jetty input buffer's worth, and the most read past the limit. */
    private static final int READ_BUFFER_BYTES = 1024;

    private static final String JSON_MEDIA_TYPE = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);

    private BodyReader() {}

    /**
     * Checks the content type and returns the body, which must arrive within {@code timeout}.
     *
     * @throws ApiException with status 400 for a wrong content type or an unreadable body, 408 for
     *     a body still incomplete after {@code timeout}, and 413 for a body over the limit
     */
    static byte[] read(Context ctx, Duration timeout) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > Routes.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        checkContentType(ctx.header("Content-Type"));
        try {
            return read(ctx.req().getInputStream(), Routes.MAX_BODY_BYTES, timeout);
        } catch (IOException e) {
            throw unreadable(e, timeout);
        }
    }

    /**
     * Reads {@code in} to its end and returns the bytes, reading at most {@code limitBytes} + 1.
     *
     * @throws ApiException with status 413 when the stream contains more than {@code limitBytes},
     *     and 408 when a read returns after {@code timeout} has passed and the body is incomplete
     */
    static byte[] read(InputStream in, long limitBytes, Duration timeout) throws IOException {
        long startNanos = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        long total = 0;
        while (true) {
            long room = limitBytes + 1 - total;
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, room));
            if (read < 0) {
                return body.toByteArray();
            }
            total += read;
            if (total > limitBytes) {
                throw tooLarge();
            }
            body.write(buffer, 0, read);
            if (System.nanoTime() - startNanos > timeout.toNanos()) {
                throw timedOut(timeout);
            }
        }
    }

    /** Returns the reply to a body read that failed: the client timed out, left, or sent junk. */
    private static ApiException unreadable(IOException e, Duration timeout) {
        if (isTimeout(e)) {
            LOG.debug("Request body incomplete after {} ms: {}", timeout.toMillis(), e.toString());
            return timedOut(timeout);
        }
        // Jetty reports a client that went away, or a bad chunked encoding, as an IOException.
        LOG.debug("Request body unreadable: {}", e.toString());
        return ApiException.of(
                ApiError.MALFORMED_BODY,
                "Unreadable request body: the transfer ended early or its encoding is"
                        + " invalid. Send the whole body.");
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static ApiException timedOut(Duration timeout) {
        return ApiException.of(
                ApiError.REQUEST_TIMEOUT,
                String.format(
                        Locale.ROOT,
                        "Request body incomplete after %d ms, the limit. Send the body with the"
                                + " request head.",
                        timeout.toMillis()));
    }

    /**
     * Checks a {@code Content-Type} header value.
     *
     * @throws ApiException with status 400 unless it is JSON in UTF-8
     */
    static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw invalidContentType("none");
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase(JSON_MEDIA_TYPE)) {
            throw invalidContentType(contentType);
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8")) {
                    throw invalidContentType(contentType);
                }
            }
        }
    }

    private static ApiException invalidContentType(String found) {
        String shown = found.length() > 100 ? found.substring(0, 100) + "..." : found;
        return ApiException.of(
                ApiError.INVALID_CONTENT_TYPE,
                "Invalid Content-Type '"
                        + shown
                        + "': send the body as application/json in UTF-8.");
    }

    private static ApiException tooLarge() {
        return ApiException.of(
                ApiError.PAYLOAD_TOO_LARGE,
                String.format(
                        Locale.ROOT,
                        "Request body too large: the limit is %d bytes. Send only username, email"
                                + " and password.",
                        Routes.MAX_BODY_BYTES));
    }
}
