package lab.bcrypt.hashing.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A real HTTP client for tests, aimed at one server on loopback. */
public final class ApiClient {

    /** Per-request limit, far above any response a test waits for, so a hung server fails fast. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    public ApiClient(URI base) {
        this.base = base;
    }

    /** A response with the time from send to the complete body. */
    public record ApiResponse(HttpResponse<String> raw, long elapsedNanos) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Response body is not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public long elapsedMillis() {
            return Duration.ofNanos(elapsedNanos).toMillis();
        }
    }

    public ApiResponse get(String path) {
        return send("GET", path, null);
    }

    public ApiResponse post(String path, String body) {
        return send("POST", path, body);
    }

    public ApiResponse send(String method, String path, String body) {
        return sendAsync(method, path, body).join();
    }

    /**
     * Sends {@code body} with {@code contentType}: null sends {@code application/json} when there
     * is a body, and an empty string sends no {@code Content-Type}.
     */
    public ApiResponse send(String method, String path, String body, String contentType) {
        HttpRequest request = request(method, path, body, contentType);
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new ApiResponse(response, System.nanoTime() - start))
                .join();
    }

    public CompletableFuture<ApiResponse> postAsync(String path, String body) {
        return sendAsync("POST", path, body);
    }

    public CompletableFuture<ApiResponse> sendAsync(String method, String path, String body) {
        HttpRequest request = request(method, path, body);
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new ApiResponse(response, System.nanoTime() - start));
    }

    private HttpRequest request(String method, String path, String body) {
        return request(method, path, body, null);
    }

    private HttpRequest request(String method, String path, String body, String contentType) {
        HttpRequest.BodyPublisher publisher =
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(REQUEST_TIMEOUT)
                        .method(method, publisher);
        if (contentType != null && !contentType.isEmpty()) {
            builder.header("Content-Type", contentType);
        } else if (contentType == null && body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.build();
    }

    /** Returns a JSON registration body. */
    public static String registration(String username, String email, String password) {
        return json("username", username, "email", email, "password", password);
    }

    /** Returns a JSON login body. */
    public static String login(String username, String password) {
        return json("username", username, "password", password);
    }

    private static String json(String... keysAndValues) {
        var node = MAPPER.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node.toString();
    }
}
