package lab.bcrypt.hashing.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads the body of a register or login request with two checks first: the {@code Content-Type}
 * must be {@code application/json} (parameters allowed, a {@code charset} only if it is UTF-8), and
 * the body must fit {@link Routes#MAX_BODY_BYTES}.
 *
 * <p>The size check does not trust {@code Content-Length}: a body sent with chunked transfer
 * encoding has none. The reader stops after one byte past the limit, so a request holds at most the
 * limit plus one read buffer in memory, whatever the client sends.
 */
final class BodyReader {

    /** Bytes read per call: one Jetty input buffer's worth, and the most read past the limit. */
    private static final int READ_BUFFER_BYTES = 1024;

    private static final String JSON_MEDIA_TYPE = "application/json";

    private BodyReader() {}

    /**
     * Checks the content type and returns the body.
     *
     * @throws ApiException with status 400 for a wrong content type or an unreadable body, and 413
     *     for a body over the limit
     */
    static byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > Routes.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        checkContentType(ctx.header("Content-Type"));
        try {
            return read(ctx.req().getInputStream(), Routes.MAX_BODY_BYTES);
        } catch (IOException e) {
            // Jetty reports a bad chunked encoding, or a client that went away, as an IOException.
            throw ApiException.of(
                    ApiError.MALFORMED_BODY,
                    "Unreadable request body: the transfer ended early or its encoding is"
                            + " invalid. Send the whole body.");
        }
    }

    /**
     * Reads {@code in} to its end and returns the bytes, reading at most {@code limitBytes} + 1.
     *
     * @throws ApiException with status 413 when the stream contains more than {@code limitBytes}
     */
    static byte[] read(InputStream in, long limitBytes) throws IOException {
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
        }
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
