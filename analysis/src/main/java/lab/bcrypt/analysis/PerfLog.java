package lab.bcrypt.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A server's performance log: one JSON object per request with {@code ts}, {@code path}, {@code
 * status}, {@code totalMicros} (from the moment the server first saw the request to the complete
 * response) and {@code queuedMicros} (from that moment to the handler's start, null when no handler
 * ran). {@code ts} is the wall-clock time of that first moment.
 */
final class PerfLog {

    /** Microseconds in a millisecond: the log records microseconds. */
    static final double MICROS_PER_MILLI = 1_000.0;

    /** Highest value tracked, 10 minutes in microseconds, the range of the lab's histograms. */
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One logged request; {@code queuedMicros} is negative when the log has none. */
    record Entry(long epochMs, String path, int status, long totalMicros, long queuedMicros) {}

    /** Server-side statistics of the requests logged in a time window. */
    record WindowStats(LatencyStats total, LatencyStats queued, long count) {}

    private final List<Entry> entries;
    private final int unreadableLines;
    private final String problem;

    private PerfLog(List<Entry> entries, int unreadableLines, String problem) {
        this.entries = entries;
        this.unreadableLines = unreadableLines;
        this.problem = problem;
    }

    /** Reads a perf log; a missing file, or one that is not UTF-8 text, gives an empty log. */
    static PerfLog read(Path file) {
        List<Entry> entries = new ArrayList<>();
        int unreadable = 0;
        if (!Files.isRegularFile(file)) {
            return new PerfLog(entries, 0, file + " not found");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String problem =
                    file
                            + " is unreadable: not UTF-8 text ("
                            + ResultsFileException.describe(e)
                            + ")";
            return new PerfLog(entries, 0, problem);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Entry entry = parse(line);
            if (entry == null) {
                unreadable++;
            } else {
                entries.add(entry);
            }
        }
        return new PerfLog(entries, unreadable, entries.isEmpty() ? file + " is empty" : null);
    }

    private static Entry parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.path("totalMicros").isNumber() || !node.path("ts").isTextual()) {
                return null;
            }
            return new Entry(
                    Instant.parse(node.path("ts").asText()).toEpochMilli(),
                    node.path("path").asText(""),
                    node.path("status").asInt(),
                    node.path("totalMicros").asLong(),
                    node.path("queuedMicros").isNumber() ? node.path("queuedMicros").asLong() : -1);
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    int unreadableLines() {
        return unreadableLines;
    }

    /** Returns why the log has no entries (not found, unreadable, empty), or null when it has. */
    String problem() {
        return problem;
    }

    /**
     * Summarizes the requests to paths containing {@code pathPart} that were logged between {@code
     * startEpochMs} and {@code endEpochMs}, both included.
     *
     * @return the statistics, or null when no request matches
     */
    WindowStats window(String pathPart, long startEpochMs, long endEpochMs) {
        Histogram total = new Histogram(1, HIGHEST_TRACKABLE_MICROS, Histograms.SIGNIFICANT_DIGITS);
        Histogram queued =
                new Histogram(1, HIGHEST_TRACKABLE_MICROS, Histograms.SIGNIFICANT_DIGITS);
        long count = 0;
        for (Entry entry : entries) {
            boolean inWindow = entry.epochMs() >= startEpochMs && entry.epochMs() <= endEpochMs;
            if (inWindow && entry.path().contains(pathPart)) {
                total.recordValue(clamp(entry.totalMicros()));
                if (entry.queuedMicros() >= 0) {
                    queued.recordValue(clamp(entry.queuedMicros()));
                }
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        return new WindowStats(
                LatencyStats.fromHistogram(total, MICROS_PER_MILLI),
                LatencyStats.fromHistogram(queued, MICROS_PER_MILLI),
                count);
    }

    /** Keeps a value inside the histogram's range: 0 becomes 1 µs, beyond 10 minutes is cut. */
    private static long clamp(long micros) {
        return Math.max(1, Math.min(micros, HIGHEST_TRACKABLE_MICROS));
    }
}
