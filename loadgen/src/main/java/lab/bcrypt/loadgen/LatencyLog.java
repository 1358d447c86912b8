package lab.bcrypt.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * One latency series of an experiment: a thread-safe {@link Recorder}, an {@code .hlog} of 1-second
 * interval histograms, and the whole-run histogram written as {@code .hgrm}.
 *
 * <p>Values are nanoseconds. The histogram range is 1 µs to 10 minutes at 3 significant digits; a
 * value above the range is clamped to its top and counted in {@link #clampedCount()}, so no request
 * drops out of the counts.
 */
final class LatencyLog implements AutoCloseable {
    /** Resolution of 1 µs: loopback requests take tens of microseconds at the least. */
    static final long LOWEST_DISCERNIBLE_NANOS = 1_000L;

    /** Ten minutes covers any request timeout the load generator accepts. */
    static final long HIGHEST_TRACKABLE_NANOS = 600_000_000_000L;

    /** Three digits keep every percentile within 0.1% of the recorded value. */
    static final int SIGNIFICANT_DIGITS = 3;

    /** The {@code .hgrm} files are in milliseconds. */
    private static final double HGRM_SCALING_RATIO = 1_000_000.0;

    private static final int HGRM_TICKS_PER_HALF_DISTANCE = 5;

    private final Recorder recorder =
            new Recorder(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram total = newHistogram();
    private final Timeline timeline;
    private final Path hgrmFile;
    private final PrintStream hlogStream;
    private final HistogramLogWriter writer;
    private Histogram interval;
    private long intervalStartNanos;
    private long clamped;

    /** Opens {@code DIR/NAME.hlog} and later writes {@code DIR/NAME.hgrm}. */
    LatencyLog(Path directory, String name, Timeline timeline) throws IOException {
        this.timeline = timeline;
        this.hgrmFile = directory.resolve(name + ".hgrm");
        this.hlogStream =
                new PrintStream(
                        Files.newOutputStream(directory.resolve(name + ".hlog")),
                        false,
                        StandardCharsets.UTF_8);
        this.writer = new HistogramLogWriter(hlogStream);
        this.intervalStartNanos = timeline.startNanos();
        writer.outputComment("[" + name + " in nanoseconds, 1-second intervals]");
        writer.outputLogFormatVersion();
        writer.outputStartTime(timeline.startEpochMs());
        writer.setBaseTime(timeline.startEpochMs());
        writer.outputLegend();
    }

    static Histogram newHistogram() {
        return new Histogram(LOWEST_DISCERNIBLE_NANOS, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /** Records one value; safe from any thread. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        if (value > HIGHEST_TRACKABLE_NANOS) {
            synchronized (this) {
                clamped++;
            }
            value = HIGHEST_TRACKABLE_NANOS;
        }
        recorder.recordValue(value);
    }

    /** Closes the current interval at {@code nowNanos} and appends it to the {@code .hlog}. */
    synchronized void flushInterval(long nowNanos) {
        interval = recorder.getIntervalHistogram(interval);
        interval.setStartTimeStamp(timeline.epochMs(intervalStartNanos));
        interval.setEndTimeStamp(timeline.epochMs(nowNanos));
        intervalStartNanos = nowNanos;
        total.add(interval);
        writer.outputIntervalHistogram(interval);
        hlogStream.flush();
    }

    /** Returns the histogram of every interval flushed so far. */
    synchronized Histogram total() {
        return total;
    }

    synchronized long clampedCount() {
        return clamped;
    }

    /** Flushes the last interval, writes the {@code .hgrm} and closes the {@code .hlog}. */
    @Override
    public synchronized void close() throws IOException {
        flushInterval(System.nanoTime());
        hlogStream.close();
        try (PrintStream hgrm =
                new PrintStream(Files.newOutputStream(hgrmFile), false, StandardCharsets.UTF_8)) {
            total.outputPercentileDistribution(
                    hgrm, HGRM_TICKS_PER_HALF_DISTANCE, HGRM_SCALING_RATIO);
        }
    }
}
