package lab.bcrypt.hashing.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * Times every request from the earliest moment the server saw it: Jetty's request begin time, or
 * earlier when the request had to wait in the request pool's queue before a thread parsed it (see
 * {@link RequestThreads}): when the job reading it was queued, or, for the first request of a new
 * connection whose bytes were already waiting, when the job opening the connection was queued. The
 * start is never earlier than the connection's opening or the previous response on it (see {@link
 * ConnectionClock}). Javalin's own request logger starts its clock when the handler context is
 * created and so misses all of these waits.
 *
 * <p>Jetty calls {@link #log} when the response is complete, its last byte written. For each
 * request it records the timer {@code http_server_requests_seconds} tagged by method, route and
 * status, and writes a line to the {@link PerfLog} if there is one.
 */
final class RequestObserver implements RequestLog {

    /** Route tag of requests that matched no route, so unknown paths add no tag values. */
    static final String UNMATCHED_ROUTE = "unmatched";

    private static final long NANOS_PER_MICRO = 1000;

    private final MeterRegistry registry;
    private final PerfLog perfLog;
    private final ConnectionClocks clocks = new ConnectionClocks();

    /** Creates an observer; {@code perfLog} may be null for no performance log. */
    RequestObserver(MeterRegistry registry, PerfLog perfLog) {
        this.registry = registry;
        this.perfLog = perfLog;
    }

    /** The listener that stamps new connections; add it to each connector. */
    Connection.Listener connectionListener() {
        return clocks;
    }

    @Override
    public void log(Request request, Response response) {
        long endNanos = System.nanoTime();
        long beginNanos = firstSeenNanos(request, endNanos);
        long totalNanos = endNanos - beginNanos;
        int status = response.getStatus();

        Timer.builder("http.server.requests")
                .description(
                        "Server time from the first sight of the request to the complete response")
                .tag("method", request.getMethod())
                .tag("route", route(request))
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(totalNanos, TimeUnit.NANOSECONDS);

        if (perfLog != null) {
            long queuedNanos = queuedNanos(request, beginNanos);
            perfLog.write(
                    Instant.now().minusNanos(totalNanos),
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    status,
                    totalNanos / NANOS_PER_MICRO,
                    queuedNanos < 0 ? -1 : queuedNanos / NANOS_PER_MICRO);
        }
    }

    private static String route(Request request) {
        Object route = request.getAttribute(Routes.ROUTE_ATTRIBUTE);
        return route instanceof String template ? template : UNMATCHED_ROUTE;
    }

    private long firstSeenNanos(Request request, long endNanos) {
        long begin = request.getBeginNanoTime();
        long first = begin;
        Object jobQueuedAt = request.getAttribute(Routes.JOB_QUEUED_AT_ATTRIBUTE);
        if (jobQueuedAt instanceof Long queuedAt) {
            first = earlier(first, queuedAt);
        }
        ConnectionClock clock = clocks.get(request.getConnectionMetaData().getConnection());
        if (clock != null) {
            first = clock.bound(first, begin, endNanos);
        }
        return first;
    }

    /** Returns the wait from the start to the first handler, or -1 when no handler ran. */
    private static long queuedNanos(Request request, long startNanos) {
        Object handlerStart = request.getAttribute(Routes.HANDLER_START_ATTRIBUTE);
        return handlerStart instanceof Long handlerStartNanos ? handlerStartNanos - startNanos : -1;
    }

    /** Returns the earlier of two {@link System#nanoTime()} values, which may wrap around. */
    private static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /** Returns the later of two {@link System#nanoTime()} values, which may wrap around. */
    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    /**
     * The timing state of one connection. Requests on an HTTP/1.1 connection follow one another, so
     * none can have started before the connection opened or before the previous response on it
     * completed: that moment is the connection's floor. A job stamp older than the floor belongs to
     * a job that was queued for something else, such as Jetty's selector, and ran this request on
     * the side.
     */
    private static final class ConnectionClock {

        /**
         * Maximum gap between the opening and the first read that still counts as data already
         * waiting. One select cycle takes microseconds; 10 ms also covers a selector thread delayed
         * by CPU contention, and bounds the error for a client that sends just after connecting.
         */
        private static final long WAITING_DATA_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

        private final long openedAtNanos;
        private volatile long floorNanos;
        private volatile boolean firstRequest = true;

        ConnectionClock(long openingQueuedAtNanos, long openedAtNanos) {
            this.floorNanos = openingQueuedAtNanos;
            this.openedAtNanos = openedAtNanos;
        }

        /**
         * Returns the start of a request first read at {@code firstRead} and parsed at {@code
         * begin}, kept between the floor and {@code begin}, and moves the floor to {@code end}.
         */
        long bound(long firstRead, long begin, long end) {
            long first = firstRead;
            // NOTE: a heuristic. The server cannot see when bytes arrived on a connection that was
            // not yet open: a first request read within the window after the opening is timed
            // from when the opening job was queued.
            if (firstRequest && firstRead - openedAtNanos <= WAITING_DATA_WINDOW_NANOS) {
                first = floorNanos;
            }
            first = later(first, floorNanos);
            first = earlier(first, begin);
            firstRequest = false;
            floorNanos = end;
            return first;
        }
    }

    /** Keeps a {@link ConnectionClock} per open connection. */
    private static final class ConnectionClocks implements Connection.Listener {
        private final Map<Connection, ConnectionClock> clocks = new ConcurrentHashMap<>();

        @Override
        public void onOpened(Connection connection) {
            long now = System.nanoTime();
            // NOTE: if the job opening the connection is a long-running one, such as Jetty's
            // selector loop, its stamp predates the connection. One perf.log line in a default run
            // logged 22.7 s where the client saw at most 269 ms; the analysis flags such lines. The
            // acceptor's accept time (SelectorManager.AcceptListener) would be a floor that cannot
            // be stale.
            Long jobQueuedAt = RequestThreads.jobQueuedAtNanos();
            clocks.put(
                    connection, new ConnectionClock(jobQueuedAt != null ? jobQueuedAt : now, now));
        }

        @Override
        public void onClosed(Connection connection) {
            clocks.remove(connection);
        }

        ConnectionClock get(Connection connection) {
            return connection == null ? null : clocks.get(connection);
        }
    }
}
