package lab.bcrypt.loadgen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Records every request of one experiment: response time from the intended send time, service time
 * from the moment the request started on its connection, send lag, and the outcome counts.
 *
 * <p>Every outcome is recorded in the response-time histogram, errors included, so its count equals
 * the number of requests. A request that timed out is recorded at the time it was given up, which
 * is a lower bound of its real latency.
 */
final class ExperimentRecorder implements AutoCloseable {
    private final LatencyLog responseTime;
    private final LatencyLog serviceTime;
    private final Histogram sendLag = LatencyLog.newHistogram();
    private final OutcomeCounts counts = new OutcomeCounts();
    private final Progress progress;
    private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param keepServiceTime whether service time differs from response time in this model and gets
     *     its own {@code service.hlog}
     */
    ExperimentRecorder(
            Path directory, Timeline timeline, boolean keepServiceTime, Progress progress)
            throws IOException {
        this.responseTime = new LatencyLog(directory, "latency", timeline);
        this.serviceTime = keepServiceTime ? new LatencyLog(directory, "service", timeline) : null;
        this.progress = progress;
    }

    /**
     * Records one completed or failed request.
     *
     * @param intendedNanos when the model meant to send it
     * @param sendNanos when the load generator handed it to the client
     * @param beginNanos when it started on a connection, or -1 if it never did
     */
    void record(
            long intendedNanos,
            long sendNanos,
            long beginNanos,
            long endNanos,
            int status,
            int expectedStatus,
            Throwable failure) {
        responseTime.record(endNanos - intendedNanos);
        if (serviceTime != null) {
            serviceTime.record(endNanos - (beginNanos >= 0 ? beginNanos : sendNanos));
        }
        synchronized (sendLag) {
            sendLag.recordValue(
                    Math.min(LatencyLog.HIGHEST_TRACKABLE_NANOS, sendNanos - intendedNanos));
        }
        lastEndNanos.accumulateAndGet(endNanos, Math::max);
        ErrorKind kind = counts.record(status, expectedStatus, failure);
        progress.recordDone(kind != null);
    }

    void flushInterval(long nowNanos) {
        responseTime.flushInterval(nowNanos);
        if (serviceTime != null) {
            serviceTime.flushInterval(nowNanos);
        }
    }

    /** When the last recorded request ended, or {@link Long#MIN_VALUE} if none did. */
    long lastEndNanos() {
        return lastEndNanos.get();
    }

    OutcomeCounts counts() {
        return counts;
    }

    Histogram responseTime() {
        return responseTime.total();
    }

    /** Returns the service-time histogram, or null when this model does not keep one. */
    Histogram serviceTime() {
        return serviceTime == null ? null : serviceTime.total();
    }

    Histogram sendLag() {
        synchronized (sendLag) {
            return sendLag.copy();
        }
    }

    long clampedCount() {
        return responseTime.clampedCount();
    }

    @Override
    public void close() throws IOException {
        responseTime.close();
        if (serviceTime != null) {
            serviceTime.close();
        }
    }
}
