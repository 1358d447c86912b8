package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Random bodies and headers against a real server: never a 5xx other than the documented 503, every
 * error a JSON object with {@code error} and {@code message}, and health returns 200 after each
 * try. A subclass per server supplies {@link #execution()}. Tries are bounded so the properties of
 * one server take well under a minute.
 */
public abstract class ServerFuzzProperties {

    /** Tries per property: about a second of requests each at cost 4, with shrinking to spare. */
    private static final int TRIES = 300;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> PATHS =
            List.of(
                    "/api/users/register/",
                    "/api/users/register",
                    "/api/users/login/",
                    "/api/health/",
                    "/metrics",
                    "/api/users/");

    private LabServer server;
    private ApiClient client;

    /** The execution of the server under test. */
    protected abstract HashExecution.Factory execution();

    @BeforeProperty
    void startServer() {
        server = LabServer.start(new ServerOptions().port(0).cost(4), execution());
        client = new ApiClient(server.baseUri());
    }

    @AfterProperty
    void stopServer() {
        server.close();
    }

    @Property(tries = TRIES)
    void randomBodiesGetNo5xx(
            @ForAll("paths") String path,
            @ForAll("contentTypes") String contentType,
            @ForAll("bodies") String body) {
        ApiClient.ApiResponse response = client.send("POST", path, body, contentType);

        assertAnswered(response.status(), response.body());
        assertHealthy();
    }

    @Property(tries = TRIES)
    void randomHeadersGetNo5xx(
            @ForAll("paths") String path,
            @ForAll("headerNames") String name,
            @ForAll("headerValues") String value) {
        byte[] body =
                ApiClient.login(ApiCase.SEED_USERNAME, "fuzz-secret")
                        .getBytes(StandardCharsets.UTF_8);
        String head =
                "POST "
                        + path
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: "
                        + body.length
                        + "\r\n"
                        + name
                        + ": "
                        + value
                        + "\r\n";

        RawHttp.Response response = RawHttp.exchange(server.baseUri(), RawHttp.request(head, body));

        assertAnswered(response.status(), response.body());
        assertHealthy();
    }

    private static void assertAnswered(int status, String body) {
        assertThat(status).as("status").isBetween(200, 599);
        assertThat(status >= 500 && status != 503).as("5xx other than 503: " + status).isFalse();
        if (status >= 400) {
            JsonNode json = parse(body);
            assertThat(json.path("error").isTextual()).as("error code in " + body).isTrue();
            assertThat(json.path("message").isTextual()).as("message in " + body).isTrue();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("Error body is not JSON: " + body, e);
        }
    }

    private void assertHealthy() {
        assertThat(client.get("/api/health/").status()).as("health").isEqualTo(200);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "application/json; charset=utf-16",
                        "text/plain",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x",
                        ApiCase.NO_CONTENT_TYPE),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                jsonObjects(),
                jsonObjects()
                        .flatMap(
                                json ->
                                        Arbitraries.integers()
                                                .between(0, json.length())
                                                .map(json::substring)),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().ofMaxLength(6000).withCharRange(' ', '~'),
                Arbitraries.of(
                        "", "null", "[]", "{}", "42", "\"x\"", "true", "{\"a\":1}{", "{}{}"));
    }

    /** JSON objects with the API's keys and others, holding values of every JSON type. */
    private static Arbitrary<String> jsonObjects() {
        Arbitrary<String> keys =
                Arbitraries.oneOf(
                        Arbitraries.of("username", "email", "password"),
                        Arbitraries.strings().ofMaxLength(10));
        Arbitrary<Object> values =
                Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(80).map(s -> (Object) s),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(3)
                                .ofMaxLength(12)
                                .map(s -> (Object) s),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(1)
                                .ofMaxLength(8)
                                .map(s -> (Object) (s + "@example.org")),
                        Arbitraries.integers().map(i -> (Object) i),
                        Arbitraries.of(true, false).map(b -> (Object) b),
                        Arbitraries.just(null),
                        Arbitraries.strings()
                                .ofMaxLength(5)
                                .list()
                                .ofMaxSize(3)
                                .map(l -> (Object) l),
                        Arbitraries.just((Object) Map.of("nested", List.of(1, "two"))));
        return Combinators.combine(keys.list().ofMaxSize(5), values.list().ofSize(5))
                .as(ServerFuzzProperties::toJson);
    }

    private static String toJson(List<String> keys, List<Object> values) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            object.put(keys.get(i), values.get(i));
        }
        try {
            return MAPPER.writeValueAsString(object);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "Content-Type",
                        "Content-Length",
                        "Transfer-Encoding",
                        "Expect",
                        "Accept",
                        "Accept-Charset",
                        "Content-Encoding",
                        "Connection",
                        "Host",
                        "X-Forwarded-For"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        "chunked",
                        "gzip",
                        "100-continue",
                        "-1",
                        "99999999999999999999",
                        "text/html",
                        "application/json; charset=latin1"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(50),
                Arbitraries.strings()
                        .withCharRange(' ', '~')
                        .ofMinLength(9000)
                        .ofMaxLength(20_000));
    }
}
