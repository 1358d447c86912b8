package lab.bcrypt.hashing.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server module's main class run as its own JVM, as the lab runs it: SIGTERM under load, and 1000
 * concurrent connections from the load generator. A subclass per server supplies {@link
 * #mainClass()}.
 */
public abstract class ServerProcessTest {

    /** Registrations in flight when SIGTERM arrives. */
    private static final int IN_FLIGHT = 40;

    /** Registrations sent just after SIGTERM. */
    private static final int AFTER_SIGNAL = 10;

    /** Connections of the connection test, as the hardening rules ask. */
    private static final int CONNECTIONS = 1000;

    /** Time from SIGTERM to exit: the shutdown timeout plus the JVM's own exit, generously. */
    private static final Duration EXIT_LIMIT = LabServer.SHUTDOWN_TIMEOUT.plusSeconds(15);

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    /** The load generator's jar, built by the {@code loadgen} module of this reactor. */
    private static final Path LOADGEN_JAR = Path.of("..", "loadgen", "target", "loadgen.jar");

    private static final Duration LOADGEN_LIMIT = Duration.ofMinutes(3);

    /** The server's main class, for example {@code lab.bcrypt.blocking.BlockingServer}. */
    protected abstract String mainClass();

    @Test
    void sigtermDuringLoadLosesNoUser(@TempDir Path directory) throws Exception {
        HashTiming timing = HashTiming.atLeast(Duration.ofMillis(30));
        String database = "jdbc:h2:file:" + directory.resolve("users").toAbsolutePath();
        Process server =
                start("--port", "0", "--cost", Integer.toString(timing.cost()), "--db", database);
        try {
            ApiClient api = new ApiClient(listeningUri(server));
            List<CompletableFuture<ApiClient.ApiResponse>> responses = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                responses.add(api.postAsync("/api/users/register/", body(i)));
            }
            // Wait for the first response, so that hashes are running when SIGTERM arrives.
            CompletableFuture.anyOf(responses.toArray(CompletableFuture[]::new)).join();
            long signalledAt = System.nanoTime();
            server.destroy();
            // Registrations sent after the signal meet a stopping server: 503 or a refused
            // connection.
            for (int i = IN_FLIGHT; i < IN_FLIGHT + AFTER_SIGNAL; i++) {
                responses.add(api.postAsync("/api/users/register/", body(i)));
            }

            assertThat(server.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("exited within %s of SIGTERM", EXIT_LIMIT)
                    .isTrue();
            long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalledAt);
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> created = new ArrayList<>();
            for (int i = 0; i < responses.size(); i++) {
                String outcome = outcome(responses.get(i));
                outcomes.merge(outcome, 1, Integer::sum);
                if (outcome.equals("201")) {
                    created.add(name(i));
                }
                assertThat(outcome)
                        .as("outcome of registration %d", i)
                        .isIn("201", "503", "connection error");
            }
            System.out.printf(
                    Locale.ROOT,
                    "SIGTERM under load: %s, exit after %d ms%n",
                    outcomes,
                    exitMillis);

            try (UserStore users = UserStore.open(database)) {
                for (int i = 0; i < responses.size(); i++) {
                    assertThat(users.findByUsername(name(i)).isPresent())
                            .as("stored user for registration %d", i)
                            .isEqualTo(created.contains(name(i)));
                }
            }
        } finally {
            server.destroyForcibly();
        }
    }

    private static String outcome(CompletableFuture<ApiClient.ApiResponse> response) {
        try {
            return Integer.toString(response.join().status());
        } catch (CompletionException e) {
            // Refused, reset or closed before a response: the clean error the client can count.
            return "connection error";
        }
    }

    @Test
    void thousandConnectionsHaveNoTransportErrors(@TempDir Path directory) throws Exception {
        String missingJar =
                "Needs "
                        + LOADGEN_JAR
                        + ": run `mvn -B package -DskipTests` first, or"
                        + " `mvn -B verify` of the whole reactor, which builds loadgen first.";
        // CI builds the whole reactor, so there a missing jar is a failure, not a skip.
        if ("true".equals(System.getenv("CI"))) {
            assertThat(LOADGEN_JAR).as(missingJar).isRegularFile();
        }
        Assumptions.assumeTrue(Files.isRegularFile(LOADGEN_JAR), missingJar);
        Process server = start("--port", "0", "--cost", "4");
        try {
            URI base = listeningUri(server);
            Process loadgen =
                    new ProcessBuilder(
                                    javaCommand(),
                                    "-jar",
                                    LOADGEN_JAR.toString(),
                                    "burst",
                                    "--target",
                                    base.toString(),
                                    "--endpoint",
                                    "register",
                                    "--levels",
                                    Integer.toString(CONNECTIONS),
                                    "--warmup",
                                    "0",
                                    "--probe-rate",
                                    "0",
                                    "--label",
                                    "server",
                                    "--out",
                                    directory.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(directory.resolve("loadgen.log").toFile())
                            .start();
            assertThat(loadgen.waitFor(LOADGEN_LIMIT.toSeconds(), TimeUnit.SECONDS))
                    .as("loadgen finished within %s", LOADGEN_LIMIT)
                    .isTrue();
            assertThat(loadgen.exitValue()).as("loadgen exit status").isZero();

            JsonNode summary =
                    new ObjectMapper()
                            .readTree(directory.resolve("server/burst-1000/summary.json").toFile());
            System.out.printf(
                    Locale.ROOT,
                    "1000 connections: statusCounts %s, errors %s%n",
                    summary.path("statusCounts"),
                    summary.path("errors"));
            assertThat(summary.path("requests").asInt()).as("requests").isEqualTo(CONNECTIONS);
            assertThat(summary.path("transportErrors").asInt()).as("transport errors").isZero();
            assertThat(summary.path("notCompleted").asInt()).as("not completed").isZero();
            summary.path("statusCounts")
                    .fieldNames()
                    .forEachRemaining(status -> assertThat(status).as("status").isIn("201", "503"));
        } finally {
            server.destroy();
            if (!server.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * The same 1000 connections without the load generator, so that a build without its jar still
     * checks them: all are opened first, then each sends one registration, then every response is
     * read. A refused, reset or silent connection fails the test.
     */
    @Test
    void thousandConnectionsAllGetResponses() throws Exception {
        Process server = start("--port", "0", "--cost", "4");
        List<Socket> sockets = new ArrayList<>();
        try {
            URI base = listeningUri(server);
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                socket.setSoTimeout((int) LOADGEN_LIMIT.toMillis());
            }
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] body = body(i).getBytes(StandardCharsets.UTF_8);
                String head =
                        "POST /api/users/register/ HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/json\r\nContent-Length: "
                                + body.length
                                + "\r\n";
                OutputStream out = sockets.get(i).getOutputStream();
                out.write(RawHttp.request(head, body));
                out.flush();
            }

            Map<Integer, Integer> statusCounts = new TreeMap<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int status = RawHttp.readResponse(sockets.get(i)).status();
                statusCounts.merge(status, 1, Integer::sum);
                assertThat(status).as("status on connection %d", i).isIn(201, 503);
            }
            System.out.printf(Locale.ROOT, "1000 raw connections: %s%n", statusCounts);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            server.destroy();
            if (!server.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass());
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Reads the server's one stdout line and returns the URI it names. */
    private static URI listeningUri(Process server) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(out));
        String listening = line.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(listening).as("first stdout line").startsWith("listening on http://");
        return URI.create(listening.substring("listening on ".length()));
    }

    private static String readLine(BufferedReader out) {
        try {
            return out.readLine();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "term%d", i);
    }

    private static String body(int i) {
        return ApiClient.registration(
                name(i), String.format(Locale.ROOT, "term%d@example.org", i), "term-secret");
    }
}
