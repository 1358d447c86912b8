package lab.bcrypt.analysis;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads the HdrHistogram interval logs ({@code .hlog}) of a results directory. */
final class Histograms {

    /** Nanoseconds in a millisecond: {@code .hlog} values are nanoseconds. */
    static final double NANOS_PER_MILLI = 1_000_000.0;

    /** Highest value tracked, 10 minutes in nanoseconds, as the results format states. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    /** Significant digits, as the results format states. */
    static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {}

    /** One interval of an {@code .hlog}: its start relative to the first interval, in seconds. */
    record Interval(double startSeconds, Histogram histogram) {
        LatencyStats stats() {
            return LatencyStats.fromHistogram(histogram, NANOS_PER_MILLI);
        }
    }

    /** Returns a histogram with the range and precision every file of the lab uses. */
    static Histogram newNanosHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    }

    /**
     * Reads every interval of an {@code .hlog} in order.
     *
     * @return the intervals, empty when the file does not exist
     * @throws ResultsFileException when the file is not a valid interval log
     */
    static List<Interval> readIntervals(Path hlog) {
        if (hlog == null || !Files.isRegularFile(hlog)) {
            return new ArrayList<>();
        }
        try {
            return decodeIntervals(hlog);
        } catch (FileNotFoundException e) {
            throw new ResultsFileException(hlog, "cannot open it", e);
        } catch (RuntimeException e) {
            // HdrHistogram reports a corrupt line with whatever its decoder throws: base64,
            // compression or number format errors, all unchecked.
            throw new ResultsFileException(hlog, "not a valid HdrHistogram interval log", e);
        }
    }

    private static List<Interval> decodeIntervals(Path hlog) throws FileNotFoundException {
        List<Interval> intervals = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        try {
            Long firstStartMillis = null;
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof Histogram histogram)) {
                    continue;
                }
                if (firstStartMillis == null) {
                    firstStartMillis = histogram.getStartTimeStamp();
                }
                double startSeconds = (histogram.getStartTimeStamp() - firstStartMillis) / 1000.0;
                intervals.add(new Interval(startSeconds, histogram));
            }
        } finally {
            reader.close();
        }
        return intervals;
    }

    /** Adds every interval of an {@code .hlog} into one histogram; null when there is none. */
    static Histogram readMerged(Path hlog) {
        List<Interval> intervals = readIntervals(hlog);
        if (intervals.isEmpty()) {
            return null;
        }
        Histogram merged = newNanosHistogram();
        for (Interval interval : intervals) {
            merged.add(interval.histogram());
        }
        return merged;
    }
}
