package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends raw bytes over one socket and reads one HTTP/1.1 response, for requests a real client will
 * not send: bad request lines and headers, invalid UTF-8, chunked bodies of any size.
 */
public final class RawHttp {

    /** Read timeout: far above any response a test expects, so a hung server fails the test. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Interim (1xx) statuses, which precede the final response on the same connection. */
    private static final int INTERIM_MIN = 100;

    private static final int INTERIM_MAX = 199;

    private RawHttp() {}

    /** A parsed response: status, headers with lower-case names, and the body as text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Response body is not JSON: " + body, e);
            }
        }
    }

    /** Sends {@code request} and returns the response; the request should close the connection. */
    public static Response exchange(URI base, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException e) {
                // The server may respond and close before the whole request is written (a 413).
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response from {@code socket}, whose request asked to close the connection. */
    public static Response readResponse(Socket socket) {
        try {
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a request: the head lines, {@code Connection: close}, then {@code body}. */
    public static byte[] request(String head, byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /** Returns {@code body} in chunks of {@code chunkBytes}, with the last chunk. */
    public static byte[] chunked(byte[] body, int chunkBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += chunkBytes) {
            int length = Math.min(chunkBytes, body.length - offset);
            bytes.writeBytes(
                    (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            bytes.write(body, offset, length);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        bytes.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return bytes.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                bytes.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            // A reset after the response arrived: keep what was read.
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new AssertionError("No complete HTTP response head in: " + text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        if (status >= INTERIM_MIN && status <= INTERIM_MAX) {
            // An interim response, such as 100 Continue: the final one follows.
            return parse(text.substring(headEnd + 4).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(headEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int length = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (length == 0) {
                return body.toString();
            }
            // Response bodies here are ASCII JSON, so characters and bytes agree.
            body.append(chunked, lineEnd + 2, lineEnd + 2 + length);
            at = lineEnd + 2 + length + 2;
        }
    }
}
