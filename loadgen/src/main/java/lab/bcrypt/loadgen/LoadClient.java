package lab.bcrypt.loadgen;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous HTTP/1.1 client for one target, built on Jetty's {@link HttpClient}.
 *
 * <p>Jetty's defaults would distort a burst: at most 64 connections per destination, so request 65
 * waits inside the client for a free connection, and at most 1024 queued requests, after which it
 * rejects the request. This client raises both limits above the largest concurrency it is created
 * for, so every request in flight has its own connection and none waits in the client. Keep-alive
 * is on unless {@code closeEachConnection} is set, which sends {@code Connection: close} so each
 * request opens a new connection.
 */
final class LoadClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadClient.class);

    /** Connections the client may open beyond the requested concurrency (probe, retries). */
    private static final int CONNECTION_HEADROOM = 64;

    /**
     * Connect timeout: a loopback connect takes well under a millisecond unless the backlog is
     * full.
     */
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;

    /**
     * Connects in flight at once while opening a burst's connections. The lab's servers listen with
     * the JDK's default accept queue of 50. In a quick run, 1000 connects at once most likely
     * overflowed it, and 62 requests never reached the server before their 60 s timeout. Batches
     * below 50 keep the queue from filling while the server accepts promptly.
     */
    private static final int PRECONNECT_BATCH = 32;

    /** Jetty callback threads; responses are cheap to handle, so a few cover 1000 connections. */
    private static final int CLIENT_THREADS = 16;

    private final HttpClient http;
    private final URI base;
    private final Map<String, URI> uris = new ConcurrentHashMap<>();
    private final boolean closeEachConnection;

    /** Outcome of one request, delivered on a client thread. */
    interface Callback {
        /**
         * Called once per request.
         *
         * @param beginNanos when the request started on its connection, or -1 if it never did
         * @param endNanos when the response completed or the request failed
         * @param status the HTTP status, or 0 if no response arrived
         * @param failure the transport failure, or null
         */
        void onComplete(long beginNanos, long endNanos, int status, Throwable failure);
    }

    LoadClient(String baseUrl, int maxConcurrency, boolean closeEachConnection, String name) {
        this.base = URI.create(stripTrailingSlash(baseUrl));
        this.closeEachConnection = closeEachConnection;
        QueuedThreadPool threads = new QueuedThreadPool(CLIENT_THREADS);
        threads.setName("loadgen-" + name);
        threads.setDaemon(true);
        this.http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(maxConcurrency + CONNECTION_HEADROOM);
        http.setMaxRequestsQueuedPerDestination(maxConcurrency + CONNECTION_HEADROOM);
        http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        http.setFollowRedirects(false);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to start the HTTP client: " + e, e);
        }
    }

    private static String stripTrailingSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Sends one request without blocking; {@code body} is null for a GET. */
    void send(Endpoint endpoint, String body, long timeoutNanos, Callback callback) {
        send(endpoint.method(), endpoint.path(), body, timeoutNanos, callback);
    }

    void send(String method, String path, String body, long timeoutNanos, Callback callback) {
        Request request =
                http.newRequest(uris.computeIfAbsent(path, base::resolve))
                        .method(method)
                        .timeout(timeoutNanos, TimeUnit.NANOSECONDS)
                        // Jetty's client closes a connection idle for 30 s by default, even while
                        // it waits for a response. A queued request may wait longer than that.
                        .idleTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        if (body != null) {
            request.body(new StringRequestContent("application/json", body));
        }
        if (closeEachConnection) {
            request.headers(h -> h.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString()));
        }
        AtomicLong beginNanos = new AtomicLong(-1);
        request.onRequestBegin(r -> beginNanos.set(System.nanoTime()));
        request.send(
                result -> {
                    long endNanos = System.nanoTime();
                    int status =
                            result.getResponse() == null ? 0 : result.getResponse().getStatus();
                    Throwable failure = result.isFailed() ? result.getFailure() : null;
                    callback.onComplete(
                            beginNanos.get(), endNanos, failure == null ? status : 0, failure);
                });
    }

    /**
     * Opens {@code count} idle connections before the requests that will use them, so a burst's
     * dispatch is not slowed by {@code count} connects. The connects go out in batches of {@value
     * #PRECONNECT_BATCH}, each waiting for the last. Returns false and logs a warning if they did
     * not all open in time. The requests then open their own connections, and any connect failure
     * is counted against them.
     */
    boolean preconnect(int count, long timeoutNanos) throws InterruptedException {
        Destination destination = http.resolveDestination(http.newRequest(base));
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            for (int opened = 0; opened < count; opened += PRECONNECT_BATCH) {
                int batch = Math.min(PRECONNECT_BATCH, count - opened);
                destination
                        .getConnectionPool()
                        .preCreateConnections(batch)
                        .get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "Failed to open {} connections to {} in advance: {}",
                    count,
                    base,
                    e.toString());
            return false;
        }
    }

    /** Returns the absolute URI of {@code path} on this client's target. */
    URI uri(String path) {
        return uris.computeIfAbsent(path, base::resolve);
    }

    /** Sends a GET and blocks for the response; throws on a transport failure or timeout. */
    ContentResponse get(String path, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        return http.newRequest(uri(path)).timeout(timeoutMillis, TimeUnit.MILLISECONDS).send();
    }

    /** Sends a GET and blocks for its body; used for {@code /metrics}. Returns null on failure. */
    String getText(String path, long timeoutMillis) {
        try {
            var response =
                    http.newRequest(base.resolve(path))
                            .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                            .send();
            return response.getStatus() == 200 ? response.getContentAsString() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Failed to stop the HTTP client: " + e, e);
        }
    }
}
