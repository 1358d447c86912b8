package lab.bcrypt.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process HTTP server with known behaviour, on a loopback port chosen by the OS.
 *
 * <p>Health returns 200 at once; register sleeps {@code registerDelayMillis} and returns 201;
 * {@code /metrics} returns fixed Prometheus text. Every handler runs on a fixed pool of {@code
 * threads}, so a pool of 2 and a 50 ms delay cap registrations at 40 per second. With a stall set,
 * every request that arrives in the window from {@code stallAfterMillis} after the first request to
 * one {@code stallMillis} later waits until the window ends, like a server-wide pause.
 */
final class StubServer implements AutoCloseable {
    static final String METRICS_TEXT =
            String.join(
                    "\n",
                    "# HELP jvm_memory_used_bytes The amount of used memory",
                    "# TYPE jvm_memory_used_bytes gauge",
                    "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1000.0",
                    "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2000.0",
                    "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 5000.0",
                    "jetty_threads_busy 3.0",
                    "jetty_threads_jobs 7.0",
                    "jetty_threads_config_max 200.0",
                    "executor_active_threads{name=\"bcrypt\"} 2.0",
                    "executor_queued_tasks{name=\"bcrypt\"} 11.0",
                    "executor_pool_max_threads{name=\"bcrypt\"} 2.0",
                    "executor_queue_remaining_tasks{name=\"bcrypt\"} 64.0",
                    "bcrypt_rejected_total 4.0",
                    "");

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm and the client's delayed ACK add about 40 ms to every response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** The accept backlog: room for the largest burst the tests send. */
    private static final int BACKLOG = 1024;

    private final HttpServer server;
    private final ExecutorService pool;
    private final long registerDelayMillis;
    private final long stallAfterMillis;
    private final long stallMillis;
    private final AtomicLong firstRequestNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger registrations = new AtomicInteger();
    private final AtomicInteger healthRequests = new AtomicInteger();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    private StubServer(
            int threads,
            long registerDelayMillis,
            long stallAfterMillis,
            long stallMillis,
            int healthStatus,
            int registerStatus)
            throws IOException {
        this.registerDelayMillis = registerDelayMillis;
        this.stallAfterMillis = stallAfterMillis;
        this.stallMillis = stallMillis;
        this.pool = Executors.newFixedThreadPool(threads);
        this.server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
        server.setExecutor(pool);
        server.createContext(
                "/api/health/",
                exchange -> handle(exchange, healthStatus, "{\"status\":\"ok\"}", 0));
        server.createContext(
                "/api/users/register/",
                exchange -> {
                    registrations.incrementAndGet();
                    handle(exchange, registerStatus, "{\"id\":1}", registerDelayMillis);
                });
        server.createContext("/metrics", exchange -> handle(exchange, 200, METRICS_TEXT, 0));
        server.start();
    }

    /** A stub whose register handler takes {@code delayMillis} on a pool of {@code threads}. */
    static StubServer withDelay(int threads, long delayMillis) throws IOException {
        return new StubServer(threads, delayMillis, -1, 0, 200, 201);
    }

    /**
     * A stub that returns {@code healthStatus} to health and {@code registerStatus} to register, at
     * once, on a pool of 2.
     */
    static StubServer withStatuses(int healthStatus, int registerStatus) throws IOException {
        return new StubServer(2, 0, -1, 0, healthStatus, registerStatus);
    }

    /** A stub that pauses every request for a window of {@code stallMillis}. */
    static StubServer withStall(int threads, long stallAfterMillis, long stallMillis)
            throws IOException {
        return new StubServer(threads, 0, stallAfterMillis, stallMillis, 200, 201);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns how many client ports, so connections, sent health or register requests. */
    int clientPortCount() {
        return clientPorts.size();
    }

    int registrations() {
        return registrations.get();
    }

    int healthRequests() {
        return healthRequests.get();
    }

    private void handle(HttpExchange exchange, int status, String body, long delayMillis)
            throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                // The resource sampler's /metrics connection is not part of the load.
                clientPorts.add(exchange.getRemoteAddress().getPort());
            }
            if (exchange.getRequestURI().getPath().startsWith("/api/health")) {
                healthRequests.incrementAndGet();
            }
            waitOutStall();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitOutStall() throws InterruptedException {
        if (stallAfterMillis < 0) {
            return;
        }
        long now = System.nanoTime();
        firstRequestNanos.compareAndSet(Long.MIN_VALUE, now);
        long stallStart = firstRequestNanos.get() + TimeUnit.MILLISECONDS.toNanos(stallAfterMillis);
        long stallEnd = stallStart + TimeUnit.MILLISECONDS.toNanos(stallMillis);
        if (now - stallStart >= 0 && now - stallEnd < 0) {
            TimeUnit.NANOSECONDS.sleep(stallEnd - now);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
