package lab.bcrypt.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Sends health requests at a fixed rate while an experiment runs, on a client and connections of
 * its own, and times each from its intended send time.
 *
 * <p>The probe answers the lab's question: does a health check still get through while the server
 * hashes passwords? A request that fails or times out is counted as an error and recorded at its
 * elapsed time, so a stalled server shows as a tail, never as a gap. Writes {@code probe.hlog},
 * {@code probe.hgrm} and {@code probe-series.csv}, one row per second of the experiment keyed by
 * each request's intended send time.
 */
final class HealthProbe implements AutoCloseable {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Connections beyond the most probe requests that can be in flight at once. */
    private static final int CONNECTION_HEADROOM = 8;

    private final double ratePerSec;
    private final long timeoutNanos;
    private final Timeline timeline;
    private final Path seriesFile;
    private final LoadClient client;
    private final LatencyLog latency;
    private final OutcomeCounts counts = new OutcomeCounts();
    private final TreeMap<Long, SecondBucket> seconds = new TreeMap<>();
    private final InFlight inFlight = new InFlight();
    private final RateScheduler scheduler;

    private static final class SecondBucket {
        final Histogram latency = LatencyLog.newHistogram();
        long requests;
        long errors;
    }

    HealthProbe(
            String target, double ratePerSec, long timeoutNanos, Path directory, Timeline timeline)
            throws IOException {
        this.ratePerSec = ratePerSec;
        this.timeoutNanos = timeoutNanos;
        this.timeline = timeline;
        this.seriesFile = directory.resolve("probe-series.csv");
        this.client =
                new LoadClient(
                        target, (int) maxConnections(ratePerSec, timeoutNanos), false, "probe");
        this.latency = new LatencyLog(directory, "probe", timeline);
        this.scheduler =
                new RateScheduler(
                        "probe", ratePerSec, System.nanoTime(), Long.MAX_VALUE, this::send);
    }

    /**
     * Returns the most connections a probe at {@code ratePerSec} may hold: one per request that can
     * be in flight within {@code timeoutNanos}, plus headroom.
     */
    static long maxConnections(double ratePerSec, long timeoutNanos) {
        return (long) Math.ceil(ratePerSec * timeoutNanos / NANOS_PER_SECOND) + CONNECTION_HEADROOM;
    }

    private void send(long index, long intendedNanos) {
        inFlight.started();
        client.send(
                Endpoint.HEALTH,
                null,
                timeoutNanos,
                (beginNanos, endNanos, status, failure) -> {
                    try {
                        record(intendedNanos, endNanos, status, failure);
                    } finally {
                        inFlight.finished();
                    }
                });
    }

    private void record(long intendedNanos, long endNanos, int status, Throwable failure) {
        long latencyNanos = endNanos - intendedNanos;
        latency.record(latencyNanos);
        boolean error = counts.record(status, Endpoint.HEALTH.expectedStatus(), failure) != null;
        long second = (intendedNanos - timeline.startNanos()) / NANOS_PER_SECOND;
        synchronized (seconds) {
            SecondBucket bucket =
                    seconds.computeIfAbsent(Math.max(0, second), s -> new SecondBucket());
            bucket.requests++;
            bucket.errors += error ? 1 : 0;
            bucket.latency.recordValue(
                    Math.min(LatencyLog.HIGHEST_TRACKABLE_NANOS, Math.max(0, latencyNanos)));
        }
    }

    void flushInterval(long nowNanos) {
        latency.flushInterval(nowNanos);
    }

    /** Stops sending and waits for the requests in flight, at most one probe timeout. */
    void stop() throws InterruptedException {
        scheduler.stop();
        inFlight.awaitZero(timeoutNanos + NANOS_PER_SECOND);
    }

    double ratePerSec() {
        return ratePerSec;
    }

    OutcomeCounts counts() {
        return counts;
    }

    Histogram latency() {
        return latency.total();
    }

    /**
     * Returns the second with the highest maximum latency: {@code {tMs, maxNanos}}, or null if
     * none.
     */
    long[] worstSecond() {
        synchronized (seconds) {
            long[] worst = null;
            for (Map.Entry<Long, SecondBucket> entry : seconds.entrySet()) {
                long max = entry.getValue().latency.getMaxValue();
                if (worst == null || max > worst[1]) {
                    worst = new long[] {entry.getKey() * 1000, max};
                }
            }
            return worst;
        }
    }

    /** Stops the client, closes the logs and writes {@code probe-series.csv}. */
    @Override
    public void close() throws IOException {
        client.close();
        latency.close();
        writeSeries();
    }

    private void writeSeries() throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(seriesFile, StandardCharsets.UTF_8)) {
            out.write("tMs,requests,errors,p50Ms,p99Ms,maxMs\n");
            synchronized (seconds) {
                long last = seconds.isEmpty() ? -1 : seconds.lastKey();
                for (long second = 0; second <= last; second++) {
                    out.write(seriesRow(second, seconds.get(second)));
                }
            }
        }
    }

    private static String seriesRow(long second, SecondBucket bucket) {
        long tMs = second * 1000;
        if (bucket == null) {
            return String.format(Locale.ROOT, "%d,0,0,,,%n", tMs);
        }
        Histogram h = bucket.latency;
        return String.format(
                Locale.ROOT,
                "%d,%d,%d,%.3f,%.3f,%.3f%n",
                tMs,
                bucket.requests,
                bucket.errors,
                Units.toMillis(h.getValueAtPercentile(50)),
                Units.toMillis(h.getValueAtPercentile(99)),
                Units.toMillis(h.getMaxValue()));
    }
}
